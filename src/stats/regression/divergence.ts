/**
 * Detecting estimates that run off to infinity (separation in logistic
 * regression, monotone likelihood in Cox regression).
 *
 * The likelihood has no finite maximum along some direction d; Newton's method
 * then keeps stepping along d by roughly one unit of linear predictor per
 * iteration while the log-likelihood changes by ever less, so the usual
 * convergence test on the (partial) log-likelihood passes although the
 * estimates are meaningless. The check here, like survival's "Loglik converged
 * before variable …; coefficient may be infinite" test, looks at the next
 * Newton step δ from the final estimate: at a genuine maximum it is
 * negligible (quadratic convergence), along a separating direction it moves
 * some linear predictor x_iᵀδ by O(1).
 */

/** A next Newton step moving some linear predictor by more than this signals divergence. */
export const DIVERGENCE_SHIFT = 0.01;

/**
 * Size of linear predictor beyond which a fit that ran out of iterations with
 * a diverging step is called separation (rather than merely not converged):
 * max |η_i| for logistic regression (a fitted probability within
 * e^-10 ≈ 4.5e-5 of 0 or 1), the spread max η − min η for Cox regression (a
 * hazard ratio of e^10 ≈ 22 000 between two patients; the baseline hazard
 * absorbs any common shift).
 */
export const LARGE_LINEAR_PREDICTOR = 10;

export interface StepDiagnostics {
  /** max_i |x_iᵀδ|: how far the next Newton step would move a linear predictor. */
  readonly maxShift: number;
  /** min_i and max_i of the linear predictor x_iᵀb at the estimate. */
  readonly minEta: number;
  readonly maxEta: number;
}

/** Computes {@link StepDiagnostics} for row-major X (n × p), step δ and estimate b. */
export function stepDiagnostics(X: Float64Array, n: number, p: number, step: Float64Array, beta: Float64Array): StepDiagnostics {
  let maxShift = 0;
  let minEta = Infinity;
  let maxEta = -Infinity;
  for (let i = 0, r = 0; i < n; i++, r += p) {
    let s = 0;
    let e = 0;
    for (let j = 0; j < p; j++) {
      s += X[r + j]! * step[j]!;
      e += X[r + j]! * beta[j]!;
    }
    maxShift = Math.max(maxShift, Math.abs(s));
    minEta = Math.min(minEta, e);
    maxEta = Math.max(maxEta, e);
  }
  return { maxShift, minEta: n > 0 ? minEta : 0, maxEta: n > 0 ? maxEta : 0 };
}

/** True when the next Newton step still moves a linear predictor by more than {@link DIVERGENCE_SHIFT}. */
export function isDiverging(d: StepDiagnostics): boolean {
  return !(d.maxShift <= DIVERGENCE_SHIFT);
}
