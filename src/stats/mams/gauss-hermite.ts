/**
 * Gauss-Hermite rule for expectations over a standard normal variable,
 * ∫ φ(x) f(x) dx ≈ Σ w_i f(x_i), by the Golub-Welsch method (Golub & Welsch
 * 1969, Math. Comp. 23:221-230): the nodes are the eigenvalues of the Jacobi
 * matrix of the probabilists' Hermite polynomials (zero diagonal,
 * off-diagonal √k), the weights the squared first components of its unit
 * eigenvectors. Exact for polynomials of degree 2n - 1.
 */
import { golubWelsch } from '../quadrature/golub-welsch.js';

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
  const rule = golubWelsch(new Array<number>(n).fill(0), Array.from({ length: n - 1 }, (_, k) => Math.sqrt(k + 1)));
  cache.set(n, rule);
  return rule;
}
