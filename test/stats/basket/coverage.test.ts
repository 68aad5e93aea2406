/**
 * The posterior CDF at given rates (src/stats/basket/coverage.ts), which
 * an exact run uses to know whether an equal-tailed interval covers the
 * truth: checked against the brute-force R integration of
 * test/fixtures/basket-intervals.R (the CDF at R's 2.5% and 97.5% limits is
 * 0.025 and 0.975), against the model's own decision probability (the CDF
 * at p0 is 1 - P(p > p0)), against the interval limits intervals.ts
 * computes by another route, and in the limits r = 0 and r = 1.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { createBerryHierarchicalModel, createExnexModel, exnexPriors, type NormalPrior } from '../../../src/stats/basket/index.js';
import { createCoverageModel } from '../../../src/stats/basket/coverage.js';
import { logit } from '../../../src/stats/distributions.js';

interface Case { name: string; responders: number[]; sampleSizes: number[]; lower: number[]; upper: number[] }
interface CaseSet { nullRates: number[]; muPrior?: NormalPrior; tauScale?: number; priorRate?: number; exWeight?: number; cases: Case[] }
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/basket-intervals.json', import.meta.url), 'utf8')) as Record<'berry' | 'berryHalfNormal' | 'exnex', CaseSet>;

const models = new Map<string, ReturnType<typeof createBerryHierarchicalModel>>();

/** A model (interval none, one per case set) and its coverage function at per-basket rates. */
function setup(which: 'berry' | 'berryHalfNormal' | 'exnex', set: CaseSet, rates: number[][], maxN: number) {
  const K = set.nullRates.length;
  if (which === 'exnex') {
    const o = { nullRates: set.nullRates, exWeights: set.exWeight, priorRate: set.priorRate };
    if (!models.has(which)) models.set(which, createExnexModel({ ...o, interval: 'none' }));
    const model = models.get(which)!;
    const p = exnexPriors(o);
    return { model, cover: createCoverageModel({ grid: model.grid, offsets: new Array<number>(K).fill(0), rates, maxN, exWeights: p.weights, nexPriors: p.nexPriors }) };
  }
  const tauPrior = set.tauScale ? { kind: 'halfNormal' as const, scale: set.tauScale } : undefined;
  if (!models.has(which)) models.set(which, createBerryHierarchicalModel({ nullRates: set.nullRates, muPrior: set.muPrior, tauPrior, interval: 'none' }));
  const model = models.get(which)!;
  return { model, cover: createCoverageModel({ grid: model.grid, offsets: set.nullRates.map(logit), rates, maxN }) };
}

/** The CDF at each rate of each basket (out[t][k]). */
function cdfs(which: 'berry' | 'berryHalfNormal' | 'exnex', set: CaseSet, c: { responders: number[]; sampleSizes: number[] }, rates: number[][]): number[][] {
  const K = c.responders.length;
  const { model, cover } = setup(which, set, rates, Math.max(...c.sampleSizes));
  model.posterior(c.responders, c.sampleSizes);
  const T = Math.max(...rates.map((r) => r.length));
  const out = new Float64Array(T * K);
  cover(c.responders, c.sampleSizes, model.lastWeights!(), out);
  return Array.from({ length: T }, (_, t) => Array.from({ length: K }, (_, k) => out[t * K + k]));
}

describe('the CDF at R\'s interval limits is 0.025 and 0.975', () => {
  // The error on the probability scale: (CDF(limit) - target) / density, the density by a central difference.
  const h = (x: number) => 1e-4 * Math.min(x, 1 - x);
  for (const which of ['berry', 'berryHalfNormal', 'exnex'] as const) {
    for (const c of fixture[which].cases) {
      // R's route is known to be wrong for Berry's prior with no response anywhere (basket-intervals.R)
      if (which === 'berry' && c.name === 'zero responses') continue;
      it(`${which}, ${c.name}`, () => {
        const rates = c.lower.map((l, k) => [l - h(l), l, l + h(l), c.upper[k] - h(c.upper[k]), c.upper[k], c.upper[k] + h(c.upper[k])]);
        const F = cdfs(which, fixture[which], c, rates);
        // as intervals.test.ts allows: ~1e-6, and up to 5e-5 when no basket responds (the posterior piles against 0)
        const tol = c.name === 'zero responses' ? 5e-5 : 4e-6;
        c.lower.forEach((l, k) => {
          const u = c.upper[k];
          expect(Math.abs((F[1][k] - 0.025) / ((F[2][k] - F[0][k]) / (2 * h(l)))), `${c.name} basket ${k} lower`).toBeLessThan(tol);
          expect(Math.abs((F[4][k] - 0.975) / ((F[5][k] - F[3][k]) / (2 * h(u)))), `${c.name} basket ${k} upper`).toBeLessThan(tol);
        });
      });
    }
  }
});

describe('agreement with the model\'s other integrals', () => {
  const berry = fixture.berry;
  const vectors = [[4, 3, 5, 4, 2], [2, 3, 10, 12, 4], [0, 0, 1, 9, 20], [13, 14, 15, 16, 17]];
  const n = [20, 20, 20, 20, 20];

  it('the CDF at p0 is 1 - P(p > p0) (the same step on the same nodes)', () => {
    for (const y of vectors) {
      const F = cdfs('berry', berry, { responders: y, sampleSizes: n }, berry.nullRates.map((p0) => [p0]));
      const P = models.get('berry')!.posterior(y, n).probAboveNull;
      F[0].forEach((f, k) => expect(Math.abs(f + P[k] - 1)).toBeLessThan(1e-12));
    }
  });

  it('the CDF at the limits intervals.ts computes by another route is 0.025 and 0.975', () => {
    const withIntervals = createBerryHierarchicalModel({ nullRates: berry.nullRates });
    for (const y of vectors) {
      const post = withIntervals.posterior(y, n);
      const F = cdfs('berry', berry, { responders: y, sampleSizes: n }, post.lower.map((l, k) => [l, post.upper[k]]));
      post.lower.forEach((l, k) => {
        // a limit reported at the cut p = 1e-6 or 1 - 1e-6 (intervals.ts) only says the quantile lies beyond it
        if (l <= 1e-6) expect(F[0][k]).toBeGreaterThan(0.025);
        else expect(Math.abs(F[0][k] - 0.025)).toBeLessThan(5e-5);
        if (post.upper[k] >= 1 - 1.1e-6) expect(F[1][k]).toBeLessThan(0.975);
        else expect(Math.abs(F[1][k] - 0.975)).toBeLessThan(5e-5);
      });
    }
  });

  it('is 0 at r = 0, 1 at r = 1, and increasing in r', () => {
    const rates = [0, 0.05, 0.1, 0.2, 0.35, 0.6, 1];
    const F = cdfs('exnex', fixture.exnex, { responders: [2, 3, 10, 12, 4], sampleSizes: n }, n.map(() => rates));
    for (let k = 0; k < 5; k++) {
      expect(F[0][k]).toBe(0);
      expect(F[rates.length - 1][k]).toBe(1);
      for (let t = 1; t < rates.length; t++) expect(F[t][k]).toBeGreaterThanOrEqual(F[t - 1][k]);
    }
  });
});
