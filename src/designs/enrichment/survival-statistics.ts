/**
 * The time-to-event statistics of an enrichment trial at an analysis:
 *
 * - each population's log-rank statistic on the cumulative data (every one
 *   of its patients, whichever stage they entered, followed to the
 *   analysis), stratified by the membership strata it is made of (or pooled
 *   with `stratified: false`), with its events D and the stratified Peto
 *   log hazard ratio Σ(O − E)/ΣV (standard error 1/√ΣV);
 * - the stage-wise statistics by independent increments (Wassmer & Brannath
 *   2016, ch. 11; rpact's getSimulationEnrichmentSurvival):
 *   z_k = (√D_k Z_k − √D_{k−1} Z_{k−1}) / √(D_k − D_{k−1}), D a population's
 *   own events. The log-rank score process has independent increments
 *   (Tsiatis 1981), so the z_k are asymptotically independent N(0, 1) under
 *   no effect, with √D in place of the exact information √(4V); a patient
 *   enrolled at stage 1 contributes events to later stages' increments.
 *   This is valid as long as the interim decisions use only the log-rank
 *   data themselves: Jenkins, Stone & Jennison (2011) and Bauer & Posch
 *   (2004) show that selecting on other information about stage-1 patients
 *   (a short-term endpoint, their times beyond what the statistic used)
 *   can inflate the type-I error through this patient overlap;
 * - the naive final estimate: a two-group Cox log hazard ratio (Efron ties,
 *   as R's coxph) over all of a population's patients at the last analysis,
 *   with its Wald 95% interval.
 */
import { StratifiedLogRank } from '../../stats/stratified-logrank.js';
import { twoGroupCoxEfron } from '../../stats/cox-two-group-efron.js';
import { normalQuantile } from '../../stats/distributions.js';
import type { SurvivalData } from './survival-data.js';

/** One population's cumulative log-rank comparison, in the benefit direction (larger is better). */
export interface SurvivalComparison {
  /** Cumulative log-rank z for benefit. */
  z: number;
  /** The population's events. */
  events: number;
  /** Peto log hazard ratio in the benefit direction (−log HR when longer times are better). */
  benefit: number;
  se: number;
}

const Z975 = normalQuantile(0.975);

/** Stage-wise z from the cumulative (Z, D) now and at the last analysis; NaN when no new events. */
export function incrementZ(z: number, d: number, zBefore: number, dBefore: number): number {
  if (!(d > dBefore)) return NaN;
  return (Math.sqrt(d) * z - Math.sqrt(dBefore) * zBefore) / Math.sqrt(d - dBefore);
}

export class SurvivalAnalysis {
  private readonly logRank: StratifiedLogRank;
  private readonly code: Int32Array;
  private readonly map: Int32Array;
  private readonly member: Uint8Array;

  /** `benefit`: +1 or −1, turning a log hazard ratio (treatment vs control) or log-rank z into the benefit direction. */
  constructor(private readonly data: SurvivalData, strata: number, private readonly stratified: boolean, private readonly benefit: number) {
    this.logRank = new StratifiedLogRank(strata);
    this.code = new Int32Array(data.capacity);
    this.map = new Int32Array(strata);
    this.member = new Uint8Array(strata);
  }

  /** The log-rank comparison in the population made of `strata`, at the data's last observation. */
  compare(strata: readonly number[]): SurvivalComparison {
    const d = this.data;
    this.map.fill(-1);
    strata.forEach((g, j) => { this.map[g] = this.stratified ? j : 0; });
    for (let i = 0; i < d.n; i++) this.code[i] = this.map[d.stratum[i]];
    const r = this.logRank.run(d.time, d.event, d.treated, this.code, d.order, d.n);
    return { z: this.benefit * r.z, events: r.events, benefit: this.benefit * r.logHazardRatio, se: r.se };
  }

  /** The two-group Cox log hazard ratio (treatment vs control) in the population of `strata`, with its Wald interval. */
  coxEstimate(strata: readonly number[]): { estimate: number; se: number; lower: number; upper: number } {
    const d = this.data;
    this.member.fill(0);
    for (const g of strata) this.member[g] = 1;
    const fit = twoGroupCoxEfron(d.time, d.event, d.treated, d.stratum, this.member, d.order, d.n);
    const b = fit.logHazardRatio, se = fit.se;
    return { estimate: b, se, lower: b - Z975 * se, upper: b + Z975 * se };
  }
}
