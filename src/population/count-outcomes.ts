/**
 * Count outcomes (events over an exposure time): Y_a ~ Poisson(t G λ_a(x)),
 * λ_a(x) = rate · exp(η_a(x)), with G = 1 (Poisson) or a gamma frailty with
 * mean 1 and variance `dispersion` (negative binomial: Var Y = μ + k μ²;
 * Lawless 1987). Potential outcomes are coupled: one exposure, one frailty
 * and one uniform U per patient, and Y_a the Poisson quantile of U, so the
 * arms differ only by the treatment.
 */
import type { RandomSource } from '../random/stream.js';
import { gammaDeviate } from '../random/samplers.js';
import { upperIncompleteGamma, logGamma, normalQuantile } from '../stats/distributions.js';
import type { Cohort } from './cohort.js';

/** The smallest k with P(Y ≤ k) ≥ u for Y ~ Poisson(mu): from 0 for small means, else walking from the mode. */
export function poissonQuantile(u: number, mu: number): number {
  if (!(mu > 0)) return 0;
  // Beyond 1e7 the walk from the mode would take thousands of steps; the normal quantile is then
  // within a relative 1e-4 of the Poisson one (skewness 1/√μ), far below any count's meaning.
  if (mu > 1e7) return Math.max(0, Math.round(mu + Math.sqrt(mu) * normalQuantile(u)));
  if (mu < 50) {
    let k = 0, p = Math.exp(-mu), cdf = p;
    while (cdf < u && p > 0) { k++; p *= mu / k; cdf += p; }
    return k;
  }
  let k = Math.floor(mu);
  let cdf = upperIncompleteGamma(k + 1, mu);
  let p = Math.exp(k * Math.log(mu) - mu - logGamma(k + 1));
  if (cdf >= u) {
    // Walk down while the cdf below k still reaches u.
    while (k > 0 && cdf - p >= u) { cdf -= p; p *= k / mu; k--; }
    return k;
  }
  while (cdf < u && p > 0) { k++; p *= mu / k; cdf += p; }
  return k;
}

/** What a count endpoint says about exposure and overdispersion. */
export interface CountLaw {
  exposure: number | { min: number; max: number };
  dispersion?: number;
}

/** Draws patient i's coupling uniform, exposure and frailty (in that order). */
export function drawCountLatent(law: CountLaw, source: RandomSource, normal: () => number, c: Cohort, i: number): void {
  c.latent[i] = source();
  const e = law.exposure;
  c.exposure[i] = typeof e === 'number' ? e : e.min + (e.max - e.min) * source();
  const k = law.dispersion;
  c.frailty[i] = k ? gammaDeviate(1 / k, source, normal) * k : 1;
}
