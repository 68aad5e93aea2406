/**
 * The cell tally (joint histogram for 0/1 outcomes, direct passes otherwise)
 * against a naive count of each cell by its definition, on cohorts with
 * three arms, binary, categorical and cut continuous subgroupings, and with
 * so many subgroupings that 0/1 outcomes too take the direct path.
 */
import { describe, it, expect } from 'vitest';
import { parallelSetup } from '../../../src/designs/parallel/setup.js';
import { buildTally } from '../../../src/designs/parallel/tally.js';
import { enrol } from '../../../src/designs/parallel/index.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { scenario } from '../../helpers/scenarios.js';

const population = {
  biomarkers: [
    { id: 'mplus', type: 'binary', prevalence: 0.3 },
    { id: 'site', type: 'categorical', levels: { lung: 0.5, colon: 0.3, skin: 0.2 } },
    { id: 'age', type: 'continuous', mean: 60, sd: 10 },
    // Enough binary markers that subgrouping by all of them outgrows the joint table.
    ...Array.from({ length: 12 }, (_, k) => ({ id: `m${k + 1}`, type: 'binary', prevalence: 0.2 + 0.05 * k })),
  ],
};
const arms = { control: {}, low: { effect: 0.2 }, high: { effect: 0.5, interactions: { mplus: 0.4 } } };
const design = (test: string, subgroups: unknown[]) => ({ type: 'parallel', sampleSize: 97, randomisation: { method: 'simple' }, analysis: { primary: { test, alpha: 0.05, sided: 'two' }, subgroups } });
const tests: Record<string, string> = { binary: 'z-pooled', continuous: 'welch-t', 'time-to-event': 'log-rank' };

const endpoints = {
  binary: { type: 'binary', intercept: -0.4 },
  continuous: { type: 'continuous', intercept: 1, sd: 2, better: 'higher' },
  'time-to-event': { type: 'time-to-event', median: 12, accrualDuration: 12, followUp: 6 },
};

describe('cell tally', () => {
  const groupings: Record<string, unknown[]> = {
    'three subgroupings': ['mplus', 'site', { biomarker: 'age', cutpoint: 65 }],
    'one categorical subgrouping': ['site'],
    'thirteen subgroupings, beyond the joint table': ['site', ...Array.from({ length: 12 }, (_, k) => `m${k + 1}`)],
  };
  for (const [type, endpoint] of Object.entries(endpoints)) for (const [what, subgroups] of Object.entries(groupings)) {
    it(`matches a naive count of every cell (${type} outcome, ${what})`, () => {
      const s = scenario({ name: 'tally', seed: 3, replicates: 10, population, endpoint, arms, design: design(tests[type], subgroups) }).spec;
      const setup = parallelSetup(s);
      const tally = buildTally(setup, 97);
      const trial = enrol(s, 97);
      for (let r = 1; r <= 5; r++) {
        const c = trial.run(new ReplicateStreams(3, r), 97);
        tally.count(c);
        const y = (i: number) => (type === 'time-to-event' ? c.event[i] : c.outcome[i]);
        const cells: ((i: number) => boolean)[] = [() => true];
        setup.subgroups.forEach((g) => g.levels.forEach((_, level) => cells.push((i) => g.levelOf(c, i) === level)));
        expect(tally.cellCount).toBe(cells.length);
        cells.forEach((inCell, cell) => {
          for (let a = 0; a < 3; a++) {
            let n = 0, sum = 0;
            for (let i = 0; i < c.n; i++) if (c.arm[i] === a && inCell(i)) { n++; sum += y(i); }
            expect(tally.n[cell * 3 + a]).toBe(n);
            expect(tally.sum[cell * 3 + a]).toBe(sum);
          }
        });
      }
    });
  }
});
