/**
 * Simulated rejection rates of the parallel-group design against exact
 * values: the pooled z-test by enumerating both binomial counts, Fisher's
 * test likewise, and Welch's t-test by quadrature. Arm sizes are fixed by
 * permuted blocks that fill exactly; tolerances are 4 Monte Carlo SEs.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { exactPooledZRejectionProbability, exactRejectionProbability, welchTPower } from '../../../src/stats/exact-power.js';
import { fisherExactTest } from '../../../src/stats/fisher.js';
import { logit } from '../../../src/stats/distributions.js';
import { scenario } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';

function binaryTrial(p0: number, p1: number, n: number, test: string, sided: 'one' | 'two', replicates: number) {
  return scenario({
    name: 'binary', seed: 11, replicates, truth: { patients: 1000 },
    endpoint: { type: 'binary', intercept: logit(p0) },
    arms: { control: {}, drug: { effect: logit(p1) - logit(p0) } },
    design: { type: 'two-arm', sampleSize: n, randomisation: { method: 'permuted-block', blockSize: 4 }, analysis: { primary: { test, alpha: 0.05, sided } } },
  });
}

async function rejectionRate(s: ReturnType<typeof scenario>, id = 'drug-vs-control') {
  const { summary } = await simulate(s, { workers: 2 });
  const h = summary.hypotheses.find((x) => x.id === id)!;
  return { rate: h.rate, summary };
}

function expectWithin(sim: { rate: number }, exact: number, replicates: number) {
  expectWithinMcse(sim.rate, exact, { mcse: binomialMcse(exact, replicates) });
}

describe('parallel design: rejection rates against exact values', () => {
  const R = 20000;

  it('pooled z-test rejects at its exact size under the null (two-sided)', async () => {
    const exact = exactPooledZRejectionProbability({ n1: 100, p1: 0.3, n0: 100, p0: 0.3, alpha: 0.05, sided: 2 });
    expectWithin(await rejectionRate(binaryTrial(0.3, 0.3, 200, 'z-pooled', 'two', R)), exact, R);
  });

  it('pooled z-test has its exact power under the alternative (one-sided)', async () => {
    const exact = exactPooledZRejectionProbability({ n1: 100, p1: 0.45, n0: 100, p0: 0.3, alpha: 0.025, sided: 1 });
    const s = binaryTrial(0.3, 0.45, 200, 'z-pooled', 'one', R);
    const spec = JSON.parse(JSON.stringify(s.spec));
    spec.design.analysis.primary.alpha = 0.025;
    expectWithin(await rejectionRate(scenario(spec)), exact, R);
    expect(exact).toBeGreaterThan(0.4);
  });

  it("Fisher's exact test has its exact rejection probability", async () => {
    const exact = exactRejectionProbability({ n1: 40, p1: 0.5, n0: 40, p0: 0.2, reject: (x1, x0) => fisherExactTest(x1, 40, x0, 40).pTwoSided < 0.05 });
    expectWithin(await rejectionRate(binaryTrial(0.2, 0.5, 80, 'fisher', 'two', R)), exact, R);
  });

  it("Welch's t-test has its exact power", async () => {
    const s = scenario({
      name: 'normal', seed: 5, replicates: R, truth: { patients: 1000 },
      endpoint: { type: 'continuous', intercept: 10, sd: 2 },
      arms: { control: {}, drug: { effect: 1 } },
      design: { type: 'two-arm', sampleSize: 60, analysis: { primary: { test: 'welch-t', alpha: 0.05, sided: 'two' } } },
    });
    const exact = welchTPower({ n1: 30, n0: 30, delta: 1, sd1: 2, sd0: 2, alpha: 0.05, sided: 2 });
    const sim = await rejectionRate(s);
    expectWithin(sim, exact, R);
    const md = sim.summary.estimates.find((e) => e.id === 'md:drug-vs-control')!;
    expect(md.truth).toBe(1);
    expectWithinMcse(md.bias!, 0, { mcse: md.biasMcse!, what: 'bias' });
    expectWithinMcse(md.coverage!, 0.95, { mcse: binomialMcse(0.95, R), what: 'coverage' });
  });
});
