/**
 * Gauss quadrature from a three-term recurrence by the Golub-Welsch method
 * (Golub & Welsch 1969, Math. Comp. 23:221-230): the nodes are the
 * eigenvalues of the symmetric tridiagonal Jacobi matrix of the orthonormal
 * polynomials, the weights the squared first components of its unit
 * eigenvectors (times the measure's mass; here probability measures, so the
 * weights are scaled to sum to 1). Exact for polynomials of degree 2n - 1.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface ProbabilityRule {
  readonly x: Float64Array;
  /** Weights summing to 1. */
  readonly w: Float64Array;
}

/** The rule of the Jacobi matrix with `diagonal` (length n) and `offDiagonal` (length n - 1), nodes ascending. */
export function golubWelsch(diagonal: readonly number[], offDiagonal: readonly number[]): ProbabilityRule {
  const n = diagonal.length;
  const jacobi = Matrix.zeros(n, n);
  for (let k = 0; k < n; k++) jacobi.set(k, k, diagonal[k]);
  for (let k = 1; k < n; k++) {
    jacobi.set(k - 1, k, offDiagonal[k - 1]);
    jacobi.set(k, k - 1, offDiagonal[k - 1]);
  }
  const evd = new EigenvalueDecomposition(jacobi, { assumeSymmetric: true });
  const vectors = evd.eigenvectorMatrix;
  const order = evd.realEigenvalues.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const x = Float64Array.from(order, ([value]) => value);
  const w = Float64Array.from(order, ([, i]) => vectors.get(0, i) ** 2);
  const total = w.reduce((s, v) => s + v, 0);
  for (let i = 0; i < n; i++) w[i] /= total;
  return { x, w };
}
