/**
 * Expectations over a Beta(p, q) variable, E[g(A)] ≈ Σ w_k g(a_k), by
 * Gauss-Jacobi quadrature: the monic Jacobi polynomials on [-1, 1] with
 * weight (1 - x)^α (1 + x)^β, α = q - 1, β = p - 1, have the recurrence
 * coefficients (Gautschi 2004, Orthogonal Polynomials, Table 1.1)
 *   a_n = (β² - α²) / ((2n + α + β)(2n + α + β + 2)),
 *   b_n = 4n(n + α)(n + β)(n + α + β) / ((2n + α + β)² (2n + α + β + 1)(2n + α + β - 1)),
 * with a_0 = (β - α)/(α + β + 2) and b_1 = 4(1 + α)(1 + β)/((2 + α + β)² (3 + α + β))
 * (the general forms are 0/0 there when α + β is 0 or -1); A = (1 + x)/2.
 * Exact for polynomials of degree 2n - 1 in A; for functions analytic on
 * [0, 1] the error falls geometrically with n, and no node sits on an end
 * where the density may be infinite.
 */
import { golubWelsch, type ProbabilityRule } from './golub-welsch.js';
import { betaCdf, logBeta } from '../distributions.js';

const cache = new Map<string, ProbabilityRule>();

/** The n-point rule for the Beta(p, q) probability measure on [0, 1]. */
export function betaRule(p: number, q: number, n = 48): ProbabilityRule {
  const key = `${p}:${q}:${n}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (!(p > 0 && q > 0 && Number.isInteger(n) && n >= 1 && n <= 200)) throw new RangeError(`expected Beta shapes > 0 and 1..200 nodes, got ${p}, ${q}, ${n}`);
  const alpha = q - 1, beta = p - 1, s = alpha + beta;
  const diagonal = Array.from({ length: n }, (_, k) => {
    const a = k === 0 ? (beta - alpha) / (s + 2) : (beta * beta - alpha * alpha) / ((2 * k + s) * (2 * k + s + 2));
    return (a + 1) / 2;
  });
  const offDiagonal = Array.from({ length: n - 1 }, (_, j) => {
    const k = j + 1;
    const b = k === 1
      ? (4 * (1 + alpha) * (1 + beta)) / ((2 + s) ** 2 * (3 + s))
      : (4 * k * (k + alpha) * (k + beta) * (k + s)) / ((2 * k + s) ** 2 * (2 * k + s + 1) * (2 * k + s - 1));
    return Math.sqrt(b) / 2;
  });
  const rule = golubWelsch(diagonal, offDiagonal);
  if (cache.size > 256) cache.clear();
  cache.set(key, rule);
  return rule;
}

/** E[g(A)], A ~ Beta(p, q). */
export function betaExpectation(g: (a: number) => number, p: number, q: number, n = 48): number {
  const { x, w } = betaRule(p, q, n);
  let total = 0;
  for (let k = 0; k < x.length; k++) total += w[k] * g(x[k]);
  return total;
}

/**
 * E[g(A) 1{A ≥ c}], A ~ Beta(p, q), 0 < c < 1: with A = c + (1 - c)t the
 * integral is (1 - c)^q B(1, q)/B(p, q) E_t[g(A) (c + (1 - c)t)^(p - 1)],
 * t ~ Beta(1, q), whose extra factor is smooth on [0, 1] since c > 0.
 */
export function betaTailExpectation(g: (a: number) => number, p: number, q: number, c: number, n = 48): number {
  if (c <= 0) return betaExpectation(g, p, q, n);
  if (c >= 1) return 0;
  // In logs: the scale can overflow while a^(p − 1) underflows (large p + q), their product being moderate.
  const logScale = q * Math.log1p(-c) + logBeta(1, q) - logBeta(p, q);
  return betaExpectation((t) => { const a = c + (1 - c) * t; return g(a) * Math.exp(logScale + (p - 1) * Math.log(a)); }, 1, q, n);
}

/** P(A ≥ c), A ~ Beta(p, q). */
export const betaTail = (p: number, q: number, c: number): number => (c <= 0 ? 1 : c >= 1 ? 0 : 1 - betaCdf(c, p, q));
