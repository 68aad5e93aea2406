/**
 * The Cox model with one binary covariate that may change once per patient
 * (a time-varying treatment: the arm taken, with a switch to the other arm
 * at a time), by Newton-Raphson on the Breslow partial likelihood (Cox
 * 1972; Therneau & Grambsch 2000, section 3.7, the counting-process form
 * (start, stop]): patient i is at risk at t ≤ time_i, with covariate
 * `before` at t ≤ switchAt_i and `after` at t > switchAt_i. With one binary
 * covariate the partial likelihood depends only on the numbers at risk in
 * each group at each event time, so one sweep over the times (descending)
 * tabulates them and each Newton step costs the number of event times:
 *   ℓ(β) = Σ_t [d1_t β − d_t log(n1_t e^β + n0_t)].
 * Without switches it is the ordinary two-group Cox model; without tied
 * event times Breslow equals Efron (R's default).
 */

import { argsortInto } from '../regression/argsort.js';

export interface SwitchingData {
  n: number;
  time: Float64Array;
  event: Uint8Array;
  /** Covariate (0 or 1) from time 0 ... */
  before: Uint8Array;
  /** ... until switchAt (Infinity: never), then 1 − before. */
  switchAt: Float64Array;
}

export interface CoxFit { logHr: number; se: number; status: 'ok' | 'no-events' | 'separation' }

/** Scratch arrays for the sweep, reused across calls of the same size or smaller. */
export class SwitchingCox {
  private points = new Int32Array(0);
  private at = new Float64Array(0);
  private keys = new Float64Array(0);
  private a = new Uint32Array(0);
  private b = new Uint32Array(0);
  private n1 = new Float64Array(0);
  private n0 = new Float64Array(0);
  private d1 = new Float64Array(0);
  private d = new Float64Array(0);

  fit(data: SwitchingData): CoxFit {
    const times = this.tabulate(data);
    if (times === 0) return { logHr: NaN, se: NaN, status: 'no-events' };
    let beta = 0, info = NaN;
    for (let iter = 0; iter < 50; iter++) {
      const r = Math.exp(beta);
      let score = 0;
      info = 0;
      for (let k = 0; k < times; k++) {
        const w1 = this.n1[k] * r, total = w1 + this.n0[k];
        const share = w1 / total;
        score += this.d1[k] - this.d[k] * share;
        info += this.d[k] * share * (1 - share);
      }
      if (!(info > 1e-12) || Math.abs(beta) > 30) return { logHr: NaN, se: NaN, status: 'separation' };
      const step = score / info;
      beta += step;
      if (Math.abs(step) < 1e-12) break;
    }
    return { logHr: beta, se: 1 / Math.sqrt(info), status: 'ok' };
  }

  /**
   * Numbers at risk in each group, and events, at each distinct event time.
   * Points: each patient's exit (code 2i) and, when it comes before the
   * exit, their switch (code 2i + 1); sorted by time descending (a stable
   * merge argsort), exits before switches at equal times (a covariate at t = switchAt is still
   * `before`), events counted once every point at that time is applied.
   */
  private tabulate(x: SwitchingData): number {
    const n = x.n;
    if (this.points.length < 2 * n) {
      this.points = new Int32Array(2 * n); this.at = new Float64Array(2 * n); this.keys = new Float64Array(2 * n);
      this.a = new Uint32Array(2 * n); this.b = new Uint32Array(2 * n);
      this.n1 = new Float64Array(n); this.n0 = new Float64Array(n); this.d1 = new Float64Array(n); this.d = new Float64Array(n);
    }
    // Exits first, then switches: the sort is stable, so at equal times exits come before switches.
    let m = 0;
    for (let i = 0; i < n; i++) { this.points[m] = 2 * i; this.at[2 * i] = x.time[i]; this.keys[m] = -x.time[i]; m++; }
    for (let i = 0; i < n; i++) {
      if (x.switchAt[i] < x.time[i]) { this.points[m] = 2 * i + 1; this.at[2 * i + 1] = x.switchAt[i]; this.keys[m] = -x.switchAt[i]; m++; }
    }
    const at = this.at, points = this.points;
    const sorted = argsortInto(this.keys, m, this.a, this.b);
    const order = (k: number) => points[sorted[k]];
    let risk1 = 0, risk0 = 0, times = 0, j = 0;
    while (j < m) {
      const t = at[order(j)];
      let events = 0, events1 = 0;
      for (; j < m && at[order(j)] === t; j++) {
        const code = order(j), i = code >> 1;
        if ((code & 1) === 0) {
          // Enters the risk set (looking backwards in time) with its covariate at its exit time.
          const cov = x.switchAt[i] < x.time[i] ? 1 - x.before[i] : x.before[i];
          if (cov) risk1++; else risk0++;
          if (x.event[i]) { events++; events1 += cov; }
        } else if (x.before[i]) { risk0--; risk1++; } else { risk1--; risk0++; }
      }
      if (events > 0) { this.n1[times] = risk1; this.n0[times] = risk0; this.d1[times] = events1; this.d[times] = events; times++; }
    }
    return times;
  }
}
