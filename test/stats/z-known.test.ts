/**
 * The two-sample z test with a known standard deviation: its statistic,
 * p-values and interval from the formula (exact), and the parallel design's
 * simulated power against Φ(δ/se - z_(1-α)) (exact, one-sided), the
 * textbook sample-size case (Chow, Shao & Wang 2008, §3.2.1).
 */
import { describe, it, expect } from 'vitest';
import { knownVarianceZTest } from '../../src/stats/t-tests.js';
import { normalCdf, normalQuantile } from '../../src/stats/distributions.js';
import { simulate } from '../../src/run/simulate.js';
import { scenario } from '../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse } from '../helpers/mcse.js';

describe('z test with known standard deviation', () => {
  it('statistic, p-values and interval follow the formula', () => {
    const r = knownVarianceZTest({ mean: 1.3, variance: 99, n: 40 }, { mean: 0.5, variance: 0.1, n: 60 }, 2, 0.9);
    const se = 2 * Math.sqrt(1 / 40 + 1 / 60);
    expect(r.statistic).toBeCloseTo(0.8 / se, 14);
    expect(r.pGreater).toBeCloseTo(1 - normalCdf(0.8 / se), 14);
    expect(r.pTwoSided).toBeCloseTo(2 * (1 - normalCdf(0.8 / se)), 14);
    expect(r.difference.lower).toBeCloseTo(0.8 - normalQuantile(0.95) * se, 13);
  });

  it('the parallel design\'s power equals Φ(δ/se - z_(1-α)), exact', async () => {
    const R = 20000;
    const s = scenario({
      name: 'textbook', seed: 9, replicates: R,
      endpoint: { type: 'continuous', sd: 10 },
      arms: { control: {}, drug: { effect: 4 } },
      design: { type: 'two-arm', sampleSize: 200, randomisation: { method: 'permuted-block', blockSize: 2 }, analysis: { primary: { test: 'z-known', alpha: 0.025, sided: 'one' } } },
    });
    const { summary } = await simulate(s, { workers: 2 });
    const exact = normalCdf(4 / (10 * Math.sqrt(2 / 100)) - normalQuantile(0.975));
    expectWithinMcse(summary.hypotheses[0].rate, exact, { mcse: binomialMcse(exact, R) });
  });
});
