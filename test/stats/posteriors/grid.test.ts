/**
 * Probabilities about independent posteriors on one grid, each against a
 * closed form or an independent computation: two normals (P(best),
 * beating by a margin, lying within a margin: normal cdfs of the
 * difference), two gammas on the log scale (P(λ_1 < λ_2) = I_{b1/(b1+b2)}(a1, a2), exact),
 * betas (Cook's exact two-arm sum, and the three-arm quadrature of
 * beta-best.ts), and the range of k standard normals (R's ptukey with
 * infinite degrees of freedom, fixture test/fixtures/normal-range.R).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { PosteriorGrid, type ArmPosteriors } from '../../../src/stats/posteriors/grid.js';
import { probabilityGreaterExact, probabilityBest } from '../../../src/stats/posteriors/beta-best.js';
import { normalCdf, betaCdf } from '../../../src/stats/distributions.js';

const posteriors = (family: ArmPosteriors['family'], p1: number[], p2: number[]): ArmPosteriors =>
  ({ family, p1: Float64Array.from(p1), p2: Float64Array.from(p2) });

describe('posterior grid: normal posteriors', () => {
  const cases: [number, number, number, number][] = [[0.3, 0.1, 0.1, 0.1], [1.2, 0.5, 0, 0.01], [0, 2, 0.05, 0.02], [10, 1, 12, 3]];
  it('P(best) of two arms is Φ((m1 - m0) / √(s1² + s0²)), also when one posterior is far tighter', () => {
    const out = new Float64Array(2);
    for (const [m1, s1, m0, s0] of cases) {
      new PosteriorGrid().build(posteriors('normal', [m0, m1], [s0, s1]), [0, 1]).best(out);
      expect(Math.abs(out[1] - normalCdf((m1 - m0) / Math.hypot(s1, s0)))).toBeLessThan(1e-7);
      new PosteriorGrid().build(posteriors('normal', [m0, m1], [s0, s1]), [0, 1]).best(out, true);
      expect(Math.abs(out[0] - normalCdf((m1 - m0) / Math.hypot(s1, s0)))).toBeLessThan(1e-7);
    }
  });

  it('beating by a margin and lying within a margin are normal cdfs of the difference', () => {
    for (const [m1, s1, m0, s0] of cases) {
      const grid = new PosteriorGrid().build(posteriors('normal', [m0, m1], [s0, s1]), [0, 1]);
      const s = Math.hypot(s1, s0), d = m1 - m0;
      for (const margin of [0.01, 0.1, 0.37, 1]) {
        expect(Math.abs(grid.beatsBy(1, 0, margin) - normalCdf((d - margin) / s))).toBeLessThan(1e-7);
        expect(Math.abs(grid.beatsBy(1, 0, margin, true) - normalCdf((-d - margin) / s))).toBeLessThan(1e-7);
        expect(Math.abs(grid.within(1, 0, margin) - (normalCdf((margin - d) / s) - normalCdf((-margin - d) / s)))).toBeLessThan(1e-7);
      }
    }
  });

  it('all of k standard normals within a margin: the range distribution (R ptukey, df = Inf)', () => {
    const fixture = JSON.parse(readFileSync(new URL('../../fixtures/normal-range.json', import.meta.url), 'utf8')) as { cases: { margin: number; arms: number; probability: number }[] };
    for (const c of fixture.cases) {
      const ones = Array.from({ length: c.arms }, () => 1), zeros = ones.map(() => 0);
      const grid = new PosteriorGrid().build(posteriors('normal', zeros, ones), zeros.map((_, k) => k));
      expect(Math.abs(grid.allWithin(c.margin) - c.probability)).toBeLessThan(1e-6);
    }
  });
});

describe('posterior grid: gamma and beta posteriors', () => {
  it('P(λ1 < λ2) for gamma posteriors (on the log scale) is the beta cdf I_{b1/(b1+b2)}(a1, a2) (exact)', () => {
    const out = new Float64Array(2);
    for (const [a1, b1, a2, b2] of [[1.5, 10, 3.5, 12], [20.5, 300, 30.5, 310], [0.5, 2, 8.5, 30], [200, 4000, 260, 4100]]) {
      new PosteriorGrid().build(posteriors('log-gamma', [a1, a2], [b1, b2]), [0, 1]).best(out, true);
      expect(Math.abs(out[0] - betaCdf(b1 / (b1 + b2), a1, a2))).toBeLessThan(1e-6);
    }
  });

  it('margins on the log hazard: P(λ1/λ2 < r) = I_{q/(1+q)}(a1, a2) with q = r b1/b2 (exact)', () => {
    const ratioBelow = (r: number, a1: number, b1: number, a2: number, b2: number) => { const q = (r * b1) / b2; return betaCdf(q / (1 + q), a1, a2); };
    for (const [a1, b1, a2, b2] of [[12.5, 100, 15.5, 110], [0.5, 20, 3.5, 25]]) {
      const grid = new PosteriorGrid().build(posteriors('log-gamma', [a1, a2], [b1, b2]), [0, 1]);
      for (const margin of [0.05, 0.2, 0.7]) {
        expect(Math.abs(grid.beatsBy(0, 1, margin, true) - ratioBelow(Math.exp(-margin), a1, b1, a2, b2))).toBeLessThan(1e-6);
        const within = ratioBelow(Math.exp(margin), a1, b1, a2, b2) - ratioBelow(Math.exp(-margin), a1, b1, a2, b2);
        expect(Math.abs(grid.within(0, 1, margin) - within)).toBeLessThan(1e-6);
      }
    }
  });

  it('beta P(best): Cook\'s exact two-arm sum, and the three-arm quadrature of beta-best', () => {
    const out = new Float64Array(3), reference = new Float64Array(3);
    for (const [a1, b1, a0, b0] of [[19, 23, 13, 29], [141, 361, 121, 381], [3, 9, 1, 11]]) {
      new PosteriorGrid().build(posteriors('beta', [a0, a1], [b0, b1]), [0, 1]).best(out);
      expect(Math.abs(out[1] - probabilityGreaterExact(a1, b1, a0, b0))).toBeLessThan(1e-6);
    }
    const a = [30, 35, 41], b = [70, 65, 59];
    new PosteriorGrid().build(posteriors('beta', a, b), [0, 1, 2]).best(out);
    probabilityBest(Float64Array.from(a), Float64Array.from(b), [0, 1, 2], reference);
    for (let k = 0; k < 3; k++) expect(Math.abs(out[k] - reference[k])).toBeLessThan(1e-6);
  });

  it('a margin of zero gives P(best) of two arms; P(within) shrinks to 0 with the margin', () => {
    const grid = new PosteriorGrid().build(posteriors('beta', [13, 19], [29, 23]), [0, 1]);
    expect(Math.abs(grid.beatsBy(1, 0, 0) - probabilityGreaterExact(19, 23, 13, 29))).toBeLessThan(1e-6);
    expect(grid.within(1, 0, 1e-9)).toBeLessThan(1e-6);
    expect(grid.within(1, 0, 1)).toBeCloseTo(1, 6);
  });
});

describe('posterior grid: points shared by the arms', () => {
  // Each arm's density reads the parts of x (log x, e^x) computed once per grid point, midpoint and shift for all
  // arms. A probability must not depend on what the grid computed before it: the same bits as on a fresh grid.
  // Arm 0 reaches lowest and arm 1 highest, so a grid over arms 0 and 2 starts where the full one does with
  // another step: the same shifted start, other points.
  const families: [ArmPosteriors['family'], number[], number[], number][] = [
    ['beta', [126, 151, 139], [294, 269, 281], 0.1],
    ['normal', [0.1, 0.3, 0.2], [0.1, 0.11, 0.09], 0.1],
    ['log-gamma', [20, 45, 30], [200, 230, 250], 0.15],
  ];
  it.each(families)('%s: every probability the same after other margins, arms and grids', (family, p1, p2, margin) => {
    const post = posteriors(family, p1, p2);
    const fresh = () => new PosteriorGrid().build(post, [0, 1, 2]);
    const expected = { all: fresh().allWithin(margin), within: fresh().within(0, 2, margin), beats: fresh().beatsBy(2, 0, margin) };
    const used = new PosteriorGrid();
    const full = fresh();
    used.build(post, [0, 2]);
    expect(used.lo).toBe(full.lo);
    expect(used.h).not.toBe(full.h);
    // The smaller grid first, with the same margins: its shifted points must not be read for the full one.
    used.allWithin(margin);
    used.within(0, 1, margin);
    used.build(post, [0, 1, 2]);
    const got = { beats: used.beatsBy(2, 0, margin), within: used.within(0, 2, margin), all: used.allWithin(margin) };
    for (const key of ['all', 'within', 'beats'] as const) {
      expect(Object.is(got[key], expected[key]), `${key}: ${got[key]} against ${expected[key]}`).toBe(true);
      // Not a probability that is 0 or 1 whatever the points.
      expect(expected[key]).toBeGreaterThan(1e-3);
      expect(expected[key]).toBeLessThan(1 - 1e-3);
    }
  });
});
