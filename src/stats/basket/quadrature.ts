/**
 * Small numerical building blocks for the basket posteriors: Gauss-Legendre
 * rules and numerically stable logistic helpers.
 */

/** Nodes and weights of an m-point Gauss-Legendre rule on [-1, 1]. */
export interface GaussLegendreRule {
  nodes: Float64Array;
  weights: Float64Array;
}

const ruleCache = new Map<number, GaussLegendreRule>();

/**
 * m-point Gauss-Legendre rule on [-1, 1] (exact for polynomials of degree
 * 2m - 1). Nodes are the roots of the Legendre polynomial P_m found by Newton
 * iteration from the Tricomi initial guess cos(pi (i - 1/4) / (m + 1/2)),
 * with weights 2 / ((1 - x^2) P_m'(x)^2) (Abramowitz & Stegun 25.4.29).
 * Rules are cached by m.
 */
export function gaussLegendre(m: number): GaussLegendreRule {
  const cached = ruleCache.get(m);
  if (cached) return cached;
  const nodes = new Float64Array(m);
  const weights = new Float64Array(m);
  for (let i = 0; i < Math.ceil(m / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (m + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= m; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (m * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-15) break;
    }
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[m - 1 - i] = x;
    weights[i] = w;
    weights[m - 1 - i] = w;
  }
  const rule = { nodes, weights };
  ruleCache.set(m, rule);
  return rule;
}

/** log(1 + e^x) without overflow or loss of precision. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** log N(x; mean, sd^2). */
export function logNormalDensity(x: number, mean: number, sd: number): number {
  const z = (x - mean) / sd;
  return -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
}
