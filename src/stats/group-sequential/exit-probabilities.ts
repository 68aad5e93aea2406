/**
 * Stage-wise exit probabilities of a one-sided group-sequential design under a
 * drift δ (power, early-stopping and expected-information checks), by the
 * recursive integration of Armitage, McPherson & Rowe (1969) / Jennison &
 * Turnbull (2000, ch. 19) — see `recursion.ts`.
 *
 * Drift convention: δ = θ√I_K is the expected z statistic at full
 * information, so E[Z_k] = δ√t_k. This equals rpact's
 * `getPowerAndAverageSampleNumber(design, theta = δ, nMax = 1)`, and the
 * fixed-sample power at δ is 1 - Φ(z_{1-α} - δ).
 */
import { checkInformationRates, lowerCrossing, stageDensity, upperCrossing, type StageDensity } from './recursion.js';

/** Inputs for `exitProbabilities`. */
export interface ExitOptions {
  /** Information fractions 0 < t_1 < ... < t_K ≤ 1. */
  informationRates: readonly number[];
  /** Efficacy critical values b_1..b_K (z scale; Infinity = no efficacy look). */
  efficacy: readonly number[];
  /**
   * Futility bounds a_1..a_{K-1} (a K-th entry is ignored); -Infinity = none at
   * that look. Treated as followed (binding) for these probabilities.
   */
  futility?: readonly number[];
  /** Drift δ = E[Z at t = 1]; 0 gives the null distribution. */
  drift: number;
  /** J&T grid parameter r; default 32. */
  gridSize?: number;
}

/** Operating characteristics of the design at one drift. */
export interface ExitProbabilities {
  /** P(stop and reject H0 at look k), k = 1..K. */
  rejectPerStage: number[];
  /** Cumulative rejection probability through look k. */
  cumulativeReject: number[];
  /** P(stop for futility at look k), k = 1..K-1. */
  futilityPerStage: number[];
  /** P(reject H0 at any look) — the power (or size at δ = 0). */
  overallReject: number;
  /** P(stop, for either reason, at looks 1..K-1). */
  earlyStop: number;
  /** Expected information fraction Σ_k t_k·P(trial ends at look k) (rpact ASN with nMax = 1). */
  expectedInformation: number;
}

/**
 * Exit probabilities through the efficacy boundary (and, if given, the
 * futility boundary) at every look under drift `drift`. Agrees with rpact to
 * < 5e-8 at the default grid.
 */
export function exitProbabilities(options: ExitOptions): ExitProbabilities {
  const { informationRates: t, efficacy, drift } = options;
  checkInformationRates(t);
  const K = t.length;
  if (efficacy.length !== K) throw new RangeError(`efficacy must have ${K} entries, got ${efficacy.length}`);
  const futility = options.futility ?? [];
  if (futility.length < K - 1 && futility.length !== 0) {
    throw new RangeError(`futility must have at least ${K - 1} entries, got ${futility.length}`);
  }
  const r = options.gridSize ?? 32;

  const rejectPerStage: number[] = [];
  const futilityPerStage: number[] = [];
  let prev: StageDensity | null = null;
  for (let k = 0; k < K; k++) {
    const tk = t[k]!;
    const b = efficacy[k]!;
    const a = k < K - 1 ? (futility[k] ?? -Infinity) : -Infinity;
    if (!(a < b)) throw new RangeError(`futility bound ${a} must be below efficacy bound ${b} at look ${k + 1}`);
    rejectPerStage.push(upperCrossing(prev, tk, drift, b));
    if (k < K - 1) {
      futilityPerStage.push(lowerCrossing(prev, tk, drift, a));
      prev = stageDensity(prev, tk, drift, a, b, r);
    }
  }

  const cumulativeReject: number[] = [];
  let acc = 0;
  for (const p of rejectPerStage) cumulativeReject.push((acc += p));
  let earlyStop = 0;
  let expectedInformation = 0;
  for (let k = 0; k < K - 1; k++) {
    const stop = rejectPerStage[k]! + futilityPerStage[k]!;
    earlyStop += stop;
    expectedInformation += t[k]! * stop;
  }
  expectedInformation += t[K - 1]! * (1 - earlyStop);
  return { rejectPerStage, cumulativeReject, futilityPerStage, overallReject: acc, earlyStop, expectedInformation };
}
