/**
 * Fujikawa et al.'s (2020) borrowing for randomised baskets, each basket
 * with its own control: the design's similarity-weighted Beta posteriors
 * (fujikawa.ts) formed separately within the drug arms and within the
 * control arms of the randomised baskets, so a drug arm borrows from the
 * drug arms it resembles and a control arm from the control arms, as in the
 * single-arm design; then basket k's treatment effect, the log odds ratio
 * delta_k = logit(p1_k) - logit(p0_k), has the law of the difference of two
 * independent logit-Beta variables, X1 - X0 with X = logit(p),
 * p ~ Beta(a, b):
 *
 *   P(delta_k > 0 | data) = P(p1_k > p0_k),
 *   E[delta_k] = (psi(a1) - psi(b1)) - (psi(a0) - psi(b0)),
 *   Var[delta_k] = psi'(a1) + psi'(b1) + psi'(a0) + psi'(b0)
 *
 * (psi the digamma function: E[logit p] = psi(a) - psi(b), Var = psi'(a) +
 * psi'(b)), and its CDF F(t) = int f0(x) F1(x + t) dx, f0 the logit-Beta
 * density of X0 and F1(y) = I_expit(y)(a1, b1) the Beta CDF, integrated by
 * the trapezoid rule on the logit scale over X0's range down to e^-34 of its
 * mode, with step a quarter of the smaller logit-scale sd (smooth,
 * exponentially decaying integrand: the rule converges geometrically, as
 * for the Jensen-Shannon divergence in fujikawa.ts). The 2.5% and 97.5%
 * quantiles of delta_k solve F(t) = q by Newton's method on F (density
 * int f0(x) f1(x + t) dx on the same nodes), kept in a bracket.
 */
import { betaCdf, digamma, logBeta, trigamma } from '../distributions.js';
import { fujikawaPosterior, logitBetaLogDensity, logitBetaRange, type FujikawaOptions } from './fujikawa.js';
import { softplus } from './quadrature.js';

/** The posterior of a log odds ratio. */
export interface LogOddsRatioPosterior {
  /** P(delta > 0 | data) = P(p1 > p0 | data). */
  probPositive: number;
  mean: number;
  sd: number;
  /** The 2.5% and 97.5% posterior quantiles of delta. */
  lower: number;
  upper: number;
}

/** The law of logit(p1) - logit(p0) for independent p1 ~ Beta(a1, b1), p0 ~ Beta(a0, b0). */
export function logitBetaDifference(a1: number, b1: number, a0: number, b0: number): LogOddsRatioPosterior {
  const mean = digamma(a1) - digamma(b1) - (digamma(a0) - digamma(b0));
  const sd = Math.sqrt(trigamma(a1) + trigamma(b1) + trigamma(a0) + trigamma(b0));
  const [lo, hi, sd0] = logitBetaRange(a0, b0);
  const sd1 = Math.sqrt(1 / a1 + 1 / b1);
  const steps = Math.min(20000, Math.ceil((hi - lo) / (Math.min(sd0, sd1) / 4)));
  const h = (hi - lo) / steps;
  const lb0 = logBeta(a0, b0);
  const lb1 = logBeta(a1, b1);
  const xs = new Float64Array(steps + 1);
  const w = new Float64Array(steps + 1);
  for (let i = 0; i <= steps; i++) {
    xs[i] = lo + i * h;
    w[i] = Math.exp(logitBetaLogDensity(xs[i], a0, b0, lb0)) * h * (i === 0 || i === steps ? 0.5 : 1);
  }
  const expit = (y: number) => (y >= 0 ? 1 / (1 + Math.exp(-y)) : Math.exp(y) / (1 + Math.exp(y)));
  /** F(t) and its density at t. */
  const cdf = (t: number): [number, number] => {
    let F = 0;
    let f = 0;
    for (let i = 0; i <= steps; i++) {
      const y = xs[i] + t;
      F += w[i] * betaCdf(expit(y), a1, b1);
      f += w[i] * Math.exp(-a1 * softplus(-y) - b1 * softplus(y) - lb1);
    }
    return [Math.min(1, Math.max(0, F)), f];
  };
  const quantile = (q: number): number => {
    let left = mean - 12 * sd - 1;
    let right = mean + 12 * sd + 1;
    let t = mean + sd * (q < 0.5 ? -1.96 : 1.96);
    for (let it = 0; it < 100; it++) {
      const [F, f] = cdf(t);
      if (F < q) left = t;
      else right = t;
      if (Math.abs(F - q) < 1e-13 || right - left < 1e-12) break;
      let next = t - (F - q) / f;
      if (!(next > left && next < right)) next = 0.5 * (left + right);
      t = next;
    }
    return t;
  };
  return { probPositive: 1 - cdf(0)[0], mean, sd, lower: quantile(0.025), upper: quantile(0.975) };
}

/** Fujikawa borrowing within the drug arms and within the control arms, and each basket's log odds ratio. */
export function fujikawaComparison(
  drugResponders: readonly number[], drugSizes: readonly number[],
  controlResponders: readonly number[], controlSizes: readonly number[],
  options: FujikawaOptions,
): { drug: { shape1: number[]; shape2: number[]; weights: number[][] }; control: { shape1: number[]; shape2: number[]; weights: number[][] }; effect: LogOddsRatioPosterior[] } {
  // the null rate is not used here (no single-arm decision): any value
  const drug = fujikawaPosterior(drugResponders, drugSizes, 0.5, options);
  const control = fujikawaPosterior(controlResponders, controlSizes, 0.5, options);
  const effect = drug.shape1.map((a1, k) => logitBetaDifference(a1, drug.shape2[k], control.shape1[k], control.shape2[k]));
  return { drug, control, effect };
}
