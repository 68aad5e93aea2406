/**
 * A probit power curve fitted to simulated rejection counts, and its
 * inversion: the value at which power reaches a target, with a delta-method
 * standard error.
 *
 * Why probit: for a z-type test the power is Φ(δ·sqrt(n)/σ - z_{1-α/2}) up to
 * the negligible other tail, i.e. exactly a probit line in sqrt(n) (or in the
 * effect δ). Fitting counts by maximum likelihood (binomial GLM, probit link,
 * Fisher scoring: McCullagh & Nelder 1989, section 4.4) uses every evaluation
 * with its proper weight, rather than bisecting on single noisy points.
 */
import { normalCdf, normalQuantile } from '../stats/distributions.js';

export interface Evaluation {
  /** The point on the fitting scale (e.g. sqrt of the sample size). */
  x: number;
  rejections: number;
  replicates: number;
}

export interface ProbitFit {
  /** power(x) = Φ(intercept + slope·x). */
  intercept: number;
  slope: number;
  /** Covariance of (intercept, slope) from the Fisher information. */
  covariance: [[number, number], [number, number]];
  converged: boolean;
}

const density = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
const clamp = (p: number) => Math.min(1 - 1e-10, Math.max(1e-10, p));

/** Weighted least squares of y on (1, x): returns [a, b] and (X'WX)^-1. */
function wls(x: number[], y: number[], w: number[]) {
  let sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i]; sx += w[i] * x[i]; sy += w[i] * y[i]; sxx += w[i] * x[i] * x[i]; sxy += w[i] * x[i] * y[i];
  }
  const det = sw * sxx - sx * sx;
  const b = (sw * sxy - sx * sy) / det;
  const a = (sy - b * sx) / sw;
  return { a, b, inv: [[sxx / det, -sx / det], [-sx / det, sw / det]] as [[number, number], [number, number]] };
}

/** Maximum-likelihood probit fit; needs at least two distinct x. */
export function fitProbit(points: readonly Evaluation[]): ProbitFit {
  const xs = points.map((p) => p.x);
  // Centre and scale x so the iterations are well conditioned, then map back.
  const mid = xs.reduce((s, x) => s + x, 0) / xs.length;
  const spread = Math.max(...xs.map((x) => Math.abs(x - mid))) || 1;
  const u = xs.map((x) => (x - mid) / spread);
  const pHat = points.map((p) => (p.rejections + 0.5) / (p.replicates + 1));
  let fit = wls(u, pHat.map((p) => normalQuantile(p)), points.map((p) => p.replicates));
  let converged = false;
  for (let iter = 0; iter < 50 && !converged; iter++) {
    const y: number[] = [], w: number[] = [];
    points.forEach((p, i) => {
      const eta = fit.a + fit.b * u[i];
      const mu = clamp(normalCdf(eta));
      const d = Math.max(density(eta), 1e-300);
      w.push((p.replicates * d * d) / (mu * (1 - mu)));
      y.push(eta + (p.rejections / p.replicates - mu) / d);
    });
    const next = wls(u, y, w);
    converged = Math.abs(next.a - fit.a) + Math.abs(next.b - fit.b) < 1e-10;
    fit = next;
  }
  // power = Φ(a + b·(x - mid)/spread) = Φ((a - b·mid/spread) + (b/spread)·x).
  const slope = fit.b / spread, intercept = fit.a - slope * mid;
  const [[vaa, vab], [, vbb]] = fit.inv;
  // Jacobian of (intercept, slope) w.r.t. (a, b): [[1, -mid/spread], [0, 1/spread]].
  const c = -mid / spread, s = 1 / spread;
  const covII = vaa + 2 * c * vab + c * c * vbb;
  const covIS = s * vab + c * s * vbb;
  const covSS = s * s * vbb;
  return { intercept, slope, covariance: [[covII, covIS], [covIS, covSS]], converged };
}

export function probitPower(fit: ProbitFit, x: number): number {
  return normalCdf(fit.intercept + fit.slope * x);
}

/**
 * The x at which the fitted power equals `target`, c = (Φ⁻¹(target) - a) / b,
 * with its delta-method SE: dc/da = -1/b, dc/db = -c/b.
 */
export function probitCrossing(fit: ProbitFit, target: number): { x: number; se: number } {
  const x = (normalQuantile(target) - fit.intercept) / fit.slope;
  const ga = -1 / fit.slope, gb = -x / fit.slope;
  const [[vaa, vab], [, vbb]] = fit.covariance;
  return { x, se: Math.sqrt(Math.max(0, ga * ga * vaa + 2 * ga * gb * vab + gb * gb * vbb)) };
}

/**
 * Fieller's interval for the crossing (Fieller 1954; Finney 1971, Probit
 * Analysis, section 4.4): the x whose fitted probit is compatible with the
 * target, |z_t - a - b·x| <= z·sqrt(Var(a + b·x)). Unlike the delta method it
 * allows for the uncertainty of the slope, and is bounded only when the slope
 * is clearly positive (b² > z²·Var(b)); otherwise null.
 */
export function fiellerInterval(fit: ProbitFit, target: number, z = 1.959963984540054): [number, number] | null {
  const zt = normalQuantile(target);
  const [[vaa, vab], [, vbb]] = fit.covariance;
  const d = zt - fit.intercept, b = fit.slope, z2 = z * z;
  // (d - b x)² - z²(vaa + 2 x vab + x² vbb) <= 0  ⇔  A x² + B x + C <= 0
  const A = b * b - z2 * vbb, B = -2 * (d * b + z2 * vab), C = d * d - z2 * vaa;
  const disc = B * B - 4 * A * C;
  if (!(A > 0) || disc < 0) return null;
  const r = Math.sqrt(disc);
  return [(-B - r) / (2 * A), (-B + r) / (2 * A)];
}
