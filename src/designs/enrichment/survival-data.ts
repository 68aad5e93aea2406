/**
 * The patients of a time-to-event enrichment trial in calendar time: each
 * one's entry, event time from entry under the arm taken (Infinity when
 * none is known), time to loss to follow-up (Infinity when none), stratum,
 * arm and stage. At an analysis held at calendar time τ a patient has an
 * event when it comes before loss to follow-up and no later than τ in
 * calendar time (entry + t ≤ τ, compared in calendar time as the event
 * counts are, so an analysis held at an event's own time sees it), else is
 * censored at min(loss, τ − entry).
 *
 * Observed data (`trialsim analyse`) fit the same form: an exported event
 * at `time` is t = time with no loss; a censored row is a loss at `time`
 * with no event time, which at any earlier analysis censors at
 * min(time, τ − entry), exactly what the trial saw then.
 */
import { argsortInto } from '../../stats/regression/argsort.js';

export class SurvivalData {
  n = 0;
  readonly entry: Float64Array;
  readonly eventTime: Float64Array;
  readonly dropout: Float64Array;
  readonly stratum: Int32Array;
  readonly treated: Uint8Array;
  readonly stage: Int32Array;
  /** The observation at the last `observe(τ)`: follow-up time, event flag, rows sorted by time, events per stratum. */
  readonly time: Float64Array;
  readonly event: Uint8Array;
  order: Uint32Array;
  readonly stratumEvents: Float64Array;
  tau = NaN;
  private readonly sortA: Uint32Array;
  private readonly sortB: Uint32Array;
  private readonly scratch: Float64Array;

  constructor(readonly capacity: number, strata: number) {
    const c = Math.max(1, capacity);
    this.entry = new Float64Array(c); this.eventTime = new Float64Array(c); this.dropout = new Float64Array(c);
    this.stratum = new Int32Array(c); this.treated = new Uint8Array(c); this.stage = new Int32Array(c);
    this.time = new Float64Array(c); this.event = new Uint8Array(c);
    this.sortA = new Uint32Array(c); this.sortB = new Uint32Array(c); this.order = this.sortA;
    this.scratch = new Float64Array(c);
    this.stratumEvents = new Float64Array(strata);
  }

  clear(): void { this.n = 0; this.tau = NaN; }

  add(entry: number, eventTime: number, dropout: number, stratum: number, treated: number, stage: number): number {
    const i = this.n++;
    this.entry[i] = entry; this.eventTime[i] = eventTime; this.dropout[i] = dropout;
    this.stratum[i] = stratum; this.treated[i] = treated; this.stage[i] = stage;
    return i;
  }

  /** Calendar time of patient i's event, Infinity when loss to follow-up (or nothing) comes first. */
  eventAt(i: number): number {
    const t = this.eventTime[i];
    return t <= this.dropout[i] ? this.entry[i] + t : Infinity;
  }

  /** Every patient's follow-up and event at calendar time τ, sorted by follow-up time. */
  observe(tau: number): void {
    this.tau = tau;
    this.stratumEvents.fill(0);
    for (let i = 0; i < this.n; i++) {
      const seen = this.eventAt(i) <= tau;
      this.event[i] = seen ? 1 : 0;
      this.time[i] = seen ? this.eventTime[i] : Math.max(0, Math.min(this.dropout[i], tau - this.entry[i]));
      if (seen) this.stratumEvents[this.stratum[i]]++;
    }
    this.order = argsortInto(this.time, this.n, this.sortA, this.sortB);
  }

  /** Events after calendar time `from` up to `to` among patients of the strata flagged in `eligible`. */
  eventsBetween(from: number, to: number, eligible: Uint8Array): number {
    let count = 0;
    for (let i = 0; i < this.n; i++) {
      if (!eligible[this.stratum[i]]) continue;
      const at = this.eventAt(i);
      if (at > from && at <= to) count++;
    }
    return count;
  }

  /** Calendar time of the m-th event (m ≥ 1) after `from` among the eligible strata's patients; Infinity if there are fewer. */
  nthEventAfter(from: number, m: number, eligible: Uint8Array): number {
    let count = 0;
    for (let i = 0; i < this.n; i++) {
      if (!eligible[this.stratum[i]]) continue;
      const at = this.eventAt(i);
      if (at > from && at < Infinity) this.scratch[count++] = at;
    }
    if (count < m) return Infinity;
    return this.scratch.subarray(0, count).sort()[m - 1];
  }
}
