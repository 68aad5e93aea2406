/**
 * Two-sided rejections in the harmful direction are counted apart. With a
 * known-variance z test, a treatment that lowers a good outcome by δ
 * (se = σ√(2/n)) is rejected for harm with probability Φ(-z_(1-α/2) + δ/se)
 * and for benefit with Φ(-z_(1-α/2) - δ/se), exactly (4 MCSE).
 */
import { describe, it } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { normalCdf, normalQuantile } from '../../../src/stats/distributions.js';
import { scenario } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';

describe('rejections for harm', () => {
  it('are counted apart from rejections for benefit, at their exact rates', async () => {
    const R = 20000, n = 50, delta = 0.3;
    const { summary } = await simulate(scenario({
      name: 'harm', seed: 31, replicates: R,
      endpoint: { type: 'continuous', sd: 1, better: 'higher' },
      arms: { control: {}, drug: { effect: -delta } },
      design: { type: 'two-arm', sampleSize: 2 * n, randomisation: { method: 'permuted-block', blockSize: 2 }, analysis: { primary: { test: 'z-known', alpha: 0.05, sided: 'two' } } },
    }), { workers: 2 });
    const h = summary.hypotheses[0];
    const shift = delta / Math.sqrt(2 / n), z = normalQuantile(0.975);
    const harm = normalCdf(-z + shift), benefit = normalCdf(-z - shift);
    expectWithinMcse(h.wrongDirection!.rate, harm, { mcse: binomialMcse(harm, R) });
    expectWithinMcse(h.rate - h.wrongDirection!.rate, benefit, { mcse: binomialMcse(benefit, R) });
  });
});
