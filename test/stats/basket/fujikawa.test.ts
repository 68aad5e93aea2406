import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { betaCdf } from '../../../src/stats/distributions.js';
import {
  fujikawaPosterior,
  fujikawaWeights,
  jensenShannonBeta,
} from '../../../src/stats/basket/fujikawa.js';

interface FujikawaCase {
  responders: number[]; sampleSizes: number[]; nullRate: number; priorShape1: number;
  priorShape2: number; epsilon: number; tau: number; logBase: number; sharePrior: boolean;
  weights: number[][]; shape1: number[]; shape2: number[]; probAboveNull: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/basket-fujikawa.json', import.meta.url), 'utf8'),
) as { jsd: { shapes: number[]; nats: number }[]; cases: FujikawaCase[] };

describe('Jensen-Shannon divergence of beta distributions', () => {
  it('is 0 for identical distributions and symmetric', () => {
    expect(jensenShannonBeta(6, 11, 6, 11)).toBe(0);
    expect(jensenShannonBeta(2, 15, 6, 11)).toBeCloseTo(jensenShannonBeta(6, 11, 2, 15), 14);
  });

  it('reaches log 2 (1 bit) for disjoint distributions', () => {
    expect(jensenShannonBeta(1, 500, 500, 1)).toBeCloseTo(Math.LN2, 10);
    expect(jensenShannonBeta(1, 500, 500, 1, 2)).toBeCloseTo(1, 10);
  });

  it('matches adaptive quadrature on (0, 1) in R', () => {
    for (const { shapes: [a1, b1, a2, b2], nats } of fixture.jsd) {
      expect(jensenShannonBeta(a1, b1, a2, b2)).toBeCloseTo(nats, 11);
    }
  });
});

describe('Fujikawa et al. (2020) borrowing', () => {
  it('worked example: two baskets with identical data pool completely', () => {
    // y = (5, 5), n = (15, 15), Beta(1, 1) prior: both individual posteriors
    // are Beta(6, 11), JSD = 0, w = (1 - 0)^2 = 1 > tau, so each borrowed
    // posterior is Beta(6 + 6, 11 + 11) = Beta(12, 22) when the prior is
    // shared (Fujikawa), Beta(1 + 10, 1 + 20) = Beta(11, 21) when it is not.
    const shared = fujikawaPosterior([5, 5], [15, 15], 0.2);
    expect(shared.weights).toEqual([[1, 1], [1, 1]]);
    expect(shared.shape1).toEqual([12, 12]);
    expect(shared.shape2).toEqual([22, 22]);
    expect(shared.posteriorMean[0]).toBeCloseTo(12 / 34, 14);
    expect(shared.probAboveNull[0]).toBeCloseTo(1 - betaCdf(0.2, 12, 22), 14);
    const pp = fujikawaPosterior([5, 5], [15, 15], 0.2, { sharePrior: false });
    expect(pp.shape1).toEqual([11, 11]);
    expect(pp.shape2).toEqual([21, 21]);
  });

  it('worked example: Fujikawa et al. Figure 1 (n = 15, y = 1, 5, 7, p0 = 0.2)', () => {
    // epsilon = 2, tau = 0.5, natural logs. Individual posteriors Beta(2, 15),
    // Beta(6, 11), Beta(8, 9).
    //   JSD(B(6,11), B(8,9))  = 0.1149811 -> w23 = (1 - 0.1149811)^2 = 0.7832585 > 0.5
    //   JSD(B(2,15), B(6,11)) = 0.4336977 -> w12 = 0.5663023^2 = 0.3207 <= 0.5 -> 0
    //   JSD(B(2,15), B(8,9)) is larger still -> w13 = 0
    // Basket 2: shape1 = 6 + 0.7832585 * 8 = 12.26607,
    //           shape2 = 11 + 0.7832585 * 9 = 18.04933;
    // basket 3: 8 + 0.7832585 * 6 = 12.69955, 9 + 0.7832585 * 11 = 17.61584.
    // Values as reproduced by the R package baskexact (vignette
    // "Reproduce Results From Fujikawa et al. (2020)"): P(p > 0.2) =
    // 0.1407375, 0.9942795, 0.9965258.
    const r = fujikawaPosterior([1, 5, 7], [15, 15, 15], 0.2, { epsilon: 2, tau: 0.5 });
    expect(r.weights[0][1]).toBe(0);
    expect(r.weights[0][2]).toBe(0);
    expect(r.weights[1][2]).toBeCloseTo(0.7832585, 7);
    expect(r.shape1.map((v) => v.toFixed(5))).toEqual(['2.00000', '12.26607', '12.69955']);
    expect(r.shape2.map((v) => v.toFixed(5))).toEqual(['15.00000', '18.04933', '17.61584']);
    expect(r.probAboveNull.map((v) => v.toFixed(7))).toEqual(['0.1407375', '0.9942795', '0.9965258']);
  });

  it('matches the R computation (shared and power-prior forms, both log bases)', () => {
    for (const c of fixture.cases) {
      const opts = {
        priorShape1: c.priorShape1, priorShape2: c.priorShape2, epsilon: c.epsilon, tau: c.tau,
        logBase: c.logBase, sharePrior: c.sharePrior,
      };
      const r = fujikawaPosterior(c.responders, c.sampleSizes, c.nullRate, opts);
      r.weights.forEach((row, i) => row.forEach((w, j) => expect(w).toBeCloseTo(c.weights[i][j], 10)));
      r.shape1.forEach((v, i) => expect(v).toBeCloseTo(c.shape1[i], 9));
      r.shape2.forEach((v, i) => expect(v).toBeCloseTo(c.shape2[i], 9));
      r.probAboveNull.forEach((v, i) => expect(v).toBeCloseTo(c.probAboveNull[i], 9));
    }
  });

  it('tau = 1 switches borrowing off: each basket keeps its own posterior', () => {
    const w = fujikawaWeights([3, 3, 9], [20, 20, 20], { tau: 1 });
    expect(w).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  });

  it('with base-2 logs weights lie in [0, 1] and fall as the data diverge', () => {
    const w = fujikawaWeights([5, 6, 9, 15], [20, 20, 20, 20], { logBase: 2, tau: 0 });
    for (const row of w) for (const v of row) expect(v).toBeGreaterThanOrEqual(0);
    expect(w[0][1]).toBeGreaterThan(w[0][2]);
    expect(w[0][2]).toBeGreaterThan(w[0][3]);
  });
});
