/**
 * The regression models of one replicate: for each model and comparison, the
 * patients on the arm or on control are put into a model matrix (buffers
 * allocated once), the model is fitted (logistic by IRLS, OLS, or Cox), and
 * each interaction is tested by Wald (multi-df for a categorical biomarker:
 * χ², or F for OLS) and by likelihood ratio against the model without that
 * biomarker's interaction columns (Wilks 1938). A fit that fails (separation,
 * non-convergence, a singular matrix) is counted as a warning, its tests do
 * not reject and its estimates are NaN, which the summary leaves out of its
 * averages (counting the replicates that had one).
 */
import { writeTest, type ReplicateRecord } from '../types.js';
import type { Cohort } from '../../population/cohort.js';
import {
  fitCox, fitLinear, fitLogistic, dropColumns, likelihoodRatioTest, linearCombination, linearFTest, waldTest, modelMatrix,
  type CoefficientTable, type FailedFit, type ModelMatrix, type EffectEstimate,
} from '../../stats/regression/index.js';
import { bonferroni, holm } from '../../stats/multiplicity/index.js';
import type { ResolvedModel } from './model-setup.js';
import type { ModelSlots } from './model-layout.js';

type Fit = CoefficientTable | FailedFit;

/** Rows of a model: patient index in the cohort and treatment indicator. */
export interface ModelRows { patient: Int32Array; treated: Uint8Array; n: number }

/** Writes the model matrix of the given rows into X (row-major, p columns), as `buildDesignMatrix` lays it out. */
export function fillModelMatrix(model: ResolvedModel, c: Cohort, rows: ModelRows, X: Float64Array): ModelMatrix {
  const p = model.p;
  const { mainColumns, mainMarker, mainLevel, interactionColumns, interactionOf, treatmentColumn } = model;
  const intercept = model.type !== 'cox';
  for (let r = 0; r < rows.n; r++) {
    const i = rows.patient[r], t = rows.treated[r], o = r * p;
    if (intercept) X[o] = 1;
    X[o + treatmentColumn] = t;
    for (let k = 0; k < mainColumns.length; k++) {
      const v = c.markers[mainMarker[k]][i];
      X[o + mainColumns[k]] = mainLevel[k] < 0 ? v : v === mainLevel[k] ? 1 : 0;
    }
    for (let k = 0; k < interactionColumns.length; k++) X[o + interactionColumns[k]] = t * X[o + interactionOf[k]];
  }
  return modelMatrix(X.subarray(0, rows.n * p), rows.n, p, model.columnNames);
}

/**
 * Fits the model to a matrix, with outcomes y (and events, for Cox). Grouped
 * rows carry their patients' counts in `frequency`: logistic rows are
 * (pattern, outcome) with frequency weights; linear rows are patterns with
 * their mean outcome in y and the squared deviations from it in `within`.
 */
export function fitModel(model: ResolvedModel, design: ModelMatrix, y: ArrayLike<number>, event?: ArrayLike<number>, frequency?: Float64Array, within?: Float64Array): Fit {
  if (model.type === 'logistic') return fitLogistic(design, y, frequency ? { frequency } : {});
  if (model.type === 'linear') return fitLinear(design, y, frequency && within ? { count: frequency, within } : undefined);
  return fitCox(design, y, event!, { ties: model.ties });
}

/** Wald test of a set of columns: the fit's own (z or t) for one column, χ² (F for OLS) for several; NaN when it cannot be made. */
export function waldTestOf(model: ResolvedModel, fit: CoefficientTable, columns: number[]): { statistic: number; p: number } {
  if (columns.length === 1) return { statistic: fit.statistics[columns[0]], p: fit.pValues[columns[0]] };
  const r = model.type === 'linear' ? linearFTest(fit as Parameters<typeof linearFTest>[0], columns) : waldTest(fit, columns);
  return r.ok ? { statistic: r.statistic, p: r.pValue } : { statistic: NaN, p: NaN };
}

/** The Wald test's p-value alone. */
export function waldP(model: ResolvedModel, fit: CoefficientTable, columns: number[]): number {
  return waldTestOf(model, fit, columns).p;
}

/** Writes a Wald test of the columns to hypothesis h (at the one, final look) and returns its p-value. */
function writeWald(out: ReplicateRecord, h: number, model: ResolvedModel, fit: CoefficientTable, columns: number[]): number {
  const w = waldTestOf(model, fit, columns);
  writeTest(out, h, w.statistic, w.p, NaN, 1);
  return w.p;
}

const writeEstimate = (out: ReplicateRecord, slot: number, e: EffectEstimate) => {
  out.estimate[slot] = e.ok ? e.estimate : NaN; out.se[slot] = e.ok ? e.standardError : NaN;
  out.lower[slot] = e.ok ? e.lower : NaN; out.upper[slot] = e.ok ? e.upper : NaN;
};

export interface ModelAnalyser { analyse(c: Cohort, out: ReplicateRecord): void }

/**
 * `types`: the number of patient types (discrete covariate patterns,
 * population/discrete-table) when every biomarker is discrete, else 0. A
 * logistic model is then fitted on the distinct (type, arm, outcome) rows
 * with their counts as frequency weights: the same IRLS sums as the
 * patient-level fit (equal to ~1e-12), at a cost set by the patterns, not
 * the patients; a linear model on the distinct (type, arm) rows with each
 * one's count, mean outcome and squared deviations from it (the sufficient
 * statistics of least squares). Patients without a type (observed rows)
 * fall back to the patient-level fit.
 */
export function buildModelAnalyser(slots: ModelSlots[], control: number, capacity: number, types = 0): ModelAnalyser {
  const buffers = new Map<ResolvedModel, Float64Array>();
  for (const s of slots) if (!buffers.has(s.model)) buffers.set(s.model, new Float64Array(capacity * s.model.p));
  const rows: ModelRows = { patient: new Int32Array(capacity), treated: new Uint8Array(capacity), n: 0 };
  const y = new Float64Array(capacity);
  const event = new Uint8Array(capacity);
  const frequency = new Float64Array(capacity);
  const within = new Float64Array(capacity);
  const rowOf = new Int32Array(types * 4);

  /** The row key of patient i among the arm and control patients: (type, treated) or, `byOutcome`, (type, treated, outcome). */
  const keyOf = (c: Cohort, i: number, treated: number, byOutcome: boolean) => {
    const pattern = c.type[i] * 2 + treated;
    return byOutcome ? pattern * 2 + c.outcome[i] : pattern;
  };

  /**
   * Distinct rows of the arm and control patients with their counts (in
   * `frequency`); false when a patient has no type. Logistic models group
   * by (type, treated, outcome), y the outcome. Linear models group by
   * (type, treated), y each row's mean outcome and `within` the sum of
   * squared deviations from it (a second pass, so the deviations are not a
   * difference of large sums).
   */
  function groupRows(c: Cohort, s: ModelSlots, byOutcome: boolean): boolean {
    rowOf.fill(-1);
    let n = 0;
    for (let i = 0; i < c.n; i++) {
      const a = c.arm[i];
      if (a !== s.arm && a !== control) continue;
      if (c.type[i] < 0) return false;
      const t = a === s.arm ? 1 : 0, key = keyOf(c, i, t, byOutcome);
      let row = rowOf[key];
      if (row < 0) {
        row = rowOf[key] = n++;
        rows.patient[row] = i; rows.treated[row] = t; y[row] = byOutcome ? c.outcome[i] : 0; frequency[row] = 0; within[row] = 0;
      }
      if (!byOutcome) y[row] += c.outcome[i];
      frequency[row]++;
    }
    rows.n = n;
    if (byOutcome) return true;
    for (let row = 0; row < n; row++) y[row] /= frequency[row];
    for (let i = 0; i < c.n; i++) {
      const a = c.arm[i];
      if (a !== s.arm && a !== control) continue;
      const row = rowOf[keyOf(c, i, a === s.arm ? 1 : 0, false)];
      const d = c.outcome[i] - y[row];
      within[row] += d * d;
    }
    return true;
  }

  function flag(out: ReplicateRecord, s: ModelSlots, f: FailedFit): void {
    out.warning[f.status === 'separation' ? s.warnings.separation : f.status === 'singular' ? s.warnings.singular : s.warnings.notConverged] = 1;
  }

  function analyseOne(c: Cohort, out: ReplicateRecord, s: ModelSlots): void {
    const grouped = types > 0 && s.model.type !== 'cox' && groupRows(c, s, s.model.type === 'logistic');
    if (!grouped) {
      let n = 0;
      for (let i = 0; i < c.n; i++) {
        const a = c.arm[i];
        if (a !== s.arm && a !== control) continue;
        rows.patient[n] = i; rows.treated[n] = a === s.arm ? 1 : 0;
        y[n] = c.outcome[i]; event[n] = c.event[i]; n++;
      }
      rows.n = n;
    }
    const n = rows.n;
    const design = fillModelMatrix(s.model, c, rows, buffers.get(s.model)!);
    const ys = y.subarray(0, n), events = event.subarray(0, n), weights = grouped ? frequency.subarray(0, n) : undefined;
    const deviations = grouped ? within.subarray(0, n) : undefined;
    const fit = fitModel(s.model, design, ys, events, weights, deviations);
    const { alpha, confidence } = s.model;
    if (!fit.ok) {
      flag(out, s, fit);
      const none: EffectEstimate = { ok: false, reason: fit.reason };
      for (const k of s.coefficients) writeEstimate(out, k.estimate, none);
      for (const e of s.points) writeEstimate(out, e, none);
      for (const t of s.interactionTests) { if (t.wald >= 0) out.rejected[t.wald] = 0; if (t.lr >= 0) out.rejected[t.lr] = 0; }
      for (const t of s.mainTests) out.rejected[t.hypothesis] = 0;
      if (s.falseClaims) { out.rejected[s.falseClaims.unadjusted] = 0; out.rejected[s.falseClaims.bonferroni] = 0; out.rejected[s.falseClaims.holm] = 0; }
      return;
    }
    for (const k of s.coefficients) writeEstimate(out, k.estimate, linearCombination(fit, [{ column: k.column, weight: 1 }], confidence));
    s.points.forEach((slot, j) => writeEstimate(out, slot, linearCombination(fit, s.model.points[j].contrast, confidence)));
    const reject = (p: number) => (p < alpha ? 1 : 0);
    const primary: number[] = [];
    for (const t of s.interactionTests) {
      const pWald = t.wald >= 0 ? writeWald(out, t.wald, s.model, fit, t.term.interaction) : waldP(s.model, fit, t.term.interaction);
      if (t.wald >= 0) out.rejected[t.wald] = reject(pWald);
      let pLr = NaN;
      if (t.lr >= 0) {
        const reduced = fitModel(s.model, dropColumns(design, t.term.interaction), ys, events, weights, deviations);
        if (!reduced.ok) flag(out, s, reduced);
        const lr = likelihoodRatioTest(fit, reduced);
        pLr = lr.ok ? lr.pValue : NaN;
        out.rejected[t.lr] = reject(pLr);
        writeTest(out, t.lr, lr.ok ? lr.statistic : NaN, pLr, NaN, 1);
      }
      const p = s.model.test === 'lr' ? pLr : pWald;
      primary.push(Number.isFinite(p) ? p : 1);
    }
    for (const t of s.mainTests) out.rejected[t.hypothesis] = reject(writeWald(out, t.hypothesis, s.model, fit, t.columns));
    if (s.falseClaims) {
      const bonf = bonferroni(primary, alpha).rejected, hl = holm(primary, alpha).rejected;
      let any = 0, anyBonf = 0, anyHolm = 0;
      s.interactionTests.forEach((t, k) => {
        if (!t.falseClaim) return;
        if (primary[k] < alpha) any = 1;
        if (bonf[k]) anyBonf = 1;
        if (hl[k]) anyHolm = 1;
      });
      out.rejected[s.falseClaims.unadjusted] = any; out.rejected[s.falseClaims.bonferroni] = anyBonf; out.rejected[s.falseClaims.holm] = anyHolm;
    }
  }

  return {
    analyse(c, out) {
      for (const s of slots) {
        out.warning[s.warnings.separation] = 0; out.warning[s.warnings.notConverged] = 0; out.warning[s.warnings.singular] = 0;
        analyseOne(c, out, s);
      }
    },
  };
}
