/**
 * Count endpoints in the parallel design. Exact: the expected number of
 * events is Σ_a n_a t λ_a (Poisson or negative binomial alike) and the true
 * log rate ratio is log(λ_1/λ_0) with no Monte Carlo error when no
 * biomarker moves the rate. Asymptotic: with overdispersed counts
 * (negative binomial, dispersion 0.8) the negative-binomial Wald interval
 * covers at its nominal 95% (slack 0.01 for n = 150 per arm), while the
 * Poisson interval, which ignores the overdispersion, covers far less:
 * its model SE falls short of the empirical SE by about √(1 + kμ) (here
 * about 1.5), so its coverage is near 2Φ(1.96/1.5) - 1 ≈ 0.81.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { normalCdf } from '../../../src/stats/distributions.js';
import { scenario } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse, meanMcse } from '../../helpers/mcse.js';

function countTrial(test: string, dispersion: number | undefined, R: number) {
  return scenario({
    name: 'counts', seed: 8, replicates: R,
    endpoint: { type: 'count', distribution: dispersion ? 'negative-binomial' : 'poisson', rate: 1.2, exposure: 1, ...(dispersion ? { dispersion } : {}) },
    arms: { control: {}, drug: { effect: Math.log(0.7) } },
    design: { type: 'two-arm', sampleSize: 300, randomisation: { method: 'permuted-block', blockSize: 2 }, analysis: { primary: { test, alpha: 0.025, sided: 'one' } } },
  });
}

describe('count endpoint', () => {
  it('Poisson counts: the expected number of events and the exact true log rate ratio', async () => {
    const R = 4000;
    const { summary } = await simulate(countTrial('poisson-wald', undefined, R), { workers: 2 });
    const events = summary.metrics.find((m) => m.id === 'events')!;
    const expected = 150 * 1.2 + 150 * 1.2 * 0.7;
    expectWithinMcse(events.mean, expected, { mcse: meanMcse(Math.sqrt(expected), R) });
    const e = summary.estimates[0];
    expect(e.scale).toBe('log rate ratio');
    expect(e.truth).toBeCloseTo(Math.log(0.7), 12);
    expect(e.truthMcse).toBe(0);
    expect(summary.hypotheses[0].meaning).toBe('power');
  });

  it('overdispersed counts: negative-binomial intervals cover, Poisson ones do not', async () => {
    const R = 2000;
    const nb = (await simulate(countTrial('nb-wald', 0.8, R), { workers: 2 })).summary.estimates[0];
    const poisson = (await simulate(countTrial('poisson-wald', 0.8, R), { workers: 2 })).summary.estimates[0];
    expectWithinMcse(nb.coverage!, 0.95, { mcse: binomialMcse(0.95, R), slack: 0.01 });
    const inflation = Math.sqrt(1 + 0.8 * 1.2 * 0.85);
    const poissonCoverage = 2 * normalCdf(1.959964 / inflation) - 1;
    expectWithinMcse(poisson.coverage!, poissonCoverage, { mcse: binomialMcse(poissonCoverage, R), slack: 0.03 });
  });
});
