/**
 * True values: each substudy's effect in its eligible population, the
 * non-match substudy's mixture of unmatched patients and screen failures,
 * the sharp null of a drug that works only outside its substudy, and the
 * time-to-event log hazard ratio.
 */
import { describe, it, expect } from 'vitest';
import { umbrellaDesign } from '../../../src/designs/umbrella/index.js';
import { logistic } from '../../../src/stats/distributions.js';
import { load, run, hypothesis, umbrellaData } from './helpers.js';
import { runStreams } from '../../../src/random/stream.js';
import { expectWithinMcse } from '../../helpers/mcse.js';

// floor 1e-9: rounding of sums over the population
const within = (t: { value: number; mcse: number }, expected: number) => expectWithinMcse(t.value, expected, { mcse: t.mcse, floor: 1e-9, what: 'truth' });

describe('umbrella true values', () => {
  it('the non-match substudy mixes unmatched patients with screen failures of any profile', () => {
    // Rule "a" (30%); test failure 20%; drug-b has effect 1 on the logit scale and the marker is prognostic.
    const f = 0.2, pa = 0.3;
    const s = load(umbrellaData({
      top: {
        truth: { patients: 400000 },
        endpoint: { type: 'binary', intercept: -1, prognostic: { a: 1 } },
        arms: { control: {}, 'drug-a': { interactions: { a: 1 } }, 'drug-b': { effect: 1 } },
      },
      design: {
        screening: { ratePerMonth: 20, testFailure: f },
        substudies: [{ id: 'A', eligibility: 'a', drug: 'drug-a', sampleSize: 40 }],
        nonMatch: { drug: 'drug-b', sampleSize: 40 },
      },
    }));
    const truth = umbrellaDesign.truth(s.spec, s.prepared.data, runStreams(s.spec.seed));
    const rd = (a: number) => logistic(-1 + a + 1) - logistic(-1 + a);
    const share = (f * pa) / ((1 - f) * (1 - pa) + f); // P(a = 1 | non-match)
    within(truth['rd:non-match'], share * rd(1) + (1 - share) * rd(0));
    within(truth['rd:A'], logistic(1) - logistic(0));
  });

  it('a drug that works only in patients outside its substudy is under the sharp null there', async () => {
    // drug-b's interaction is with marker a, but substudy B excludes a.
    const data = umbrellaData({ top: { replicates: 200, arms: { control: {}, 'drug-a': { interactions: { a: 1 } }, 'drug-b': { interactions: { a: 1 } } } } });
    const s = await run(data);
    expect(hypothesis(s, 'B').trueEffect).toBe(0);
    expect(hypothesis(s, 'B').meaning).toBe('type I error');
    expect(hypothesis(s, 'fwer').rate).toBe(hypothesis(s, 'B').rate);
    expect(hypothesis(s, 'conjunctive-power').rate).toBe(hypothesis(s, 'A').rate);
    expect((s.substudies as { id: string; drugDoesNothing: boolean }[]).map((x) => [x.id, x.drugDoesNothing])).toEqual([['A', false], ['B', true]]);
  });

  it('the time-to-event log hazard ratio of a substudy with proportional hazards is its coefficient', () => {
    const s = load(umbrellaData({
      top: {
        truth: { patients: 100000 },
        endpoint: { type: 'time-to-event', median: 6, accrualDuration: 12, followUp: 12 },
        arms: { control: {}, 'drug-a': { interactions: { a: -0.5 } }, 'drug-b': {} },
      },
      design: { analysis: { test: 'log-rank' } },
    }));
    const truth = umbrellaDesign.truth(s.spec, s.prepared.data, runStreams(s.spec.seed));
    within(truth['logHR:A'], -0.5);
    within(truth['logHR:B'], 0);
  });
});
