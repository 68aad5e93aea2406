/**
 * Per-substudy rejection rates of fixed-size substudies against exact
 * values: binomial enumeration for the pooled z-test and Fisher's test,
 * quadrature for Welch's t-test. Eligibility is disjoint (a categorical
 * site), permuted blocks fill exactly, so each substudy's arm sizes are
 * fixed; one drug works in its substudy and the other does nothing.
 * Tolerances are 4 Monte Carlo SEs.
 */
import { describe, it, expect } from 'vitest';
import { exactPooledZRejectionProbability, exactRejectionProbability, welchTPower } from '../../../src/stats/exact-power.js';
import { fisherExactTest } from '../../../src/stats/fisher.js';
import { logit } from '../../../src/stats/distributions.js';
import { run, expectRate, hypothesis, metric } from './helpers.js';
import { expectWithinMcse } from '../../helpers/mcse.js';

const R = 10000;
const p0 = 0.2, p1 = 0.45;

function binaryUmbrella(test: string, alpha: number, sided: 'one' | 'two', sharing: 'shared' | 'separate') {
  return {
    name: 'exact binary', seed: 21, replicates: R, truth: { patients: 20000 },
    population: { biomarkers: [{ id: 'site', type: 'categorical', levels: { lung: 0.5, colon: 0.3, skin: 0.2 } }] },
    endpoint: { type: 'binary', intercept: logit(p0) },
    arms: { control: {}, 'drug-a': { interactions: { 'site=lung': logit(p1) - logit(p0) } }, 'drug-b': {} },
    design: {
      type: 'umbrella',
      screening: { ratePerMonth: 30 },
      control: { sharing },
      randomisation: { method: 'permuted-block', blockSize: 6 },
      substudies: [
        { id: 'A', eligibility: 'site == lung', drug: 'drug-a', sampleSize: 90, allocation: { 'drug-a': 2, control: 1 } },
        { id: 'B', eligibility: 'site == colon', drug: 'drug-b', sampleSize: 60 },
      ],
      analysis: { test, alpha, sided },
    },
  };
}

describe('umbrella substudies against exact rejection probabilities', () => {
  it('pooled z-test: the working drug has its exact power and the inactive drug its exact size (two-sided)', async () => {
    const s = await run(binaryUmbrella('z-pooled', 0.05, 'two', 'shared'));
    const power = exactPooledZRejectionProbability({ n1: 60, p1, n0: 30, p0, alpha: 0.05, sided: 2 });
    const size = exactPooledZRejectionProbability({ n1: 30, p1: p0, n0: 30, p0, alpha: 0.05, sided: 2 });
    expect(power).toBeGreaterThan(0.5);
    expectRate(s, 'A', power);
    expectRate(s, 'B', size);
    expect(hypothesis(s, 'A').meaning).toBe('power');
    expect(hypothesis(s, 'B').meaning).toBe('type I error');
    // Family quantities follow from independence of the two substudies.
    expectRate(s, 'fwer', size);
    expectRate(s, 'disjunctive-power', power);
    expectRate(s, 'any-success', 1 - (1 - power) * (1 - size));
    // Fixed arm sizes, as the exact values assume.
    for (const [id, n] of [['drug:A', 60], ['control:A', 30], ['drug:B', 30], ['control:B', 30]] as const) {
      expect(metric(s, id).min).toBe(n);
      expect(metric(s, id).max).toBe(n);
    }
  });

  it('pooled z-test one-sided at 2.5%, with separate controls', async () => {
    const s = await run(binaryUmbrella('z-pooled', 0.025, 'one', 'separate'));
    expectRate(s, 'A', exactPooledZRejectionProbability({ n1: 60, p1, n0: 30, p0, alpha: 0.025, sided: 1 }));
    expectRate(s, 'B', exactPooledZRejectionProbability({ n1: 30, p1: p0, n0: 30, p0, alpha: 0.025, sided: 1 }));
  });

  it("Fisher's exact test has its exact rejection probabilities", async () => {
    const s = await run(binaryUmbrella('fisher', 0.05, 'two', 'shared'));
    const reject = (n1: number, n0: number) => (x1: number, x0: number) => fisherExactTest(x1, n1, x0, n0).pTwoSided < 0.05;
    expectRate(s, 'A', exactRejectionProbability({ n1: 60, p1, n0: 30, p0, reject: reject(60, 30) }));
    expectRate(s, 'B', exactRejectionProbability({ n1: 30, p1: p0, n0: 30, p0, reject: reject(30, 30) }));
  });

  it('risk differences are unbiased for their true values, which are exact here', async () => {
    const s = await run({ ...binaryUmbrella('z-pooled', 0.05, 'two', 'shared'), replicates: 4000 });
    for (const [id, truth] of [['rd:A', p1 - p0], ['rd:B', 0]] as const) {
      const e = s.estimates.find((x) => x.id === id)!;
      expect(e.truth).toBeCloseTo(truth, 9);
      expectWithinMcse(e.bias!, 0, { mcse: e.biasMcse!, what: `${id} bias` });
    }
    // The mean of 20,000 equal probabilities, so exact up to rounding.
    expect(s.estimates.find((x) => x.id === 'logOR:A')!.truth).toBeCloseTo(logit(p1) - logit(p0), 9);
  });

  it("Welch's t-test: per-substudy power and size of a continuous endpoint", async () => {
    const s = await run({
      name: 'exact continuous', seed: 8, replicates: R, truth: { patients: 20000 },
      population: { biomarkers: [{ id: 'site', type: 'categorical', levels: { lung: 0.5, colon: 0.5 } }] },
      endpoint: { type: 'continuous', intercept: 10, sd: 4 },
      arms: { control: {}, 'drug-a': { interactions: { 'site=lung': 2.5 } }, 'drug-b': {} },
      design: {
        type: 'umbrella',
        screening: { ratePerMonth: 30 },
        control: { sharing: 'separate' },
        substudies: [
          { id: 'A', eligibility: 'site == lung', drug: 'drug-a', sampleSize: 40 },
          { id: 'B', eligibility: 'site == colon', drug: 'drug-b', sampleSize: 40 },
        ],
        analysis: { test: 'welch-t', alpha: 0.05, sided: 'two' },
      },
    });
    expectRate(s, 'A', welchTPower({ n1: 20, n0: 20, delta: 2.5, sd1: 4, sd0: 4, alpha: 0.05, sided: 2 }));
    expectRate(s, 'B', welchTPower({ n1: 20, n0: 20, delta: 0, sd1: 4, sd0: 4, alpha: 0.05, sided: 2 }));
  });
});
