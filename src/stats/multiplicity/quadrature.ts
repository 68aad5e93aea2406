/**
 * Fixed composite Gauss-Legendre rules for the one-dimensional integrals of
 * the Dunnett probabilities. Nodes are computed once (Newton iteration on the
 * Legendre three-term recurrence; Press et al., Numerical Recipes,
 * 3rd ed., §4.6 `gauleg`) and cached per (interval, panels, order).
 */

/** Nodes x and weights w of a quadrature rule: ∫ f ≈ Σ w_i f(x_i). */
export interface Rule {
  readonly x: Float64Array;
  readonly w: Float64Array;
}

/** n-point Gauss-Legendre rule on [-1, 1] (exact for polynomials of degree 2n - 1). */
export function gaussLegendre(n: number): Rule {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const m = Math.floor((n + 1) / 2);
  for (let i = 0; i < m; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      // Legendre recurrence: p_j = ((2j-1) z p_{j-1} - (j-1) p_{j-2}) / j.
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      dp = (n * (z * p1 - p2)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-15) break;
    }
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = w[n - 1 - i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

const cache = new Map<string, Rule>();

/**
 * Composite rule on [a, b]: `panels` equal panels, each with an `order`-point
 * Gauss-Legendre rule. Cached, so repeated calls with the same arguments are
 * free.
 */
export function compositeGaussLegendre(a: number, b: number, panels: number, order: number): Rule {
  const key = `${a}|${b}|${panels}|${order}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const base = gaussLegendre(order);
  const h = (b - a) / panels;
  const x = new Float64Array(panels * order);
  const w = new Float64Array(panels * order);
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    for (let i = 0; i < order; i++) {
      x[p * order + i] = mid + 0.5 * h * base.x[i]!;
      w[p * order + i] = 0.5 * h * base.w[i]!;
    }
  }
  const rule = { x, w };
  if (cache.size > 256) cache.clear();
  cache.set(key, rule);
  return rule;
}

/**
 * Composite rule over consecutive panels [breaks_i, breaks_{i+1}], each with
 * an `order`-point Gauss-Legendre rule (for graded meshes near a singular
 * endpoint).
 */
export function gaussLegendreOnBreaks(breaks: readonly number[], order: number): Rule {
  const base = gaussLegendre(order);
  const panels = breaks.length - 1;
  const x = new Float64Array(panels * order);
  const w = new Float64Array(panels * order);
  for (let p = 0; p < panels; p++) {
    const h = breaks[p + 1]! - breaks[p]!;
    const mid = breaks[p]! + 0.5 * h;
    for (let i = 0; i < order; i++) {
      x[p * order + i] = mid + 0.5 * h * base.x[i]!;
      w[p * order + i] = 0.5 * h * base.w[i]!;
    }
  }
  return { x, w };
}
