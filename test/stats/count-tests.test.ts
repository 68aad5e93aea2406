/**
 * Two-group count regressions with exposure offsets against R
 * (test/fixtures/count-regression.R): Poisson regression (glm) exactly to
 * 1e-9 (closed form), and negative-binomial regression (MASS::glm.nb)
 * coefficient, SE, Wald and LR tests and θ to 1e-6 where glm.nb converged
 * to a finite θ. For under-dispersed data θ has no finite maximum: glm.nb
 * stops wherever its iteration limit falls, and our fit goes to the Poisson
 * one, so there only the estimates and the LR statistic are compared (to
 * the Poisson values glm.nb approaches).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { poissonRateComparison, negativeBinomialRateComparison, type RateComparison } from '../../src/stats/count-tests.js';
import { poissonQuantile } from '../../src/population/count-outcomes.js';
import { upperIncompleteGamma } from '../../src/stats/distributions.js';

interface Fit { coef: number[]; se: number[]; z: number; p: number; lrStat: number; lrP: number }
interface Dataset { name: string; y: number[]; x: number[]; exposure: number[]; poisson: Fit; negbin: Fit & { theta: number; thetaUnbounded: boolean } }
const fixture = JSON.parse(readFileSync(new URL('../fixtures/count-regression.json', import.meta.url), 'utf8')) as { datasets: Dataset[] };

const rel = (a: number, b: number, tol: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

/** Each compared field of a fit against R's value, at its relative tolerance. */
function expectFit(r: RateComparison, expected: Partial<Record<keyof RateComparison, [number, number]>>): void {
  for (const [key, [value, tol]] of Object.entries(expected) as [keyof RateComparison, [number, number]][]) rel(r[key] as number, value, tol);
}

function totals(d: Dataset) {
  let y1 = 0, t1 = 0, y0 = 0, t0 = 0;
  d.y.forEach((y, i) => { if (d.x[i]) { y1 += y; t1 += d.exposure[i]; } else { y0 += y; t0 += d.exposure[i]; } });
  return { y1, t1, y0, t0 };
}

describe('Poisson regression of counts on treatment with exposure offsets, against glm', () => {
  it.each(fixture.datasets.map((d) => [d.name, d] as const))('%s', (_, d) => {
    const { y1, t1, y0, t0 } = totals(d);
    const r = poissonRateComparison(y1, t1, y0, t0);
    // glm stops iterating at a deviance tolerance of 1e-8 (relative), so its SEs and deviances
    // carry errors near 1e-7; ours are closed form.
    expectFit(r, {
      logRateRatio: [d.poisson.coef[1], 1e-8], se: [d.poisson.se[1], 1e-6], z: [d.poisson.z, 1e-6],
      pWaldTwoSided: [d.poisson.p, 1e-6], lr: [d.poisson.lrStat, 1e-7], pLr: [d.poisson.lrP, 1e-7],
    });
  });
});

describe('negative-binomial regression against MASS::glm.nb', () => {
  const data = (d: Dataset) => ({ y: Float64Array.from(d.y), t: Float64Array.from(d.exposure), x: Uint8Array.from(d.x), m: d.y.length });
  const finite = fixture.datasets.filter((d) => !d.negbin.thetaUnbounded);
  it('has overdispersed datasets with finite θ to compare', () => expect(finite.length).toBeGreaterThanOrEqual(5));
  it.each(finite.map((d) => [d.name, d] as const))('%s', (_, d) => {
    const r = negativeBinomialRateComparison(data(d));
    expect(r.converged).toBe(true);
    expectFit(r, {
      logRateRatio: [d.negbin.coef[1], 1e-6], se: [d.negbin.se[1], 1e-6], pWaldTwoSided: [d.negbin.p, 1e-6],
      theta: [d.negbin.theta, 1e-6], lr: [d.negbin.lrStat, 1e-6], pLr: [d.negbin.lrP, 1e-6],
    });
  });
  it.each(fixture.datasets.filter((d) => d.negbin.thetaUnbounded).map((d) => [d.name, d] as const))('%s (no overdispersion: the Poisson limit)', (_, d) => {
    const r = negativeBinomialRateComparison(data(d));
    rel(r.logRateRatio, d.poisson.coef[1], 1e-6);
    rel(r.lr, d.poisson.lrStat, 1e-4);
  });
});

describe('Poisson quantile', () => {
  it('is the smallest k with P(Y <= k) >= u, for small and large means', () => {
    for (const mu of [0.3, 4, 49.5, 75, 400]) {
      for (const u of [0.001, 0.2, 0.5, 0.9, 0.9999]) {
        const k = poissonQuantile(u, mu);
        expect(upperIncompleteGamma(k + 1, mu)).toBeGreaterThanOrEqual(u - 1e-12);
        if (k > 0) expect(upperIncompleteGamma(k, mu)).toBeLessThan(u + 1e-12);
      }
    }
  });
});
