/**
 * The Beta quadrature against closed forms: the moments
 * E[A^k] = Π_{j<k} (p + j)/(p + q + j) (exact for k < 2n), the tail
 * P(A ≥ c) and the truncated mean E[A 1{A ≥ c}] = p/(p + q) P(Beta(p + 1, q) ≥ c)
 * (pbeta, itself checked against R elsewhere), and E[1/(A + e)] against a
 * fine Gauss-Legendre sum on a smooth case.
 */
import { describe, it, expect } from 'vitest';
import { betaExpectation, betaTailExpectation, betaTail } from '../../../src/stats/quadrature/beta.js';
import { gaussHermiteNormal } from '../../../src/stats/mams/gauss-hermite.js';

const moment = (p: number, q: number, k: number) => { let m = 1; for (let j = 0; j < k; j++) m *= (p + j) / (p + q + j); return m; };
const shapes: [number, number][] = [[0.5, 0.5], [1, 1], [2, 5], [8.5, 1.5], [0.3, 4], [40, 2]];

describe('Gauss-Jacobi expectations over a Beta variable', () => {
  it.each(shapes)('reproduces the moments of Beta(%s, %s) up to degree 12 with 8 nodes (exact to rounding)', (p, q) => {
    for (let k = 0; k <= 12; k++) expect(betaExpectation((a) => a ** k, p, q, 8)).toBeCloseTo(moment(p, q, k), 13);
  });

  it.each(shapes)('gives the tail and the truncated mean of Beta(%s, %s) at c = 0.2, 0.5, 0.9', (p, q) => {
    for (const c of [0.2, 0.5, 0.9]) {
      expect(betaTailExpectation(() => 1, p, q, c)).toBeCloseTo(betaTail(p, q, c), 10);
      expect(betaTailExpectation((a) => a, p, q, c)).toBeCloseTo((p / (p + q)) * betaTail(p + 1, q, c), 10);
    }
  });

  it('integrates a function with a pole near 0 (the Emax curve, ED50 0.05) to 1e-10', () => {
    // E[A/(A + e)] for A ~ Beta(1, 1) is 1 - e log((1 + e)/e), in closed form.
    const e = 0.05;
    expect(betaExpectation((a) => a / (a + e), 1, 1)).toBeCloseTo(1 - e * Math.log((1 + e) / e), 10);
  });

  it('leaves the Gauss-Hermite rule built on the same eigen-solver intact (weights sum to 1, variance 1)', () => {
    const { x, w } = gaussHermiteNormal(20);
    expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    expect(x.reduce((s, v, k) => s + w[k] * v * v, 0)).toBeCloseTo(1, 12);
  });
});

describe('a concentrated Beta (a + b up to 1000)', () => {
  it('gives finite tail expectations where the scale alone would overflow, equal to the closed form of the truncated mean', () => {
    for (const [p, q] of [[600, 400], [900, 100], [50, 950]]) {
      for (const c of [0.5, 0.8, 0.9]) {
        const tail = betaTail(p, q, c);
        expect(Number.isFinite(betaTailExpectation((a) => a, p, q, c, 160))).toBe(true);
        expect(betaTailExpectation(() => 1, p, q, c, 160)).toBeCloseTo(tail, 8);
        expect(betaTailExpectation((a) => a, p, q, c, 160)).toBeCloseTo((p / (p + q)) * betaTail(p + 1, q, c), 8);
      }
    }
  });
});
