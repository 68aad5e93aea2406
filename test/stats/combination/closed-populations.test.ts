/**
 * The closed combination test (src/stats/combination/closed-populations.ts)
 * with two nested populations against rpact
 * (test/fixtures/enrichment-rpact.R: rpact 3.3.4's closed combination test
 * for enrichment simulations, fed constructed stage results): per case the
 * stage-wise intersection p-values, the combined statistics and the
 * decisions, for Bonferroni, Simes, Šidák and Spiessens-Debois, including
 * p = 0, p = 1 and a population not selected.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { intersectionP as generalP, inverseNormal, fisherCombination, ClosedCombinationTest, type IntersectionTest, type Combination } from '../../../src/stats/combination/closed-populations.js';

/** Two populations, F (0) and S (1), through the general closed test; `rho` the correlation of their statistics. */
interface StageP { s: number; f: number }
function intersectionP(test: IntersectionTest, p: StageP, rho: number): number {
  const members = [0, 1].filter((g) => !Number.isNaN(g === 0 ? p.f : p.s));
  return generalP(test, members.map((g) => (g === 0 ? p.f : p.s)), members, () => rho);
}
function closedTest(stages: StageP[], rhos: number[], test: IntersectionTest, combination: Combination, critical: number, alpha: number) {
  const t = new ClosedCombinationTest({ populations: 2, test, combination, weights: w, critical: [Infinity, critical], alpha });
  stages.forEach((p, j) => t.addStage([p.f, p.s], () => rhos[j]));
  return { rejectS: t.rejected(1), rejectF: t.rejected(0), zS: t.combined[2], zF: t.combined[1], zIntersection: t.combined[3], pS: t.combined[2], pF: t.combined[1], pIntersection: t.combined[3] };
}
const closedInverseNormal = (stages: StageP[], rhos: number[], _w: number[], test: IntersectionTest, critical: number) => closedTest(stages, rhos, test, 'inverse-normal', critical, NaN);
const closedFisher = (stages: StageP[], rhos: number[], test: IntersectionTest, alpha: number) => closedTest(stages, rhos, test, 'fisher', Infinity, alpha);

interface Case {
  id: string; intersectionTest: string; p1: { S: number; F: number }; p2: { S: number | null; F: number | null };
  subjects?: { stage1: { S: number; R: number }; stage2: { S: number; R: number } };
  adjustedStageWisePValues: { SF: (number | null)[] };
  combined: Record<'SF' | 'F' | 'S', { stage1: number | null; stage2: number | null }>;
  futilityStopStage1: boolean; reject: { S: boolean; F: boolean }; criticalValue: number;
}
const fixture = JSON.parse(readFileSync('test/fixtures/enrichment-rpact.json', 'utf8')) as { closedTests: Case[] };
const TESTS: Record<string, IntersectionTest> = { Bonferroni: 'bonferroni', Simes: 'simes', Sidak: 'sidak', SpiessensDebois: 'spiessens-debois' };
const w = [Math.sqrt(0.5), Math.sqrt(0.5)];
const nan = (x: number | null) => (x === null ? NaN : x);

describe('closed inverse normal test of S and F against rpact', () => {
  const cases = fixture.closedTests;
  it('covers at least 20 p-value sets with every intersection test and the edge cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.intersectionTest))).toEqual(new Set(Object.keys(TESTS)));
    expect(cases.some((c) => c.p2.F === null) && cases.some((c) => c.p2.S === null)).toBe(true);
    expect(cases.some((c) => c.p1.S === 0 || c.p1.F === 0) && cases.some((c) => c.p1.S === 1 && c.p1.F === 1)).toBe(true);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const test = TESTS[c.intersectionTest];
    const stages = [{ s: c.p1.S, f: c.p1.F }, { s: nan(c.p2.S), f: nan(c.p2.F) }];
    const rho = (st?: { S: number; R: number }) => (st ? Math.sqrt(st.S / (st.S + st.R)) : 0.4 ** 0.5);
    const rhos = [rho(c.subjects?.stage1), rho(c.subjects?.stage2)];
    stages.forEach((p, j) => {
      const want = c.adjustedStageWisePValues.SF[j];
      if (want !== null) expect(intersectionP(test, p, rhos[j])).toBeCloseTo(want, test === 'spiessens-debois' ? 6 : 12);
    });
    const d = closedInverseNormal(stages, rhos, w, test, c.criticalValue);
    for (const [key, got] of [['SF', d.zIntersection], ['F', d.zF], ['S', d.zS]] as const) {
      const want = c.combined[key].stage2;
      if (want !== null) expect(got).toBeCloseTo(want, test === 'spiessens-debois' ? 5 : 9);
      if (want === null) expect(Number.isNaN(got)).toBe(true);
    }
    // rpact stops for futility when an intersection's stage-1 statistic is at or below -6 (its default bound); this test has no futility stop.
    if (!c.futilityStopStage1) expect({ S: d.rejectS, F: d.rejectF }).toEqual(c.reject);
  });

  it('inverse normal and Fisher combinations by hand', () => {
    expect(inverseNormal([0.025, 0.025], w)).toBeCloseTo(2 * 1.959963984540054 / Math.sqrt(2), 12);
    // Fisher: −2 Σ log p against χ²₄; for p = (0.05, 0.05): 11.982929..., upper tail 0.017470...
    expect(fisherCombination([0.05, 0.05])).toBeCloseTo(Math.exp(-5.99146454710798) * (1 + 5.99146454710798), 12);
  });
});

describe('closed test with Fisher\'s combination, by hand', () => {
  // Reject when P(χ²₄ ≥ −2 log(p1 p2)) ≤ alpha, i.e. p1 p2 ≤ c with c = 0.0038046... for alpha = 0.025
  // (χ²₄ upper 2.5% point 11.143287: c = exp(−11.143287/2)).
  const c = Math.exp(-11.143286781877796 / 2);
  it('rejects S and F when both products clear c, S alone when only S does, nothing without the intersection', () => {
    const both = closedFisher([{ s: 0.01, f: 0.02 }, { s: 0.01, f: 0.05 }], [0.6, 0.6], 'simes', 0.025);
    // Simes: min(2·0.01, 0.02) = 0.02 at both stages.
    expect(both.pIntersection).toBeCloseTo(fisherCombination([0.02, 0.02]), 14);
    expect(0.02 * 0.05 <= c && 0.01 * 0.01 <= c && 0.02 * 0.02 <= c).toBe(true);
    expect([both.rejectS, both.rejectF]).toEqual([true, true]);
    const onlyS = closedFisher([{ s: 0.01, f: 0.2 }, { s: 0.05, f: NaN }], [0.6, 0.6], 'bonferroni', 0.025);
    // Intersection: min(1, 2·0.01) = 0.02 at stage 1, S's own 0.05 at stage 2: 0.001 ≤ c.
    expect(onlyS.pIntersection).toBeCloseTo(fisherCombination([0.02, 0.05]), 14);
    expect([onlyS.rejectS, onlyS.rejectF]).toEqual([true, false]);
    const weak = closedFisher([{ s: 0.1, f: 0.3 }, { s: 0.05, f: 0.2 }], [0.6, 0.6], 'simes', 0.025);
    expect([weak.rejectS, weak.rejectF]).toEqual([false, false]);
  });
  it('the critical product is exp(−χ²₄(0.975)/2)', () => {
    expect(fisherCombination([Math.sqrt(c), Math.sqrt(c)])).toBeCloseTo(0.025, 10);
  });
});
