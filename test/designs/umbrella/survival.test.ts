/**
 * Time-to-event substudies: the log-rank analysis of each substudy, redone
 * independently from the exported patient table (potential event times,
 * entry months and the substudy's analysis month), with matched controls
 * and with all concurrent controls.
 */
import { describe, it, expect } from 'vitest';
import { umbrellaDesign } from '../../../src/designs/umbrella/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { logRankTest } from '../../../src/stats/logrank.js';
import { load, umbrellaData } from './helpers.js';

const FOLLOW_UP = 6;

function tteScenario(compareWith: 'matched' | 'all-concurrent') {
  return load(umbrellaData({
    top: {
      seed: 23,
      endpoint: { type: 'time-to-event', median: 6, accrualDuration: 12, followUp: FOLLOW_UP, prognostic: { b: 0.3 } },
      arms: { control: {}, 'drug-a': { interactions: { a: -0.5 } }, 'drug-b': {} },
    },
    design: {
      screening: { ratePerMonth: 20, testFailure: 0.1 },
      control: { sharing: 'shared', compareWith },
      substudies: [
        { id: 'A', eligibility: 'a', drug: 'drug-a', sampleSize: 60 },
        { id: 'B', eligibility: 'b and not a', drug: 'drug-b', sampleSize: 40 },
      ],
      analysis: { test: 'log-rank', sided: 'one', alpha: 0.025 },
    },
  }));
}

describe('time-to-event substudies', () => {
  for (const compareWith of ['matched', 'all-concurrent'] as const) {
    it(`the log-rank estimate of each substudy is reproduced from the exported patients (${compareWith} controls)`, () => {
      const s = tteScenario(compareWith);
      const plan = umbrellaDesign.plan(s.spec, s.prepared.data);
      const record = newRecord(plan.layout);
      for (const replicate of [1, 2, 3]) {
        plan.simulate(new ReplicateStreams(s.spec.seed, replicate), record);
        const table = umbrellaDesign.patients!(s.spec, s.prepared.data, new ReplicateStreams(s.spec.seed, replicate));
        const col = (name: string) => table.columns.indexOf(name);
        for (const [sub, drug] of [['A', 'drug-a'], ['B', 'drug-b']] as const) {
          const closed = record.metric[plan.layout.metrics.findIndex((m) => m.id === `months:${sub}`)];
          const rows = table.rows.filter((r) => (r[col('arm')] === drug && r[col('substudy')] === sub)
            || (r[col('arm')] === 'control' && (compareWith === 'matched' ? r[col('substudy')] === sub : (r[col('entry')] as number) <= closed)));
          const n = rows.length;
          const time = new Float64Array(n), event = new Uint8Array(n), treated = new Uint8Array(n);
          rows.forEach((r, i) => {
            const t = r[col(`time_${r[col('arm')]}`)] as number;
            const censor = closed + FOLLOW_UP - (r[col('entry')] as number);
            time[i] = Math.min(t, censor); event[i] = t <= censor ? 1 : 0; treated[i] = r[col('arm')] === drug ? 1 : 0;
          });
          const expected = logRankTest(time, event, treated, n);
          const k = plan.layout.estimates.findIndex((e) => e.id === `logHR:${sub}`);
          expect(record.estimate[k], `${sub}, replicate ${replicate}`).toBeCloseTo(expected.logHazardRatio, 10);
          expect(record.se[k]).toBeCloseTo(expected.seLogHazardRatio, 10);
          const comparedControls = record.metric[plan.layout.metrics.findIndex((m) => m.id === `compared-controls:${sub}`)];
          expect(comparedControls).toBe(rows.filter((r) => r[col('arm')] === 'control').length);
        }
      }
    });
  }
});
