/**
 * Cox proportional-hazards regression by Newton–Raphson on the partial
 * likelihood, replicating survival's `coxph` (`coxfit6`): start at b = 0;
 * Newton step b_new = b + I⁻¹U; converged when |1 − ℓ_best/ℓ_new| ≤ eps
 * (1e-9); if ℓ decreases (or is not finite) the step is shrunk toward the last
 * good b, b_new = (b_new + h·b)/(h + 1) with h the count of consecutive
 * halvings; at most 20 iterations (`coxph.control`). Ties: Efron (R's
 * default) or Breslow. Cov(b) = I(b̂)⁻¹. Also reports R's score test at b = 0.
 *
 * Graceful failure (never throws for data problems; see `FitStatus`):
 *   - `'singular'`: no events; a constant or collinear column (the baseline
 *     hazard absorbs constants); or an information matrix singular at b = 0.
 *   - `'separation'` (monotone likelihood, e.g. no events in one arm or one
 *     subgroup): the information matrix becomes singular during the
 *     iterations, or — as coxph's "coefficient may be infinite" check — the
 *     next Newton step I⁻¹U at the final estimate still moves some (centred)
 *     linear predictor by more than 0.01; when the iteration limit is hit this
 *     also requires max η − min η > 10.
 *   - `'not-converged'`: iteration limit reached otherwise.
 */
import { argsort } from './argsort.js';
import { CoxPartialLikelihood } from './cox-partial-likelihood.js';
import type { CoxTies } from './cox-partial-likelihood.js';
import { aliasedColumns, choleskyInPlace, choleskyInverse, choleskySolveInPlace } from './linalg.js';
import { isDiverging, LARGE_LINEAR_PREDICTOR, stepDiagnostics } from './divergence.js';
import { chiSquareUpper } from '../distributions.js';
import { twoSidedNormalP } from './tails.js';
import { aliasedReason, failedFit, waldColumns } from './types.js';
import type { CoefficientTable, FailedFit, ModelMatrix } from './types.js';

export type { CoxTies } from './cox-partial-likelihood.js';

/** survival's `coxph.control()$toler.chol` = ε^0.75, relative to the largest diagonal. */
const CHOLESKY_TOLERANCE = 2.220446049250313e-16 ** 0.75;

export interface CoxOptions {
  /** Tie handling, default `'efron'` (as R). */
  readonly ties?: CoxTies;
  /** Relative log-likelihood change for convergence (default 1e-9). */
  readonly epsilon?: number;
  /** Maximum Newton iterations (default 20). */
  readonly maxIterations?: number;
}

/** A successful Cox fit; `statistics` are Wald z, `logLik` the log partial likelihood. */
export interface CoxFitOk extends CoefficientTable {
  readonly model: 'cox';
  readonly ties: CoxTies;
  /** Log partial likelihood at b = 0 (R's `loglik[1]`). */
  readonly logLikNull: number;
  readonly events: number;
  readonly iterations: number;
  /** Score (log-rank type) test of b = 0: UᵀI⁻¹U at b = 0 on p df (R's `score`). */
  readonly scoreTest: { readonly statistic: number; readonly df: number; readonly pValue: number };
}

export type CoxFit = CoxFitOk | FailedFit;

/**
 * Fits the Cox model λ(t | x) = λ₀(t) exp(xᵀb). `design` must have no
 * intercept column (build it with `intercept: false`); `event` is 1 for an
 * event, 0 for censoring (other values throw `RangeError`, as do lengths that
 * disagree or non-finite times). A model with p = 0 columns is allowed (the
 * null model: ℓ at b = 0), for likelihood-ratio tests of a single column.
 */
export function fitCox(
  design: ModelMatrix,
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  options: CoxOptions = {},
): CoxFit {
  const { X, n, p } = design;
  const ties = options.ties ?? 'efron';
  const eps = options.epsilon ?? 1e-9;
  const maxit = options.maxIterations ?? 20;
  if (time.length !== n || event.length !== n) throw new RangeError(`time/event lengths differ from ${n} rows`);
  let events = 0;
  for (let i = 0; i < n; i++) {
    if (event[i] !== 0 && event[i] !== 1) throw new RangeError(`event[${i}] = ${event[i]} is not 0/1`);
    if (!Number.isFinite(time[i]!)) throw new RangeError(`time[${i}] = ${time[i]} is not finite`);
    events += event[i]!;
  }
  if (events === 0) return failedFit(design, 'singular', 'no events: the partial likelihood carries no information');
  const aliased = p > 0 ? aliasedColumns(X, n, p, 'absorbed') : [];
  if (aliased.length > 0) return failedFit(design, 'singular', aliasedReason(design, aliased), 0, aliased);

  // Sort by time; centre each column and scale it by 1 / mean |x − x̄| as coxfit6
  // does (Newton–Raphson is affine invariant; this keeps exp() in range and
  // makes the max-diagonal Cholesky tolerance meaningful). Undone at the end.
  const order = argsort(time);
  const means = new Float64Array(p);
  const scale = new Float64Array(p);
  for (let i = 0; i < n * p; i++) means[i % p]! += X[i]!;
  for (let j = 0; j < p; j++) means[j]! /= n;
  for (let i = 0; i < n * p; i++) scale[i % p]! += Math.abs(X[i]! - means[i % p]!);
  for (let j = 0; j < p; j++) scale[j] = scale[j]! > 0 ? n / scale[j]! : 1;
  const st = new Float64Array(n);
  const se = new Uint8Array(n);
  const sx = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const src = order[i]!;
    st[i] = time[src]!;
    se[i] = event[src]!;
    for (let j = 0; j < p; j++) sx[i * p + j] = (X[src * p + j]! - means[j]!) * scale[j]!;
  }
  const pl = new CoxPartialLikelihood(st, se, sx, n, p, ties);
  const { score: u, information: imat } = pl;

  const beta = new Float64Array(p);
  const newBeta = new Float64Array(p);
  const logLikNull = pl.evaluate(beta);
  if (choleskyInPlace(imat, p, CHOLESKY_TOLERANCE, 'max') >= 0) {
    return failedFit(design, 'singular', 'information matrix is singular at b = 0 (a column carries no information)');
  }
  const step = Float64Array.from(u);
  choleskySolveInPlace(imat, p, step);
  let sctest = 0;
  for (let j = 0; j < p; j++) {
    sctest += u[j]! * step[j]!;
    newBeta[j] = step[j]!;
  }

  let best = logLikNull;
  let halving = 0;
  let converged = p === 0; // the null model has nothing to estimate
  let iter = 0;
  for (iter = 1; iter <= maxit && !converged; iter++) {
    const newLk = pl.evaluate(newBeta);
    let finite = Number.isFinite(newLk);
    for (let k = 0; k < p * p && finite; k++) finite = Number.isFinite(imat[k]!);
    const cholOk = finite && choleskyInPlace(imat, p, CHOLESKY_TOLERANCE, 'max') < 0;
    if (cholOk && Math.abs(1 - best / newLk) <= eps) {
      converged = true;
      best = newLk;
      beta.set(newBeta);
      break;
    }
    if (iter === maxit) break;
    if (!finite || newLk < best) {
      halving++;
      for (let j = 0; j < p; j++) newBeta[j] = (newBeta[j]! + halving * beta[j]!) / (halving + 1);
    } else if (!cholOk) {
      return failedFit(design, 'separation', `information matrix became singular at iteration ${iter} ` +
        '(monotone likelihood)', iter);
    } else {
      halving = 0;
      best = newLk;
      step.set(u);
      choleskySolveInPlace(imat, p, step);
      for (let j = 0; j < p; j++) {
        beta[j] = newBeta[j]!;
        newBeta[j] = newBeta[j]! + step[j]!;
      }
    }
  }
  if (!converged) {
    // Diagnose at the last accepted estimate.
    best = pl.evaluate(beta);
    if (!Number.isFinite(best) || choleskyInPlace(imat, p, CHOLESKY_TOLERANCE, 'max') >= 0) {
      return failedFit(design, 'separation', `no convergence in ${maxit} iterations; information singular`, maxit);
    }
  }
  iter = p === 0 ? 0 : Math.min(iter, maxit);

  // coxph's infinite-coefficient check: the next Newton step from the estimate.
  step.set(u);
  choleskySolveInPlace(imat, p, step);
  const diag = stepDiagnostics(sx, n, p, step, beta);
  if (converged && isDiverging(diag)) {
    return failedFit(design, 'separation', 'log partial likelihood converged but the estimates are diverging ' +
      `(next Newton step moves a linear predictor by ${diag.maxShift.toPrecision(3)}): monotone likelihood`, iter);
  }
  if (!converged) {
    return isDiverging(diag) && diag.maxEta - diag.minEta > LARGE_LINEAR_PREDICTOR
      ? failedFit(design, 'separation', `no convergence in ${maxit} iterations with diverging estimates: monotone likelihood`, maxit)
      : failedFit(design, 'not-converged', `log partial likelihood did not converge in ${maxit} iterations`, maxit);
  }

  const covariance = new Float64Array(p * p);
  choleskyInverse(imat, p, covariance);
  for (let j = 0; j < p; j++) {
    beta[j]! *= scale[j]!;
    for (let k = 0; k < p; k++) covariance[j * p + k]! *= scale[j]! * scale[k]!;
  }
  return {
    ok: true,
    status: 'ok',
    model: 'cox',
    ties,
    n,
    p,
    columnNames: design.columnNames,
    coefficients: beta,
    covariance,
    ...waldColumns(beta, covariance, twoSidedNormalP),
    logLik: best,
    logLikNull,
    events,
    iterations: iter,
    scoreTest: { statistic: sctest, df: p, pValue: p > 0 ? chiSquareUpper(sctest, p) : 1 },
  };
}
