/**
 * Exact one-sample binomial tests for single-arm baskets, H0: p <= p0 against
 * H1: p > p0, and an exact pooled test across baskets.
 *
 * The test rejects when the responder count X reaches the critical value r,
 * the smallest r with P(X >= r | p0) <= alpha (the classical one-sided exact
 * test, as in R's `binom.test(x, n, p0, alternative = "greater")`). Tails are
 * summed from the top of the support so that small p-values keep full
 * relative precision.
 */
import { betaCdf, binomialPmf } from '../distributions.js';

/**
 * Relative slack when comparing a tail probability with alpha, so that a tail
 * equal to alpha in exact arithmetic is not lost to rounding (e.g. 0.05 as a
 * sum of pmfs). It is far below any probability that matters for a design.
 */
const ALPHA_SLACK = 1e-12;

/** Whether a tail probability is at most alpha, allowing for rounding. */
export function atMostAlpha(tail: number, alpha: number): boolean {
  return tail <= alpha * (1 + ALPHA_SLACK);
}

/**
 * Upper tail P(X >= r) for X ~ Bin(n, p), from the identity
 * P(X >= r) = I_p(r, n - r + 1) (regularised incomplete beta), exact to
 * machine precision also far in the tail.
 */
export function binomialUpperTail(r: number, n: number, p: number): number {
  if (r <= 0) return 1;
  if (r > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return betaCdf(p, r, n - r + 1);
}

/** The pmf of Bin(n, p) at 0..n as an array. */
export function binomialPmfVector(n: number, p: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let x = 0; x <= n; x++) out[x] = binomialPmf(x, n, p);
  return out;
}

/** Upper tails U[x] = P(X >= x), x = 0..n+1, summed from the top of a pmf vector. */
export function upperTailsFromPmf(pmf: ArrayLike<number>): Float64Array {
  const n = pmf.length - 1;
  const out = new Float64Array(n + 2);
  let acc = 0;
  for (let x = n; x >= 0; x--) {
    acc += pmf[x];
    out[x] = Math.min(1, acc);
  }
  out[0] = 1;
  return out;
}

/** Smallest r with tail[r] <= alpha, where tail[x] = P(S >= x) over 0..N+1. */
function criticalFromTails(tails: ArrayLike<number>, alpha: number): number {
  let r = tails.length - 1; // N + 1: never reject
  while (r > 0 && atMostAlpha(tails[r - 1], alpha)) r--;
  return r;
}

/**
 * Critical value of the one-sided exact binomial test: the smallest r such
 * that P(X >= r | n, p0) <= alpha. Returns n + 1 when even X = n is not
 * significant (the test can never reject).
 */
export function binomialCriticalValue(n: number, p0: number, alpha: number): number {
  return criticalFromTails(upperTailsFromPmf(binomialPmfVector(n, p0)), alpha);
}

/** Result of an exact test on responder counts. */
export interface ExactTestResult {
  /** One-sided exact p-value P(X >= observed | H0 boundary). */
  pValue: number;
  /** Smallest responder count that rejects H0 at level alpha. */
  criticalValue: number;
  /** Whether the observed count reaches the critical value. */
  reject: boolean;
}

/**
 * One-sample exact binomial test of H0: p <= p0 vs p > p0 for `responders`
 * out of `n`: p-value P(X >= responders | p0) and the level-alpha decision.
 */
export function exactBinomialTest(
  responders: number,
  n: number,
  p0: number,
  alpha = 0.05,
): ExactTestResult {
  const criticalValue = binomialCriticalValue(n, p0, alpha);
  return {
    pValue: binomialUpperTail(responders, n, p0),
    criticalValue,
    reject: responders >= criticalValue,
  };
}

/**
 * Exact rejection probability of the level-alpha one-sided binomial test at a
 * true response rate p: P(X >= r | n, p) with r the critical value under p0.
 * At p = p0 this is the attained size; at p = p1 it is the power.
 */
export function exactBinomialRejectionProbability(
  n: number,
  p0: number,
  alpha: number,
  p: number,
): number {
  return binomialUpperTail(binomialCriticalValue(n, p0, alpha), n, p);
}

/**
 * Distribution of S = sum_k X_k with independent X_k ~ Bin(n_k, p_k), by
 * direct convolution of the binomial pmfs (exact up to rounding; O(N * n_k)
 * per basket). Index s holds P(S = s), s = 0..sum n_k.
 */
export function convolvedBinomialPmf(
  sampleSizes: readonly number[],
  rates: readonly number[],
): Float64Array {
  let dist = new Float64Array([1]);
  for (let k = 0; k < sampleSizes.length; k++) {
    const pmf = binomialPmfVector(sampleSizes[k], rates[k]);
    const next = new Float64Array(dist.length + pmf.length - 1);
    for (let s = 0; s < dist.length; s++) {
      const ds = dist[s];
      if (ds === 0) continue;
      for (let x = 0; x < pmf.length; x++) next[s + x] += ds * pmf[x];
    }
    dist = next;
  }
  return dist;
}

function nullRatesFor(p0: number | readonly number[], k: number): number[] {
  return typeof p0 === 'number' ? new Array<number>(k).fill(p0) : [...p0];
}

/**
 * Exact pooled test across baskets of H0: p_k <= p0_k for every k, using the
 * total responder count S = sum_k y_k as the statistic.
 *
 * With a common p0 the null distribution of S is Bin(sum n_k, p0). When p0
 * differs by basket it is the convolution of Bin(n_k, p0_k) (a
 * Poisson-binomial by blocks), computed exactly; because each binomial is
 * stochastically increasing in its rate, P(S >= s) is largest at the boundary
 * p_k = p0_k, so the p-value P(S >= s | p0) is valid for the composite null.
 */
export function pooledBinomialTest(
  responders: readonly number[],
  sampleSizes: readonly number[],
  p0: number | readonly number[],
  alpha = 0.05,
): ExactTestResult & { totalResponders: number; totalPatients: number } {
  const k = sampleSizes.length;
  const tails = upperTailsFromPmf(convolvedBinomialPmf(sampleSizes, nullRatesFor(p0, k)));
  const totalResponders = responders.reduce((a, b) => a + b, 0);
  const totalPatients = sampleSizes.reduce((a, b) => a + b, 0);
  const criticalValue = criticalFromTails(tails, alpha);
  return {
    pValue: tails[Math.min(totalResponders, tails.length - 1)],
    criticalValue,
    reject: totalResponders >= criticalValue,
    totalResponders,
    totalPatients,
  };
}

/**
 * Exact rejection probability of the pooled test (level alpha, null rates p0)
 * when the true basket rates are `trueRates`: P(S >= r) under the convolution
 * of Bin(n_k, trueRates_k).
 */
export function pooledBinomialRejectionProbability(
  sampleSizes: readonly number[],
  p0: number | readonly number[],
  alpha: number,
  trueRates: readonly number[],
): number {
  const k = sampleSizes.length;
  const nullTails = upperTailsFromPmf(convolvedBinomialPmf(sampleSizes, nullRatesFor(p0, k)));
  const r = criticalFromTails(nullTails, alpha);
  const trueTails = upperTailsFromPmf(convolvedBinomialPmf(sampleSizes, trueRates));
  return r < trueTails.length ? trueTails[r] : 0;
}
