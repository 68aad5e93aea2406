/**
 * The frequentist basket analyses against exact values computed in R
 * (test/fixtures/basket-design.R): independent exact binomial tests, the
 * pooled test (whose rejection probability comes from the law of the total
 * count), Simon two-stage baskets (rejection, early stop, expected size,
 * mean estimate) and Fisher's test of a randomised basket. Simulated rates
 * must lie within 4 Monte Carlo SEs of the exact ones; describe() must give
 * the exact values themselves.
 */
import { describe, it, expect } from 'vitest';
import { basketData, run, expectRate, expectMean, expectEstimateMean, hypothesis, metric, fixture } from './helpers.js';
import { expectWithinMcse } from '../../helpers/mcse.js';

const R = 6000;
const ind = fixture.independent;
const ids = ['a', 'b', 'c', 'd'];

const frequentist = basketData({
  baskets: ids.map((id, k) => ({ id, sampleSize: ind.n[k], responseRate: ind.rate[k], p0: ind.p0[k] })),
  analyses: [{ method: 'independent-exact', alpha: ind.alpha }, { method: 'pooled', alpha: ind.alpha }],
}, { replicates: R, seed: 31 });

describe('independent exact and pooled baskets against exact rejection probabilities', async () => {
  const s = await run(frequentist);
  const baskets = s.baskets as { basket: string; methods: Record<string, { exact?: { rejection: number } }> }[];
  const analyses = s.analyses as { id: string; rejectWhenRespondersAtLeast?: Record<string, number>; rejectWhenTotalRespondersAtLeast?: number; exact?: { fwer: number; anyTrueSuccess: number } }[];

  it('each basket rejects with its exact binomial probability, null baskets at their exact size', () => {
    ids.forEach((id, k) => expectRate(s, `independent-exact:${id}`, ind.rejection[k]));
    expect(hypothesis(s, 'independent-exact:a').meaning).toBe('type I error');
    expect(hypothesis(s, 'independent-exact:c').meaning).toBe('type I error');
    expect(hypothesis(s, 'independent-exact:b').meaning).toBe('power');
  });

  it('the family-wise error and the chance of at least one true success follow from independence', () => {
    expectRate(s, 'independent-exact:fwer', ind.fwer);
    expectRate(s, 'independent-exact:any-true-success', ind.anyTrueSuccess);
  });

  it('the pooled test rejects with the exact probability of its total count reaching the critical value', () => {
    for (const id of ids) expectRate(s, `pooled:${id}`, fixture.pooled.rejection);
    expectRate(s, 'pooled:fwer', fixture.pooled.rejection);
  });

  it('describe() gives the exact critical values and probabilities', () => {
    const independent = analyses.find((a) => a.id === 'independent-exact')!;
    expect(ids.map((id) => independent.rejectWhenRespondersAtLeast![id])).toEqual(ind.criticalValue);
    expect(independent.exact!.fwer).toBeCloseTo(ind.fwer, 5);
    expect(independent.exact!.anyTrueSuccess).toBeCloseTo(ind.anyTrueSuccess, 5);
    expect(analyses.find((a) => a.id === 'pooled')!.rejectWhenTotalRespondersAtLeast).toBe(fixture.pooled.criticalValue);
    baskets.forEach((b, k) => {
      expect(b.methods['independent-exact'].exact!.rejection).toBeCloseTo(ind.rejection[k], 5);
      expect(b.methods.pooled.exact!.rejection).toBeCloseTo(fixture.pooled.rejection, 5);
    });
  });

  it('observed response rates are unbiased and the pooled rate is biased toward the other baskets', () => {
    ids.forEach((id, k) => expectEstimateMean(s, `rate:independent-exact:${id}`, ind.rate[k]));
    const pooledMean = ind.n.reduce((a, n, k) => a + n * ind.rate[k], 0) / ind.n.reduce((a, n) => a + n, 0);
    ids.forEach((id) => expectEstimateMean(s, `rate:pooled:${id}`, pooledMean));
    expect(metric(s, 'n:independent-exact').min).toBe(90);
    expect(metric(s, 'n:independent-exact').max).toBe(90);
  });
});

describe('Simon two-stage baskets against exact operating characteristics', async () => {
  const f = fixture.simon;
  const data = basketData({
    p0: f.p0, p1: f.p1,
    baskets: f.rate.map((rate, k) => ({ id: `s${k}`, sampleSize: 20, responseRate: rate })),
    analyses: [{ method: 'simon', alpha: 0.05, power: 0.8, design: 'optimal', maxN: 60 }],
  }, { replicates: R, seed: 32 });
  const s = await run(data);

  it('the optimal design searched per basket is the published 1/10, 5/29', () => {
    const simon = (s.analyses as { stages: Record<string, { r1: number; n1: number; r: number; n: number }> }[])[0];
    expect(simon.stages.s0).toMatchObject({ r1: f.r1, n1: f.n1, r: f.r, n: f.n });
  });

  it('rejection rates, probabilities of early stop and expected sizes match the exact values', () => {
    f.rate.forEach((_, k) => {
      expectRate(s, `simon:s${k}`, f.rejection[k]);
      expectMean(s, `early-stop:simon:s${k}`, f.earlyStop[k]);
      expectMean(s, `n:simon:s${k}`, f.expectedSize[k]);
    });
    expectMean(s, 'n:simon', f.expectedSize.reduce((a, b) => a + b, 0));
  });

  it('the estimate after an early stop is biased downward exactly as enumeration says', () => {
    f.rate.forEach((rate, k) => {
      expectEstimateMean(s, `rate:simon:s${k}`, f.meanEstimate[k]);
      expect(f.meanEstimate[k]).toBeLessThan(rate);
    });
    const baskets = s.baskets as { methods: { simon: { exact: { rejection: number; earlyStop: number; expectedPatients: number; meanEstimate: number } } } }[];
    baskets.forEach((b, k) => {
      expect(b.methods.simon.exact.rejection).toBeCloseTo(f.rejection[k], 5);
      expect(b.methods.simon.exact.earlyStop).toBeCloseTo(f.earlyStop[k], 5);
      expect(b.methods.simon.exact.expectedPatients).toBeCloseTo(f.expectedSize[k], 4);
      expect(b.methods.simon.exact.meanEstimate).toBeCloseTo(f.meanEstimate[k], 5);
    });
  });
});

describe('randomised baskets', () => {
  it("Fisher's one-sided test of drug vs control has its exact power and size", async () => {
    const f = fixture.fisher;
    const s = await run(basketData({
      p0: 0.15,
      baskets: [
        { id: 'works', sampleSize: f.n1, responseRate: 0.4, control: { sampleSize: f.n0, responseRate: 0.15 } },
        { id: 'inert', sampleSize: f.n1, responseRate: 0.15, control: { sampleSize: f.n0, responseRate: 0.15 } },
      ],
      comparison: { alpha: f.alpha },
      analyses: [{ method: 'independent-exact' }],
    }, { replicates: R, seed: 33 }));
    expectRate(s, 'randomised:works', f.power);
    expectRate(s, 'randomised:inert', f.size);
    expect(hypothesis(s, 'randomised:works').meaning).toBe('power');
    expect(hypothesis(s, 'randomised:inert').meaning).toBe('type I error');
    expectEstimateMeanRd(s);
  });
});

function expectEstimateMeanRd(s: Awaited<ReturnType<typeof run>>): void {
  const rd = s.estimates.find((e) => e.id === 'rd:works')!;
  expect(rd.truth).toBeCloseTo(0.25, 12);
  expectWithinMcse(rd.bias!, 0, { mcse: rd.biasMcse!, what: 'rd bias' });
}
