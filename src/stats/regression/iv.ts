/**
 * Two-stage least squares (2SLS) with one or more instruments and exogenous
 * covariates, with the classical (homoskedastic) standard errors of R's
 * `AER::ivreg` (Kleiber & Zeileis 2008, section 3.6; Wooldridge 2010,
 * section 5.2): with regressors X (intercept, the endogenous treatment,
 * covariates) and instruments Z (intercept, the instruments, the same
 * covariates),
 *
 *   β = (X'P X)⁻¹ X'P y,  P = Z (Z'Z)⁻¹ Z',
 *   σ² = Σ (y − Xβ)² / (n − p)   (residuals with the observed X, not X̂),
 *   Var β = σ² (X'P X)⁻¹.
 *
 * The cross products come from one Gram matrix of the columns [X ∪ Z, y];
 * the residuals are summed in a second pass over the patients so no large
 * sums of squares cancel. Also the first stage's F statistic for the
 * excluded instruments (the weak-instrument check; Staiger & Stock 1997).
 */
import { choleskyInPlace, choleskySolveInPlace } from './linalg.js';

/** Patient-level data as columns: `columns[j][i]` is column j of patient i; the regressor and instrument lists index into it. */
export interface IvData {
  n: number;
  columns: Float64Array[];
  y: Float64Array;
  /** Regressors X (first: the intercept) and instruments Z, as indices into `columns`. */
  regressors: number[];
  instruments: number[];
  /** The index within `regressors` of the coefficient reported. */
  target: number;
  /** Indices into `instruments` of the excluded instruments (not among the regressors), for the first-stage F. */
  excluded: number[];
}

export interface IvResult {
  status: 'ok' | 'weak-instrument' | 'singular' | 'no-residual-df';
  estimate: number;
  se: number;
  df: number;
  /** First-stage F of the excluded instruments for the target regressor (NaN when it cannot be computed). */
  firstStageF: number;
}

const solve = (a: Float64Array, p: number, b: Float64Array): boolean => {
  if (choleskyInPlace(a, p, 1e-10) >= 0) return false;
  choleskySolveInPlace(a, p, b);
  return true;
};

/** Σ_i u_i v_i over the patients. */
function dot(u: Float64Array, v: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += u[i] * v[i];
  return s;
}

/** Column j of the data, or y for j = -1. */
const col = (d: IvData, j: number) => (j < 0 ? d.y : d.columns[j]);

/** Least squares of column `target` on `basis` (indices into the data): coefficients, or null when singular. */
function project(d: IvData, basis: number[], target: number): Float64Array | null {
  const m = basis.length;
  const a = new Float64Array(m * m), b = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    b[r] = dot(col(d, basis[r]), col(d, target), d.n);
    for (let c = 0; c <= r; c++) a[r * m + c] = dot(col(d, basis[r]), col(d, basis[c]), d.n);
  }
  return solve(a, m, b) ? b : null;
}

/** Residual sum of squares of column `target` after least squares on `basis`. */
function residualSquares(d: IvData, basis: number[], coef: Float64Array, target: number): number {
  const y = col(d, target);
  let rss = 0;
  for (let i = 0; i < d.n; i++) {
    let fit = 0;
    for (let r = 0; r < basis.length; r++) fit += coef[r] * d.columns[basis[r]][i];
    rss += (y[i] - fit) ** 2;
  }
  return rss;
}

/**
 * The first-stage F of the excluded instruments: (RSS_restricted − RSS_full)/q
 * over RSS_full/(n − m), regressing the target regressor on all instruments
 * and on the included ones only.
 */
function firstStageF(d: IvData): number {
  const endogenous = d.regressors[d.target];
  const full = project(d, d.instruments, endogenous);
  const kept = d.instruments.filter((_, j) => !d.excluded.includes(j));
  const restricted = project(d, kept, endogenous);
  if (!full || !restricted) return NaN;
  const rssFull = residualSquares(d, d.instruments, full, endogenous);
  const rssRestricted = residualSquares(d, kept, restricted, endogenous);
  const q = d.excluded.length, df = d.n - d.instruments.length;
  return rssFull > 0 && df > 0 ? ((rssRestricted - rssFull) / q) / (rssFull / df) : Infinity;
}

export function twoStageLeastSquares(d: IvData): IvResult {
  const p = d.regressors.length, m = d.instruments.length;
  const F = firstStageF(d);
  const fail = (status: IvResult['status']): IvResult => ({ status, estimate: NaN, se: NaN, df: NaN, firstStageF: F });
  if (d.n - p <= 0) return fail('no-residual-df');
  // Z'Z, Z'X and Z'y.
  const zz = new Float64Array(m * m), zx = new Float64Array(m * p), zy = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const zr = d.columns[d.instruments[r]];
    zy[r] = dot(zr, d.y, d.n);
    for (let c = 0; c <= r; c++) zz[r * m + c] = dot(zr, d.columns[d.instruments[c]], d.n);
    for (let c = 0; c < p; c++) zx[r * p + c] = dot(zr, d.columns[d.regressors[c]], d.n);
  }
  if (choleskyInPlace(zz, m, 1e-10) >= 0) return fail('singular');
  // W = (Z'Z)⁻¹ Z'X column by column; then X'PX = (Z'X)' W and X'Py = W' Z'y.
  const w = new Float64Array(m * p), v = new Float64Array(m);
  for (let c = 0; c < p; c++) {
    for (let r = 0; r < m; r++) v[r] = zx[r * p + c];
    choleskySolveInPlace(zz, m, v);
    for (let r = 0; r < m; r++) w[r * p + c] = v[r];
  }
  const xpx = new Float64Array(p * p), xpy = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    for (let r = 0; r < m; r++) xpy[a] += w[r * p + a] * zy[r];
    for (let b = 0; b <= a; b++) for (let r = 0; r < m; r++) xpx[a * p + b] += zx[r * p + a] * w[r * p + b];
  }
  const diagonal = Float64Array.from({ length: p }, (_, a) => xpx[a * p + a]);
  if (choleskyInPlace(xpx, p, 1e-10) >= 0) return fail(!(F > 1e-8) ? 'weak-instrument' : 'singular');
  if (!(diagonal.every((x) => x > 0))) return fail('singular');
  const beta = xpy.slice();
  choleskySolveInPlace(xpx, p, beta);
  const rss = residualSquares(d, d.regressors, beta, -1);
  const df = d.n - p;
  // (X'PX)⁻¹ at the target: solve with the unit vector.
  const e = new Float64Array(p);
  e[d.target] = 1;
  choleskySolveInPlace(xpx, p, e);
  return { status: 'ok', estimate: beta[d.target], se: Math.sqrt((rss / df) * e[d.target]), df, firstStageF: F };
}
