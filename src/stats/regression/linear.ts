/**
 * Ordinary least squares for a continuous outcome, with the classical
 * (homoscedastic) inference R's `lm` + `summary.lm` report.
 *
 * Normal equations X'X b = X'y solved by Cholesky (the designs here have a few
 * well-scaled columns); σ̂² = RSS / (n − p); Cov(b) = σ̂² (X'X)⁻¹; t = b / SE
 * with n − p df; log-likelihood as `logLik.lm`:
 *   ℓ = −n/2 · (log 2π + 1 + log(RSS / n)).
 */
import { aliasedColumns, choleskyInPlace, choleskyInverse, choleskySolveInPlace } from './linalg.js';
import { gramKernel, linearPredictorKernel } from './kernels.js';
import { fUpperTail, twoSidedTP } from './tails.js';
import { aliasedReason, failedFit, waldColumns } from './types.js';
import type { CoefficientTable, FailedFit, FTestResult, ModelMatrix } from './types.js';
import { waldStatistic } from './hypothesis.js';

/** A successful OLS fit. `statistics` are t statistics with `dfResidual` df. */
export interface LinearFitOk extends CoefficientTable {
  readonly model: 'linear';
  readonly dfResidual: number;
  /** Residual sum of squares. */
  readonly rss: number;
  /** Residual standard deviation σ̂ = √(RSS / df). */
  readonly sigma: number;
}

export type LinearFit = LinearFitOk | FailedFit;

/**
 * Rows that are distinct covariate patterns (the sufficient statistics of
 * OLS): row g stands for count[g] patients whose outcomes have mean y[g] and
 * sum of squared deviations from it within[g]. The fit is the patients' fit:
 * X'X = Σ n_g x_g x_gᵀ, X'y = Σ n_g ȳ_g x_g and
 * RSS = Σ within_g + Σ n_g (ȳ_g − x_gᵀb)², at a cost set by the patterns.
 */
export interface LinearGroups {
  readonly count: Float64Array;
  readonly within: ArrayLike<number>;
}

/**
 * Fits y = X b + ε by OLS. Returns `status: 'singular'` (no estimates) when X
 * is rank deficient (see `aliasedColumns`), when n ≤ p (no residual df), or
 * when the fit is exact (RSS = 0, so σ̂ = 0 and t statistics are undefined).
 * With `groups`, the rows are covariate patterns (LinearGroups) and n the
 * patients they stand for.
 */
export function fitLinear(design: ModelMatrix, y: ArrayLike<number>, groups?: LinearGroups): LinearFit {
  const { X, n: rows, p } = design;
  if (y.length !== rows) throw new RangeError(`y has ${y.length} values for ${rows} rows`);
  if (groups && (groups.count.length !== rows || groups.within.length !== rows)) throw new RangeError(`groups have ${groups.count.length} counts for ${rows} rows`);
  let n = rows;
  if (groups) { n = 0; for (let g = 0; g < rows; g++) n += groups.count[g]!; }
  if (p === 0) return failedFit(design, 'singular', 'model has no columns');
  if (n <= p) return failedFit(design, 'singular', `no residual degrees of freedom (n = ${n}, p = ${p})`);
  const aliased = aliasedColumns(X, rows, p, 'intercept');
  if (aliased.length > 0) return failedFit(design, 'singular', aliasedReason(design, aliased), 0, aliased);

  const xtx = new Float64Array(p * p);
  const b = new Float64Array(p);
  gramKernel(p, groups !== undefined, true, false)(X, rows, groups?.count ?? null, y, null, xtx, b);
  if (choleskyInPlace(xtx, p, 1e-12) >= 0) {
    return failedFit(design, 'singular', 'X\'X is numerically singular');
  }
  choleskySolveInPlace(xtx, p, b);

  const fitted = new Float64Array(rows);
  linearPredictorKernel(p)(X, rows, b, fitted);
  let rss = 0;
  let tss = 0;
  for (let i = 0; i < rows; i++) {
    const e = y[i]! - fitted[i]!;
    if (groups) {
      const m = groups.count[i]!, w = groups.within[i]!;
      rss += w + m * e * e;
      tss += w + m * y[i]! * y[i]!;
    } else {
      rss += e * e;
      tss += y[i]! * y[i]!;
    }
  }
  if (!Number.isFinite(rss)) return failedFit(design, 'singular', 'non-finite residual sum of squares');
  if (!(rss > 1e-28 * tss)) return failedFit(design, 'singular', 'exact fit: residual variance is 0');

  const df = n - p;
  const sigma2 = rss / df;
  const covariance = new Float64Array(p * p);
  choleskyInverse(xtx, p, covariance);
  for (let k = 0; k < p * p; k++) covariance[k]! *= sigma2;
  return {
    ok: true,
    status: 'ok',
    model: 'linear',
    n,
    p,
    columnNames: design.columnNames,
    coefficients: b,
    covariance,
    ...waldColumns(b, covariance, (t) => twoSidedTP(t, df)),
    logLik: -0.5 * n * (Math.log(2 * Math.PI) + 1 + Math.log(rss / n)),
    dfResidual: df,
    rss,
    sigma: Math.sqrt(sigma2),
  };
}

/**
 * F test that the coefficients in `columns` are all zero:
 *   F = b_Sᵀ V_SS⁻¹ b_S / q  ~  F(q, n − p),
 * V = σ̂² (X'X)⁻¹. For OLS this is identical to the extra-sum-of-squares F of
 * `anova(reduced, full)` in R.
 */
export function linearFTest(fit: LinearFit, columns: readonly number[]): FTestResult {
  if (!fit.ok) return { ok: false, reason: `fit unavailable (${fit.status}): ${fit.reason}` };
  const w = waldStatistic(fit, columns);
  if (!w.ok) return w;
  const q = columns.length;
  const f = w.statistic / q;
  return { ok: true, statistic: f, df1: q, df2: fit.dfResidual, pValue: fUpperTail(f, q, fit.dfResidual) };
}
