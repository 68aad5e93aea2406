/**
 * One response-adaptive trial. Patients enter one at a time and are
 * randomised with the current allocation probabilities (allocation
 * stream).
 *
 * Binary and continuous endpoints: each outcome is known `delay` patients
 * later (the patients enrolled during the outcome lag), so at an analysis
 * the patients in follow-up are randomised but not yet counted; analyses
 * come after given numbers of outcomes. Time-to-event: patients enter at
 * evenly spaced times over the accrual period and every enrolled patient
 * contributes the follow-up they have had; analyses come after given
 * numbers of patients have entered, the last at the end of follow-up.
 *
 * At each adaptive analysis (the rules of adaptr, Granholm et al. 2022,
 * whose order they follow): arms whose posterior probability of being best
 * falls below the inferiority threshold are dropped (never the control)
 * and P(best) recomputed among the rest until none falls below; an arm
 * reaching the superiority threshold is declared best and the trial stops
 * (the control reaching it stops the trial too); then arms within the
 * equivalence margin of the control with enough probability are dropped (or,
 * without a control, the trial stops when all active arms lie within the
 * margin of each other); then arms unlikely to beat the control by the
 * futility margin; then the allocation is updated. An analysis where some
 * arm's posterior is still improper is skipped.
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
import { confidenceLevel } from '../../stats/proportions.js';
import type { ResponseAdaptiveScenario } from './schema.js';
import { responseAdaptiveSetup } from './setup.js';
import { adaptiveLayout, METRIC, droppedMetric, durationMetric } from './layout.js';
import { allocate } from './allocation.js';
import { armEvidence, type SurvivalEvidence } from './evidence.js';
import { adaptiveRules, type AnalysisObserver } from './rules.js';

/** What a trial has done so far: its adaptive analyses. */
interface Flags { analyses: number }
import { driftOf, observeWithDrift } from './drift.js';
import { periodEstimator } from './period.js';

export interface AdaptivePlan extends SimulationPlan {
  patients(streams: ReplicateStreams): PatientTable;
  analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown>;
}

/** `potentialOutcomes`: keep each patient's coupling draw for an export's outcomes under every arm (the same draws either way). */
export function planAdaptive(s: ResponseAdaptiveScenario, observe?: AnalysisObserver, potentialOutcomes = false): AdaptivePlan {
  const d = s.design;
  const setup = responseAdaptiveSetup(s);
  const layout = adaptiveLayout(s, setup);
  const A = setup.arms.length, N = d.sampleSize, control = setup.control;
  const model = buildOutcomeModel(s);
  const tte = s.endpoint!.type === 'time-to-event';
  const cohort = new Cohort(N, s.population.biomarkers.length);
  const period = new Int32Array(N);
  let current: RandomSource = () => 0;
  const source: RandomSource = () => current();
  const normal = normalSampler(source);
  const drawPatient = biomarkerSampler(compilePopulation(s.population), source, normal);
  const evidence = armEvidence(s, A);
  const rules = adaptiveRules(s, setup, evidence, observe);
  const alloc = new Float64Array(A), weight = new Float64Array(A);
  const randomised = new Float64Array(A);
  const ci = confidenceLevel(0.95);
  const drift = driftOf(s);
  const periodAdjusted = d.periodAdjusted ? periodEstimator(s, setup, layout) : null;
  const e = s.endpoint!;
  const accrual = e.type === 'time-to-event' ? e.accrualDuration : 0;
  const end = e.type === 'time-to-event' ? e.accrualDuration + e.followUp : 0;
  /** Calendar time of the analysis after n patients have entered (time-to-event). */
  const analysisTime = (n: number) => (n >= N ? end : (accrual * n) / N);

  function pick(u: number): number {
    let k = 0;
    for (; k < A - 1; k++) { u -= alloc[k]; if (u < 0 && alloc[k] > 0) return k; }
    while (alloc[k] === 0 && k > 0) k--;
    return k;
  }

  /** Analysis j with `known` outcomes (or patients entered); returns whether the trial stops. */
  function analyse(known: number, j: number, out: ReplicateRecord): boolean {
    const last = j === setup.analyses.length - 1;
    const verdict = rules.analyse(j, last, out);
    if (verdict === 'stop') return true;
    if (last) return true;
    if (verdict === 'adapt') allocate(d.allocation, control, rules.pBest, rules.activeArms(), known >= d.allocation.burnIn, known / N, weight, alloc);
    return false;
  }

  function start(out: ReplicateRecord): Flags {
    evidence.reset();
    rules.reset();
    out.rejected.fill(0); out.selected.fill(-1);
    // Stop reasons, skipped analyses, conclusiveness and the arms dropped start at 0 (patients per arm are set at the end).
    for (let m = METRIC.superiority; m < METRIC.patients; m++) out.metric[m] = 0;
    for (let k = 0; k < setup.compared.length; k++) out.metric[droppedMetric(A, k)] = 0;
    allocate(d.allocation, control, rules.pBest, rules.activeArms(), false, 0, weight, alloc);
    randomised.fill(0);
    return { analyses: 0 };
  }

  /**
   * One trial with binary or continuous outcomes: `enrol(i)` puts patient i
   * (arm and outcome) in the cohort and returns false when there is none;
   * outcomes are revealed `delay` patients later, each completing a planned
   * count triggering an analysis.
   */
  function runLagged(out: ReplicateRecord, enrol: (i: number) => boolean): void {
    const flags = start(out);
    let revealed = 0, enrolled = 0, stopped = false;
    const reveal = (j: number) => {
      evidence.add(cohort.arm[j], cohort.outcome[j]);
      revealed++;
      if (revealed !== setup.analyses[flags.analyses]) return;
      flags.analyses++;
      stopped = analyse(revealed, flags.analyses - 1, out);
    };
    // Patient i is randomised when patient i - delay's outcome arrives (delay: patients enrolled during the outcome lag).
    for (let i = 0; i < N && !stopped && enrol(i); i++) {
      period[i] = flags.analyses;
      randomised[cohort.arm[i]]++;
      enrolled++;
      if (i - d.delay >= 0) reveal(i - d.delay);
    }
    // Enrolment is over: the outcomes still in follow-up arrive, with their analyses.
    for (let j = Math.max(0, enrolled - d.delay); j < enrolled && !stopped; j++) reveal(j);
    finish(out, enrolled, revealed, flags);
  }

  /**
   * One time-to-event trial: `enrol(i)` fills patient i's arm, entry time
   * and (time, event) as known at the end; after the planned numbers of
   * entries, an analysis reads every enrolled patient's follow-up at that
   * calendar time.
   */
  function runEntries(out: ReplicateRecord, enrol: (i: number) => boolean): void {
    const flags = start(out);
    const survival = evidence as SurvivalEvidence;
    let enrolled = 0, stopped = false, tau = end;
    for (let i = 0; i < N && !stopped; i++) {
      if (!enrol(i)) break;
      period[i] = flags.analyses;
      randomised[cohort.arm[i]]++;
      enrolled++;
      while (!stopped && flags.analyses < setup.analyses.length && enrolled === setup.analyses[flags.analyses] && enrolled < N) {
        tau = analysisTime(enrolled);
        survival.at(cohort.entry, cohort.outcome, cohort.event, cohort.arm, enrolled, tau);
        flags.analyses++;
        stopped = analyse(enrolled, flags.analyses - 1, out);
      }
    }
    if (!stopped) {
      tau = analysisTime(N);
      survival.at(cohort.entry, cohort.outcome, cohort.event, cohort.arm, enrolled, tau);
      flags.analyses++;
      analyse(N, setup.analyses.length - 1, out);
    }
    // What the trial observed when it ended: follow-up cut at its last analysis.
    for (let i = 0; i < enrolled; i++) {
      const followed = Math.max(0, tau - cohort.entry[i]);
      if (cohort.outcome[i] > followed) { cohort.outcome[i] = followed; cohort.event[i] = 0; }
    }
    out.metric[durationMetric(A, setup.compared.length)] = tau;
    finish(out, enrolled, enrolled, flags);
  }

  /** `analysed`: the patients the last analysis saw (the first ones, in enrolment order). */
  function finish(out: ReplicateRecord, enrolled: number, analysed: number, flags: Flags): void {
    cohort.n = enrolled;
    out.metric[METRIC.sampleSize] = enrolled;
    out.metric[METRIC.analyses] = flags.analyses;
    for (let k = 0; k < A; k++) out.metric[METRIC.patients + k] = randomised[k];
    rules.estimates(out, ci);
    periodAdjusted?.(cohort, period, analysed, out, ci);
  }

  const run = tte ? runEntries : runLagged;

  /** Draws patient i: biomarkers, arm, outcome (with the drift at their place in enrolment). */
  function drawTrialPatient(i: number, allocationDraw: number): void {
    drawPatient(cohort, i);
    cohort.arm[i] = pick(allocationDraw);
    if (tte) {
      model.drawLatent(source, normal, cohort, i);
      cohort.entry[i] = (accrual * i) / N;
      const t = observeWithDrift(model, cohort, i, drift(i / N));
      const dropout = cohort.dropout[i];
      cohort.event[i] = t <= dropout ? 1 : 0;
      cohort.outcome[i] = Math.min(t, dropout);
    } else if (drift.none) {
      (potentialOutcomes ? model.drawOutcome : model.drawObserved)(source, normal, cohort, i);
    } else {
      model.drawLatent(source, normal, cohort, i);
      cohort.outcome[i] = observeWithDrift(model, cohort, i, drift(i / N));
    }
  }

  return {
    layout,
    simulate(streams, out) {
      current = streams.patients;
      normal.reset();
      run(out, (i) => { drawTrialPatient(i, streams.allocation()); return true; });
    },
    patients(streams) {
      this.simulate(streams, newRecord(layout));
      return patientTable(s, model, cohort);
    },
    /**
     * An observed trial's patient rows, in enrolment order (as `trialsim
     * export` writes them: arm, outcome or entry/time/event, biomarkers),
     * through the same analyses: rows beyond the point where the trial
     * stopped are refused.
     */
    analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
      const r = new ObservedReader(table);
      const rows = cohortFromRows(s, setup.arms, r);
      if (rows.n > N) r.note(`expected at most the ${N} patients of design.sampleSize, found ${rows.n} rows`);
      r.done();
      run(out, (i) => {
        if (i >= rows.n) return false;
        cohort.arm[i] = rows.arm[i];
        cohort.outcome[i] = rows.outcome[i];
        cohort.event[i] = rows.event[i];
        cohort.entry[i] = rows.entry[i];
        return true;
      });
      if (cohort.n < rows.n) {
        r.problem(cohort.n, rows.n > 0 ? table.columns.indexOf('arm') : 0, `the trial stopped after ${cohort.n} patients (an adaptive analysis ended it): rows ${cohort.n + 1} to ${rows.n} follow the stop`);
        r.done();
      }
      return { patients: rows.n, analyses: out.metric[METRIC.analyses] };
    },
  };
}
