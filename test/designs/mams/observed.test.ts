/**
 * MAMS observed data (src/designs/mams/trial.ts analyseMams): the stages are
 * replayed from each row's stage; data that break the design's rules are
 * refused naming line and column: a patient in an arm after it left the
 * trial, a stage outside 1..J. (The exact round trip of exported replicates
 * is in test/cli/analyse.test.ts.)
 */
import { describe, it, expect } from 'vitest';
import { scenario, scenarioFile } from '../../helpers/scenarios.js';
import { mamsPatients, analyseMams } from '../../../src/designs/mams/trial.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { parseObservedTable } from '../../../src/scenario/observed.js';
import { newRecord } from '../../../src/designs/types.js';
import { planMams } from '../../../src/designs/mams/trial.js';
import { toCsv } from '../../../src/util/csv.js';
import { mamsSetup } from '../../../src/designs/mams/setup.js';

const FILE = 'scenarios/mams/triangular-4-arms.yaml';

describe('MAMS observed data', () => {
  const s = scenarioFile(FILE);
  const table = mamsPatients(s.spec, s.prepared.data, new ReplicateStreams(s.spec.seed, 5));
  const stage = table.columns.indexOf('stage');
  const out = () => newRecord(planMams(s.spec, s.prepared.data).layout);
  const csv = (rows: (string | number)[][]) => parseObservedTable('data.csv', toCsv(table.columns, rows));

  it('the exported rows analyse without complaint', () => {
    expect(() => analyseMams(s.spec, s.prepared.data, csv(table.rows), out())).not.toThrow();
  });

  it('refuses a stage outside 1..J, naming line and column', () => {
    const rows = table.rows.map((r) => [...r]);
    rows[3][stage] = 9;
    expect(() => analyseMams(s.spec, s.prepared.data, csv(rows), out())).toThrow(/line 5, column "stage": expected a whole number from 1 to \d, found "9"/);
  });

  it('refuses a patient in an arm after the trial stopped with it', () => {
    const J = mamsSetup(s.spec).armStage.length;
    const maxStage = Math.max(...table.rows.map((r) => Number(r[stage])));
    // a stage beyond the last reached, for the first patient, when the trial stopped early
    if (maxStage < J) {
      const rows = table.rows.map((r) => [...r]);
      rows[0][stage] = maxStage + 1;
      expect(() => analyseMams(s.spec, s.prepared.data, csv(rows), out())).toThrow(/line 2, column "stage": the patient's arm .* was no longer in the trial at stage/);
    } else {
      // every stage reached: move a control patient of stage 1 to a stage past the last is impossible; move a dropped arm's patient instead
      const rows = table.rows.map((r) => [...r]);
      const lastStagePerArm = new Map<string, number>();
      for (const r of table.rows) lastStagePerArm.set(String(r[table.columns.indexOf('arm')]), Math.max(lastStagePerArm.get(String(r[table.columns.indexOf('arm')])) ?? 0, Number(r[stage])));
      const dropped = [...lastStagePerArm.entries()].find(([, j]) => j < maxStage);
      expect(dropped, 'an arm dropped before the last stage').toBeDefined();
      const i = rows.findIndex((r) => String(r[table.columns.indexOf('arm')]) === dropped![0]);
      rows[i][stage] = maxStage;
      expect(() => analyseMams(s.spec, s.prepared.data, csv(rows), out())).toThrow(/the patient's arm .* was no longer in the trial at stage/);
    }
  });
});

describe('a simulated MAMS replicate and the analysis of its exported patients', () => {
  // The simulation of patients who are only their arm adds each stage's outcomes to the arms' sums without a
  // cohort (observedOfArm); the export draws every patient into one. Both must be the same trial.
  const binary = scenario({
    name: 'binary-mams', seed: 12,
    endpoint: { type: 'binary', intercept: -0.85 },
    arms: { control: { effect: 0 }, A: { effect: 0.8 }, B: { effect: 0.3 }, C: { effect: 0 }, D: { effect: 0 } },
    design: { type: 'mams', stages: { arm: [38, 38] }, alpha: 0.05, efficacy: 'triangular', futility: 'triangular', stopping: 'simultaneous' },
  });
  it.each([
    ['continuous (the flagship)', scenarioFile(FILE)],
    ['binary', binary],
  ])('%s: the same record, replicate by replicate', (_, s) => {
    const plan = planMams(s.spec, s.prepared.data);
    for (let r = 1; r <= 20; r++) {
      const simulated = newRecord(plan.layout), analysed = newRecord(plan.layout);
      plan.simulate(new ReplicateStreams(s.spec.seed, r), simulated);
      const table = mamsPatients(s.spec, s.prepared.data, new ReplicateStreams(s.spec.seed, r));
      analyseMams(s.spec, s.prepared.data, parseObservedTable('data.csv', toCsv(table.columns, table.rows)), analysed);
      expect(analysed, `replicate ${r}`).toEqual(simulated);
    }
  });
});
