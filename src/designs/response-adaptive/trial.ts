/**
 * One response-adaptive trial. Patients enter one at a time and are
 * randomised with the current allocation probabilities (allocation
 * stream); each outcome is known `delay` patients later (the patients
 * enrolled during the outcome lag), so at an analysis the patients in
 * follow-up are randomised but not yet counted. At each adaptive analysis the
 * Beta posteriors give every arm's probability of being best (exact
 * quadrature, `stats/posteriors/beta-best.ts`); an arm reaching the
 * superiority threshold is declared best and the trial stops; the control
 * reaching it stops the trial too; arms below the inferiority threshold are
 * dropped; then the allocation is updated.
 */
import { newRecord, type ReplicateRecord, type SimulationPlan } from '../types.js';
import type { RandomSource, ReplicateStreams } from '../../random/stream.js';
import { patientTable, type PatientTable } from '../../population/export.js';
import { cohortFromRows } from '../../population/observed-cohort.js';
import { ObservedReader, type ObservedTable } from '../../scenario/observed.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { probabilityBest, bestWorkspace } from '../../stats/posteriors/beta-best.js';
import { confidenceLevel, riskDifference } from '../../stats/proportions.js';
import { writeEstimateOf } from '../types.js';
import type { ResponseAdaptiveScenario } from './schema.js';
import { responseAdaptiveSetup } from './setup.js';
import { adaptiveLayout } from './layout.js';
import { allocate } from './allocation.js';

export function planAdaptive(s: ResponseAdaptiveScenario): SimulationPlan & {
  patients(streams: ReplicateStreams): PatientTable;
  analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown>;
} {
  const d = s.design;
  const setup = responseAdaptiveSetup(s);
  const better = s.endpoint?.type === 'binary' && s.endpoint.better === 'lower' ? 'lower' : 'higher';
  const layout = adaptiveLayout(setup, better);
  const A = setup.arms.length, N = d.sampleSize, control = setup.control;
  const model = buildOutcomeModel(s);
  const cohort = new Cohort(N, s.population.biomarkers.length);
  let current: RandomSource = () => 0;
  const source: RandomSource = () => current();
  const normal = normalSampler(source);
  const drawPatient = biomarkerSampler(compilePopulation(s.population), source, normal);
  const n = new Float64Array(A), y = new Float64Array(A);
  const a = new Float64Array(A), b = new Float64Array(A), pBest = new Float64Array(A);
  const alloc = new Float64Array(A), weight = new Float64Array(A), pair = new Float64Array(A);
  const work = bestWorkspace();
  const isActive = new Uint8Array(A);
  const randomised = new Float64Array(A);
  const delay = d.delay;
  const ci = confidenceLevel(0.95);
  const sign = better === 'higher' ? 1 : -1;
  const M = { sampleSize: 0, analyses: 1, superiority: 2, controlBest: 3, allDropped: 4, patients: 5 };

  const activeArms = () => setup.arms.map((_, k) => k).filter((k) => isActive[k]);
  /** Posterior P(best) of the active arms; with `lower` better, best means the lowest response rate. */
  function posterior(active: number[]): void {
    for (const k of active) {
      const events = sign > 0 ? y[k] : n[k] - y[k];
      a[k] = d.prior.a + events;
      b[k] = d.prior.b + n[k] - events;
    }
    probabilityBest(a, b, active, pBest, work);
  }
  /** The threshold of analysis j: one for all, or the j-th of a list. */
  function at(t: number | number[] | undefined, j: number): number | undefined {
    return Array.isArray(t) ? t[j] : t;
  }
  /** P(arm's response rate is better than the control's), from the same posteriors. */
  function beatsControl(arm: number): number {
    probabilityBest(a, b, [arm, control], pair, work);
    return pair[arm];
  }
  function pick(u: number): number {
    let k = 0;
    for (; k < A - 1; k++) { u -= alloc[k]; if (u < 0 && alloc[k] > 0) return k; }
    while (alloc[k] === 0 && k > 0) k--;
    return k;
  }

  /**
   * One trial: `enrol(i)` puts patient i (arm and outcome) in the cohort and
   * returns false when there is none; outcomes are revealed `delay` patients
   * later, each completing a planned count triggering an analysis.
   */
  function runTrial(out: ReplicateRecord, enrol: (i: number) => boolean): void {
    n.fill(0); y.fill(0); isActive.fill(1);
    out.rejected.fill(0); out.selected.fill(-1);
    for (let m = M.superiority; m < M.patients; m++) out.metric[m] = 0;
    allocate(d.allocation, control, pBest, activeArms(), false, 0, weight, alloc);
    randomised.fill(0);
    let next = 0, revealed = 0, enrolled = 0, stopped = false;
    /** Patient j's outcome becomes known; an analysis follows when it completes a planned count. */
    const reveal = (j: number) => {
      const arm = cohort.arm[j];
      n[arm]++; y[arm] += cohort.outcome[j];
      revealed++;
      if (revealed !== setup.analyses[next]) return;
      next++;
      stopped = analyse(revealed, next - 1, out);
    };
    // Patient i is randomised when patient i - delay's outcome arrives (delay: patients enrolled during the outcome lag).
    for (let i = 0; i < N && !stopped && enrol(i); i++) {
      randomised[cohort.arm[i]]++;
      enrolled++;
      if (i - delay >= 0) reveal(i - delay);
    }
    // Enrolment is over: the outcomes still in follow-up arrive, with their analyses.
    for (let j = Math.max(0, enrolled - delay); j < enrolled && !stopped; j++) reveal(j);
    cohort.n = enrolled;
    out.metric[M.sampleSize] = enrolled;
    out.metric[M.analyses] = next;
    for (let k = 0; k < A; k++) out.metric[M.patients + k] = randomised[k];
    setup.compared.forEach((arm, k) => {
      const rd = n[arm] > 0 && n[control] > 0 ? riskDifference(y[arm], n[arm], y[control], n[control], ci) : null;
      if (rd) writeEstimateOf(out, k, rd.estimate, rd.se, rd.lower, rd.upper);
      else writeEstimateOf(out, k, NaN, NaN, NaN, NaN);
    });
  }

  return {
    layout,
    simulate(streams, out) {
      current = streams.patients;
      normal.reset();
      runTrial(out, (i) => {
        drawPatient(cohort, i);
        cohort.arm[i] = pick(streams.allocation());
        model.drawObserved(source, normal, cohort, i);
        return true;
      });
    },
    patients(streams) {
      this.simulate(streams, newRecord(layout));
      return patientTable(s, model, cohort);
    },
    /**
     * An observed trial's patient rows, in enrolment order (as `trialsim
     * export` writes them: arm, outcome, biomarkers), through the same
     * analyses: rows beyond the point where the trial stopped are refused.
     */
    analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
      const r = new ObservedReader(table);
      const rows = cohortFromRows(s, setup.arms, r);
      if (rows.n > N) r.note(`expected at most the ${N} patients of design.sampleSize, found ${rows.n} rows`);
      r.done();
      runTrial(out, (i) => {
        if (i >= rows.n) return false;
        cohort.arm[i] = rows.arm[i];
        cohort.outcome[i] = rows.outcome[i];
        return true;
      });
      if (cohort.n < rows.n) {
        r.problem(cohort.n, rows.n > 0 ? table.columns.indexOf('arm') : 0, `the trial stopped after ${cohort.n} patients (an adaptive analysis ended it): rows ${cohort.n + 1} to ${rows.n} follow the stop`);
        r.done();
      }
      return { patients: rows.n, analyses: out.metric[M.analyses] };
    },
  };

  /** One adaptive analysis; returns whether the trial stops. */
  function analyse(withOutcome: number, j: number, out: { rejected: Uint8Array; selected: Int32Array; metric: Float64Array }): boolean {
    const last = j === setup.analyses.length - 1;
    const active = activeArms();
    posterior(active);
    let top = -1;
    setup.compared.forEach((arm, k) => { if (isActive[arm] && (top < 0 || pBest[arm] > pBest[setup.compared[top]])) top = k; });
    if (top >= 0) out.selected[1] = top;
    const sup = at(d.stopping.superiority, j);
    if (sup !== undefined && top >= 0 && pBest[setup.compared[top]] >= sup) {
      out.rejected[top] = 1;
      out.selected[0] = top;
      if (!last) out.metric[M.superiority] = 1;
      return true;
    }
    if (sup !== undefined && pBest[control] >= sup) { if (!last) out.metric[M.controlBest] = 1; return true; }
    const inf = at(d.stopping.inferiority, j);
    if (inf !== undefined) for (const arm of setup.compared) if (isActive[arm] && pBest[arm] < inf) isActive[arm] = 0;
    const fut = at(d.stopping.futility, j);
    if (fut !== undefined) for (const arm of setup.compared) if (isActive[arm] && beatsControl(arm) < fut) isActive[arm] = 0;
    if (setup.compared.every((arm) => !isActive[arm])) { if (!last) out.metric[M.allDropped] = 1; return true; }
    if (last) return true;
    allocate(d.allocation, control, pBest, activeArms(), withOutcome >= d.allocation.burnIn, withOutcome / N, weight, alloc);
    return false;
  }
}
