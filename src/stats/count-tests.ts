/**
 * Two-group comparisons of event counts with per-patient exposure (e.g.
 * exacerbations per patient-year): the log rate ratio of treatment to
 * control, by Poisson regression (closed form: with one binary covariate
 * and offsets log t_i the MLE is log((Y_1/T_1)/(Y_0/T_0)) with Wald
 * variance 1/Y_1 + 1/Y_0, and the likelihood-ratio statistic
 * 2 Σ_g Y_g log(r_g / r), r the pooled rate) or negative-binomial regression
 * (log μ_i = log t_i + β0 + β1 x_i, Var = μ + μ²/θ; maximum likelihood
 * alternating Fisher scoring for β with Newton steps for θ, as MASS::glm.nb:
 * Venables & Ripley 2002, §7.4; Lawless 1987). Wald tests use the Fisher
 * information for β at the estimated θ (β and θ are orthogonal), the LR test
 * refits the null model with its own θ. Checked against R's glm and glm.nb.
 */
import { normalUpper, chiSquareUpper, logGamma, digamma, trigamma } from './distributions.js';

export interface RateComparison {
  /** log rate ratio (treatment / control), its Wald SE. */
  logRateRatio: number;
  se: number;
  /** Wald z = estimate / se. */
  z: number;
  pWaldTwoSided: number;
  /** Likelihood-ratio statistic (1 df) and its p-value. */
  lr: number;
  pLr: number;
  /** Negative binomial only: θ (NaN for Poisson), and whether the fit converged. */
  theta: number;
  converged: boolean;
}

const NONE: RateComparison = { logRateRatio: NaN, se: NaN, z: 0, pWaldTwoSided: 1, lr: 0, pLr: 1, theta: NaN, converged: false };

const xlogy = (x: number, y: number): number => (x === 0 ? 0 : x * Math.log(y));

/** Poisson regression of counts on a treatment indicator with log-exposure offsets, from the group totals. */
export function poissonRateComparison(y1: number, t1: number, y0: number, t0: number): RateComparison {
  if (!(t1 > 0 && t0 > 0) || y1 === 0 || y0 === 0) {
    if (!(t1 > 0 && t0 > 0) || y1 + y0 === 0) return NONE;
    // One group without events: the MLE is infinite; the LR test still exists.
    const r = (y1 + y0) / (t1 + t0);
    const lr = 2 * (xlogy(y1, y1 / t1 / r) + xlogy(y0, y0 / t0 / r));
    return { ...NONE, lr, pLr: chiSquareUpper(lr, 1) };
  }
  const est = Math.log((y1 / t1) / (y0 / t0));
  const se = Math.sqrt(1 / y1 + 1 / y0);
  const r = (y1 + y0) / (t1 + t0);
  const lr = Math.max(0, 2 * (xlogy(y1, y1 / t1 / r) + xlogy(y0, y0 / t0 / r)));
  return { logRateRatio: est, se, z: est / se, pWaldTwoSided: 2 * normalUpper(Math.abs(est / se)), lr, pLr: chiSquareUpper(lr, 1), theta: NaN, converged: true };
}

/** Per-patient data of one comparison: counts, exposures and the treatment indicator, first m entries used. */
export interface CountData {
  y: Float64Array;
  t: Float64Array;
  x: Uint8Array;
  m: number;
}

/** Above this θ the data show no overdispersion: the fit is the Poisson one (glm.nb's θ then runs off to infinity). */
const THETA_MAX = 1e8;

/** NB log-likelihood at means mu_i = t_i exp(b0 + b1 x_i). */
function nbLogLik(d: CountData, b0: number, b1: number, theta: number): number {
  let ll = 0;
  const lgTheta = logGamma(theta);
  for (let i = 0; i < d.m; i++) {
    const mu = d.t[i] * Math.exp(b0 + b1 * d.x[i]);
    const y = d.y[i];
    ll += logGamma(y + theta) - lgTheta - logGamma(y + 1) + theta * Math.log(theta / (theta + mu)) + xlogy(y, mu / (theta + mu));
  }
  return ll;
}

/** One Newton step for log θ given the means (score and information of MASS's theta.ml). */
function thetaStep(d: CountData, b0: number, b1: number, theta: number): number {
  let score = 0, info = 0;
  for (let i = 0; i < d.m; i++) {
    const mu = d.t[i] * Math.exp(b0 + b1 * d.x[i]);
    const y = d.y[i];
    score += digamma(y + theta) - digamma(theta) + Math.log(theta) + 1 - Math.log(theta + mu) - (y + theta) / (theta + mu);
    info += -trigamma(y + theta) + trigamma(theta) - 1 / theta + 2 / (theta + mu) - (y + theta) / ((theta + mu) * (theta + mu));
  }
  // Newton on log θ: d/dlogθ = θ score, d²/dlogθ² = θ score - θ² info.
  const g = theta * score, h = theta * score - theta * theta * info;
  const step = h < 0 ? -g / h : Math.sign(g);
  return theta * Math.exp(Math.max(-2, Math.min(2, step)));
}

/** Fisher scoring for (b0, b1) — or b0 alone when `withTreatment` is false — at fixed θ; returns the information for b1 given b0. */
function betaStep(d: CountData, b: [number, number], theta: number, withTreatment: boolean): number {
  let u0 = 0, u1 = 0, i00 = 0, i01 = 0, i11 = 0;
  for (let i = 0; i < d.m; i++) {
    const x = d.x[i];
    const mu = d.t[i] * Math.exp(b[0] + b[1] * x);
    const w = mu / (1 + mu / theta);
    const r = (d.y[i] - mu) / (1 + mu / theta);
    u0 += r; u1 += r * x; i00 += w; i01 += w * x; i11 += w * x;
  }
  if (!withTreatment) { b[0] += u0 / i00; return NaN; }
  const det = i00 * i11 - i01 * i01;
  b[0] += (i11 * u0 - i01 * u1) / det;
  b[1] += (i00 * u1 - i01 * u0) / det;
  return det / i00;
}

/** Maximum likelihood of the NB model, with or without the treatment term. */
function fitNegativeBinomial(d: CountData, withTreatment: boolean): { b: [number, number]; theta: number; info11: number; logLik: number; converged: boolean } {
  let y1 = 0, t1 = 0, y0 = 0, t0 = 0;
  for (let i = 0; i < d.m; i++) if (d.x[i]) { y1 += d.y[i]; t1 += d.t[i]; } else { y0 += d.y[i]; t0 += d.t[i]; }
  const b: [number, number] = withTreatment ? [Math.log(y0 / t0), Math.log((y1 / t1) / (y0 / t0))] : [Math.log((y0 + y1) / (t0 + t1)), 0];
  // Moment start for θ, as glm.nb: n / Σ (y/μ - 1)².
  let dev = 0;
  for (let i = 0; i < d.m; i++) { const mu = d.t[i] * Math.exp(b[0] + b[1] * d.x[i]); dev += (d.y[i] / mu - 1) ** 2; }
  let theta = Math.min(THETA_MAX, Math.max(1e-3, d.m / dev));
  let info11 = NaN, converged = false, ll = -Infinity;
  for (let iter = 0; iter < 200; iter++) {
    for (let k = 0; k < 3; k++) info11 = betaStep(d, b, theta, withTreatment);
    theta = Math.min(THETA_MAX, thetaStep(d, b[0], b[1], theta));
    const next = nbLogLik(d, b[0], b[1], theta);
    if (Math.abs(next - ll) < 1e-12 * (1 + Math.abs(next))) { converged = true; ll = next; break; }
    ll = next;
  }
  info11 = betaStep(d, b, theta, withTreatment);
  return { b, theta, info11, logLik: nbLogLik(d, b[0], b[1], theta), converged };
}

/** Negative-binomial regression of counts on a treatment indicator with log-exposure offsets (MASS::glm.nb). */
export function negativeBinomialRateComparison(d: CountData): RateComparison {
  let y1 = 0, y0 = 0, n1 = 0;
  for (let i = 0; i < d.m; i++) if (d.x[i]) { y1 += d.y[i]; n1++; } else y0 += d.y[i];
  if (y1 === 0 || y0 === 0 || n1 === 0 || n1 === d.m) return NONE;
  const full = fitNegativeBinomial(d, true);
  const nul = fitNegativeBinomial(d, false);
  const se = 1 / Math.sqrt(full.info11);
  const est = full.b[1];
  const lr = Math.max(0, 2 * (full.logLik - nul.logLik));
  return {
    logRateRatio: est, se, z: est / se, pWaldTwoSided: 2 * normalUpper(Math.abs(est / se)),
    lr, pLr: chiSquareUpper(lr, 1), theta: full.theta, converged: full.converged && nul.converged,
  };
}
