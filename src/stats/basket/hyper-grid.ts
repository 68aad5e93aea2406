/**
 * Deterministic integration over the hyperparameters (mu, tau) of a
 * hierarchical basket model theta_k | mu, tau ~ N(mu, tau^2), independent
 * across baskets given (mu, tau).
 *
 * Given (mu, tau) the baskets are conditionally independent, so the joint
 * posterior of the hyperparameters is
 *   p(mu, tau | y) ∝ p(mu) p(tau) prod_k L_k(mu, tau),
 * with L_k the one-dimensional marginal likelihood of basket k
 * (logit-normal-binomial.ts), and each basket's posterior summary is the
 * p(mu, tau | y)-average of its conditional summary. We integrate by the
 * trapezoid rule on a grid of rows:
 *
 * - u = log tau: uniform steps over the range of tau-prior.ts.
 * - mu, within each row: nodes through every basket's threshold t_k,
 *   uniform between thresholds and sinh-stretched beyond them
 *   (mu = t + a sinh(z), z uniform), so they are close near the thresholds
 *   and spread out proportionally in the far field, out to `muHalfWidthSds`
 *   prior sds. The trapezoid rule in z keeps the geometric convergence of
 *   the uniform rule for smooth integrands (Trefethen & Weideman 2014, SIAM
 *   Review 56:385). The near spacing shrinks with tau (see buildHyperGrid).
 *
 * The conditional integrals over each node are tabulated in
 * basket-tables.ts.
 */
import { logDensityLogTau, defaultLogTauRange, type TauPrior } from './tau-prior.js';
import { logNormalDensity } from './quadrature.js';

/** A normal prior N(mean, sd^2). */
export interface NormalPrior {
  mean: number;
  sd: number;
}

/** Resolution of the hyperparameter grid (defaults in DEFAULT_GRID). */
export interface GridOptions {
  /** Largest spacing of mu nodes near the grid centre. */
  muSpacing: number;
  /** Smallest near spacing (used in rows where tau is below it). */
  muSpacingMin: number;
  /** Step of the stretching variable z (smaller = more far-field nodes). */
  muStretchStep: number;
  /** The mu grid covers the prior mean +- this many prior sds. */
  muHalfWidthSds: number;
  /** Step in u = log tau. */
  logTauStep: number;
  /** Range of u = log tau; default from the tau prior (tau-prior.ts). */
  logTauRange?: [number, number];
}

/**
 * Defaults: about 4000-5000 nodes. Posterior probabilities and means agree
 * with a converged computation in R (test/fixtures/basket-quadrature.R;
 * two and three baskets) to within 1e-6: ~6e-7 for Berry's prior (its
 * threshold step at tiny tau, an O(spacing^2) error: halving muSpacingMin
 * would give ~2e-8), ~3e-7 for half-normal priors and EXNEX. They lose
 * accuracy when the pooled data are large and far from the thresholds
 * (e.g. 16 baskets of 50 at p = 0.8: ~5e-3 in the mean), where the
 * sinh-stretched mu spacing (0.1 |mu - t| for tiny tau) exceeds the
 * posterior sd of mu.
 */
export const DEFAULT_GRID: GridOptions = {
  muSpacing: 0.05,
  muSpacingMin: 0.01,
  muStretchStep: 0.1,
  muHalfWidthSds: 5.5,
  logTauStep: 0.4,
};

/** Nodes (row by row in tau) with log prior x quadrature weights. */
export interface HyperGrid {
  mu: Float64Array;
  tau: Float64Array;
  logWeight: Float64Array;
  /** log of each node's trapezoid weight in mu (part of logWeight). */
  logMuWeight: Float64Array;
  /** Row l (one tau) holds nodes rowStart[l] .. rowStart[l + 1] - 1, mu increasing. */
  rowStart: Int32Array;
  /** log of row l's weight in u = log tau (prior density x trapezoid weight), part of logWeight. */
  rowLogWeight: Float64Array;
  /** Index of the first and last threshold node of row l (uniform in the sinh variable outside them). */
  rowCentreFirst: Int32Array;
  rowCentreLast: Int32Array;
  /** The prior of mu. */
  muPrior: NormalPrior;
  tauCount: number;
  size: number;
  /** The options the grid was built with, and the mu range its rows cover. */
  options: GridOptions;
  muRange: [number, number];
}

/**
 * mu nodes of one row and their trapezoid weights: uniform steps of at most
 * `spacing` between consecutive thresholds (each threshold is a node), and
 * sinh-stretched tails c + a sinh(i h_z), a = spacing / h_z, beyond the
 * outermost thresholds out to [lo, hi], weighted by the exact Jacobian
 * a cosh(i h_z) h_z.
 */
export function rowNodes(
  centers: readonly number[],
  spacing: number,
  hz: number,
  lo: number,
  hi: number,
): { mu: number[]; weight: number[]; centreFirst: number; centreLast: number } {
  const a = spacing / hz;
  const first = centers[0];
  const last = centers[centers.length - 1];
  const mu: number[] = [];
  const weight: number[] = [];
  const nLeft = Math.max(1, Math.ceil(Math.asinh((first - lo) / a) / hz));
  for (let i = nLeft; i >= 1; i--) {
    mu.push(first - a * Math.sinh(i * hz));
    weight.push(a * Math.cosh(i * hz) * hz * (i === nLeft ? 0.5 : 1));
  }
  for (let j = 0; j < centers.length; j++) {
    const c = centers[j];
    const leftStep = j === 0 ? spacing : (c - centers[j - 1]) / Math.ceil((c - centers[j - 1]) / spacing);
    const gap = j === centers.length - 1 ? 0 : centers[j + 1] - c;
    const rightStep = j === centers.length - 1 ? spacing : gap / Math.ceil(gap / spacing);
    mu.push(c);
    weight.push(0.5 * (leftStep + rightStep));
    if (j < centers.length - 1) {
      const steps = Math.round((centers[j + 1] - c) / rightStep);
      for (let k = 1; k < steps; k++) {
        mu.push(c + k * rightStep);
        weight.push(rightStep);
      }
    }
  }
  const centreLast = mu.length - 1;
  const nRight = Math.max(1, Math.ceil(Math.asinh((hi - last) / a) / hz));
  for (let i = 1; i <= nRight; i++) {
    mu.push(last + a * Math.sinh(i * hz));
    weight.push(a * Math.cosh(i * hz) * hz * (i === nRight ? 0.5 : 1));
  }
  return { mu, weight, centreFirst: nLeft, centreLast };
}

/**
 * Builds the (mu, log tau) grid for the given hyperpriors (and number of
 * baskets, which sets the tau range of tau-prior.ts).
 *
 * Each tau row has its own mu nodes with near spacing
 * clamp(tau, muSpacingMin, muSpacing), and every basket's decision threshold
 * t_k (theta scale) is a node. For small tau the conditional
 * P(theta_k > t_k | mu, tau) turns from 0 to 1 over a mu-interval of width
 * ~tau around t_k: the spacing resolves it, and with t_k on a node the rule
 * keeps second order even in the step limit tau -> 0 (a step between nodes
 * would cost O(spacing)).
 */
export function buildHyperGrid(
  muPrior: NormalPrior,
  tauPrior: TauPrior,
  opts: GridOptions,
  thresholds: readonly number[] = [muPrior.mean],
  baskets = Infinity,
): HyperGrid {
  const auto = defaultLogTauRange(tauPrior, baskets);
  const [uLo, uHi] = opts.logTauRange ?? auto.range;
  const step = Math.min(opts.logTauStep, auto.maxStep);
  const tauCount = Math.max(2, Math.ceil((uHi - uLo) / step) + 1);
  const hu = (uHi - uLo) / (tauCount - 1);
  const centers = [...new Set(thresholds)].sort((x, y) => x - y);
  const reach = opts.muHalfWidthSds * muPrior.sd;
  const lo = Math.min(centers[0], muPrior.mean - reach);
  const hi = Math.max(centers[centers.length - 1], muPrior.mean + reach);
  const mus: number[] = [];
  const taus: number[] = [];
  const weights: number[] = [];
  const muWeights: number[] = [];
  const rowStart = new Int32Array(tauCount + 1);
  const rowLogWeight = new Float64Array(tauCount);
  const rowCentreFirst = new Int32Array(tauCount);
  const rowCentreLast = new Int32Array(tauCount);
  for (let l = 0; l < tauCount; l++) {
    rowStart[l] = mus.length;
    const u = uLo + l * hu;
    const tau = Math.exp(u);
    const lwu = logDensityLogTau(tauPrior, u) + Math.log(hu) + (l === 0 || l === tauCount - 1 ? -Math.LN2 : 0);
    rowLogWeight[l] = lwu;
    const spacing = Math.min(opts.muSpacing, Math.max(opts.muSpacingMin, tau));
    const row = rowNodes(centers, spacing, opts.muStretchStep, lo, hi);
    rowCentreFirst[l] = mus.length + row.centreFirst;
    rowCentreLast[l] = mus.length + row.centreLast;
    for (let i = 0; i < row.mu.length; i++) {
      mus.push(row.mu[i]);
      taus.push(tau);
      weights.push(lwu + logNormalDensity(row.mu[i], muPrior.mean, muPrior.sd) + Math.log(row.weight[i]));
      muWeights.push(Math.log(row.weight[i]));
    }
  }
  rowStart[tauCount] = mus.length;
  return {
    mu: Float64Array.from(mus),
    tau: Float64Array.from(taus),
    logWeight: Float64Array.from(weights),
    logMuWeight: Float64Array.from(muWeights),
    rowStart,
    rowLogWeight,
    rowCentreFirst,
    rowCentreLast,
    muPrior: { ...muPrior },
    tauCount,
    size: mus.length,
    options: { ...opts },
    muRange: [lo, hi],
  };
}
