/**
 * Helpers for the heterogeneity tests: a cohort rebuilt from an exported
 * patient table, and the models' analyser with a record laid out like the
 * design's (so results can be read by id).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParallelScenario } from '../../../src/designs/parallel/schema.js';
import { scenarioFile, type TestScenario } from '../../helpers/scenarios.js';
import { Cohort } from '../../../src/population/cohort.js';
import { newRecord, type ReplicateRecord, type PatientTable, type ReplicateLayout } from '../../../src/designs/types.js';
import { parallelSetup } from '../../../src/designs/parallel/setup.js';
import { resolveModels } from '../../../src/designs/parallel/model-setup.js';
import { modelLayout, type ModelSlots } from '../../../src/designs/parallel/model-layout.js';
import { buildModelAnalyser } from '../../../src/designs/parallel/model-analysis.js';

export const ROOT = join(import.meta.dirname, '../../..');
export const flagship = (name: string, replicates?: number): TestScenario =>
  scenarioFile(join(ROOT, 'scenarios', name), replicates === undefined ? {} : { replicates });

/** Parses a plain CSV (no quoting) into a patient table. */
export function readTable(file: string): PatientTable {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  return { columns: head.split(','), rows: lines.map((l) => l.split(',').map((v) => (/^-?[0-9.]+(e-?[0-9]+)?$/i.test(v) ? Number(v) : v))) };
}

/** A cohort holding a patient table's biomarkers, arms and observed outcomes. */
export function cohortFromTable(s: ParallelScenario, t: PatientTable): Cohort {
  const col = (name: string) => t.columns.indexOf(name);
  const markers = s.population.biomarkers;
  const arms = Object.keys(s.arms!);
  const c = new Cohort(t.rows.length, markers.length);
  c.n = t.rows.length;
  const tte = s.endpoint!.type === 'time-to-event';
  t.rows.forEach((row, i) => {
    markers.forEach((m, j) => {
      const v = row[col(m.id)];
      c.markers[j][i] = m.type === 'categorical' ? Object.keys(m.levels).indexOf(String(v)) : Number(v);
    });
    c.arm[i] = arms.indexOf(String(row[col('arm')]));
    c.outcome[i] = Number(row[col(tte ? 'time' : 'outcome')]);
    if (tte) c.event[i] = Number(row[col('event')]);
  });
  return c;
}

export interface ModelRun {
  layout: ReplicateLayout;
  slots: ModelSlots[];
  record: ReplicateRecord;
  analyse(c: Cohort): ReplicateRecord;
}

/** The scenario's models alone, analysing any cohort into a record read by id. */
export function modelRun(s: ParallelScenario, capacity: number): ModelRun {
  const setup = parallelSetup(s);
  const layout: ReplicateLayout = { hypotheses: [], estimates: [], metrics: [], warnings: [] };
  const slots = modelLayout(s, setup, resolveModels(s, setup), layout);
  const record = newRecord(layout);
  const analyser = buildModelAnalyser(slots, setup.control, capacity);
  return { layout, slots, record, analyse: (c) => { analyser.analyse(c, record); return record; } };
}

/** Reads a record by id: estimate (with se and interval), decision, warning. */
export function reader(layout: ReplicateLayout, r: ReplicateRecord) {
  const find = <T extends { id: string }>(list: T[], id: string) => {
    const k = list.findIndex((x) => x.id === id);
    if (k < 0) throw new Error(`no ${id} in the layout`);
    return k;
  };
  return {
    estimate: (id: string) => { const k = find(layout.estimates, id); return { estimate: r.estimate[k], se: r.se[k], lower: r.lower[k], upper: r.upper[k] }; },
    rejected: (id: string) => r.rejected[find(layout.hypotheses, id)],
    warning: (id: string) => r.warning[find(layout.warnings, id)],
  };
}
