/**
 * Compound go rules: a basket is a success when its posterior rule holds
 * and (or: or) its observed response rate reaches a level. With one basket
 * Fujikawa's posterior is Beta(1 + y, 1 + n - y) (nothing to borrow), so the
 * exact rejection probability is the binomial sum over the y meeting the
 * rule, computed here by hand and compared with the exact run to 1e-12.
 */
import { describe, it, expect } from 'vitest';
import { basketData, hypothesis } from './helpers.js';
import { scenario } from '../../helpers/scenarios.js';
import { computeExact } from '../../../src/run/simulate.js';
import { betaCdf, binomialPmf } from '../../../src/stats/distributions.js';

const n = 20, p0 = 0.2, rate = 0.3, threshold = 0.8, observedRate = 0.35;

function exactRejection(combine: 'and' | 'or' | null): number {
  let sum = 0;
  for (let y = 0; y <= n; y++) {
    const posterior = 1 - betaCdf(p0, 1 + y, 1 + n - y) > threshold;
    const observed = y / n >= observedRate;
    const go = combine === null ? posterior : combine === 'and' ? posterior && observed : posterior || observed;
    if (go) sum += binomialPmf(y, n, rate);
  }
  return sum;
}

const run = (go?: { observedRate: number; combine: 'and' | 'or' }) => computeExact(scenario(basketData({
  p0, baskets: [{ id: 'a', sampleSize: n, responseRate: rate }],
  analyses: [{ method: 'fujikawa', threshold, ...(go ? { go } : {}) }],
}), { exact: true })).summary;

describe('compound go rules', () => {
  it('"and" needs both the posterior rule and the observed rate; "or" either', () => {
    for (const combine of ['and', 'or'] as const) {
      expect(Math.abs(hypothesis(run({ observedRate, combine }), 'fujikawa:a').rate - exactRejection(combine))).toBeLessThan(1e-12);
    }
    expect(Math.abs(hypothesis(run(), 'fujikawa:a').rate - exactRejection(null))).toBeLessThan(1e-12);
    // The rules differ here: the posterior rule alone accepts y = 6 (30%), which "and" refuses.
    expect(exactRejection('and')).toBeLessThan(exactRejection(null));
    expect(exactRejection('or')).toBeGreaterThanOrEqual(exactRejection(null));
  });
});
