/**
 * Event times of patients who may switch arm once during follow-up, and the
 * estimators of a time-to-event trial with non-compliance and cross-over,
 * shared by the simulated trials and by the estimands' virtual population
 * (where they give the values the estimators converge to).
 *
 * Event time: Weibull hazards λ_a k t^(k−1) (outcomes.ts), the arm taken at
 * the start a until the switch time S, then b; with E ~ Exp(1) the
 * patient's coupling draw, the cumulative hazard λ_a t^k reaches E before S
 * (T = (E/λ_a)^(1/k)) or else T = ((E − λ_a S^k)/λ_b + S^k)^(1/k).
 */
import { SwitchingCox } from '../../stats/survival/switching-cox.js';
import { Rpsft } from '../../stats/survival/rpsft.js';
import { logRankTest } from '../../stats/logrank.js';
import type { Estimator } from './schema.js';

export function eventTime(e: number, start: number, after: number, switchAt: number, shape: number): number {
  if (!(switchAt < Infinity)) return Math.pow(e / start, 1 / shape);
  const h = start * Math.pow(switchAt, shape);
  return h >= e ? Math.pow(e / start, 1 / shape) : Math.pow((e - h) / after + Math.pow(switchAt, shape), 1 / shape);
}

/** One trial's (or virtual population's) records, as columns. */
export class SwitchingRecords {
  n = 0;
  time: Float64Array; event: Uint8Array;
  /** Assignment, and the arm taken at the start (1: the treatment). */
  assigned: Uint8Array; before: Uint8Array;
  /** When the patient switched to the other arm (Infinity: never, within their follow-up). */
  switchAt: Float64Array;
  onTreatment: Float64Array;
  /** Administrative follow-up: the longest the patient could have been followed. */
  followUp: Float64Array;
  constructor(size: number) {
    this.time = new Float64Array(size); this.event = new Uint8Array(size);
    this.assigned = new Uint8Array(size); this.before = new Uint8Array(size);
    this.switchAt = new Float64Array(size); this.onTreatment = new Float64Array(size); this.followUp = new Float64Array(size);
  }
  /** Appends one patient: observed time and event, the switch time S (Infinity: none) and the administrative follow-up. */
  push(time: number, event: number, assigned: number, before: number, switchAt: number, followUp: number): void {
    const j = this.n++;
    const at = switchAt < time ? switchAt : Infinity;
    this.time[j] = time; this.event[j] = event; this.assigned[j] = assigned; this.before[j] = before;
    this.switchAt[j] = at; this.followUp[j] = followUp;
    this.onTreatment[j] = before ? Math.min(time, at) : at < Infinity ? time - at : 0;
  }
}

/** z: the test statistic, oriented as the log hazard ratio (the Wald z, or for rpsft the ITT log-rank z). */
export interface SurvivalEstimate { estimate: number; se: number; z: number; status: 'ok' | 'failed' | 'no-root' }

/** Scratch shared by the estimators of one records size. */
export class SwitchingEstimators {
  private cox = new SwitchingCox();
  private rpsft = new Rpsft();
  private pp: SwitchingRecords;
  private never: Float64Array;
  constructor(size: number) {
    this.pp = new SwitchingRecords(size);
    this.never = new Float64Array(size).fill(Infinity);
  }

  /**
   * itt: Cox by assignment; as-treated: Cox with the arm taken as a covariate
   * that switches; per-protocol: Cox by assignment among those who started
   * on it, censored when they switch; rpsft: the RPSFTM's counterfactual
   * hazard ratio with a test-based SE and the ITT log-rank statistic.
   */
  estimate(e: Estimator, r: SwitchingRecords): SurvivalEstimate {
    if (e === 'rpsft') return this.rpsftEstimate(r);
    let fit;
    if (e === 'itt') fit = this.cox.fit({ n: r.n, time: r.time, event: r.event, before: r.assigned, switchAt: this.never });
    else if (e === 'as-treated') fit = this.cox.fit({ n: r.n, time: r.time, event: r.event, before: r.before, switchAt: r.switchAt });
    else {
      const pp = this.perProtocol(r);
      fit = this.cox.fit({ n: pp.n, time: pp.time, event: pp.event, before: pp.assigned, switchAt: this.never });
    }
    return fit.status === 'ok' ? { estimate: fit.logHr, se: fit.se, z: fit.logHr / fit.se, status: 'ok' } : { estimate: NaN, se: NaN, z: NaN, status: 'failed' };
  }

  /** Patients who started on their assigned arm, censored at their switch. */
  private perProtocol(r: SwitchingRecords): SwitchingRecords {
    const pp = this.pp;
    pp.n = 0;
    for (let i = 0; i < r.n; i++) {
      if (r.before[i] !== r.assigned[i]) continue;
      const switched = r.switchAt[i] < r.time[i];
      pp.push(switched ? r.switchAt[i] : r.time[i], switched ? 0 : r.event[i], r.assigned[i], r.before[i], Infinity, r.followUp[i]);
    }
    return pp;
  }

  private rpsftEstimate(r: SwitchingRecords): SurvivalEstimate {
    const never = this.never, cox = this.cox;
    const coxLogHr = (time: Float64Array, event: Uint8Array, group: Uint8Array, n: number) => cox.fit({ n, time, event, before: group, switchAt: never }).logHr;
    const g = this.rpsft.estimate(r, coxLogHr);
    const lr = logRankTest(r.time, r.event, r.assigned, r.n);
    if (g.status !== 'ok' || !Number.isFinite(g.logHr)) return { estimate: NaN, se: NaN, z: NaN, status: 'no-root' };
    // Test-based SE: the interval excludes 0 exactly when the ITT log-rank test rejects (White et al. 1999).
    return { estimate: g.logHr, se: lr.z !== 0 ? Math.abs(g.logHr / lr.z) : Infinity, z: lr.z, status: 'ok' };
  }
}
