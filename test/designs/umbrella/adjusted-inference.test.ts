/**
 * Adjusted inference after stopping in an umbrella with interims
 * (interims.adjusted): the naive estimate at the stopping look is biased
 * and its interval under-covers, the stage-wise ordering interval covers at
 * its level within 4 Monte Carlo SEs, and the median-unbiased estimate has
 * half its mass on each side of the truth within 4 Monte Carlo SEs. Checked
 * on a continuous endpoint with O'Brien-Fleming looks and a large effect, so
 * that early stops are frequent.
 */
import { describe, it, expect } from 'vitest';
import { run, estimate } from '../../helpers/summary.js';
import { scenario } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';
import { planSimulator } from '../../../src/run/chunk.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';

const R = 20_000;
const data = {
  name: 'adjusted', seed: 17, replicates: R, truth: { patients: 100_000 },
  population: { biomarkers: [{ id: 'm', type: 'binary', prevalence: 0.5 }] },
  endpoint: { type: 'continuous', sd: 1 },
  arms: { control: {}, drug: { effect: 0.35 } },
  design: {
    type: 'umbrella', screening: { ratePerMonth: 50 }, overlap: 'random', control: { sharing: 'separate' },
    substudies: [{ id: 'sub', eligibility: 'm', drug: 'drug', control: 'control', sampleSize: 200 }],
    interims: { informationFractions: [0.4, 0.7, 1], efficacy: { spending: 'obrien-fleming' }, adjusted: true },
    analysis: { test: 'z-known', alpha: 0.025, sided: 'one', multiplicity: 'none' },
  },
};

describe('adjusted inference after stopping, umbrella with interims', async () => {
  const s = await run(data);

  it('the stage-wise ordering interval covers at 95% within 4 MCSE, the naive one does not', () => {
    const adjusted = estimate(s, 'adjusted:md:sub');
    const naive = estimate(s, 'md:sub');
    expectWithinMcse(adjusted.coverage!, 0.95, { mcse: binomialMcse(0.95, R), what: 'adjusted coverage' });
    expect(naive.coverage!).toBeLessThan(0.95 - 4 * binomialMcse(0.95, R));
    expect(naive.bias!).toBeGreaterThan(4 * naive.biasMcse!);
    expect(Math.abs(adjusted.bias!)).toBeLessThan(Math.abs(naive.bias!));
  });

  it('the median-unbiased estimate lies below the truth half the time, within 4 MCSE', () => {
    const loaded = scenario({ ...data, replicates: 3000 });
    const sim = planSimulator({ spec: loaded.spec, data: loaded.prepared.data });
    const slot = sim.plan.layout.estimates.findIndex((e) => e.id === 'adjusted:md:sub');
    const truth = estimate(s, 'adjusted:md:sub').truth!;
    const record = newRecord(sim.plan.layout);
    let below = 0;
    for (let r = 1; r <= 3000; r++) {
      sim.plan.simulate(new ReplicateStreams(17, r), record);
      if (record.estimate[slot] < truth) below++;
    }
    expectWithinMcse(below / 3000, 0.5, { mcse: binomialMcse(0.5, 3000), what: 'P(median-unbiased estimate < truth)' });
  });

  it('is refused for time-to-event substudies, naming the key', () => {
    const tte = { ...data, endpoint: { type: 'time-to-event', median: 6, accrualDuration: 24, followUp: 12 }, arms: { control: {}, drug: { effect: -0.3 } }, design: { ...data.design, interims: { ...data.design.interims, events: 150 }, analysis: { test: 'log-rank', alpha: 0.025, sided: 'one', multiplicity: 'none' } } };
    expect(() => scenario(tte)).toThrow(/design\.interims\.adjusted: adjusted inference after stopping is computed for binary and continuous substudies/);
  });
});
