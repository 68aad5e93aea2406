import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  binomialCriticalValue,
  binomialUpperTail,
  convolvedBinomialPmf,
  exactBinomialRejectionProbability,
  exactBinomialTest,
  pooledBinomialRejectionProbability,
  pooledBinomialTest,
} from '../../../src/stats/basket/exact-binomial.js';

interface BinomialCase {
  responders: number; n: number; p0: number; alpha: number; pValue: number;
  criticalValue: number; trueRates: number[]; rejectionProbability: number[];
}
interface PooledCase {
  responders: number[]; n: number[]; p0: number[]; alpha: number; pValue: number;
  criticalValue: number; trueRates: number[]; rejectionProbability: number;
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/basket-exact.json', import.meta.url), 'utf8'),
) as { binomial: BinomialCase[]; pooled: PooledCase[] };

describe('one-sample exact binomial test', () => {
  it('hand-checked: n = 10, p0 = 0.1, alpha = 0.05 rejects from 4 responders', () => {
    // P(X >= 3) = 1 - (0.9^10 + 10(0.1)(0.9^9) + 45(0.01)(0.9^8)) = 0.0701908...
    // P(X >= 4) = 0.0701908 - 120(0.001)(0.9^7) = 0.0127951...
    expect(binomialUpperTail(3, 10, 0.1)).toBeCloseTo(0.0701908264, 9);
    expect(binomialUpperTail(4, 10, 0.1)).toBeCloseTo(0.0127951984, 9);
    expect(binomialCriticalValue(10, 0.1, 0.05)).toBe(4);
    const t = exactBinomialTest(3, 10, 0.1, 0.05);
    expect(t.reject).toBe(false);
    expect(exactBinomialTest(4, 10, 0.1).reject).toBe(true);
  });

  it('never rejects when even X = n is not significant', () => {
    // P(X >= 2 | 2, 0.5) = 0.25 > 0.05
    expect(binomialCriticalValue(2, 0.5, 0.05)).toBe(3);
    expect(exactBinomialRejectionProbability(2, 0.5, 0.05, 0.99)).toBe(0);
  });

  it('matches R binom.test, brute-force critical values and pbinom power', () => {
    for (const c of fixture.binomial) {
      const t = exactBinomialTest(c.responders, c.n, c.p0, c.alpha);
      expect(t.pValue).toBeCloseTo(c.pValue, 12);
      expect(t.criticalValue).toBe(c.criticalValue);
      c.trueRates.forEach((p, i) => {
        expect(exactBinomialRejectionProbability(c.n, c.p0, c.alpha, p)).toBeCloseTo(
          c.rejectionProbability[i],
          12,
        );
      });
    }
  });

  it('size at p0 never exceeds alpha and equals the tail at the critical value', () => {
    for (const n of [5, 17, 40, 100]) {
      for (const p0 of [0.05, 0.2, 0.5]) {
        const r = binomialCriticalValue(n, p0, 0.05);
        const size = exactBinomialRejectionProbability(n, p0, 0.05, p0);
        expect(size).toBeLessThanOrEqual(0.05);
        if (r > 0) expect(binomialUpperTail(r - 1, n, p0)).toBeGreaterThan(0.05);
      }
    }
  });
});

describe('pooled exact test across baskets', () => {
  it('convolution of binomials sums to one and has the right mean', () => {
    const pmf = convolvedBinomialPmf([8, 6, 7], [0.1, 0.2, 0.15]);
    const total = pmf.reduce((a, b) => a + b, 0);
    const mean = pmf.reduce((a, b, s) => a + s * b, 0);
    expect(total).toBeCloseTo(1, 14);
    expect(mean).toBeCloseTo(8 * 0.1 + 6 * 0.2 + 7 * 0.15, 12);
  });

  it('with a common p0 equals the one-sample test on the totals', () => {
    const pooled = pooledBinomialTest([3, 5, 2], [10, 12, 9], 0.15);
    const single = exactBinomialTest(10, 31, 0.15);
    expect(pooled.pValue).toBeCloseTo(single.pValue, 13);
    expect(pooled.criticalValue).toBe(single.criticalValue);
  });

  it('with basket-specific p0 matches brute-force enumeration in R', () => {
    for (const c of fixture.pooled) {
      const t = pooledBinomialTest(c.responders, c.n, c.p0, c.alpha);
      expect(t.pValue).toBeCloseTo(c.pValue, 12);
      expect(t.criticalValue).toBe(c.criticalValue);
      expect(pooledBinomialRejectionProbability(c.n, c.p0, c.alpha, c.trueRates)).toBeCloseTo(
        c.rejectionProbability,
        12,
      );
    }
  });
});
