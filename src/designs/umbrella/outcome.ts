/**
 * What one simulated umbrella trial produced: the screening funnel, each
 * substudy's enrolment, timing, decision and estimates. Typed arrays,
 * allocated once per plan and overwritten by every replicate.
 */
import type { Comparison } from './compare.js';
import { writeEstimate } from '../types.js';

export class TrialOutcome {
  screened = 0;
  failures = 0;
  notMatched = 0;
  turnedAway = 0;
  enrolled = 0;
  /** Calendar month when screening stopped. */
  screeningEnd = 0;
  /** Calendar month of the last substudy's final analysis. */
  duration = 0;
  /** Screening stopped at the cap while a substudy was still open. */
  capped = false;
  readonly drugN: Int32Array;
  readonly controlN: Int32Array;
  readonly comparedControls: Float64Array;
  readonly closeTime: Float64Array;
  readonly analysisTime: Float64Array;
  /** 1-based look at which the substudy's testing concluded. */
  readonly stage: Int32Array;
  readonly efficacyStop: Uint8Array;
  readonly futilityStop: Uint8Array;
  readonly informative: Uint8Array;
  readonly zeroCell: Uint8Array;
  readonly rejected: Uint8Array;
  /** p-value on the test's sidedness (fixed designs). */
  readonly p: Float64Array;
  /** The test at the look where the substudy concluded, as reported (NaN when not informative): its statistic and one-sided p for benefit. */
  readonly statistic: Float64Array;
  readonly pBenefit: Float64Array;
  /** Multiplicity-adjusted (fixed) or stage-wise ordering (group-sequential) p-value; NaN where the design has none. */
  readonly adjustedP: Float64Array;
  /** z statistic for benefit (one-sided) or |z| (two-sided), for Dunnett. */
  readonly z: Float64Array;
  readonly estimate: Float64Array;
  readonly se: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** z for benefit at each look a substudy reached, substudy-major (S x looks; -Infinity where not reached or not informative). */
  readonly zAtLook: Float64Array;
  /** Adjusted inference after stopping, per substudy (NaN unless asked for). */
  readonly adjusted: Float64Array;
  readonly adjustedLower: Float64Array;
  readonly adjustedUpper: Float64Array;

  constructor(readonly substudies: number, readonly scales: number, readonly looks = 1) {
    const S = substudies, E = substudies * scales;
    this.drugN = new Int32Array(S); this.controlN = new Int32Array(S);
    this.comparedControls = new Float64Array(S); this.closeTime = new Float64Array(S); this.analysisTime = new Float64Array(S);
    this.stage = new Int32Array(S); this.efficacyStop = new Uint8Array(S); this.futilityStop = new Uint8Array(S);
    this.informative = new Uint8Array(S); this.zeroCell = new Uint8Array(S); this.rejected = new Uint8Array(S);
    this.p = new Float64Array(S); this.z = new Float64Array(S);
    this.statistic = new Float64Array(S); this.pBenefit = new Float64Array(S); this.adjustedP = new Float64Array(S);
    this.estimate = new Float64Array(E); this.se = new Float64Array(E); this.lower = new Float64Array(E); this.upper = new Float64Array(E);
    this.adjusted = new Float64Array(S); this.adjustedLower = new Float64Array(S); this.adjustedUpper = new Float64Array(S);
    this.zAtLook = new Float64Array(S * looks);
  }

  reset(): void {
    this.screened = this.failures = this.notMatched = this.turnedAway = this.enrolled = 0;
    this.screeningEnd = this.duration = 0;
    this.capped = false;
    for (const a of [this.drugN, this.controlN, this.stage, this.efficacyStop, this.futilityStop, this.informative, this.zeroCell, this.rejected]) a.fill(0);
    this.comparedControls.fill(0); this.closeTime.fill(0); this.analysisTime.fill(0);
    this.p.fill(1); this.z.fill(-Infinity);
    this.statistic.fill(NaN); this.pBenefit.fill(NaN); this.adjustedP.fill(NaN);
    this.estimate.fill(NaN); this.se.fill(NaN); this.lower.fill(NaN); this.upper.fill(NaN);
    this.adjusted.fill(NaN); this.adjustedLower.fill(NaN); this.adjustedUpper.fill(NaN);
    this.zAtLook.fill(-Infinity);
  }

  /** Records a comparison's statistics and estimates for substudy s. */
  store(s: number, c: Comparison, twoSided: boolean, upperQuantile: (p: number) => number): void {
    this.informative[s] = c.informative ? 1 : 0;
    this.zeroCell[s] = c.zeroCell ? 1 : 0;
    this.p[s] = c.informative ? (twoSided ? c.pTwoSided : c.pBenefit) : 1;
    this.z[s] = c.informative ? (twoSided ? upperQuantile(c.pTwoSided / 2) : upperQuantile(c.pBenefit)) : -Infinity;
    this.statistic[s] = c.informative ? c.statistic : NaN;
    this.pBenefit[s] = c.informative ? c.pBenefit : NaN;
    for (let j = 0; j < this.scales; j++) writeEstimate(this, s * this.scales + j, c.estimates[j]);
  }
}
