/**
 * Fisher's exact test of a 2x2 table, conditional on both margins.
 *
 * Under H0 the treatment arm's events X follow the hypergeometric law with
 * `events` successes among n1 + n0 patients, n1 drawn. Its probabilities are
 * built by the ratio recurrence P(x+1)/P(x) = (K-x)(n1-x) / ((x+1)(n0-K+x+1)),
 * which needs no log-gamma calls and is exact to rounding. The two-sided
 * p-value sums the tables no more probable than the observed one, with R's
 * relative tolerance 1 + 1e-7 (as `fisher.test`).
 */
import type { TestResult } from './proportions.js';

export function fisherExactTest(x1: number, n1: number, x0: number, n0: number): TestResult {
  const n = n1 + n0;
  const events = x1 + x0;
  const lo = Math.max(0, events - n0);
  const hi = Math.min(events, n1);
  if (lo === hi) return { statistic: x1, pGreater: 1, pLess: 1, pTwoSided: 1 };
  const size = hi - lo + 1;
  const d = new Float64Array(size);
  d[0] = 1;
  let total = 1;
  for (let x = lo; x < hi; x++) {
    const k = x - lo;
    d[k + 1] = (d[k] * ((events - x) * (n1 - x))) / ((x + 1) * (n - events - n1 + x + 1));
    total += d[k + 1];
    // Rescale to avoid overflow in long tails of large tables.
    if (total > 1e280) {
      for (let j = 0; j <= k + 1; j++) d[j] /= 1e280;
      total /= 1e280;
    }
  }
  const obs = x1 - lo;
  const threshold = d[obs] * (1 + 1e-7);
  let two = 0, greater = 0, less = 0;
  for (let k = 0; k < size; k++) {
    if (d[k] <= threshold) two += d[k];
    if (k >= obs) greater += d[k];
    if (k <= obs) less += d[k];
  }
  return {
    statistic: x1,
    pGreater: Math.min(1, greater / total),
    pLess: Math.min(1, less / total),
    pTwoSided: Math.min(1, two / total),
  };
}
