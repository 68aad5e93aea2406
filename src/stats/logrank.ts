/**
 * The log-rank test (Mantel 1966; Peto & Peto 1972) comparing a treatment
 * group with control, with tied event times handled by the hypergeometric
 * variance, as R's `survival::survdiff(rho = 0)`.
 *
 * Also returns the Peto one-step estimate of the log hazard ratio,
 * (O - E) / V with standard error 1 / sqrt(V), from the same sums.
 */
import { normalUpper, chiSquareUpper } from './distributions.js';
import { argsortInto } from './regression/argsort.js';

/** The merge sort's second buffer, kept between calls (one per thread: every worker loads its own copy of this module). */
let buffer = new Uint32Array(0);
const sortBuffer = (n: number): Uint32Array => {
  if (buffer.length < n) buffer = new Uint32Array(n);
  return buffer;
};

export interface LogRankResult {
  /** Observed minus expected events in the treatment group. */
  observedMinusExpected: number;
  variance: number;
  observed: number;
  expected: number;
  chiSquare: number;
  /** Signed z = (O - E)/sqrt(V); negative favours treatment (fewer events). */
  z: number;
  pTwoSided: number;
  /** P-value against the alternative that treatment lowers the hazard. */
  pBenefit: number;
  logHazardRatio: number;
  seLogHazardRatio: number;
}

/**
 * @param time follow-up time of each patient
 * @param event 1 if the time is an event, 0 if censored
 * @param treated 1 for the treatment group, 0 for control
 * @param order optional scratch Int32Array of length n (reused across calls)
 */
export function logRankTest(
  time: Float64Array, event: Uint8Array, treated: Uint8Array, n: number, order?: Int32Array,
): LogRankResult {
  // Ties are grouped below, so the order within a tie changes nothing: any correct sort gives the same sums.
  const scratch = order && order.length >= n ? order : new Int32Array(n);
  const sorted = argsortInto(time, n, new Uint32Array(scratch.buffer, scratch.byteOffset, n), sortBuffer(n));
  let atRisk = n;
  let atRiskTreated = 0;
  for (let i = 0; i < n; i++) atRiskTreated += treated[i];
  let observed = 0, expected = 0, variance = 0;
  let i = 0;
  while (i < n) {
    const t = time[sorted[i]];
    let deaths = 0, deathsTreated = 0, leaving = 0, leavingTreated = 0;
    while (i < n && time[sorted[i]] === t) {
      const p = sorted[i];
      if (event[p]) {
        deaths++;
        deathsTreated += treated[p];
      }
      leaving++;
      leavingTreated += treated[p];
      i++;
    }
    if (deaths > 0) {
      const share = atRiskTreated / atRisk;
      observed += deathsTreated;
      expected += deaths * share;
      if (atRisk > 1) variance += (deaths * share * (1 - share) * (atRisk - deaths)) / (atRisk - 1);
    }
    atRisk -= leaving;
    atRiskTreated -= leavingTreated;
  }
  const oe = observed - expected;
  if (!(variance > 0)) {
    return {
      observedMinusExpected: oe, variance, observed, expected, chiSquare: 0, z: 0,
      pTwoSided: 1, pBenefit: 1, logHazardRatio: NaN, seLogHazardRatio: NaN,
    };
  }
  const z = oe / Math.sqrt(variance);
  const chiSquare = (oe * oe) / variance;
  return {
    observedMinusExpected: oe, variance, observed, expected, chiSquare, z,
    pTwoSided: chiSquareUpper(chiSquare, 1),
    pBenefit: normalUpper(-z),
    logHazardRatio: oe / variance,
    seLogHazardRatio: 1 / Math.sqrt(variance),
  };
}

/**
 * The one-sided p-value for benefit when the endpoint says which times are
 * better: longer (survival; the treatment lowers the hazard, `pBenefit`) or
 * shorter (time to recovery; the treatment raises the "hazard" of recovery).
 */
export function benefitPValue(r: LogRankResult, longerIsBetter: boolean): number {
  if (longerIsBetter) return r.pBenefit;
  return r.variance > 0 ? normalUpper(r.z) : 1;
}
