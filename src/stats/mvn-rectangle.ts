/**
 * P(lower < Z < upper) for Z ~ N(0, R), R a correlation matrix given by its
 * lower-triangular Cholesky factor L (Z = L e, e standard normal): the
 * probability of a cell of biomarker patterns under the Gaussian copula.
 *
 * Genz's separation of variables (Genz 1992, J Comput Graph Stat 1:141-149):
 * with y_i = the i-th conditional normal deviate, the box becomes, one
 * coordinate at a time, an interval (a_i, b_i) = ((lower_i - sum_{j<i}
 * L_ij y_j) / L_ii, (upper_i - ...) / L_ii), and
 *
 *   P = (Φ(b_1) - Φ(a_1)) ∫_0^1 (Φ(b_2) - Φ(a_2)) ∫_0^1 ... dw,
 *   y_i = Φ^{-1}(Φ(a_i) + w_i (Φ(b_i) - Φ(a_i))),
 *
 * a bounded integrand on the unit cube whose derivatives blow up at the
 * faces (y_i runs to ±infinity there), integrated deterministically by
 * nested tanh-sinh rules (Takahasi & Mori 1974), which are exponentially
 * accurate for such endpoint behaviour (not the randomised lattice rules of
 * Genz's code), so the same box always gives the same number. Accuracy
 * against mvtnorm's Miwa algorithm (test/fixtures/mvn-rectangles.R): see
 * test/stats/mvn-rectangle.test.ts.
 */
import { normalCdf, normalQuantile } from './distributions.js';

/** Most dimensions integrated (beyond, the cost m^(d-1) grows too fast). */
export const MVN_RECTANGLE_MAX_DIMENSION = 5;

/** Step of the tanh-sinh rule per nesting depth, by dimension (finer where there are fewer levels). */
const STEP: Record<number, number> = { 2: 1 / 16, 3: 1 / 10, 4: 1 / 7, 5: 1 / 5 };
/** The rule's range in t: weights beyond are below 1e-17. */
const T_MAX = 3.2;

const ruleCache = new Map<number, { x: Float64Array; w: Float64Array }>();
/** Tanh-sinh nodes and weights on [0, 1]: w = (1 + tanh(π/2 sinh t)) / 2. */
function unitRule(h: number): { x: Float64Array; w: Float64Array } {
  const cached = ruleCache.get(h);
  if (cached) return cached;
  const n = Math.floor(T_MAX / h);
  const xs: number[] = [];
  const ws: number[] = [];
  for (let k = -n; k <= n; k++) {
    const t = k * h;
    const u = (Math.PI / 2) * Math.sinh(t);
    const c = Math.cosh(u);
    // 1 - x computed as 1 / (1 + e^{2u}) keeps the digits near 1
    xs.push(1 / (1 + Math.exp(-2 * u)));
    ws.push((h * (Math.PI / 4) * Math.cosh(t)) / (c * c));
  }
  const rule = { x: Float64Array.from(xs), w: Float64Array.from(ws) };
  ruleCache.set(h, rule);
  return rule;
}

/**
 * The conditional interval's probability, computed on the tail it lies in
 * so that boxes far out (Φ near 1) keep their digits, and the deviate at
 * fraction t of it.
 */
function interval(a: number, b: number): { mass: number; at: (t: number) => number } {
  if (a > 0) {
    // upper tail: work with Φ(-x)
    const hi = normalCdf(-a);
    const lo = b === Infinity ? 0 : normalCdf(-b);
    return { mass: hi - lo, at: (t) => -normalQuantile(hi - t * (hi - lo)) };
  }
  const lo = a === -Infinity ? 0 : normalCdf(a);
  const hi = b === Infinity ? 1 : normalCdf(b);
  return { mass: hi - lo, at: (t) => normalQuantile(lo + t * (hi - lo)) };
}

/**
 * @param L lower-triangular Cholesky factor of the correlation matrix (rows)
 * @param lower, upper the box (±Infinity allowed), one entry per dimension
 */
export function mvnRectangle(L: ArrayLike<number>[], lower: readonly number[], upper: readonly number[]): number {
  const d = lower.length;
  if (d === 0) return 1;
  if (d > MVN_RECTANGLE_MAX_DIMENSION) throw new RangeError(`mvnRectangle: at most ${MVN_RECTANGLE_MAX_DIMENSION} dimensions, found ${d}`);
  const rule = unitRule(STEP[Math.max(2, d)]);
  const y = new Float64Array(d);
  const level = (i: number): number => {
    let shift = 0;
    for (let j = 0; j < i; j++) shift += L[i][j] * y[j];
    const s = L[i][i];
    const a = lower[i] === -Infinity ? -Infinity : (lower[i] - shift) / s;
    const b = upper[i] === Infinity ? Infinity : (upper[i] - shift) / s;
    if (!(b > a)) return 0;
    const iv = interval(a, b);
    if (i === d - 1 || iv.mass <= 0) return Math.max(0, iv.mass);
    let sum = 0;
    for (let q = 0; q < rule.x.length; q++) {
      y[i] = iv.at(rule.x[q]);
      sum += rule.w[q] * level(i + 1);
    }
    return iv.mass * sum;
  };
  return level(0);
}
