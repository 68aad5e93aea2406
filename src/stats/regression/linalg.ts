/**
 * Small dense linear algebra on row-major `Float64Array`s for the regression
 * fits.
 *
 * The models here have a handful of columns (p ≈ 2–10) and are refitted
 * thousands of times, so a hand-written Cholesky on a flat array beats building
 * `ml-matrix` objects inside every Newton iteration (no allocation, no bounds
 * checks through accessors). Only the lower triangle of a symmetric matrix is
 * read; `A[i * p + j]` is row i, column j.
 */
import { gramKernel } from './kernels.js';

/**
 * In-place Cholesky factorisation A = L Lᵀ of a symmetric positive-definite
 * p × p matrix (lower triangle of `A` is overwritten by L; the strict upper
 * triangle is left untouched and must be ignored).
 *
 * Returns the index of the first pivot that is too small, or -1 on success.
 * With `relativeTo: 'own'` (default) pivot j must exceed `tol` · A_jj (column
 * j is not, to within `tol`, a combination of the earlier ones); with
 * `'max'` it must exceed `tol` · max_k A_kk, survival's `cholesky2` rule (for
 * matrices whose columns were scaled to comparable size). Golub & Van Loan,
 * Matrix Computations, Alg. 4.2.1.
 */
export function choleskyInPlace(A: Float64Array, p: number, tol: number, relativeTo: 'own' | 'max' = 'own'): number {
  let maxDiagonal = 0;
  if (relativeTo === 'max') for (let j = 0; j < p; j++) maxDiagonal = Math.max(maxDiagonal, A[j * p + j]!);
  for (let j = 0; j < p; j++) {
    const jj = j * p + j;
    const original = A[jj]!;
    const threshold = tol * (relativeTo === 'max' ? maxDiagonal : original);
    let d = original;
    for (let k = 0; k < j; k++) {
      const l = A[j * p + k]!;
      d -= l * l;
    }
    if (!(d > threshold) || !(original > 0) || !Number.isFinite(d)) return j;
    const ljj = Math.sqrt(d);
    A[jj] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = A[i * p + j]!;
      for (let k = 0; k < j; k++) s -= A[i * p + k]! * A[j * p + k]!;
      A[i * p + j] = s / ljj;
    }
  }
  return -1;
}

/** Solves (L Lᵀ) x = b in place (b becomes x), with L from {@link choleskyInPlace}. */
export function choleskySolveInPlace(L: Float64Array, p: number, b: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * p + k]! * b[k]!;
    b[i] = s / L[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < p; k++) s -= L[k * p + i]! * b[k]!;
    b[i] = s / L[i * p + i]!;
  }
}

/**
 * Full symmetric inverse (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹ written to `out` (p × p, both
 * triangles), with L from {@link choleskyInPlace}. This is the covariance
 * matrix when L factors an information matrix.
 */
export function choleskyInverse(L: Float64Array, p: number, out: Float64Array): void {
  // M = L⁻¹ (lower triangular), by forward substitution column by column.
  const M = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    M[j * p + j] = 1 / L[j * p + j]!;
    for (let i = j + 1; i < p; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i * p + k]! * M[k * p + j]!;
      M[i * p + j] = s / L[i * p + i]!;
    }
  }
  // out = Mᵀ M.
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += M[k * p + i]! * M[k * p + j]!;
      out[i * p + j] = s;
      out[j * p + i] = s;
    }
  }
}

/**
 * Indices of columns of the n × p row-major matrix X that are (numerically)
 * linear combinations of earlier columns — the columns R's `lm`/`glm` would
 * report as `NA` ("aliased").
 *
 * `constant`: how a constant column is treated.
 *   - `'intercept'`: the first constant non-zero column is the intercept; the
 *     other columns are centred, so a column with no variation (e.g. a
 *     biomarker that everybody has, or an empty subgroup's all-zero
 *     interaction) is aliased with it.
 *   - `'absorbed'`: the model has an implicit intercept (Cox baseline hazard);
 *     columns are centred and every constant column is aliased.
 *   - `'none'`: no centring (model without intercept).
 *
 * Method: Gram matrix of the (centred) columns scaled to unit diagonal, then a
 * Cholesky that skips a column whose squared residual norm after projection on
 * the kept earlier columns is ≤ `tol` (default 1e-9, i.e. R² > 1 − 1e-9).
 */
export function aliasedColumns(
  X: Float64Array,
  n: number,
  p: number,
  constant: 'intercept' | 'absorbed' | 'none',
  tol = 1e-9,
): number[] {
  const mean = new Float64Array(p);
  let interceptColumn = -1;
  if (constant !== 'none') {
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j]! += X[i * p + j]!;
    for (let j = 0; j < p; j++) mean[j]! /= n;
    if (constant === 'intercept') {
      for (let j = 0; j < p && interceptColumn < 0; j++) {
        let isConstant = mean[j] !== 0;
        for (let i = 0; i < n && isConstant; i++) isConstant = X[i * p + j] === X[j];
        if (isConstant) interceptColumn = j;
      }
    }
  }
  const G = new Float64Array(p * p);
  const centered = constant !== 'none';
  gramKernel(p, false, false, centered)(X, n, null, null, centered ? mean : null, G, G);
  const aliased: number[] = [];
  const keep = new Uint8Array(p);
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (j === interceptColumn) continue;
    const gjj = G[j * p + j]!;
    if (!(gjj > 0) || !Number.isFinite(gjj)) {
      aliased.push(j);
      continue;
    }
    scale[j] = 1 / Math.sqrt(gjj);
    // Pivot-skipping Cholesky on the scaled Gram matrix (row j of L).
    let d = 1;
    for (let k = 0; k < j; k++) {
      if (!keep[k]) continue;
      let s = G[j * p + k]! * scale[j]! * scale[k]!;
      for (let m = 0; m < k; m++) if (keep[m]) s -= G[j * p + m]! * G[k * p + m]!;
      const l = s / G[k * p + k]!;
      G[j * p + k] = l;
      d -= l * l;
    }
    if (d <= tol) {
      aliased.push(j);
      continue;
    }
    G[j * p + j] = Math.sqrt(d);
    keep[j] = 1;
  }
  return aliased;
}
