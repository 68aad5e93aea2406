/**
 * Fujikawa borrowing for randomised baskets (src/stats/basket/fujikawa-comparison.ts):
 * the borrowed Beta posteriors of the drug and control arms and each
 * basket's log odds ratio, against R (test/fixtures/basket-fujikawa-comparison.R:
 * the JSD and the probability and quantiles of delta by integrate() on the
 * probability scale, uniroot() for the quantiles) and, with integer shapes,
 * against the closed form of P(p1 > p0) for two Betas.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { fujikawaComparison, logitBetaDifference } from '../../../src/stats/basket/index.js';
import { logBeta } from '../../../src/stats/distributions.js';

interface Case {
  name: string; drugResponders: number[]; drugSizes: number[]; controlResponders: number[]; controlSizes: number[];
  priorShape1: number; priorShape2: number; epsilon: number; tau: number; logBase: number; sharePrior: boolean;
  drugShape1: number[]; drugShape2: number[]; controlShape1: number[]; controlShape2: number[];
  probPositive: number[]; mean: number[]; sd: number[]; lower: number[]; upper: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/basket-fujikawa-comparison.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('Fujikawa borrowing within each arm of randomised baskets', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: borrowed shapes, P(delta > 0), mean, sd and the 95% limits equal R's`, () => {
      const r = fujikawaComparison(c.drugResponders, c.drugSizes, c.controlResponders, c.controlSizes, {
        priorShape1: c.priorShape1, priorShape2: c.priorShape2, epsilon: c.epsilon, tau: c.tau, logBase: c.logBase, sharePrior: c.sharePrior,
      });
      c.drugShape1.forEach((x, k) => {
        expect(r.drug.shape1[k]).toBeCloseTo(x, 10);
        expect(r.drug.shape2[k]).toBeCloseTo(c.drugShape2[k], 10);
        expect(r.control.shape1[k]).toBeCloseTo(c.controlShape1[k], 10);
        expect(r.control.shape2[k]).toBeCloseTo(c.controlShape2[k], 10);
        const e = r.effect[k];
        expect(e.probPositive).toBeCloseTo(c.probPositive[k], 10);
        expect(e.mean).toBeCloseTo(c.mean[k], 11);
        expect(e.sd).toBeCloseTo(c.sd[k], 11);
        expect(e.lower).toBeCloseTo(c.lower[k], 9);
        expect(e.upper).toBeCloseTo(c.upper[k], 9);
      });
    });
  }

  it('P(p1 > p0) for integer shapes equals the closed form sum_i B(a0 + i, b0 + b1) / ((b1 + i) B(1 + i, b1) B(a0, b0))', () => {
    const exact = (a1: number, b1: number, a0: number, b0: number) => {
      let s = 0;
      for (let i = 0; i < a1; i++) s += Math.exp(logBeta(a0 + i, b0 + b1) - Math.log(b1 + i) - logBeta(1 + i, b1) - logBeta(a0, b0));
      return s;
    };
    for (const [a1, b1, a0, b0] of [[10, 12, 4, 18], [3, 20, 3, 20], [1, 1, 1, 1], [25, 2, 8, 19], [2, 30, 9, 23]]) {
      expect(logitBetaDifference(a1, b1, a0, b0).probPositive).toBeCloseTo(exact(a1, b1, a0, b0), 12);
    }
  });

  it('identical arms give a symmetric law: P = 1/2, mean 0, limits of opposite sign', () => {
    const e = logitBetaDifference(4.5, 11.2, 4.5, 11.2);
    expect(e.probPositive).toBeCloseTo(0.5, 12);
    expect(e.mean).toBeCloseTo(0, 14);
    expect(e.lower).toBeCloseTo(-e.upper, 9);
  });
});
