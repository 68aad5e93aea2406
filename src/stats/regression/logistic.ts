/**
 * Logistic regression by iteratively reweighted least squares, replicating
 * R's `glm.fit(family = binomial())` step for step so estimates agree with R
 * to rounding:
 *   - start at μ = (y + ½)/2, η = logit μ, deviance D₀ at that μ;
 *   - each iteration: w = μ(1−μ), z = η + (y−μ)/w, solve (X'WX) b = X'Wz by
 *     Cholesky, η = Xb, μ = logistic(η) clamped like R (|η| > 30 gives
 *     μ = ε/(1+ε) or 1/(1+ε), dμ/dη = ε);
 *   - converged when |D − D_old| / (|D| + 0.1) < epsilon (1e-8), at most
 *     maxIterations (25) iterations (`glm.control`).
 * Cov(b) = (X'WX)⁻¹ with the weights of the last iteration, as
 * `summary.glm` does (dispersion 1).
 *
 * Graceful failure (never throws for data problems; see `FitStatus`):
 *   - `'singular'`: rank-deficient design (checked before iterating).
 *   - `'separation'`: X'WX loses positive definiteness during the
 *     iterations, or the MLE does not exist — detected (see divergence.ts) the way `coxph` flags
 *     infinite coefficients: the next Newton step δ = (X'WX)⁻¹ X'(y − μ) from
 *     the final estimate still moves some linear predictor by more than
 *     0.01 (|x_iᵀδ| > 0.01; at a genuine maximum it is ~1e-6 or less, while
 *     along a separating direction each step moves η by about 1). When the
 *     iteration limit is hit this also requires max |η_i| > 10.
 *   - `'not-converged'`: iteration limit reached otherwise, or non-finite values.
 */
import { isDiverging, LARGE_LINEAR_PREDICTOR, stepDiagnostics } from './divergence.js';
import { aliasedColumns, choleskyInPlace, choleskyInverse, choleskySolveInPlace } from './linalg.js';
import { gramKernel, linearPredictorKernel } from './kernels.js';
import { twoSidedNormalP } from './tails.js';
import { aliasedReason, failedFit, waldColumns } from './types.js';
import type { CoefficientTable, FailedFit, ModelMatrix } from './types.js';

export interface LogisticOptions {
  /** Relative deviance change for convergence (R `glm.control` epsilon, default 1e-8). */
  readonly epsilon?: number;
  /** Maximum IRLS iterations (R `glm.control` maxit, default 25). */
  readonly maxIterations?: number;
  /**
   * Frequency weights: row i stands for `frequency[i]` patients with the same
   * covariates and outcome (R's `glm(weights =)` on 0/1 data). Every IRLS
   * sum is then the patient-level sum, so the fit equals the fit to the
   * expanded rows, at a cost that depends on the distinct rows.
   */
  readonly frequency?: ArrayLike<number>;
}

/** A successful logistic fit; `statistics` are Wald z = b / SE. */
export interface LogisticFitOk extends CoefficientTable {
  readonly model: 'logistic';
  /** Residual deviance −2ℓ (binary outcome). */
  readonly deviance: number;
  readonly iterations: number;
}

export type LogisticFit = LogisticFitOk | FailedFit;

const DBL_EPSILON = 2.220446049250313e-16;
const ETA_CLAMP = 30;

/**
 * The IRLS's working arrays, kept between fits and grown when a fit needs
 * more (only their first n, or p × p, entries are used; a fit never runs
 * inside another): a simulation fits thousands of small models a second,
 * and six new arrays per fit were garbage for the collector.
 */
const work = { rows: 0, columns: 0, eta: new Float64Array(0), mu: new Float64Array(0), w: new Float64Array(0), z: new Float64Array(0), A: new Float64Array(0), step: new Float64Array(0) };

function workspace(n: number, p: number): typeof work {
  if (work.rows < n) {
    work.rows = n;
    work.eta = new Float64Array(n); work.mu = new Float64Array(n); work.w = new Float64Array(n); work.z = new Float64Array(n);
  }
  if (work.columns < p) {
    work.columns = p;
    work.A = new Float64Array(p * p); work.step = new Float64Array(p);
  }
  return work;
}

/** Patients the rows stand for: the frequencies' sum, or the rows. */
function patients(f: ArrayLike<number> | undefined, rows: number): number {
  if (!f) return rows;
  let total = 0;
  for (let i = 0; i < f.length; i++) total += f[i]!;
  return total;
}

/**
 * Fits logit P(y = 1) = X b by IRLS (see the module comment for the algorithm
 * and the failure statuses). `y` must be 0/1 (throws `RangeError` otherwise:
 * that is a programming error, not a data problem).
 */
export function fitLogistic(design: ModelMatrix, y: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
  const { X, n, p } = design;
  const epsilon = options.epsilon ?? 1e-8;
  const maxit = options.maxIterations ?? 25;
  const f = options.frequency;
  if (y.length !== n) throw new RangeError(`y has ${y.length} values for ${n} rows`);
  if (f && f.length !== n) throw new RangeError(`frequency has ${f.length} values for ${n} rows`);
  for (let i = 0; i < n; i++) if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`y[${i}] = ${y[i]} is not 0/1`);
  if (p === 0) return failedFit(design, 'singular', 'model has no columns');
  const aliased = aliasedColumns(X, n, p, 'intercept');
  if (aliased.length > 0) return failedFit(design, 'singular', aliasedReason(design, aliased), 0, aliased);

  const { eta, mu, w, z, A, step } = workspace(n, p);
  const beta = new Float64Array(p);
  let devOld = 0;
  for (let i = 0; i < n; i++) {
    const m = (y[i]! + 0.5) / 2;
    mu[i] = m;
    eta[i] = Math.log(m / (1 - m));
    devOld -= 2 * (f ? f[i]! : 1) * Math.log(y[i] === 1 ? m : 1 - m);
  }
  let dev = devOld;
  let converged = false;
  let iter = 0;
  const accumulate = gramKernel(p, true, true, false);
  const linearPredictor = linearPredictorKernel(p);
  while (iter < maxit) {
    iter++;
    for (let i = 0; i < n; i++) {
      const e = eta[i]!;
      const m = mu[i]!;
      const v = m * (1 - m);
      const muEta = e > ETA_CLAMP || e < -ETA_CLAMP ? DBL_EPSILON : v;
      w[i] = ((f ? f[i]! : 1) * muEta * muEta) / v;
      z[i] = e + (y[i]! - m) / muEta;
    }
    accumulate(X, n, w, z, null, A, beta);
    if (choleskyInPlace(A, p, 1e-12) >= 0) {
      return failedFit(design, 'separation', `information matrix X'WX became singular at iteration ${iter} ` +
        '(fitted probabilities at 0 or 1: separation)', iter);
    }
    choleskySolveInPlace(A, p, beta);
    linearPredictor(X, n, beta, eta);
    dev = 0;
    for (let i = 0; i < n; i++) {
      const e = eta[i]!;
      const t = e < -ETA_CLAMP ? DBL_EPSILON : e > ETA_CLAMP ? 1 / DBL_EPSILON : Math.exp(e);
      const m = t / (1 + t);
      mu[i] = m;
      dev -= 2 * (f ? f[i]! : 1) * Math.log(y[i] === 1 ? m : 1 - m);
    }
    if (!Number.isFinite(dev)) {
      return failedFit(design, 'not-converged', `non-finite deviance at iteration ${iter}`, iter);
    }
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devOld = dev;
  }

  // Next (quasi-)Newton step from the final estimate, with the last factor of X'WX.
  step.fill(0, 0, p);
  for (let i = 0; i < n; i++) {
    const res = (f ? f[i]! : 1) * (y[i]! - mu[i]!);
    for (let j = 0; j < p; j++) step[j]! += X[i * p + j]! * res;
  }
  choleskySolveInPlace(A, p, step);
  const diag = stepDiagnostics(X, n, p, step, beta);
  const maxAbsEta = Math.max(diag.maxEta, -diag.minEta);
  if (converged && isDiverging(diag)) {
    return failedFit(design, 'separation', `deviance converged but the estimates are diverging (next Newton step ` +
      `moves a linear predictor by ${diag.maxShift.toPrecision(3)}): complete or quasi-complete separation`, iter);
  }
  if (!converged) {
    return isDiverging(diag) && maxAbsEta > LARGE_LINEAR_PREDICTOR
      ? failedFit(design, 'separation', `no convergence in ${iter} iterations with diverging estimates ` +
        `(max |eta| = ${maxAbsEta.toPrecision(3)}): complete or quasi-complete separation`, iter)
      : failedFit(design, 'not-converged', `deviance did not converge in ${iter} iterations`, iter);
  }

  const covariance = new Float64Array(p * p);
  choleskyInverse(A, p, covariance);
  return {
    ok: true,
    status: 'ok',
    model: 'logistic',
    n: patients(f, n),
    p,
    columnNames: design.columnNames,
    coefficients: beta,
    covariance,
    ...waldColumns(beta, covariance, twoSidedNormalP),
    logLik: -dev / 2,
    deviance: dev,
    iterations: iter,
  };
}
