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
import { patientTypes } from '../../../src/population/discrete-table.js';

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

describe('cells counted by patient type as the patients are drawn', () => {
  const discrete = { biomarkers: population.biomarkers.slice(0, 2) };
  const stratified = (extra: object = {}) => ({
    type: 'parallel', sampleSize: 97, randomisation: { method: 'permuted-block', blockSize: 3, strata: ['site'] },
    analysis: { primary: { test: 'z-pooled', alpha: 0.05, sided: 'two' }, subgroups: ['mplus', 'site'] }, ...extra,
  });
  const spec = (design: object) => scenario({ name: 'by type', seed: 5, replicates: 10, population: discrete, endpoint: endpoints.binary, arms, design }).spec;

  it('folds into the same cells as a count of the cohort', () => {
    const s = spec(stratified());
    const setup = parallelSetup(s);
    const types = patientTypes(s.population);
    const byCohort = buildTally(setup, 97), byType = buildTally(setup, 97, types);
    const trial = enrol(s, 97, false);
    expect(trial.countByType(byType.byType!.counts)).toBe(true);
    for (let r = 1; r <= 20; r++) {
      const c = trial.run(new ReplicateStreams(5, r), 97);
      byCohort.count(c);
      byType.byType!.fold();
      expect(Array.from(byType.n)).toEqual(Array.from(byCohort.n));
      expect(Array.from(byType.sum)).toEqual(Array.from(byCohort.sum));
    }
  });

  it('is not offered where the enrolment cannot count by type (quotas; more type bins than patients)', () => {
    const s = spec(stratified({ quotas: { biomarker: 'mplus', sizes: { '0': 60, '1': 37 } } }));
    const setup = parallelSetup(s);
    const tally = buildTally(setup, 97, patientTypes(s.population));
    expect(enrol(s, 97, false).countByType(tally.byType!.counts)).toBe(false);
    // 2 x 3 types x 3 arms x 2 outcomes = 36 bins: more than 30 patients.
    expect(buildTally(setup, 30, patientTypes(s.population)).byType).toBeUndefined();
  });
});
