/**
 * The calendar-time spline analysis of one arm against control (the NCC
 * package's splines_cont; Bofill Roig et al. 2022, section 4): every
 * patient up to the arm's exit (its eligible classes only), an indicator per
 * experimental arm, and a cubic regression spline of calendar time with a
 * knot at the last entry time of each period but the final one. The spline
 * is written in the truncated power basis on time scaled to [0, 1]
 * (t, t², t³, (t − κ)³₊), which spans the same functions as R's
 * bs(time, knots, degree = 3) with an intercept, so the arm's coefficient
 * is the same. Patient by patient: one grouped-regression row per patient.
 */
import { groupedData, groupedLinear, groupedLogistic, GroupedWorkspace, type GroupedData, type CoefficientResult } from '../../stats/regression/grouped.js';

export interface PatientColumns {
  n: number;
  arm: Int32Array;
  time: Float64Array;
  period: Int32Array;
  outcome: Float64Array;
  /** Eligibility class of each patient (all 0 without biomarker-driven arms). */
  cls: Float64Array | null;
}

export class SplineAnalyser {
  private data: GroupedData = groupedData(0, 0);
  private ws: GroupedWorkspace;
  private weight = new Float64Array(0);
  private work = new Float64Array(0);
  readonly result: CoefficientResult = { status: 'ok', estimate: NaN, se: NaN, df: NaN };

  constructor(private arms: number, private control: number, private maxPeriods: number, private binary: boolean, private eligible: boolean[][]) {
    this.ws = new GroupedWorkspace(1 + arms + 3 + maxPeriods);
  }

  /** Arm `arm` against control on patients of periods 0..last (of the arm's eligible classes). */
  compare(p: PatientColumns, arm: number, last: number): CoefficientResult {
    const include = (i: number) => p.period[i] <= last && (p.cls === null || this.eligible[arm][p.cls[i]]);
    // Knots: each period's last entry time, all periods but the final one with patients.
    const lastTime = new Float64Array(last + 1).fill(-Infinity);
    let tMax = 0, rows = 0;
    const present = new Uint8Array(this.arms);
    for (let i = 0; i < p.n; i++) {
      if (!include(i)) continue;
      rows++;
      lastTime[p.period[i]] = Math.max(lastTime[p.period[i]], p.time[i]);
      tMax = Math.max(tMax, p.time[i]);
      present[p.arm[i]] = 1;
    }
    const finalPeriod = lastTime.reduce((f, x, q) => (x > -Infinity ? q : f), -1);
    const knots = Array.from(lastTime).filter((x, q) => x > -Infinity && q !== finalPeriod).map((x) => x / (tMax || 1));
    const armColumn = new Int32Array(this.arms).fill(-1);
    let cols = 1;
    for (let a = 0; a < this.arms; a++) if (a !== this.control && (present[a] || a === arm)) armColumn[a] = cols++;
    const first = cols;
    cols += 3 + knots.length;
    this.ensure(rows, cols);
    const d = this.data;
    d.rows = rows; d.columns = cols;
    let r = 0;
    for (let i = 0; i < p.n; i++) {
      if (!include(i)) continue;
      const row = r * cols, t = p.time[i] / (tMax || 1);
      d.x.fill(0, row, row + cols);
      d.x[row] = 1;
      if (armColumn[p.arm[i]] >= 0) d.x[row + armColumn[p.arm[i]]] = 1;
      d.x[row + first] = t; d.x[row + first + 1] = t * t; d.x[row + first + 2] = t * t * t;
      knots.forEach((k, j) => { d.x[row + first + 3 + j] = t > k ? (t - k) ** 3 : 0; });
      d.count[r] = 1; d.mean[r] = p.outcome[i]; d.m2[r] = 0; d.events[r] = p.outcome[i];
      r++;
    }
    return this.binary ? groupedLogistic(d, armColumn[arm], this.ws, this.result, this.weight, this.work) : groupedLinear(d, armColumn[arm], this.ws, this.result);
  }

  private ensure(rows: number, cols: number): void {
    if (this.data.count.length >= rows && this.data.x.length >= rows * cols) return;
    const capacity = Math.max(rows, 2 * this.data.count.length);
    this.data = groupedData(capacity, Math.max(cols, 1 + this.arms + 3 + this.maxPeriods));
    this.weight = new Float64Array(capacity);
    this.work = new Float64Array(capacity);
  }
}
