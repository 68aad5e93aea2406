/**
 * Atkinson and Kolm equally-distributed equivalents against hand-worked
 * examples.
 *
 * Two groups of equal size, health 1 and 4 (mean 2.5):
 * - Atkinson ε = 0.5: (½·1^0.5 + ½·4^0.5)^2 = (½ + 1)^2 = 2.25; index
 *   1 − 2.25/2.5 = 0.1.
 * - Atkinson ε = 2: (½·1^−1 + ½·4^−1)^−1 = (½ + ⅛)^−1 = 1.6; index
 *   1 − 1.6/2.5 = 0.36.
 * - Atkinson ε = 1 (geometric mean): √(1·4) = 2; index 0.2.
 * - Kolm α = ln 2: Σ w e^(−α h) = ½·2^−1 + ½·2^−4 = 9/32, EDE =
 *   −log2(9/32) = 5 − 2 log2 3 = 1.830075; index 2.5 − 1.830075 = 0.669925.
 * Unequal sizes, a quarter at health 4 and three quarters at 9 (mean 7.75):
 * - ε = 0.5: (¼·2 + ¾·3)^2 = 2.75^2 = 7.5625;
 * - ε = 2: (¼/4 + ¾/9)^−1 = (3/48 + 4/48)^−1 = 48/7 = 6.857143.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { atkinsonEde, atkinsonIndex, kolmEde, kolmIndex, meanHealth, flipEpsilon } from '../../../src/stats/decision/inequality.js';

const half = [0.5, 0.5], h14 = [1, 4];

describe('Atkinson and Kolm equally-distributed equivalents', () => {
  it('equal the hand-worked example at two values of epsilon (0.5 and 2) and at 1', () => {
    expect(atkinsonEde(half, h14, 0.5)).toBeCloseTo(2.25, 13);
    expect(atkinsonIndex(half, h14, 0.5)).toBeCloseTo(0.1, 13);
    expect(atkinsonEde(half, h14, 2)).toBeCloseTo(1.6, 13);
    expect(atkinsonIndex(half, h14, 2)).toBeCloseTo(0.36, 13);
    expect(atkinsonEde(half, h14, 1)).toBeCloseTo(2, 13);
    expect(atkinsonIndex(half, h14, 1)).toBeCloseTo(0.2, 13);
  });

  it('weight the groups by their shares (a quarter and three quarters)', () => {
    expect(meanHealth([0.25, 0.75], [4, 9])).toBeCloseTo(7.75, 13);
    expect(atkinsonEde([0.25, 0.75], [4, 9], 0.5)).toBeCloseTo(7.5625, 12);
    expect(atkinsonEde([0.25, 0.75], [4, 9], 2)).toBeCloseTo(48 / 7, 12);
  });

  it('Kolm at α = ln 2 equals the hand-worked example', () => {
    expect(kolmEde(half, h14, Math.LN2)).toBeCloseTo(5 - 2 * Math.log2(3), 13);
    expect(kolmIndex(half, h14, Math.LN2)).toBeCloseTo(2.5 - 5 + 2 * Math.log2(3), 13);
  });

  it('is continuous through ε = 1 and accurate for large, close health levels', () => {
    expect(atkinsonEde(half, h14, 1 + 1e-9)).toBeCloseTo(2, 8);
    // Health 70 and 70.02: the index is about ε/2 × variance of log health.
    const small = atkinsonIndex(half, [70, 70.02], 2), v = (Math.log(70.02 / 70) / 2) ** 2;
    expect(small / v).toBeCloseTo(1, 3);
  });

  it('Atkinson needs positive health when ε > 0, not at ε = 0', () => {
    expect(atkinsonEde(half, [0, 4], 0.5)).toBeNaN();
    expect(atkinsonEde(half, [-1, 4], 0)).toBe(1.5);
  });

  const distributions = fc.array(fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.5, max: 90, noNaN: true })), { minLength: 2, maxLength: 12 });

  it('at ε = 0 the EDE is the mean; EDE ≤ mean, falling as aversion rises', () => {
    fc.assert(fc.property(distributions, fc.double({ min: 0, max: 20, noNaN: true }), (d, e) => {
      const w = d.map((x) => x[0]), h = d.map((x) => x[1]), m = meanHealth(w, h);
      expect(atkinsonEde(w, h, 0)).toBeCloseTo(m, 10);
      expect(atkinsonEde(w, h, e)).toBeLessThanOrEqual(m * (1 + 1e-12));
      expect(atkinsonEde(w, h, e + 1)).toBeLessThanOrEqual(atkinsonEde(w, h, e) * (1 + 1e-12));
      expect(kolmEde(w, h, 0.1 + e)).toBeLessThanOrEqual(m + 1e-9);
    }));
  });

  it('equal health gives index 0 at every aversion', () => {
    fc.assert(fc.property(distributions, fc.double({ min: 0, max: 20, noNaN: true }), (d, e) => {
      const w = d.map((x) => x[0]), h = d.map(() => d[0][1]);
      expect(Math.abs(atkinsonIndex(w, h, e))).toBeLessThan(1e-12);
      expect(Math.abs(kolmIndex(w, h, 0.01 + e))).toBeLessThan(1e-12);
    }));
  });
});

describe('the epsilon at which the preferred allocation flips', () => {
  it('finds the crossing of two EDE curves, checked on both sides', () => {
    // One more unit of health to the better-off group (4 → 6) or a half unit to the worse-off (1 → 1.5).
    const a = [1, 6], b = [1.5, 4];
    const d = (e: number) => atkinsonEde(half, a, e) - atkinsonEde(half, b, e);
    const flip = flipEpsilon(d, [0, 20])!;
    expect(d(0)).toBeGreaterThan(0); // 3.5 against 2.75: the larger total first
    expect(d(flip - 1e-6)).toBeGreaterThan(0);
    expect(d(flip + 1e-6)).toBeLessThan(0);
    expect(Math.abs(d(flip))).toBeLessThan(1e-12);
  });

  it('is null when the preferred allocation does not change in the range', () => {
    expect(flipEpsilon((e) => atkinsonEde(half, [2, 5], e) - atkinsonEde(half, [1, 4], e), [0, 50])).toBeNull();
  });
});
