/**
 * The analyses of one experimental arm against control, on the platform's
 * running table of cells (arm x period: count, mean and within-cell sum of
 * squares, or events). They differ in which patients and which columns they
 * use (Bofill Roig et al. 2022; the NCC package's sepmodel, poolmodel,
 * fixmodel and sepmodel_adj):
 *
 * - concurrent: the arm and the control patients of the periods it was open;
 * - pooled: the arm and every control patient up to the analysis;
 * - period-adjusted: every patient up to the analysis, an indicator per
 *   experimental arm and period as a factor (other arms help estimate the
 *   period effects);
 * - concurrent-period-adjusted: the concurrent data, period as a factor.
 *
 * Each is a regression (lm for continuous, glm logit for binary) fitted on
 * the cells (stats/regression/grouped.ts), so its cost does not grow with
 * the patients.
 */
import { groupedData, groupedLinear, groupedLogistic, GroupedWorkspace, type GroupedData, type CoefficientResult } from '../../stats/regression/grouped.js';
import type { CellMethod } from './schema.js';

/** The running cells: index (period * classes + eligibility class) * arms + arm. */
export interface PlatformCells {
  arms: number;
  classes: number;
  control: number;
  count: Float64Array;
  mean: Float64Array;
  m2: Float64Array;
  events: Float64Array;
}

export function platformCells(arms: number, control: number, maxPeriods: number, classes = 1): PlatformCells {
  const size = arms * maxPeriods * classes;
  return { arms, classes, control, count: new Float64Array(size), mean: new Float64Array(size), m2: new Float64Array(size), events: new Float64Array(size) };
}

/** Adds one patient's outcome to its cell (Welford's running mean and sum of squares). */
export function addOutcome(c: PlatformCells, period: number, arm: number, y: number, cls = 0): void {
  const j = (period * c.classes + cls) * c.arms + arm;
  const n = ++c.count[j];
  const delta = y - c.mean[j];
  c.mean[j] += delta / n;
  c.m2[j] += delta * (y - c.mean[j]);
  c.events[j] += y;
}

export function clearCells(c: PlatformCells): void {
  c.count.fill(0); c.mean.fill(0); c.m2.fill(0); c.events.fill(0);
}

/** A fitted comparison plus which control patients it used. */
export interface Comparison extends CoefficientResult {
  controls: number;
  /** A period of the window had no control patients. */
  periodWithoutControl: boolean;
}

/** Reusable buffers for the analyses of one plan. */
export class PlatformAnalyser {
  private data: GroupedData;
  private ws: GroupedWorkspace;
  private weight: Float64Array;
  private work: Float64Array;
  private armColumn: Int32Array;
  private periodColumn: Int32Array;
  readonly result: Comparison = { status: 'ok', estimate: NaN, se: NaN, df: NaN, controls: 0, periodWithoutControl: false };

  /** Per scenario arm and class, whether the arm's analyses use that class (its eligible patients; all for the control's). */
  private eligible: Uint8Array[];

  constructor(private cells: PlatformCells, maxPeriods: number, private binary: boolean, eligible?: boolean[][]) {
    const rows = cells.arms * maxPeriods * cells.classes;
    this.eligible = Array.from({ length: cells.arms }, (_, a) => Uint8Array.from({ length: cells.classes }, (_, g) => (eligible?.[a]?.[g] ?? true) ? 1 : 0));
    const columns = 1 + cells.arms + maxPeriods;
    this.data = groupedData(rows, columns);
    this.ws = new GroupedWorkspace(columns);
    this.weight = new Float64Array(rows);
    this.work = new Float64Array(rows);
    this.armColumn = new Int32Array(cells.arms);
    this.periodColumn = new Int32Array(maxPeriods);
  }

  /**
   * Arm `arm` (open from period `entry`) against control by `method`, on
   * periods 0..`last`. `inWindow` says which other experimental arms the
   * period-adjusted model includes (every arm with patients, by default).
   */
  compare(method: CellMethod, arm: number, entry: number, last: number): Comparison {
    const { cells, data } = this;
    const A = cells.arms, control = cells.control;
    const everyArm = method === 'period-adjusted';
    const byPeriod = method === 'period-adjusted' || method === 'concurrent-period-adjusted';
    const first = method === 'pooled' || method === 'period-adjusted' ? 0 : entry;
    // Columns: intercept, one per experimental arm in the model, one per period after the first with patients.
    let p = 1;
    this.armColumn.fill(-1);
    const G = cells.classes, mine = this.eligible[arm];
    /** Patients of arm a in period q, over the classes the analysed arm enrols. */
    const count = (q: number, a: number) => { let n = 0; for (let g = 0; g < G; g++) if (mine[g]) n += cells.count[(q * G + g) * A + a]; return n; };
    for (let a = 0; a < A; a++) {
      if (a === control || (a !== arm && !everyArm)) continue;
      let n = 0;
      for (let q = first; q <= last; q++) n += count(q, a);
      if (n > 0 || a === arm) this.armColumn[a] = p++;
    }
    this.periodColumn.fill(-1);
    let reference = true, controls = 0, periodWithoutControl = false;
    for (let q = first; q <= last; q++) {
      let n = 0;
      for (let a = 0; a < A; a++) if (this.included(a, q, arm, entry, method)) n += count(q, a);
      if (n === 0) continue;
      const nc = count(q, control);
      controls += nc;
      if (nc === 0) periodWithoutControl = true;
      if (!byPeriod) continue;
      if (reference) { reference = false; continue; }
      this.periodColumn[q] = p++;
    }
    data.columns = p;
    let rows = 0;
    for (let q = first; q <= last; q++) for (let g = 0; g < G; g++) {
      if (!mine[g]) continue;
      for (let a = 0; a < A; a++) {
        const j = (q * G + g) * A + a;
        if (cells.count[j] === 0 || !this.included(a, q, arm, entry, method)) continue;
        const row = rows * p;
        data.x.fill(0, row, row + p);
        data.x[row] = 1;
        if (this.armColumn[a] >= 0) data.x[row + this.armColumn[a]] = 1;
        if (this.periodColumn[q] >= 0) data.x[row + this.periodColumn[q]] = 1;
        data.count[rows] = cells.count[j];
        data.mean[rows] = cells.mean[j];
        data.m2[rows] = cells.m2[j];
        data.events[rows] = cells.events[j];
        rows++;
      }
    }
    data.rows = rows;
    const r = this.result;
    if (this.binary) groupedLogistic(data, this.armColumn[arm], this.ws, r, this.weight, this.work);
    else groupedLinear(data, this.armColumn[arm], this.ws, r);
    if (controls === 0 && r.status === 'ok') { r.status = 'aliased'; r.estimate = NaN; r.se = NaN; }
    r.controls = controls;
    r.periodWithoutControl = byPeriod && periodWithoutControl;
    return r;
  }

  /** Whether cell (arm a, period q) enters the analysis of `arm` by `method`. */
  private included(a: number, q: number, arm: number, entry: number, method: CellMethod): boolean {
    if (a === arm) return true;
    if (a === this.cells.control) return method === 'pooled' || method === 'period-adjusted' || q >= entry;
    return method === 'period-adjusted';
  }
}
