/**
 * Linear and logistic regression on grouped data: patients who share every
 * covariate (here arm and period) form one cell, summarised by its count and
 * its outcome's mean and within-cell sum of squares (continuous) or its
 * events (binary). The fits equal R's `lm` and `glm(binomial)` on the
 * patient-level data (same coefficients, standard errors and degrees of
 * freedom), at a cost that depends on the cells, not the patients:
 *
 * - least squares: XᵀWX β = XᵀW ȳ with W the cell counts; the residual sum of
 *   squares is Σ_j m2_j + Σ_j n_j (ȳ_j − x_jᵀβ)², split so that no large sums
 *   of squares cancel (Chan, Golub & LeVeque 1983);
 * - logistic: iteratively reweighted least squares on the binomial cells
 *   (McCullagh & Nelder 1989, section 4.4), started as glm does from
 *   μ = (y + 0.5)/(n + 1).
 *
 * A column that is a linear combination of earlier ones is dropped, as R's
 * pivoting QR drops it (NA coefficient); a target column so dropped, a fit
 * with no residual degrees of freedom, or a cell fitted at probability 0 or 1
 * (separation: the MLE is infinite) is reported by status, never as a number.
 */
import { choleskyInPlace, choleskySolveInPlace } from './linalg.js';

/** Grouped data: `rows` cells of a p-column design, row-major in `x`. */
export interface GroupedData {
  rows: number;
  columns: number;
  x: Float64Array;
  count: Float64Array;
  /** Continuous: each cell's mean and within-cell sum of squared deviations. */
  mean: Float64Array;
  m2: Float64Array;
  /** Binary: each cell's events. */
  events: Float64Array;
}

export type GroupedStatus = 'ok' | 'aliased' | 'no-residual-df' | 'separation' | 'not-converged';

/** One coefficient with its standard error; df is the residual degrees of freedom (Infinity for the logistic Wald z). */
export interface CoefficientResult {
  status: GroupedStatus;
  estimate: number;
  se: number;
  df: number;
}

export function groupedData(maxRows: number, maxColumns: number): GroupedData {
  return {
    rows: 0, columns: 0,
    x: new Float64Array(maxRows * maxColumns),
    count: new Float64Array(maxRows), mean: new Float64Array(maxRows), m2: new Float64Array(maxRows), events: new Float64Array(maxRows),
  };
}

/** Scratch arrays for fits of up to `maxColumns` columns. */
export class GroupedWorkspace {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly beta: Float64Array;
  readonly previous: Float64Array;
  readonly kept: Int32Array;
  constructor(readonly maxColumns: number) {
    this.a = new Float64Array(maxColumns * maxColumns);
    this.previous = new Float64Array(maxColumns);
    this.b = new Float64Array(maxColumns);
    this.beta = new Float64Array(maxColumns);
    this.kept = new Int32Array(maxColumns);
  }
}

const failed = (out: CoefficientResult, status: GroupedStatus): CoefficientResult => {
  out.status = status; out.estimate = NaN; out.se = NaN; out.df = NaN;
  return out;
};

/** Fills ws.a with the kept columns' XᵀWX (weights w per cell) and factors it; returns the failing pivot or -1. */
function gram(d: GroupedData, w: Float64Array, ws: GroupedWorkspace, q: number): number {
  const { a, kept } = ws;
  const p = d.columns;
  a.fill(0, 0, q * q);
  for (let j = 0; j < d.rows; j++) {
    const wj = w[j];
    if (wj === 0) continue;
    const row = j * p;
    for (let r = 0; r < q; r++) {
      const xr = d.x[row + kept[r]] * wj;
      if (xr === 0) continue;
      for (let c = 0; c <= r; c++) a[r * q + c] += xr * d.x[row + kept[c]];
    }
  }
  return choleskyInPlace(a, q, 1e-10);
}

/**
 * Drops the columns that are combinations of earlier ones (under weights w),
 * leaving the kept columns' factor in ws.a; returns the kept count, or -1
 * when the target is dropped.
 */
function keepEstimable(d: GroupedData, w: Float64Array, target: number, ws: GroupedWorkspace): number {
  let q = d.columns;
  for (let c = 0; c < q; c++) ws.kept[c] = c;
  for (;;) {
    const bad = gram(d, w, ws, q);
    if (bad < 0) return q;
    if (ws.kept[bad] === target) return -1;
    for (let c = bad; c < q - 1; c++) ws.kept[c] = ws.kept[c + 1];
    q--;
  }
}

/** XᵀW v over the kept columns, into ws.b. */
function crossProduct(d: GroupedData, w: Float64Array, v: Float64Array, ws: GroupedWorkspace, q: number): void {
  ws.b.fill(0, 0, q);
  for (let j = 0; j < d.rows; j++) {
    const wv = w[j] * v[j];
    if (wv === 0) continue;
    for (let r = 0; r < q; r++) ws.b[r] += d.x[j * d.columns + ws.kept[r]] * wv;
  }
}

function linearPredictor(d: GroupedData, ws: GroupedWorkspace, q: number, j: number): number {
  let eta = 0;
  for (let r = 0; r < q; r++) eta += d.x[j * d.columns + ws.kept[r]] * ws.beta[r];
  return eta;
}

/** The t-th diagonal element of (L Lᵀ)⁻¹: ‖L⁻¹ e_t‖², by forward substitution (no inverse formed). */
function inverseDiagonal(ws: GroupedWorkspace, q: number, t: number): number {
  const v = ws.b, L = ws.a;
  let sum = 0;
  for (let i = 0; i < q; i++) {
    let x = i === t ? 1 : 0;
    if (i > t) for (let k = t; k < i; k++) x -= L[i * q + k] * v[k];
    v[i] = i < t ? 0 : x / L[i * q + i];
    sum += v[i] * v[i];
  }
  return sum;
}

function position(ws: GroupedWorkspace, q: number, target: number): number {
  for (let r = 0; r < q; r++) if (ws.kept[r] === target) return r;
  return -1;
}

/** Least squares (R's lm) on grouped continuous data: the target column's coefficient and t-test standard error. */
export function groupedLinear(d: GroupedData, target: number, ws: GroupedWorkspace, out: CoefficientResult): CoefficientResult {
  const q = keepEstimable(d, d.count, target, ws);
  if (q < 0) return failed(out, 'aliased');
  let patients = 0;
  for (let j = 0; j < d.rows; j++) patients += d.count[j];
  const df = patients - q;
  if (df <= 0) return failed(out, 'no-residual-df');
  crossProduct(d, d.count, d.mean, ws, q);
  ws.beta.set(ws.b.subarray(0, q));
  choleskySolveInPlace(ws.a, q, ws.beta);
  let rss = 0;
  for (let j = 0; j < d.rows; j++) {
    if (d.count[j] === 0) continue;
    const r = d.mean[j] - linearPredictor(d, ws, q, j);
    rss += d.m2[j] + d.count[j] * r * r;
  }
  const t = position(ws, q, target);
  out.status = 'ok';
  out.estimate = ws.beta[t];
  out.se = Math.sqrt((rss / df) * inverseDiagonal(ws, q, t));
  out.df = df;
  return out;
}

/** Logistic regression (R's glm, binomial, logit link) on grouped binary data: the target column's coefficient and Wald standard error. */
export function groupedLogistic(d: GroupedData, target: number, ws: GroupedWorkspace, out: CoefficientResult, weight: Float64Array, work: Float64Array): CoefficientResult {
  const q = keepEstimable(d, d.count, target, ws);
  if (q < 0) return failed(out, 'aliased');
  // Start as glm: eta = logit((y + 0.5) / (n + 1)), one weighted least-squares step from it.
  for (let j = 0; j < d.rows; j++) {
    const n = d.count[j];
    const mu = (d.events[j] + 0.5) / (n + 1);
    const eta = Math.log(mu / (1 - mu));
    weight[j] = n * mu * (1 - mu);
    work[j] = n > 0 ? eta + (d.events[j] - n * mu) / weight[j] : 0;
  }
  let converged = false;
  for (let it = 0; it < 100; it++) {
    if (gram(d, weight, ws, q) >= 0) return failed(out, 'separation');
    crossProduct(d, weight, work, ws, q);
    const previous = ws.previous;
    previous.set(ws.beta.subarray(0, q));
    ws.beta.set(ws.b.subarray(0, q));
    choleskySolveInPlace(ws.a, q, ws.beta);
    let change = 0;
    for (let r = 0; r < q; r++) change = Math.max(change, Math.abs(ws.beta[r] - previous[r]) / (Math.abs(ws.beta[r]) + 0.1));
    for (let j = 0; j < d.rows; j++) {
      const n = d.count[j];
      const eta = linearPredictor(d, ws, q, j);
      const mu = 1 / (1 + Math.exp(-eta));
      weight[j] = n * mu * (1 - mu);
      work[j] = n > 0 && weight[j] > 0 ? eta + (d.events[j] - n * mu) / weight[j] : 0;
      if (n > 0 && !(mu > 1e-10 && mu < 1 - 1e-10)) return failed(out, 'separation');
    }
    // Converged when no coefficient moves by 1e-10 of its size; a badly conditioned design (a spline basis)
    // can jitter at ~cond x 1e-16 forever, so after the last iteration a change below 1e-7 is accepted.
    if (it > 0 && change < 1e-10) { converged = true; break; }
    if (it === 99 && change < 1e-7) converged = true;
  }
  if (!converged) return failed(out, 'not-converged');
  if (gram(d, weight, ws, q) >= 0) return failed(out, 'separation');
  const t = position(ws, q, target);
  out.status = 'ok';
  out.estimate = ws.beta[t];
  out.se = Math.sqrt(inverseDiagonal(ws, q, t));
  out.df = Infinity;
  return out;
}
