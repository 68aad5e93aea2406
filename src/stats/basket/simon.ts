/**
 * Simon (1989) two-stage designs for single-arm phase II trials
 * (R. Simon, "Optimal two-stage designs for phase II clinical trials",
 * Controlled Clinical Trials 10:1-10).
 *
 * A design (r1/n1, r/n) treats n1 patients; if at most r1 respond the trial
 * stops for futility, otherwise n - n1 more are treated and H0: p <= p0 is
 * rejected when the total responder count exceeds r. With X1 ~ Bin(n1, p) and
 * X2 ~ Bin(n - n1, p) independent (Simon's eq. 1):
 *
 *   PET(p)    = P(X1 <= r1)
 *   reject(p) = sum_{x1 = r1+1}^{n1} P(X1 = x1) P(X2 > r - x1)
 *   EN(p)     = n1 + (1 - PET(p)) (n - n1)
 *
 * The optimal design minimises EN(p0) subject to reject(p0) <= alpha and
 * reject(p1) >= 1 - beta; the minimax design has the smallest n and, among
 * those, the smallest EN(p0).
 */
import { binomialPmfVector, upperTailsFromPmf, atMostAlpha } from './exact-binomial.js';

/** A Simon two-stage design: stop if X1 <= r1 of n1; reject H0 if X1 + X2 > r of n. */
export interface SimonDesign {
  r1: number;
  n1: number;
  r: number;
  n: number;
}

/** Exact operating characteristics of a design at one true response rate. */
export interface SimonOperatingCharacteristics {
  /** P(reject H0): the type-I error at p0, the power at p1. */
  rejectionProbability: number;
  /** P(stop after stage 1) = P(X1 <= r1). */
  probEarlyTermination: number;
  /** Expected number of patients n1 + (1 - PET)(n - n1). */
  expectedSampleSize: number;
}

/** A design found by the search, with its characteristics at p0 and p1. */
export interface SimonDesignSummary extends SimonDesign {
  typeIError: number;
  power: number;
  /** PET(p0). */
  pet0: number;
  /** EN(p0). */
  en0: number;
}

/** Inputs to the Simon design search. */
export interface SimonSearchOptions {
  /** Uninteresting response rate (H0). */
  p0: number;
  /** Response rate worth detecting. */
  p1: number;
  /** Maximum type-I error, e.g. 0.05. */
  alpha: number;
  /** Minimum power 1 - beta, e.g. 0.8. */
  power: number;
  /** Largest total sample size searched (default 100, as clinfun::ph2simon). */
  maxN?: number;
}

/** Optimal and minimax designs (null when no design with n <= maxN qualifies). */
export interface SimonSearchResult {
  optimal: SimonDesignSummary | null;
  minimax: SimonDesignSummary | null;
  /** For each n with a feasible design, the one with the smallest EN(p0). */
  bestByN: SimonDesignSummary[];
}

/** P(X >= x) from a tail vector over 0..m+1, clamping x to the support. */
function tailAt(tails: Float64Array, x: number): number {
  if (x <= 0) return 1;
  return x < tails.length ? tails[x] : 0;
}

/** Rejection probability sum_{x1 > r1} P(X1 = x1) P(X2 >= r + 1 - x1). */
function rejectProbability(
  pmf1: Float64Array,
  tails2: Float64Array,
  r1: number,
  r: number,
): number {
  let s = 0;
  for (let x1 = r1 + 1; x1 < pmf1.length; x1++) s += pmf1[x1] * tailAt(tails2, r + 1 - x1);
  return s;
}

/**
 * Exact operating characteristics of Simon design `d` at true response rate
 * p: rejection probability, probability of early termination, expected size.
 */
export function simonOperatingCharacteristics(
  d: SimonDesign,
  p: number,
): SimonOperatingCharacteristics {
  const pmf1 = binomialPmfVector(d.n1, p);
  const tails2 = upperTailsFromPmf(binomialPmfVector(d.n - d.n1, p));
  let pet = 0;
  for (let x1 = 0; x1 <= Math.min(d.r1, d.n1); x1++) pet += pmf1[x1];
  pet = Math.min(1, pet);
  return {
    rejectionProbability: rejectProbability(pmf1, tails2, d.r1, d.r),
    probEarlyTermination: pet,
    expectedSampleSize: d.n1 + (1 - pet) * (d.n - d.n1),
  };
}

/** Binomial pmf and tail tables for sizes 0..maxN at one rate. */
function tables(maxN: number, p: number): { pmf: Float64Array[]; tails: Float64Array[] } {
  const pmf: Float64Array[] = [];
  const tails: Float64Array[] = [];
  for (let m = 0; m <= maxN; m++) {
    pmf.push(binomialPmfVector(m, p));
    tails.push(upperTailsFromPmf(pmf[m]));
  }
  return { pmf, tails };
}

/**
 * Exhaustive search for Simon's optimal and minimax designs over n <= maxN,
 * 1 <= n1 < n, 0 <= r1 < n1, r1 <= r <= n.
 *
 * For fixed (n, n1, r1) both the size and the power fall as r grows, so the
 * only r worth checking is the smallest one meeting the size constraint,
 * found by bisection; it qualifies iff its power reaches 1 - beta. The r1 loop
 * stops once P(X1 <= r1 | p1) > beta (power can then never reach 1 - beta),
 * and (n1, r1) pairs whose EN(p0) cannot beat the best for this n are skipped.
 * Binomial pmfs and tails for every size are tabulated once per rate.
 */
export function simonDesigns(options: SimonSearchOptions): SimonSearchResult {
  const { p0, p1, alpha, power } = options;
  const maxN = options.maxN ?? 100;
  const beta = 1 - power;
  const t0 = tables(maxN, p0);
  const t1 = tables(maxN, p1);
  const bestByN: SimonDesignSummary[] = [];

  for (let n = 2; n <= maxN; n++) {
    let best: SimonDesignSummary | null = null;
    for (let n1 = 1; n1 < n; n1++) {
      const n2 = n - n1;
      const pmf0 = t0.pmf[n1];
      const pmf1 = t1.pmf[n1];
      const tails0 = t0.tails[n2];
      const tails1 = t1.tails[n2];
      for (let r1 = 0; r1 < n1; r1++) {
        const pet1 = 1 - t1.tails[n1][r1 + 1];
        if (pet1 > beta) break;
        const pet0 = 1 - t0.tails[n1][r1 + 1];
        const en0 = n1 + (1 - pet0) * n2;
        if (best !== null && en0 >= best.en0) continue;
        // smallest r in [r1, n] with size <= alpha (size at r = n is 0)
        let lo = r1;
        let hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (atMostAlpha(rejectProbability(pmf0, tails0, r1, mid), alpha)) hi = mid;
          else lo = mid + 1;
        }
        const pow = rejectProbability(pmf1, tails1, r1, lo);
        if (pow < power - 1e-12) continue;
        best = {
          r1,
          n1,
          r: lo,
          n,
          typeIError: rejectProbability(pmf0, tails0, r1, lo),
          power: pow,
          pet0,
          en0,
        };
      }
    }
    if (best !== null) bestByN.push(best);
  }

  let optimal: SimonDesignSummary | null = null;
  for (const d of bestByN) if (optimal === null || d.en0 < optimal.en0) optimal = d;
  return { optimal, minimax: bestByN[0] ?? null, bestByN };
}
