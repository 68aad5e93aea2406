/**
 * An observed time-to-event enrichment trial (`trialsim analyse`): patient
 * rows as `trialsim export` writes them (arm, biomarkers, entry, time,
 * event at the last analysis, stage) through the same course as a
 * simulated trial (survival-course.ts): each analysis comes at the calendar
 * time the rows' events reach its target, and sees every row censored at
 * it. A later stage's rows must follow the interim choice before it (their
 * populations still in) and enter no earlier than that analysis; no row
 * may belong to a stage after the trial stopped.
 */
import type { ReplicateLayout, ReplicateRecord } from '../types.js';
import { cohortFromRows } from '../../population/observed-cohort.js';
import { ObservedReader, type ObservedTable } from '../../scenario/observed.js';
import type { EnrichmentScenario } from './schema.js';
import { stratumOf, type EnrichmentSetup } from './setup.js';
import { strataIn } from './recruitment.js';
import type { SurvivalCourse } from './survival-course.js';

export function analyseSurvivalRows(s: EnrichmentScenario, setup: EnrichmentSetup, arms: readonly string[], course: SurvivalCourse, table: ObservedTable, out: ReplicateRecord, layout: ReplicateLayout): Record<string, unknown> {
  const K = setup.stages.length;
  const r = new ObservedReader(table);
  const rows = cohortFromRows(s, arms, r);
  const stageColumn = r.column('stage', `the stage each patient entered (1 to ${K})`);
  const entryColumn = table.columns.indexOf('entry');
  const stage = new Int32Array(rows.n);
  for (let i = 0; i < rows.n && r.ok; i++) stage[i] = r.integer(i, stageColumn, 1, K) - 1;
  r.done();
  const stratum = Int32Array.from({ length: rows.n }, (_, i) => stratumOf(setup.subpopulations, rows.markers, i));
  const names = (mask: number) => setup.populations.filter((_, g) => mask & (1 << g)).join(', ');
  const stagesRun = course.run(out, (k, mask, start) => {
    const allowed = strataIn(setup, mask);
    for (let i = 0; i < rows.n; i++) {
      if (stage[i] !== k) continue;
      if (!allowed.includes(stratum[i])) r.problem(i, stageColumn, `the interim before stage ${k + 1} went on in ${names(mask)} only: a patient outside them does not follow the design`);
      else if (rows.entry[i] < start) r.problem(i, entryColumn, `stage ${k + 1} opened at month ${start}, the analysis before it: a patient entering earlier does not follow the design (recruitment pauses until the analysis)`);
    }
    r.done();
    let last = start;
    for (let i = 0; i < rows.n; i++) {
      if (stage[i] !== k) continue;
      // An event at `time`, or censoring at `time` (loss, or the last analysis): see survival-data.ts.
      const event = rows.event[i] === 1, t = rows.outcome[i];
      course.data.add(rows.entry[i], event ? t : Infinity, event ? Infinity : t, stratum[i], rows.arm[i] === setup.treatment ? 1 : 0, k);
      last = Math.max(last, rows.entry[i]);
    }
    return last;
  });
  for (let i = 0; i < rows.n; i++) {
    if (stage[i] >= stagesRun) r.problem(i, stageColumn, `the trial stopped at the analysis of stage ${stagesRun}: no patient can enter stage ${stage[i] + 1}`);
  }
  r.done();
  course.conclude(out);
  const omitted = ['screened', ...(s.design.compareFixed ? layout.hypotheses.filter((h) => h.id.startsWith('fixed-')).map((h) => h.id) : [])];
  const M = course.slots;
  const chosen = M.choices.find((_, j) => out.metric[M.choice[j]] === 1);
  return { patients: rows.n, selected: chosen, stages: stagesRun, months: course.tau, omitted };
}
