/**
 * Similarity-weighted beta-binomial borrowing across baskets (Fujikawa,
 * Teramukai, Yokota & Daimon 2020, "A Bayesian basket trial design that
 * borrows information across strata based on the similarity between the
 * posterior distributions of the response probability", Biometrical Journal
 * 62:330-338).
 *
 * 1. Basket k alone: Beta(a, b) prior, posterior Beta(a + y_k, b + n_k - y_k).
 * 2. Similarity of baskets i and j from the Jensen-Shannon divergence of their
 *    posteriors: w_ij = (1 - JSD_ij)^epsilon, set to 0 when w_ij <= tau
 *    (w_ii = 1).
 * 3. Borrowed posterior of basket k, as in the paper (prior information is
 *    shared too):  Beta(sum_j w_kj (a + y_j), sum_j w_kj (b + n_j - y_j)).
 *    With `sharePrior: false` the power-prior form
 *    Beta(a + sum_j w_kj y_j, b + sum_j w_kj (n_j - y_j)) is used instead.
 * 4. Go for basket k when P(p_k > p0_k | borrowed posterior) > lambda.
 *
 * Fujikawa et al. use natural logarithms in the JSD (so JSD <= log 2 and
 * w >= (1 - log 2)^epsilon > 0 before truncation); `logBase: 2` bounds the
 * JSD by 1 instead (the default of the R package baskexact).
 */
import { betaCdf, logBeta } from '../distributions.js';
import { softplus } from './quadrature.js';

/** Tuning of the Fujikawa design. */
export interface FujikawaOptions {
  /** Beta prior shape a (default 1). */
  priorShape1?: number;
  /** Beta prior shape b (default 1). */
  priorShape2?: number;
  /** Exponent epsilon of the similarity (default 2, as in the paper). */
  epsilon?: number;
  /** Weights at or below tau are set to 0 (default 0.5, the paper's design ii). */
  tau?: number;
  /** Base of the logarithm in the JSD (default e, as in the paper). */
  logBase?: number;
  /** Share the prior with the data, as in the paper (default true). */
  sharePrior?: boolean;
}

/** log density of logit(P) for P ~ Beta(a, b), at x (p = expit(x)). */
export function logitBetaLogDensity(x: number, a: number, b: number, lb: number): number {
  return -a * softplus(-x) - b * softplus(x) - lb;
}

/** Integration range of a logit-beta density: where it is within e^-34 of its mode. */
export function logitBetaRange(a: number, b: number): [number, number, number] {
  const lb = logBeta(a, b);
  const mode = Math.log(a / b);
  const sd = Math.sqrt(1 / a + 1 / b);
  const top = logitBetaLogDensity(mode, a, b, lb) - 34;
  let lo = mode;
  while (logitBetaLogDensity(lo, a, b, lb) > top) lo -= sd;
  let hi = mode;
  while (logitBetaLogDensity(hi, a, b, lb) > top) hi += sd;
  return [lo, hi, sd];
}

/**
 * Jensen-Shannon divergence between Beta(a1, b1) and Beta(a2, b2),
 * JSD = (KL(P || M) + KL(Q || M)) / 2 with M = (P + Q) / 2, in units of
 * log(logBase).
 *
 * Method: the divergence is invariant under the change of variable
 * x = logit(p), where both densities, p^a (1-p)^b / B(a, b), are smooth and
 * decay exponentially, so the trapezoid rule on a uniform x grid converges
 * geometrically in 1/h (Trefethen & Weideman 2014). We use h = 1/4 of the
 * smallest of the logit-scale sds sqrt(1/a + 1/b) and the scale
 * 1 / max(|a2 - a1|, |b2 - b1|) of the log density ratio, over the union of both densities'
 * ranges down to e^-34 of their modes, which agrees with R's adaptive
 * integrate() on (0, 1) to ~1e-15 (h = sd / 2 still leaves ~1e-6). With
 * log(p / m) = log 2 - log(1 + q / p), the integrand is
 * JSD = log 2 - (1/2) int p softplus(log q - log p) - (1/2) int q softplus(log p - log q).
 * Results are memoised by their four shapes (a simulation meets the same
 * pairs of posteriors over and over).
 */
export function jensenShannonBeta(a1: number, b1: number, a2: number, b2: number, logBase = Math.E): number {
  if (a1 === a2 && b1 === b2) return 0;
  const key = a1 < a2 || (a1 === a2 && b1 < b2) ? `${a1},${b1},${a2},${b2}` : `${a2},${b2},${a1},${b1}`;
  let nats = jsdMemo.get(key);
  if (nats === undefined) {
    nats = jsdNats(a1, b1, a2, b2);
    if (jsdMemo.size >= MEMO_LIMIT) jsdMemo.clear();
    jsdMemo.set(key, nats);
  }
  return nats / Math.log(logBase);
}

const MEMO_LIMIT = 100_000;
const jsdMemo = new Map<string, number>();

/** JSD in nats by the trapezoid rule in the logit scale (see jensenShannonBeta). */
function jsdNats(a1: number, b1: number, a2: number, b2: number): number {
  const [lo1, hi1, sd1] = logitBetaRange(a1, b1);
  const [lo2, hi2, sd2] = logitBetaRange(a2, b2);
  const lo = Math.min(lo1, lo2);
  const hi = Math.max(hi1, hi2);
  // the log-ratio log q - log p has slope (a2 - a1)(1 - p) - (b2 - b1) p: its
  // softplus turns over on the scale 1 / max|slope|, which h must resolve too
  const ratioScale = 1 / Math.max(1, Math.abs(a2 - a1), Math.abs(b2 - b1));
  const steps = Math.min(50000, Math.ceil((hi - lo) / (Math.min(sd1, sd2, ratioScale) / 4)));
  const h = (hi - lo) / steps;
  const lb1 = logBeta(a1, b1);
  const lb2 = logBeta(a2, b2);
  let s = 0;
  for (let i = 0; i <= steps; i++) {
    const x = lo + i * h;
    const l1 = logitBetaLogDensity(x, a1, b1, lb1);
    const l2 = logitBetaLogDensity(x, a2, b2, lb2);
    const v = Math.exp(l1) * softplus(l2 - l1) + Math.exp(l2) * softplus(l1 - l2);
    s += i === 0 || i === steps ? 0.5 * v : v;
  }
  return Math.max(0, Math.LN2 - 0.5 * s * h);
}

/** Fujikawa posterior for one count vector. */
export interface FujikawaPosterior {
  /** Pairwise weights w_kj (w_kk = 1). */
  weights: number[][];
  /** Borrowed posterior Beta shapes. */
  shape1: number[];
  shape2: number[];
  /** P(p_k > p0_k | borrowed posterior). */
  probAboveNull: number[];
  /** Borrowed posterior mean shape1 / (shape1 + shape2). */
  posteriorMean: number[];
}

/** Pairwise similarity weights w_ij = (1 - JSD_ij)^epsilon, zero when <= tau. */
export function fujikawaWeights(
  responders: readonly number[],
  sampleSizes: readonly number[],
  options: FujikawaOptions = {},
): number[][] {
  const a = options.priorShape1 ?? 1;
  const b = options.priorShape2 ?? 1;
  const eps = options.epsilon ?? 2;
  const tau = options.tau ?? 0.5;
  const base = options.logBase ?? Math.E;
  const k = responders.length;
  const w = Array.from({ length: k }, () => new Array<number>(k).fill(1));
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const jsd = jensenShannonBeta(
        a + responders[i], b + sampleSizes[i] - responders[i],
        a + responders[j], b + sampleSizes[j] - responders[j], base,
      );
      let v = Math.pow(1 - jsd, eps);
      if (v <= tau) v = 0;
      w[i][j] = v;
      w[j][i] = v;
    }
  }
  return w;
}

/**
 * Fujikawa et al. (2020) borrowed posteriors and P(p_k > p0_k) for one count
 * vector; a go decision for basket k is probAboveNull[k] > lambda.
 */
export function fujikawaPosterior(
  responders: readonly number[],
  sampleSizes: readonly number[],
  nullRates: number | readonly number[],
  options: FujikawaOptions = {},
): FujikawaPosterior {
  const a = options.priorShape1 ?? 1;
  const b = options.priorShape2 ?? 1;
  const share = options.sharePrior ?? true;
  const weights = fujikawaWeights(responders, sampleSizes, options);
  const k = responders.length;
  const shape1: number[] = [];
  const shape2: number[] = [];
  const probAboveNull: number[] = [];
  const posteriorMean: number[] = [];
  for (let i = 0; i < k; i++) {
    let s1 = share ? 0 : a;
    let s2 = share ? 0 : b;
    for (let j = 0; j < k; j++) {
      const w = weights[i][j];
      s1 += w * ((share ? a : 0) + responders[j]);
      s2 += w * ((share ? b : 0) + sampleSizes[j] - responders[j]);
    }
    const p0 = typeof nullRates === 'number' ? nullRates : nullRates[i];
    shape1.push(s1);
    shape2.push(s2);
    probAboveNull.push(1 - betaCdf(p0, s1, s2));
    posteriorMean.push(s1 / (s1 + s2));
  }
  return { weights, shape1, shape2, probAboveNull, posteriorMean };
}
