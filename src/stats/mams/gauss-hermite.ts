/**
 * Gauss-Hermite rule for expectations over a standard normal variable,
 * ∫ φ(x) f(x) dx ≈ Σ w_i f(x_i), by the Golub-Welsch method (Golub & Welsch
 * 1969, Math. Comp. 23:221-230): the nodes are the eigenvalues of the Jacobi
 * matrix of the probabilists' Hermite polynomials (zero diagonal,
 * off-diagonal √k), the weights the squared first components of its unit
 * eigenvectors. Exact for polynomials of degree 2n - 1.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface NormalRule {
  readonly x: Float64Array;
  /** Weights summing to 1. */
  readonly w: Float64Array;
}

const cache = new Map<number, NormalRule>();

export function gaussHermiteNormal(n: number): NormalRule {
  const hit = cache.get(n);
  if (hit) return hit;
  if (!(Number.isInteger(n) && n >= 1 && n <= 200)) throw new RangeError(`Gauss-Hermite order must be an integer in 1..200, got ${n}`);
  const jacobi = Matrix.zeros(n, n);
  for (let k = 1; k < n; k++) {
    jacobi.set(k - 1, k, Math.sqrt(k));
    jacobi.set(k, k - 1, Math.sqrt(k));
  }
  const evd = new EigenvalueDecomposition(jacobi, { assumeSymmetric: true });
  const vectors = evd.eigenvectorMatrix;
  const order = evd.realEigenvalues.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const x = Float64Array.from(order, ([value]) => value);
  const w = Float64Array.from(order, ([, i]) => vectors.get(0, i) ** 2);
  const total = w.reduce((s, v) => s + v, 0);
  for (let i = 0; i < n; i++) w[i] /= total;
  const rule = { x, w };
  cache.set(n, rule);
  return rule;
}
