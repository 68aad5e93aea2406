/**
 * One time-to-event enrichment trial with event-driven stages: stage k
 * recruits its planned patients from the populations still in at the
 * screening rate (survival-recruit.ts), and its analysis comes when the
 * events over those populations reach the stage's cumulative target
 * (survival-course.ts), where each population's stratified log-rank
 * statistic gives its stage-wise p-value by independent increments for the
 * closed combination test, and the interim chooses the populations to go
 * on in. Patients of a dropped population stay followed and count toward
 * the populations they belong to. Beside it, optionally, the fixed designs
 * of the same size (survival-fixed.ts). The export gives each patient's
 * entry, follow-up and event at the last analysis and their stage; the
 * analysis of observed rows replays the same course (survival-observed.ts).
 */
import { newRecord, type ReplicateRecord } from '../types.js';
import { patientTable, type PatientTable } from '../../population/export.js';
import type { ReplicateStreams } from '../../random/stream.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import type { ObservedTable } from '../../scenario/observed.js';
import type { EnrichmentScenario } from './schema.js';
import { enrichmentSetup } from './setup.js';
import type { EnrichmentPlan } from './trial.js';
import { survivalSetup } from './survival-setup.js';
import { survivalLayout } from './survival-layout.js';
import { SurvivalCourse } from './survival-course.js';
import { SurvivalRecruiter } from './survival-recruit.js';
import { FixedSurvivalDesigns } from './survival-fixed.js';
import { analyseSurvivalRows } from './survival-observed.js';

/** The most patients a time-to-event trial enrols: its planned stages (re-estimation changes events, not patients). */
export const survivalCapacity = (s: EnrichmentScenario): number => s.design.stages.reduce((a, n) => a + n, 0);

export function planEnrichmentSurvival(s: EnrichmentScenario): EnrichmentPlan {
  const d = s.design;
  const setup = enrichmentSetup(s), tte = survivalSetup(s);
  const K = setup.stages.length;
  const efficacy = setup.critical.slice(0, -1).some(Number.isFinite);
  const perStage = K > 2 || efficacy || d.reestimate !== undefined;
  const layout = survivalLayout(s, setup, efficacy, perStage, tte.longerIsBetter);
  const model = buildOutcomeModel(s);
  const capacity = survivalCapacity(s);
  const course = new SurvivalCourse(s, setup, tte, layout, perStage, capacity);
  const recruiter = new SurvivalRecruiter(s, setup, model, tte.rate, capacity);
  const fixed = d.compareFixed ? new FixedSurvivalDesigns(s, setup, tte, recruiter) : null;
  const screenedSlot = layout.metrics.findIndex((m) => m.id === 'screened');

  return { layout, simulate, patients, analyseObserved };

  function clear(out: ReplicateRecord): void {
    out.rejected.fill(0); out.metric.fill(0); out.warning.fill(0);
  }

  function simulate(streams: ReplicateStreams, out: ReplicateRecord): void {
    clear(out);
    recruiter.begin(streams);
    const stagesRun = course.run(out, (k, mask, start) => recruiter.recruit(course.data, k, mask, start));
    course.conclude(out);
    out.metric[screenedSlot] = recruiter.screened;
    // The fixed designs draw after the trial (patients stream) and observe their own data: the trial's is kept.
    fixed?.run(course, stagesRun, out);
  }

  function patients(streams: ReplicateStreams): PatientTable {
    simulate(streams, newRecord(layout));
    const c = recruiter.cohort, data = course.data;
    // Each patient as seen at the last analysis: follow-up time and event.
    for (let i = 0; i < data.n; i++) { c.outcome[i] = data.time[i]; c.event[i] = data.event[i]; }
    c.n = data.n;
    const table = patientTable(s, model, c);
    table.columns.push('stage');
    table.rows.forEach((row, i) => row.push(data.stage[i] + 1));
    return table;
  }

  function analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
    clear(out);
    return analyseSurvivalRows(s, setup, model.arms, course, table, out, layout);
  }
}
