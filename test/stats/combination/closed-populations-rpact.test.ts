/**
 * The closed combination test over two to four populations and two or three
 * stages against rpact 3.3.4's own closed test for enrichment simulations
 * (test/fixtures/enrichment-general-rpact.R, .md §3): fixed stage-wise
 * p-values, populations dropped at later stages, p = 0 and p = 1,
 * O'Brien-Fleming critical values with early rejections carried forward;
 * per case every intersection's stage-wise p-value and combined statistic
 * at every stage, and each population's rejection by stage.
 *
 * Two rpact behaviours are not copied, and the fixture records both ways:
 * at the last stage rpact evaluates no intersection when the global one
 * fails its own last-stage test ("final-stage shortcut"), which can only
 * lose rejections that earlier-stage rejections make valid: we compare with
 * `rejectedWithoutFinalStageShortcut`; and rpact's Fisher design spends
 * alpha at every stage with weighted products, while trialsim's Fisher
 * combination tests at the last stage only: those cases are left out.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { ClosedCombinationTest, type IntersectionTest } from '../../../src/stats/combination/closed-populations.js';

interface Design { type: string; criticalValues: number[]; weights: number[]; alpha: number }
interface Case {
  id: string; design: string; gMax: number; kMax: number; intersectionTest: string;
  separatePValues: Record<string, (number | null)[]>;
  selected: Record<string, boolean[]>;
  subjectsPerStage?: Record<string, number[]>;
  adjustedStageWisePValues: (number | null)[][];
  combined: (number | null)[][];
  rejectedWithoutFinalStageShortcut: Record<string, boolean[]>;
  finalStageShortcutMatters: boolean;
}
const fixture = JSON.parse(readFileSync('test/fixtures/enrichment-general-rpact.json', 'utf8')) as {
  designs: Record<string, Design>; hypothesisSystems: Record<string, { populations: string[]; rows: string[][] }>; closedTests: Case[];
};
const TESTS: Record<string, IntersectionTest> = { Bonferroni: 'bonferroni', Simes: 'simes', Sidak: 'sidak', SpiessensDebois: 'spiessens-debois' };
const inverseNormal = fixture.closedTests.filter((c) => fixture.designs[c.design].type === 'inverseNormal');

/** trialsim's populations: F first, then rpact's subpopulations in their order. */
const ours = (rpactPopulations: string[]) => ['F', ...rpactPopulations.filter((x) => x !== 'F')];

describe('closed test over several populations and stages against rpact', () => {
  it('covers three and four populations, two and three stages, every intersection test, dropped populations and the edge p-values', () => {
    expect(inverseNormal.length).toBeGreaterThanOrEqual(100);
    expect(new Set(inverseNormal.map((c) => c.gMax))).toEqual(new Set([2, 3, 4]));
    expect(new Set(inverseNormal.map((c) => c.kMax))).toEqual(new Set([2, 3]));
    expect(new Set(inverseNormal.map((c) => c.intersectionTest))).toEqual(new Set(Object.keys(TESTS)));
    const ps = inverseNormal.flatMap((c) => Object.values(c.separatePValues).flat());
    expect(ps).toContain(0);
    expect(ps).toContain(1);
    expect(inverseNormal.some((c) => Object.values(c.selected).some((s) => s.includes(false)))).toBe(true);
    expect(inverseNormal.some((c) => c.finalStageShortcutMatters)).toBe(true);
  });

  it.each(inverseNormal.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const design = fixture.designs[c.design];
    const system = fixture.hypothesisSystems[String(c.gMax)];
    const populations = ours(system.populations);
    const test = new ClosedCombinationTest({ populations: c.gMax, test: TESTS[c.intersectionTest], combination: 'inverse-normal', weights: design.weights, critical: design.criticalValues, alpha: design.alpha });
    const maskOf = (row: string[]) => row.reduce((m, h) => m | (1 << populations.indexOf(h)), 0);
    for (let k = 0; k < c.kMax; k++) {
      const p = populations.map((h) => (c.selected[h][k] && c.separatePValues[h][k] !== null ? c.separatePValues[h][k]! : NaN));
      // Spiessens-Debois: the correlation √(n_S / n_F) of the stage's subjects.
      const n = c.subjectsPerStage;
      test.addStage(p, () => (n ? Math.sqrt(n.S[k] / (n.S[k] + n.R[k])) : 0));
      system.rows.forEach((row, i) => {
        const mask = maskOf(row);
        const wantP = c.adjustedStageWisePValues[i][k], wantZ = c.combined[i][k];
        const digits = c.intersectionTest === 'SpiessensDebois' ? 8 : 12;
        if (wantP === null) expect(Number.isNaN(test.stageP[mask]), `${row.join('∩')} stage ${k + 1}: no p-value`).toBe(true);
        else expect(test.stageP[mask], `${row.join('∩')} stage ${k + 1} p`).toBeCloseTo(wantP, digits);
        if (wantZ === null) expect(Number.isNaN(test.combined[mask]), `${row.join('∩')} stage ${k + 1}: no statistic`).toBe(true);
        else expect(test.combined[mask], `${row.join('∩')} stage ${k + 1} z`).toBeCloseTo(wantZ, digits - 2);
      });
      for (const h of populations) {
        expect(test.rejected(populations.indexOf(h)), `${h} rejected by stage ${k + 1}`).toBe(c.rejectedWithoutFinalStageShortcut[h][k]);
      }
    }
  });
});
