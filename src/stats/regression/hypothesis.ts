/**
 * Tests of a set of coefficients (e.g. all treatment × biomarker interaction
 * columns of a categorical biomarker): multi-df Wald chi-square from the
 * covariance matrix, and the likelihood-ratio test of nested fits.
 */
import { choleskyInPlace, choleskySolveInPlace } from './linalg.js';
import { chiSquareUpper } from '../distributions.js';
import type { CoefficientTable, FailedFit, TestResult } from './types.js';

type AnyFit = CoefficientTable | FailedFit;

/**
 * Wald statistic W = b_Sᵀ (V_SS)⁻¹ b_S for the coefficients in `columns`
 * (V = the fit's covariance). Under H0: b_S = 0, W ~ χ²_q asymptotically
 * (Wald 1943). `pValue` here is that chi-square upper tail.
 */
export function waldStatistic(fit: AnyFit, columns: readonly number[]): TestResult {
  if (!fit.ok) return { ok: false, reason: `fit unavailable (${fit.status}): ${fit.reason}` };
  const q = columns.length;
  const p = fit.p;
  if (q === 0) return { ok: false, reason: 'no columns to test' };
  const seen = new Set<number>();
  for (const j of columns) {
    if (!Number.isInteger(j) || j < 0 || j >= p || seen.has(j)) {
      return { ok: false, reason: `invalid or repeated column ${j} (model has ${p} columns)` };
    }
    seen.add(j);
  }
  const V = new Float64Array(q * q);
  const b = new Float64Array(q);
  for (let r = 0; r < q; r++) {
    b[r] = fit.coefficients[columns[r]!]!;
    for (let c = 0; c < q; c++) V[r * q + c] = fit.covariance[columns[r]! * p + columns[c]!]!;
  }
  const bb = Float64Array.from(b);
  if (choleskyInPlace(V, q, 1e-14) >= 0) return { ok: false, reason: 'covariance of the tested coefficients is singular' };
  choleskySolveInPlace(V, q, bb);
  let w = 0;
  for (let r = 0; r < q; r++) w += b[r]! * bb[r]!;
  if (!Number.isFinite(w)) return { ok: false, reason: 'non-finite Wald statistic' };
  return { ok: true, statistic: w, df: q, pValue: chiSquareUpper(w, q) };
}

/**
 * Multi-df Wald chi-square test that the coefficients in `columns` are all
 * zero (for a linear model see `linearFTest`, the exact small-sample version).
 */
export function waldTest(fit: AnyFit, columns: readonly number[]): TestResult {
  return waldStatistic(fit, columns);
}

/**
 * Likelihood-ratio test of a reduced model nested in a full one:
 *   G = 2 (ℓ_full − ℓ_reduced) ~ χ²_{p_full − p_reduced}
 * (Wilks 1938). Same as R's `anova(reduced, full, test = 'Chisq')` for `glm`
 * and `anova(reduced, full)` for `coxph`; for `lm` it is the exact Gaussian
 * LR n·log(RSS_r / RSS_f) (R's `anova(..., test = 'LRT')` for `lm` instead
 * reports the scaled (RSS_r − RSS_f)/σ̂²_full). Nesting is the caller's
 * responsibility (typically `dropColumns(design, cols)`). A slightly negative
 * G from rounding is reported as 0.
 */
export function likelihoodRatioTest(full: AnyFit, reduced: AnyFit): TestResult {
  if (!full.ok) return { ok: false, reason: `full model unavailable (${full.status}): ${full.reason}` };
  if (!reduced.ok) return { ok: false, reason: `reduced model unavailable (${reduced.status}): ${reduced.reason}` };
  const df = full.p - reduced.p;
  if (df <= 0) return { ok: false, reason: `reduced model has ${reduced.p} columns, full has ${full.p}` };
  const g = Math.max(0, 2 * (full.logLik - reduced.logLik));
  if (!Number.isFinite(g)) return { ok: false, reason: 'non-finite likelihood-ratio statistic' };
  return { ok: true, statistic: g, df, pValue: chiSquareUpper(g, df) };
}
