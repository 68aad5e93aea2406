/**
 * Time-to-event analyses of one platform arm against control: Cox models
 * (Efron ties, as R's coxph) on the patients the analysis uses, followed to
 * the analysis time τ (an interim: now; the arm's last analysis: its exit
 * plus the endpoint's follow-up), each patient's time censored at their
 * dropout or at τ. The same five analyses as for other endpoints, by the
 * data they use and their columns: concurrent or pooled (arm only),
 * period-adjusted (every arm and period as a factor), concurrent
 * period-adjusted, and the calendar-time spline (the cubic truncated power
 * basis of entry time). The estimate is the log hazard ratio.
 */
import { fitCox } from '../../stats/regression/cox.js';
import type { CoefficientResult } from '../../stats/regression/grouped.js';
import type { AnalysisMethod } from './schema.js';

export interface SurvivalColumns {
  n: number;
  arm: Int32Array;
  entry: Float64Array;
  period: Int32Array;
  /** Event time from entry (uncensored) and time to dropout. */
  eventTime: Float64Array;
  dropout: Float64Array;
  cls: Float64Array | null;
}

export interface SurvivalComparison extends CoefficientResult {
  controls: number;
}

export class SurvivalAnalyser {
  constructor(private arms: number, private control: number, private eligible: boolean[][]) {}

  /** Arm `arm` (open from period `entry`) against control by `method`, periods 0..last, followed to τ. */
  compare(p: SurvivalColumns, method: AnalysisMethod, arm: number, entry: number, last: number, tau: number): SurvivalComparison {
    const everyArm = method === 'period-adjusted' || method === 'calendar-spline';
    const first = method === 'pooled' || everyArm ? 0 : entry;
    const byPeriod = method === 'period-adjusted' || method === 'concurrent-period-adjusted';
    const rows: number[] = [];
    let controls = 0;
    for (let i = 0; i < p.n; i++) {
      const a = p.arm[i];
      if (p.period[i] < first || p.period[i] > last || tau - p.entry[i] <= 0) continue;
      if (p.cls !== null && !this.eligible[arm][p.cls[i]]) continue;
      if (a !== arm && a !== this.control && !everyArm) continue;
      rows.push(i);
      if (a === this.control) controls++;
    }
    // Columns: other arms and periods present, then the spline.
    const armColumn = new Int32Array(this.arms).fill(-1), periodColumn = new Map<number, number>();
    let cols = 0;
    const present = new Set(rows.map((i) => p.arm[i]));
    for (let a = 0; a < this.arms; a++) if (a !== this.control && (a === arm || (everyArm && present.has(a)))) armColumn[a] = cols++;
    if (byPeriod) {
      const periods = [...new Set(rows.map((i) => p.period[i]))].sort((x, y) => x - y);
      for (const q of periods.slice(1)) periodColumn.set(q, cols++);
    }
    let knots: number[] = [], tMax = 1, splineFirst = -1;
    if (method === 'calendar-spline') {
      const lastTime = new Map<number, number>();
      for (const i of rows) lastTime.set(p.period[i], Math.max(lastTime.get(p.period[i]) ?? -Infinity, p.entry[i]));
      tMax = Math.max(...rows.map((i) => p.entry[i]), 1e-12);
      const periods = [...lastTime.keys()].sort((x, y) => x - y);
      knots = periods.slice(0, -1).map((q) => lastTime.get(q)! / tMax);
      splineFirst = cols;
      cols += 3 + knots.length;
    }
    const n = rows.length;
    const X = new Float64Array(n * cols), time = new Float64Array(n), event = new Float64Array(n);
    rows.forEach((i, r) => {
      const row = r * cols;
      if (armColumn[p.arm[i]] >= 0) X[row + armColumn[p.arm[i]]] = 1;
      const pc = periodColumn.get(p.period[i]);
      if (pc !== undefined) X[row + pc] = 1;
      if (splineFirst >= 0) {
        const t = p.entry[i] / tMax;
        X[row + splineFirst] = t; X[row + splineFirst + 1] = t * t; X[row + splineFirst + 2] = t * t * t;
        knots.forEach((k, j) => { X[row + splineFirst + 3 + j] = t > k ? (t - k) ** 3 : 0; });
      }
      const censor = Math.min(p.dropout[i], tau - p.entry[i]);
      event[r] = p.eventTime[i] <= censor ? 1 : 0;
      time[r] = Math.min(p.eventTime[i], censor);
    });
    const none = { status: 'aliased' as const, estimate: NaN, se: NaN, df: NaN, controls };
    if (controls === 0 || n === 0) return none;
    const fit = fitCox({ X, n, p: cols, columnNames: Array.from({ length: cols }, (_, j) => `x${j}`) }, time, event);
    if (!fit.ok) return { ...none, status: fit.status === 'separation' ? 'separation' : 'not-converged' };
    const t = armColumn[arm];
    return { status: 'ok', estimate: fit.coefficients[t], se: fit.standardErrors[t], df: Infinity, controls };
  }
}
