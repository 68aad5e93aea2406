/**
 * Multivariate t version of the Dunnett probabilities (Dunnett 1955; the
 * central multivariate t of mvtnorm's `pmvt`): T_k = Z_k / S with a common
 * S = √(χ²_ν/ν) independent of the product-correlated normal Z_k, so
 *   P(all T_k < c) = E_S[P_N(cS)] = ∫ f_S(s) P_N(cs) ds,
 * where P_N is the normal probability of `dunnett-probability.ts` and
 *   f_S(s) = 2ν s · g_ν(ν s²),  g_ν the χ²_ν density.
 * The s-integral uses composite 10-point Gauss-Legendre over the range where
 * log f_S is within 38 of its mode, renormalised to unit mass, with a graded
 * mesh at 0 for non-integer ν (where f_S ∝ s^{ν-1} is not smooth). With
 * K = 1 this reproduces the Student t tail to < 2e-13 for ν from 1 to 1e7.
 */
import { logGamma } from '../distributions.js';
import { groupedExceedance, groupLambdas, type Sidedness } from './dunnett-probability.js';
import { gaussLegendreOnBreaks, type Rule } from './quadrature.js';

const S_ORDER = 10;

/** log density of S = √(χ²_ν/ν) at s > 0. */
function logDensityS(s: number, df: number): number {
  const u = df * s * s;
  return Math.log(2 * df * s) + (df / 2 - 1) * Math.log(u) - u / 2 - (df / 2) * Math.LN2 - logGamma(df / 2);
}

const sRules = new Map<string, Rule>();

/**
 * Quadrature rule for E_S[·], S = √(χ²_ν/ν), weights already times the
 * density, over the range where the log-density is within 38 of its mode
 * (tail mass < 1e-16). P_N(cS) changes over an s-scale of about 1/|c|, so
 * panels are at most 1/(2|c|) wide (and at most 1/16 of the range).
 */
function sRule(df: number, c: number): Rule {
  const mode = df > 1 ? Math.sqrt((df - 1) / df) : 0.5;
  const top = logDensityS(mode, df);
  const step = Math.min(0.5, 1 / Math.sqrt(2 * df));
  let hi = mode;
  while (logDensityS(hi, df) > top - 38) hi += step;
  let lo = mode;
  while (lo - step > 0 && logDensityS(lo - step, df) > top - 38) lo -= step;
  lo = Math.max(0, lo - step);
  const panels = Math.max(16, Math.ceil((hi - lo) * 2 * Math.max(1, Math.abs(c))));
  const key = `${df}|${panels}`;
  const hit = sRules.get(key);
  if (hit) return hit;
  const h = (hi - lo) / panels;
  const breaks = Array.from({ length: panels + 1 }, (_, i) => lo + i * h);
  if (lo === 0 && !Number.isInteger(df)) {
    // f(s) ∝ s^{ν-1} near 0 is not smooth for non-integer ν: grade the first
    // panel geometrically towards 0 (h/2, h/4, ..., h/2^20).
    breaks.splice(1, 0, ...Array.from({ length: 20 }, (_, j) => h / 2 ** (20 - j)));
  }
  const base = gaussLegendreOnBreaks(breaks, S_ORDER);
  const w = new Float64Array(base.w.length);
  let mass = 0;
  for (let i = 0; i < w.length; i++) mass += w[i] = base.w[i]! * Math.exp(logDensityS(base.x[i]!, df));
  // Renormalise: for large ν the log-density loses ~1e-11 to cancellation.
  for (let i = 0; i < w.length; i++) w[i]! /= mass;
  const rule = { x: base.x, w };
  if (sRules.size > 256) sRules.clear();
  sRules.set(key, rule);
  return rule;
}

/**
 * Multivariate t exceedance 1 - P(all T_k < c) (or 1 - P(all |T_k| < c) for
 * sided 2) with ν = `df` > 0 degrees of freedom: E_S[normal exceedance at cS].
 */
export function tExceedance(c: number, lambdas: readonly number[], sided: Sidedness, df: number): number {
  if (!(df > 0)) throw new RangeError(`df must be positive, got ${df}`);
  if (Number.isNaN(c)) return NaN;
  if (sided === 2 && c <= 0) return 1;
  if (!Number.isFinite(c)) return c > 0 ? 0 : 1;
  const groups = groupLambdas(lambdas);
  const rule = sRule(df, c);
  let acc = 0;
  for (let i = 0; i < rule.x.length; i++) acc += rule.w[i]! * groupedExceedance(c * rule.x[i]!, groups, sided);
  return Math.min(1, Math.max(0, acc));
}
