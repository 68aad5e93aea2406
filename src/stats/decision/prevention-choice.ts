/**
 * Choosing whom to treat under trial uncertainty (the prevention paradox,
 * Rose 1981, as a decision): the strategy "treat those whose risk without
 * treatment is at least t" has net benefit per person
 *   NB(t) = v x P(t) − c x T(t),
 * with P(t) the cases prevented and T(t) the share treated (both per person
 * of the population, stats/decision/prevention.ts), v the value of a case
 * prevented and c the cost of treating one person; the threshold with the
 * largest NB is chosen (the first on ties). After a trial, everyone's risk
 * without treatment is taken as known (from a risk score) and the trial's
 * estimate of the treatment's effect supplies the risk with treatment:
 *   log odds ratio β:  r′ = logistic(logit r + β);
 *   log risk ratio β:  r′ = min(1, r e^β);
 *   risk difference β: r′ = min(1, max(0, r + β)).
 */
import { logistic, logit } from '../distributions.js';

export type EffectScale = 'log odds ratio' | 'log risk ratio' | 'risk difference';

/** The risk with treatment for a risk r without it and an effect on the given scale. */
export function treatedRisk(r: number, scale: EffectScale, effect: number): number {
  if (scale === 'log odds ratio') return r <= 0 || r >= 1 ? r : logistic(logit(r) + effect);
  if (scale === 'log risk ratio') return Math.min(1, r * Math.exp(effect));
  return Math.min(1, Math.max(0, r + effect));
}

/**
 * People sorted by risk without treatment, highest first, and for each
 * threshold how many of them are treated (risk at least the threshold).
 */
export interface RankedPeople {
  weight: Float64Array;
  untreated: Float64Array;
  /** For each threshold, the number of leading people treated. */
  ends: Int32Array;
  /** For each threshold, the share of the population treated. */
  shareTreated: Float64Array;
}

export function rankPeople(people: readonly { weight: number; untreated: number }[], thresholds: readonly number[]): RankedPeople {
  const order = [...people].sort((a, b) => b.untreated - a.untreated);
  const weight = Float64Array.from(order, (p) => p.weight), untreated = Float64Array.from(order, (p) => p.untreated);
  const total = weight.reduce((a, w) => a + w, 0);
  const ends = Int32Array.from(thresholds, (t) => { let k = 0; while (k < order.length && untreated[k] >= t) k++; return k; });
  const shareTreated = Float64Array.from(ends, (end) => weight.subarray(0, end).reduce((a, w) => a + w, 0) / total);
  return { weight, untreated, ends, shareTreated };
}

/**
 * Net benefit per person at each threshold, writing into `out`, for risks
 * with treatment given by `treated(k)` (person k in rank order): one pass
 * over the people, O(people + thresholds).
 */
export function thresholdNetBenefits(ranked: RankedPeople, treated: (k: number) => number, valuePerCase: number, costPerPerson: number, out: Float64Array, prefix: Float64Array): Float64Array {
  let total = 0, prevented = 0;
  for (let k = 0; k < ranked.weight.length; k++) {
    total += ranked.weight[k];
    prevented += ranked.weight[k] * (ranked.untreated[k] - treated(k));
    prefix[k + 1] = prevented;
  }
  for (let j = 0; j < ranked.ends.length; j++) out[j] = (valuePerCase * prefix[ranked.ends[j]]) / total - costPerPerson * ranked.shareTreated[j];
  return out;
}

/** Index of the largest net benefit (the first on ties). */
export function bestThreshold(netBenefit: ArrayLike<number>): number {
  let best = 0;
  for (let j = 1; j < netBenefit.length; j++) if (netBenefit[j] > netBenefit[best]) best = j;
  return best;
}
