/**
 * Response-adaptive observed data (planAdaptive's analyseObserved): the
 * adaptive analyses are replayed on the rows in enrolment order; rows after
 * the analysis that stopped the trial are refused, naming the line. (The
 * exact round trip of exported replicates is in test/cli/analyse.test.ts.)
 */
import { describe, it, expect } from 'vitest';
import { scenarioFile } from '../../helpers/scenarios.js';
import { planAdaptive } from '../../../src/designs/response-adaptive/trial.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { parseObservedTable } from '../../../src/scenario/observed.js';
import { newRecord } from '../../../src/designs/types.js';
import { toCsv } from '../../../src/util/csv.js';

describe('response-adaptive observed data', () => {
  const s = scenarioFile('scenarios/response-adaptive/three-arm-thompson.yaml');
  const plan = planAdaptive(s.spec);
  const N = s.spec.design.sampleSize;
  // the first replicate that stops early
  let table = plan.patients(new ReplicateStreams(s.spec.seed, 1));
  for (let r = 2; table.rows.length === N && r < 200; r++) table = plan.patients(new ReplicateStreams(s.spec.seed, r));
  const csv = (rows: (string | number)[][]) => parseObservedTable('data.csv', toCsv(table.columns, rows));

  it('an early-stopped replicate analyses as it ran, and a row after the stop is refused with its line', () => {
    expect(table.rows.length).toBeLessThan(N);
    const out = newRecord(plan.layout);
    expect(() => plan.analyseObserved(csv(table.rows), out)).not.toThrow();
    const extra = [...table.rows, table.rows[0].map((v, j) => (j === 0 ? table.rows.length + 1 : v))];
    expect(() => plan.analyseObserved(csv(extra), newRecord(plan.layout))).toThrow(new RegExp(`line ${table.rows.length + 2}, column "arm": the trial stopped after ${table.rows.length} patients`));
  });
});
