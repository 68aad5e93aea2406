/**
 * Shared result shapes for the regression fits (linear, logistic, Cox).
 *
 * Every fit returns a discriminated union on `ok`:
 *   - `ok: true`, `status: 'ok'` — all estimates are present and finite.
 *   - `ok: false` — a {@link FailedFit}: no coefficients, standard errors or
 *     p-values at all (they would be garbage), only the reason. Fitting never
 *     throws for data problems (separation, empty subgroups, no events, ...).
 */

/**
 * Why a fit is (un)usable.
 *   - `'ok'`: converged to a finite maximum; estimates are valid.
 *   - `'separation'`: the likelihood has no finite maximum — complete or
 *     quasi-complete separation (logistic), monotone likelihood (Cox: e.g. no
 *     events in one arm or subgroup) — or the information matrix became
 *     singular during the iterations although the design has full rank.
 *   - `'not-converged'`: the iteration limit was reached (or a non-finite
 *     value appeared) without a sign of separation.
 *   - `'singular'`: the design matrix is rank deficient (a column with no
 *     variation, an empty subgroup, collinear columns), too few observations,
 *     no residual degrees of freedom (linear), or no events at all (Cox).
 */
export type FitStatus = 'ok' | 'separation' | 'not-converged' | 'singular';

/** An n × p model matrix stored row-major: X[i * p + j] is row i, column j. */
export interface ModelMatrix {
  readonly X: Float64Array;
  readonly n: number;
  readonly p: number;
  readonly columnNames: readonly string[];
}

/** Estimates common to every successful fit. Arrays have length p; matrices are p × p row-major. */
export interface CoefficientTable {
  readonly ok: true;
  readonly status: 'ok';
  readonly n: number;
  readonly p: number;
  readonly columnNames: readonly string[];
  readonly coefficients: Float64Array;
  readonly standardErrors: Float64Array;
  /** Estimated covariance matrix of the coefficients (inverse information, × σ² for OLS). */
  readonly covariance: Float64Array;
  /** Wald statistics b / SE (t for linear models, z otherwise). */
  readonly statistics: Float64Array;
  /** Two-sided p-values of the Wald statistics (t with `dfResidual` df, else normal). */
  readonly pValues: Float64Array;
  /** Log-likelihood at the estimate (log partial likelihood for Cox). */
  readonly logLik: number;
  /** Residual df when inference uses the t distribution (linear models); absent means normal-theory z. */
  readonly dfResidual?: number;
}

/** A fit whose estimates are unavailable; see {@link FitStatus}. */
export interface FailedFit {
  readonly ok: false;
  readonly status: Exclude<FitStatus, 'ok'>;
  /** Human-readable explanation, e.g. "column 3 (treatment:marker) is aliased". */
  readonly reason: string;
  readonly n: number;
  readonly p: number;
  readonly columnNames: readonly string[];
  /** Iterations run before giving up (0 when the data were rejected up front). */
  readonly iterations: number;
  /** Columns found linearly dependent on earlier ones (status 'singular'); otherwise empty. */
  readonly aliasedColumns: readonly number[];
}

/** Result of a chi-square or F test, or the reason it could not be computed. */
export type TestResult =
  | { readonly ok: true; readonly statistic: number; readonly df: number; readonly pValue: number }
  | { readonly ok: false; readonly reason: string };

/** Result of an F test (numerator df `df1`, denominator df `df2`). */
export type FTestResult =
  | { readonly ok: true; readonly statistic: number; readonly df1: number; readonly df2: number; readonly pValue: number }
  | { readonly ok: false; readonly reason: string };

/** Builds a {@link FailedFit}. */
export function failedFit(
  design: ModelMatrix,
  status: Exclude<FitStatus, 'ok'>,
  reason: string,
  iterations = 0,
  aliased: readonly number[] = [],
): FailedFit {
  return {
    ok: false,
    status,
    reason,
    n: design.n,
    p: design.p,
    columnNames: design.columnNames,
    iterations,
    aliasedColumns: aliased,
  };
}

/**
 * Standard errors √V_jj, Wald statistics b_j / SE_j and two-sided p-values
 * (`twoSided(statistic)`: normal or t) for estimate b with covariance V.
 */
export function waldColumns(
  beta: Float64Array,
  covariance: Float64Array,
  twoSided: (statistic: number) => number,
): { standardErrors: Float64Array; statistics: Float64Array; pValues: Float64Array } {
  const p = beta.length;
  const standardErrors = new Float64Array(p);
  const statistics = new Float64Array(p);
  const pValues = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    standardErrors[j] = Math.sqrt(covariance[j * p + j]!);
    statistics[j] = beta[j]! / standardErrors[j]!;
    pValues[j] = twoSided(statistics[j]!);
  }
  return { standardErrors, statistics, pValues };
}

/** Reason string naming the aliased columns. */
export function aliasedReason(design: ModelMatrix, aliased: readonly number[]): string {
  const names = aliased.map((j) => `${j} (${design.columnNames[j] ?? '?'})`);
  return `design matrix is rank deficient: column${aliased.length > 1 ? 's' : ''} ${names.join(', ')} ` +
    'has no variation or is a linear combination of earlier columns';
}
