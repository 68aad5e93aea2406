/**
 * Where a time-to-event enrichment trial writes its record: the layout's
 * slots of the interim choices and the trial's course (as trial.ts writes
 * them for means and rates), and, at the last analysis, the patients and
 * events in each population, the duration in months and the naive Cox
 * estimates.
 */
import type { ReplicateLayout, ReplicateRecord } from '../types.js';
import { writeEstimateOf } from '../types.js';
import type { EnrichmentSetup } from './setup.js';
import { selectionIds } from './layout.js';
import type { SurvivalData } from './survival-data.js';
import type { SurvivalAnalysis } from './survival-statistics.js';

/** The layout slots the course writes. */
export function courseSlots(layout: ReplicateLayout, populations: readonly string[], K: number, efficacy: boolean) {
  const slot = (id: string) => layout.metrics.findIndex((m) => m.id === id);
  const choices = selectionIds(populations, efficacy);
  const stages = Array.from({ length: K }, (_, k) => k + 1);
  return {
    choices,
    choice: choices.map((x) => slot(`selected:${x}`)),
    rejectedAfter: choices.map((x) => populations.map((h) => slot(`rejected-${h}:${x}`))),
    stages: slot('stages'),
    still: stages.map((k) => populations.map((h) => slot(`in:${h}:stage${k}`))),
    stopEfficacy: stages.map((k) => slot(`stop-efficacy:stage${k}`)),
    stopFutility: stages.map((k) => slot(`stop-futility:stage${k}`)),
    firstRejected: stages.map((k) => populations.map((h) => slot(`rejected:${h}:stage${k}`))),
    stagePatients: stages.map((k) => slot(`patients:stage${k}`)),
    stageEvents: stages.map((k) => slot(`events:stage${k}`)),
    patients: slot('patients'), inPopulation: populations.map((h) => slot(`patients:${h}`)), R: slot('patients:R'),
    events: slot('events'), eventsIn: populations.map((h) => slot(`events:${h}`)), eventsR: slot('events:R'),
    duration: slot('duration'),
  };
}

export type CourseSlots = ReturnType<typeof courseSlots>;

/** Patients, events and duration at the last analysis (calendar time tau, the data's last observation), and the naive Cox estimates. */
export function writeConclusion(out: ReplicateRecord, M: CourseSlots, setup: EnrichmentSetup, d: SurvivalData, analysis: SurvivalAnalysis, tau: number): void {
  const patients = new Float64Array(setup.strata);
  for (let i = 0; i < d.n; i++) patients[d.stratum[i]]++;
  const sum = (a: Float64Array, strata: readonly number[]) => strata.reduce((x, g) => x + a[g], 0);
  out.metric[M.patients] = d.n;
  out.metric[M.events] = sum(d.stratumEvents, setup.strataOf[0]);
  for (let g = 1; g < setup.populations.length; g++) {
    out.metric[M.inPopulation[g]] = sum(patients, setup.strataOf[g]);
    out.metric[M.eventsIn[g]] = sum(d.stratumEvents, setup.strataOf[g]);
  }
  out.metric[M.R] = patients[setup.strata - 1];
  out.metric[M.eventsR] = d.stratumEvents[setup.strata - 1];
  out.metric[M.duration] = tau;
  setup.strataOf.forEach((strata, g) => {
    const e = analysis.coxEstimate(strata);
    writeEstimateOf(out, g, e.estimate, e.se, e.lower, e.upper);
  });
}
