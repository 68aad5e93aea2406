/**
 * The paired and independent Monte Carlo SEs of a difference, against
 * values worked by hand, and the probit fit against a curve it must recover.
 */
import { describe, it, expect } from 'vitest';
import { pairedDifference } from '../../src/compare/paired.js';
import { fitProbit, probitCrossing, fiellerInterval, probitPower } from '../../src/compare/probit.js';
import { normalCdf, normalQuantile } from '../../src/stats/distributions.js';

describe('paired difference', () => {
  it('matches the formulas on a small table of decisions', () => {
    // 10 replicates: both reject in 6, only B in 2, only A in 0, neither in 2.
    const a = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0];
    const b = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0];
    const d = pairedDifference(10, (r) => a[r], (r) => b[r]);
    expect(d.difference).toBeCloseTo(0.2, 15);
    // Var(b - a) with divisor R: differences are 0 (8 times) and 1 (2 times): 0.2 - 0.04 = 0.16.
    expect(d.pairedSe).toBeCloseTo(Math.sqrt(0.16 / 10), 15);
    // Independent: p(1-p)/R for 0.6 and 0.8.
    expect(d.independentSe).toBeCloseTo(Math.sqrt((0.6 * 0.4 + 0.8 * 0.2) / 10), 15);
    // Cov = P(both) - pa·pb = 0.6 - 0.48 = 0.12; correlation 0.12 / sqrt(0.24·0.16).
    expect(d.correlation!).toBeCloseTo(0.12 / Math.sqrt(0.24 * 0.16), 12);
    expect(d.ci95[0]).toBeCloseTo(0.2 - 1.959963984540054 * d.pairedSe, 12);
  });

  it('skips pairs with a missing value and reports no correlation for a constant', () => {
    const d = pairedDifference(3, (r) => [1, NaN, 1][r], (r) => [2, 5, 4][r]);
    expect(d.pairs).toBe(2);
    expect(d.difference).toBe(2);
    expect(d.correlation).toBeNull();
  });
});

describe('probit power curve', () => {
  it('recovers the curve from its expected counts, and its crossing', () => {
    const a = -1.96, b = 0.2;
    const points = [8, 10, 12, 14, 16, 18].map((x) => ({ x, replicates: 1000, rejections: 1000 * normalCdf(a + b * x) }));
    const fit = fitProbit(points);
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(a, 8);
    expect(fit.slope).toBeCloseTo(b, 9);
    expect(probitPower(fit, 12)).toBeCloseTo(normalCdf(a + 12 * b), 10);
    const c = probitCrossing(fit, 0.8);
    expect(c.x).toBeCloseTo((normalQuantile(0.8) - a) / b, 7);
    const f = fiellerInterval(fit, 0.8)!;
    expect(f[0]).toBeLessThan(c.x);
    expect(f[1]).toBeGreaterThan(c.x);
    // With a well-determined slope Fieller's interval is close to the delta method's.
    expect((f[1] - f[0]) / (2 * 1.959963984540054 * c.se)).toBeCloseTo(1, 1);
  });
});
