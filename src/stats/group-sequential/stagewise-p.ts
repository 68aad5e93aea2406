/**
 * The stage-wise ordering p-value (adjusted-inference.ts) of many trials of
 * one design, each cheap: under the null a trial that concluded at look k
 * with statistic z has
 *   P_0 = Σ_{j<k} P_0(first crossing of b_j at look j) + P_0(no crossing before k, Z_k ≥ z),
 * and everything but the last term's z is fixed by the design, so the null
 * sub-densities of the looks and the crossing sums are computed once
 * (recursion.ts) and each trial costs one integral over a grid. Futility
 * bounds are non-binding and ignored, as in stagewiseProbability (and
 * rpact's getAnalysisResults); a trial stopped for futility gets the p-value
 * of a trial whose last look was k.
 */
import { checkInformationRates, stageDensity, upperCrossing, type StageDensity } from './recursion.js';

export class StagewisePValue {
  /** Null sub-density of Z_{k-1} on the paths not stopped before look k (null at the first look). */
  private readonly before: (StageDensity | null)[] = [];
  /** P_0 of crossing an efficacy boundary before look k. */
  private readonly earlier: Float64Array;

  /**
   * @param efficacy boundaries b_1..b_K (z scale; Infinity where a look cannot stop for efficacy)
   * @param rates planned information rates t_1..t_K
   */
  constructor(efficacy: ArrayLike<number>, private readonly rates: readonly number[], gridSize = 32) {
    checkInformationRates(rates);
    const K = rates.length;
    this.earlier = new Float64Array(K);
    let prev: StageDensity | null = null;
    for (let k = 0; k < K; k++) {
      this.before.push(prev);
      if (k + 1 < K) {
        this.earlier[k + 1] = this.earlier[k] + upperCrossing(prev, rates[k], 0, efficacy[k]);
        prev = stageDensity(prev, rates[k], 0, -Infinity, efficacy[k], gridSize);
      }
    }
  }

  /** The one-sided p-value of a trial that concluded at look k (0-based) with statistic z (NaN for a NaN z). */
  at(k: number, z: number): number {
    if (Number.isNaN(z)) return NaN;
    if (z === -Infinity) return 1;
    return Math.min(1, this.earlier[k] + upperCrossing(this.before[k], this.rates[k], 0, z));
  }
}
