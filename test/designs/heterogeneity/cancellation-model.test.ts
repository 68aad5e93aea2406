/**
 * The cancellation example (test/designs/cancellation.test.ts) analysed with a
 * logistic interaction model per replicate. The model y ~ treatment * mplus is
 * saturated, so its Wald test of the interaction is exactly the Woolf test of
 * the difference of the two subgroup log odds ratios (replicate by replicate);
 * its likelihood-ratio test is checked against an independent implementation:
 * G² of the no-three-way-interaction log-linear model fitted by iterative
 * proportional fitting (Bishop, Fienberg & Holland 1975, ch. 3) on cell counts
 * drawn directly.
 */
import { drawCancellationCells, cancellationScenarioData, pPlus, pMinus, type Cell } from '../../helpers/cancellation-cells.js';
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { chiSquareUpper } from '../../../src/stats/distributions.js';
import { stream } from '../../../src/random/stream.js';
import { scenario } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';

const R = 6000;
const loaded = scenario(cancellationScenarioData('cancellation with a model', R, 100000, {
  models: [{ id: 'saturated', biomarkers: ['mplus'], test: 'both' }],
}));

/** G² of the homogeneous-association model for a 2x2x2 table n[x][y][z], by IPF over the three two-way margins. */
export function noThreeWayG2(n: number[][][]): number {
  const m = [0, 1].map(() => [0, 1].map(() => [1, 1]));
  const fit = (key: (x: number, y: number, z: number) => string) => {
    const obs = new Map<string, number>(), exp = new Map<string, number>();
    for (let x = 0; x < 2; x++) for (let y = 0; y < 2; y++) for (let z = 0; z < 2; z++) {
      const k = key(x, y, z);
      obs.set(k, (obs.get(k) ?? 0) + n[x][y][z]); exp.set(k, (exp.get(k) ?? 0) + m[x][y][z]);
    }
    for (let x = 0; x < 2; x++) for (let y = 0; y < 2; y++) for (let z = 0; z < 2; z++) {
      const k = key(x, y, z);
      m[x][y][z] = exp.get(k)! > 0 ? (m[x][y][z] * obs.get(k)!) / exp.get(k)! : 0;
    }
  };
  for (let it = 0; it < 500; it++) {
    const before = m.flat(2);
    fit((x, y) => `${x}${y}`); fit((x, _y, z) => `${x}${z}`); fit((_x, y, z) => `${y}${z}`);
    if (m.flat(2).every((v, k) => Math.abs(v - before[k]) < 1e-11)) break;
  }
  let g2 = 0;
  for (let x = 0; x < 2; x++) for (let y = 0; y < 2; y++) for (let z = 0; z < 2; z++) if (n[x][y][z] > 0) g2 += 2 * n[x][y][z] * Math.log(n[x][y][z] / m[x][y][z]);
  return g2;
}

/** Power of the LR interaction test from cell counts drawn directly (150 per arm, marker Binomial(150, 1/2) per arm). */
function independentLrPower(replicates: number): number {
  const u = stream(77, 1, 'analysis');
  let rejections = 0;
  for (let r = 0; r < replicates; r++) {
    const t = drawCancellationCells(u, pPlus, pMinus);
    const split = (c: Cell) => [c.patients - c.responders, c.responders];
    const d1 = split(t.drugPlus), d0 = split(t.drugMinus), c1 = split(t.controlPlus), c0 = split(t.controlMinus);
    // n[treatment][response][marker]
    const n = [[[c0[0], c1[0]], [c0[1], c1[1]]], [[d0[0], d1[0]], [d0[1], d1[1]]]];
    if (chiSquareUpper(noThreeWayG2(n), 1) < 0.05) rejections++;
  }
  return rejections / replicates;
}

describe('the cancellation example with a logistic interaction model', async () => {
  const { summary } = await simulate(loaded, { workers: 0 });
  const h = (id: string) => summary.hypotheses.find((x) => x.id === id)!;
  const warnings = (id: string) => summary.warnings.find((w) => w.id === id)!.replicates;

  it('the Wald test of the interaction coefficient rejects exactly when the subgroup (Woolf) interaction test does', () => {
    expect(warnings('zero-cell')).toBe(0);
    expect(warnings('saturated|model-separation')).toBe(0);
    expect(h('saturated|interaction:mplus|wald').rejections).toBe(h('drug-vs-control|interaction:mplus').rejections);
  });

  it('the Wald and likelihood-ratio interaction tests both have high power', () => {
    for (const id of ['saturated|interaction:mplus|wald', 'saturated|interaction:mplus|lr']) {
      expect(h(id).meaning).toBe('power');
      expect(h(id).trueEffect).toBeCloseTo(2.4, 12);
      expect(h(id).ci95[0]).toBeGreaterThan(0.95);
    }
  });

  it('the likelihood-ratio test has the power an independent implementation (IPF on drawn cell counts) finds', () => {
    const lr = h('saturated|interaction:mplus|lr').rate;
    const other = independentLrPower(R);
    expectWithinMcse(lr, other, { mcse: Math.hypot(binomialMcse(lr, R), binomialMcse(other, R)) });
  });

  it('the model reports the scenario coefficients as truths and the subgroup log odds ratios as conditional effects', () => {
    const est = (id: string) => summary.estimates.find((e) => e.id === id)!;
    expect(est('coef:saturated:interaction:mplus').truth).toBeCloseTo(2.4, 12);
    expect(est('cond:saturated:mplus=0').truth).toBeCloseTo(-1.2, 12);
    expect(est('cond:saturated:mplus=1').truth).toBeCloseTo(1.2, 12);
    expect(est('coef:saturated:interaction:mplus').n).toBe(R);
  });

  it('states the cancellation beside the model-based interaction tests', () => {
    const rows = summary.heterogeneityPower as { cancellationIndex: { riskDifference: number }; hypotheses: { modelInteraction: string[] } }[];
    expect(rows[0].cancellationIndex.riskDifference).toBeGreaterThan(0.98);
    expect(rows[0].hypotheses.modelInteraction).toEqual(['saturated|interaction:mplus|wald', 'saturated|interaction:mplus|lr']);
  });
});

describe('G² by IPF', () => {
  it("is 0 for a table with a common odds ratio and matches R's loglin otherwise", () => {
    // Both strata have odds ratio 4 (and differ in margins): no three-way interaction.
    expect(noThreeWayG2([[[10, 20], [10, 20]], [[5, 10], [20, 40]]])).toBeCloseTo(0, 9);
    // R: loglin(n, list(c(1,2), c(1,3), c(2,3)), eps = 1e-12)$lrt with n[x,y,z] as below.
    expect(noThreeWayG2([[[20, 20], [20, 5]], [[20, 20], [20, 80]]])).toBeCloseTo(16.5007223795748, 8);
  });
});
