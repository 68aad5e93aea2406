/**
 * The stratified log-rank test (Mantel 1966; Peto & Peto 1972;
 * Kalbfleisch & Prentice 2002, §7.2.3) comparing a treatment group with
 * control: within each stratum the observed-minus-expected treatment events
 * O − E and the hypergeometric variance V over its own risk sets (ties at a
 * time grouped within the stratum), summed over the strata, as R's
 * `survival::survdiff(Surv(time, event) ~ arm + strata(s))` (rho = 0):
 *
 *   Z = Σ_s (O_s − E_s) / √(Σ_s V_s),
 *
 * positive when the treatment group has more events than expected (a
 * hazard ratio above 1). Also the stratified Peto one-step log hazard ratio
 * Σ(O − E) / ΣV with standard error 1/√ΣV. One stratum is the ordinary
 * log-rank test (stats/logrank.ts).
 *
 * Rows are visited in a given ascending order of time (one sort serves
 * every population analysed at the same calendar time); a row whose stratum
 * code is negative is left out. O(n) per call after the sort; the per-stratum
 * tallies are allocated once per instance.
 */
import { argsortInto } from './regression/argsort.js';

export interface StratifiedLogRankResult {
  observedMinusExpected: number;
  variance: number;
  /** Events among the rows included. */
  events: number;
  /** (O − E)/√V; 0 when V = 0 (no information). */
  z: number;
  /** Σ(O − E)/ΣV, NaN when V = 0. */
  logHazardRatio: number;
  /** 1/√ΣV, NaN when V = 0. */
  se: number;
}

export class StratifiedLogRank {
  private readonly atRisk: Float64Array;
  private readonly atRiskTreated: Float64Array;
  private readonly deaths: Float64Array;
  private readonly deathsTreated: Float64Array;
  private readonly leaving: Float64Array;
  private readonly leavingTreated: Float64Array;
  private readonly touched: Int32Array;

  /** `strata`: how many stratum codes (0 .. strata − 1) the rows may carry. */
  constructor(readonly strata: number) {
    this.atRisk = new Float64Array(strata); this.atRiskTreated = new Float64Array(strata);
    this.deaths = new Float64Array(strata); this.deathsTreated = new Float64Array(strata);
    this.leaving = new Float64Array(strata); this.leavingTreated = new Float64Array(strata);
    this.touched = new Int32Array(strata);
  }

  /**
   * @param time follow-up time of each row; `event` 1 for an event, 0 censored; `treated` 1 or 0
   * @param stratum each row's stratum code (negative: left out)
   * @param order the first n row indices sorted by ascending time
   */
  run(time: ArrayLike<number>, event: ArrayLike<number>, treated: ArrayLike<number>, stratum: ArrayLike<number>, order: ArrayLike<number>, n: number): StratifiedLogRankResult {
    this.atRisk.fill(0); this.atRiskTreated.fill(0);
    for (let j = 0; j < n; j++) {
      const s = stratum[j];
      if (s >= 0) { this.atRisk[s]++; this.atRiskTreated[s] += treated[j]; }
    }
    let oe = 0, variance = 0, events = 0;
    for (let i = 0; i < n;) {
      const t = time[order[i]];
      let touched = 0;
      // Every row tied at t, whatever its stratum, then each stratum's risk set at t.
      for (; i < n && time[order[i]] === t; i++) {
        const p = order[i], s = stratum[p];
        if (s < 0) continue;
        if (this.leaving[s] === 0) this.touched[touched++] = s;
        this.leaving[s]++; this.leavingTreated[s] += treated[p];
        if (event[p]) { this.deaths[s]++; this.deathsTreated[s] += treated[p]; }
      }
      for (let u = 0; u < touched; u++) {
        const s = this.touched[u], d = this.deaths[s], r = this.atRisk[s];
        if (d > 0) {
          const share = this.atRiskTreated[s] / r;
          oe += this.deathsTreated[s] - d * share;
          if (r > 1) variance += (d * share * (1 - share) * (r - d)) / (r - 1);
          events += d;
        }
        this.atRisk[s] -= this.leaving[s]; this.atRiskTreated[s] -= this.leavingTreated[s];
        this.leaving[s] = 0; this.leavingTreated[s] = 0; this.deaths[s] = 0; this.deathsTreated[s] = 0;
      }
    }
    if (!(variance > 0)) return { observedMinusExpected: oe, variance, events, z: 0, logHazardRatio: NaN, se: NaN };
    return { observedMinusExpected: oe, variance, events, z: oe / Math.sqrt(variance), logHazardRatio: oe / variance, se: 1 / Math.sqrt(variance) };
  }
}

/**
 * The stratified log-rank test of n rows in one call (sorting them first).
 * Example: two strata, each with one treated and one control row, the treated
 * row's event first: O − E = 1/2 and V = 1/4 in each, so Z = 1/√(1/2) ≈ 1.41.
 */
export function stratifiedLogRankTest(time: ArrayLike<number>, event: ArrayLike<number>, treated: ArrayLike<number>, stratum: ArrayLike<number>, n: number): StratifiedLogRankResult {
  let strata = 0;
  for (let i = 0; i < n; i++) strata = Math.max(strata, stratum[i] + 1);
  const order = argsortInto(time, n, new Uint32Array(n), new Uint32Array(n));
  return new StratifiedLogRank(Math.max(1, strata)).run(time, event, treated, stratum, order, n);
}
