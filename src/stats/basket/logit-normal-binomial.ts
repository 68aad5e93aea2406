/**
 * The one-dimensional integrals over a basket's log-odds that every
 * hierarchical basket model needs, for y responders of n with
 * theta ~ N(mu, tau^2) and logit(p) = theta + offset:
 *
 *   L = integral  p^y (1-p)^(n-y) N(theta; mu, tau^2) dtheta      (marginal likelihood)
 *   A = integral_{theta > t} ...                                    (P(theta > t) L)
 *   M = integral  p ...                                             (E[p] L)
 *
 * The binomial coefficient is left out (it cancels in every posterior).
 *
 * Method: psi(theta) = y x - n log(1 + e^x) - (theta - mu)^2 / (2 tau^2),
 * x = theta + offset, is strictly concave (a binomial log-likelihood in the
 * logit plus a Gaussian), so the integrand e^psi is unimodal. Its mode is
 * found by safeguarded Newton inside the bracket
 * [mu + tau^2 (y - n), mu + tau^2 y], where psi' changes sign. From the mode
 * we step outwards on each side in panels whose width is at most PANEL_SCALES
 * local scales 1/sqrt(-psi'') (using the largest curvature over the panel,
 * which for the logistic term is at x = 0, and counting the extra factor p
 * of M's integrand as one more patient) and over which psi falls by at most
 * PANEL_DROP, until psi is WINDOW_DROP below its maximum (a relative
 * contribution below e^-30). Each panel is integrated by 8-point
 * Gauss-Legendre (error bound 2^17 (8!)^4 / (17 (16!)^3) f^(16), about 1e-7
 * relative for these panel sizes); the panel containing t is split at t so
 * that A is integrated without a discontinuity. Checked against brute-force
 * Simpson to ~1e-8 from tau -> 0 (complete pooling: the integrand collapses
 * onto theta = mu) to tau -> infinity (the likelihood dominates), with 60-170
 * evaluations of psi (about 7 us on the development machine).
 */
import { gaussLegendre } from './quadrature.js';

/** A basket as the integrals see it. */
export interface BasketSpec {
  /** Patients in the basket. */
  n: number;
  /** logit(p) = theta + offset. */
  offset: number;
  /** Threshold for A, on the theta scale: logit(p0) - offset. */
  threshold: number;
}

/** The three integrals, as log L and the ratios A / L, M / L, and further conditional moments. */
export interface NodeIntegrals {
  /** log of the marginal likelihood L (binomial kernel, no coefficient). */
  logLik: number;
  /** P(theta > threshold | y, mu, tau) = A / L. */
  probAbove: number;
  /** E[p | y, mu, tau] = M / L. */
  mean: number;
  /** E[p^2 | y, mu, tau]. */
  mean2: number;
  /** E[theta | y, mu, tau]. */
  thetaMean: number;
  /** Var[theta | y, mu, tau]. */
  thetaVar: number;
}

const PANEL_SCALES = 4;
const PANEL_DROP = 10;
const WINDOW_DROP = 30;
const MAX_PANELS = 400;
const GL = gaussLegendre(8);

/**
 * One node's integrals: the scratch of the quadrature (psi's derivatives at
 * the last point evaluated, the panel sums) lives in the instance, so nothing
 * is allocated in the inner loop and no state outlives the call.
 */
class NodeIntegrator {
  // psi and its derivatives at the last evaluated point
  private p = 0;
  private d1 = 0;
  private d2 = 0;
  // panel sums of L, A and M, and of p^2, (theta - centre) and (theta - centre)^2
  accL = 0;
  accA = 0;
  accM = 0;
  accM2 = 0;
  accT = 0;
  accT2 = 0;
  centre = 0;
  /** Extra cut points (ascending) at which panels are split, with the mass above each (logitNormalBinomialCuts). */
  cuts: Float64Array | null = null;
  accCuts: Float64Array | null = null;

  constructor(
    private readonly y: number, private readonly n: number, private readonly c: number,
    private readonly mu: number, private readonly prec: number, private readonly t: number,
  ) {}

  psiAt(theta: number): number {
    const { y, n, c, mu, prec } = this;
    const x = theta + c;
    const e = Math.exp(-Math.abs(x));
    const sp = (x > 0 ? x : 0) + Math.log1p(e);
    const p = x >= 0 ? 1 / (1 + e) : e / (1 + e);
    const d = theta - mu;
    this.p = p;
    this.d1 = y - n * p - d * prec;
    this.d2 = -n * p * (1 - p) - prec;
    return y * x - n * sp - 0.5 * d * d * prec;
  }

  /** The mode of psi by safeguarded Newton, from mu. */
  mode(tau: number): number {
    const { y, n, mu } = this;
    let lo = mu + tau * tau * (y - n);
    let hi = mu + tau * tau * y;
    let th = mu;
    for (let iter = 0; iter < 200; iter++) {
      this.psiAt(th);
      const step = -this.d1 / this.d2;
      if (Math.abs(step) * Math.sqrt(-this.d2) <= 1e-9 || th + step === th) {
        th += step;
        break;
      }
      if (this.d1 > 0) lo = th;
      else hi = th;
      const next = th + step;
      th = next > lo && next < hi ? next : 0.5 * (lo + hi);
    }
    return th;
  }

  /** Adds the 8-point Gauss-Legendre integral over [a, b] (a < b) of e^(psi - psiMax); returns the panel's share of L. */
  addPanel(a: number, b: number, psiMax: number): number {
    const { y, n, c, mu, prec, t } = this;
    const half = 0.5 * (b - a);
    const mid = 0.5 * (a + b);
    const nodes = GL.nodes;
    const weights = GL.weights;
    let sl = 0;
    let sm = 0;
    let sm2 = 0;
    let st = 0;
    let st2 = 0;
    const centre = this.centre;
    for (let i = 0; i < 8; i++) {
      const theta = mid + half * nodes[i];
      const x = theta + c;
      const e = Math.exp(-Math.abs(x));
      const sp = (x > 0 ? x : 0) + Math.log1p(e);
      const p = x >= 0 ? 1 / (1 + e) : e / (1 + e);
      const d = theta - mu;
      const w = weights[i] * Math.exp(y * x - n * sp - 0.5 * d * d * prec - psiMax);
      sl += w;
      sm += w * p;
      sm2 += w * p * p;
      const dt = theta - centre;
      st += w * dt;
      st2 += w * dt * dt;
    }
    const l = sl * half;
    this.accL += l;
    this.accM += sm * half;
    this.accM2 += sm2 * half;
    this.accT += st * half;
    this.accT2 += st2 * half;
    if (a >= t) this.accA += l;
    return l;
  }

  /** Adds [l, r] split at every cut point inside it, each piece's share of L counted above the cuts at or below its start. */
  addCutPanels(l: number, r: number, psiMax: number): void {
    const cuts = this.cuts!;
    const acc = this.accCuts!;
    let a = l;
    for (let j = 0; j <= cuts.length; j++) {
      const b = j < cuts.length ? cuts[j] : r;
      if (j < cuts.length && !(b > a && b < r)) continue;
      const mass = this.addPanel(a, b, psiMax);
      for (let i = 0; i < cuts.length; i++) if (a >= cuts[i]) acc[i] += mass;
      a = b;
    }
  }

  /**
   * Integrates outward from the mode in direction dir (+1 or -1) until psi has
   * fallen WINDOW_DROP below psiMax.
   */
  sweep(dir: number, mode: number, psiMax: number): void {
    const { n, c, prec, t } = this;
    const floor = psiMax - WINDOW_DROP;
    let a = mode;
    let psiA = this.psiAt(a);
    // the integrand of M carries an extra factor p: curvature bound n + 1
    const n1 = n + 1;
    for (let k = 0; k < MAX_PANELS && psiA > floor; k++) {
      const p = this.p;
      let w = PANEL_SCALES / Math.sqrt(-this.d2 + p * (1 - p));
      const slope = Math.abs(this.d1) + 1;
      if (slope * w > PANEL_DROP) w = PANEL_DROP / slope;
      const b0 = a + dir * w;
      const kmax = maxCurvature(Math.min(a, b0), Math.max(a, b0), n1, c, prec);
      w = Math.min(w, PANEL_SCALES / Math.sqrt(kmax));
      const b = a + dir * w;
      const l = dir > 0 ? a : b;
      const r = dir > 0 ? b : a;
      if (this.cuts !== null) this.addCutPanels(l, r, psiMax);
      else if (t > l && t < r) {
        this.addPanel(l, t, psiMax);
        this.addPanel(t, r, psiMax);
      } else this.addPanel(l, r, psiMax);
      psiA = this.psiAt(b);
      a = b;
    }
  }
}

/** Largest -psi'' over [a, b]: n p(1-p) peaks at x = 0. */
function maxCurvature(a: number, b: number, n: number, c: number, prec: number): number {
  const xa = a + c;
  const xb = b + c;
  const x = xa <= 0 && xb >= 0 ? 0 : Math.abs(xa) < Math.abs(xb) ? xa : xb;
  const p = 1 / (1 + Math.exp(-x));
  return n * p * (1 - p) + prec;
}

/**
 * log L, A / L and M / L for y responders of spec.n when
 * theta ~ N(mu, tau^2) (tau > 0).
 */
export function logitNormalBinomial(y: number, spec: BasketSpec, mu: number, tau: number): NodeIntegrals {
  const { n, offset: c, threshold: t } = spec;
  const node = new NodeIntegrator(y, n, c, mu, 1 / (tau * tau), t);
  const th = node.mode(tau);
  const psiMax = node.psiAt(th);
  node.centre = th;
  node.sweep(1, th, psiMax);
  node.sweep(-1, th, psiMax);
  const dm = node.accT / node.accL;
  return {
    logLik: psiMax + Math.log(node.accL) - Math.log(tau) - 0.5 * Math.log(2 * Math.PI),
    probAbove: Math.min(1, node.accA / node.accL),
    mean: node.accM / node.accL,
    mean2: node.accM2 / node.accL,
    thetaMean: th + dm,
    thetaVar: Math.max(0, node.accT2 / node.accL - dm * dm),
  };
}

/**
 * log L and P(theta > cut_i | y, mu, tau) for several cut points at once
 * (ascending, theta scale), each a panel boundary of the quadrature as the
 * threshold is in logitNormalBinomial: the node-wise conditional CDFs an
 * exact run's coverage needs (coverage.ts). `above` receives one value per
 * cut; returns log L.
 */
export function logitNormalBinomialCuts(y: number, n: number, offset: number, mu: number, tau: number, cuts: Float64Array, above: Float64Array): number {
  const node = new NodeIntegrator(y, n, offset, mu, 1 / (tau * tau), Infinity);
  node.cuts = cuts;
  node.accCuts = above;
  above.fill(0);
  const th = node.mode(tau);
  const psiMax = node.psiAt(th);
  node.centre = th;
  node.sweep(1, th, psiMax);
  node.sweep(-1, th, psiMax);
  for (let i = 0; i < cuts.length; i++) above[i] = Math.min(1, above[i] / node.accL);
  return psiMax + Math.log(node.accL) - Math.log(tau) - 0.5 * Math.log(2 * Math.PI);
}
