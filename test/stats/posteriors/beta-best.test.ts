/**
 * The probability that an arm's Beta posterior is the largest: the exact
 * two-arm sum against closed forms (P(Beta(2,1) > Beta(1,1)) = 2/3, and
 * symmetry), and the quadrature for any number of arms against the exact sum
 * (to 5e-7) and against the symmetric three-arm value 1/3.
 */
import { describe, it, expect } from 'vitest';
import { probabilityGreaterExact, probabilityBest } from '../../../src/stats/posteriors/beta-best.js';

describe('P(best) of Beta posteriors', () => {
  it('the exact two-arm sum: closed forms and symmetry', () => {
    expect(probabilityGreaterExact(2, 1, 1, 1)).toBeCloseTo(2 / 3, 14);
    expect(probabilityGreaterExact(1, 2, 1, 1)).toBeCloseTo(1 / 3, 14);
    expect(probabilityGreaterExact(13, 29, 13, 29)).toBeCloseTo(0.5, 12);
    expect(probabilityGreaterExact(19, 23, 13, 29) + probabilityGreaterExact(13, 29, 19, 23)).toBeCloseTo(1, 12);
  });

  it('the quadrature agrees with the exact sum for small and large trials', () => {
    const out = new Float64Array(2);
    for (const [y1, n1, y0, n0] of [[18, 40, 12, 40], [140, 500, 120, 500], [2, 10, 0, 10], [480, 500, 470, 500]]) {
      const a = Float64Array.from([1 + y0, 1 + y1]), b = Float64Array.from([1 + n0 - y0, 1 + n1 - y1]);
      probabilityBest(a, b, [0, 1], out);
      expect(Math.abs(out[1] - probabilityGreaterExact(a[1], b[1], a[0], b[0]))).toBeLessThan(5e-7);
    }
  });

  it('three identical posteriors: 1/3 each; probabilities add to 1', () => {
    const out = new Float64Array(3);
    probabilityBest(Float64Array.from([31, 31, 31]), Float64Array.from([71, 71, 71]), [0, 1, 2], out);
    out.forEach((p) => expect(p).toBeCloseTo(1 / 3, 8));
    probabilityBest(Float64Array.from([30, 35, 40]), Float64Array.from([70, 65, 60]), [0, 1, 2], out);
    expect(out[0] + out[1] + out[2]).toBeCloseTo(1, 12);
    expect(out[2]).toBeGreaterThan(out[1]);
  });
});
