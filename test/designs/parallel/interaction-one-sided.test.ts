/**
 * With `sided: one` the two-level interaction test is one-sided (more
 * benefit in the second level). Each level's mean difference is
 * t-based with about 100 patients per cell, so under no interaction the
 * interaction z is N(0, 1) to within 5e-4 in rejection rate and the
 * one-sided test rejects with probability alpha. When the benefit is larger
 * in the first level by δ = 0.5 (se of the interaction ≈ √(4/100) = 0.2 at
 * the expected cell sizes), the one-sided test rejects with probability
 * Φ(-δ/se - z_0.95) ≈ 0 and the two-sided one with Φ(δ/se - z_0.975) +
 * Φ(-δ/se - z_0.975) ≈ 0.705 (slack 0.03 for random cell sizes).
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { scenario } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';
import { normalCdf, normalQuantile } from '../../../src/stats/distributions.js';

function trial(interaction: number, sided: 'one' | 'two', R: number) {
  return scenario({
    name: 'interaction', seed: 21, replicates: R,
    population: { biomarkers: [{ id: 'mplus', type: 'binary', prevalence: 0.5 }] },
    endpoint: { type: 'continuous', sd: 1 },
    arms: { control: {}, drug: { effect: 0.2, interactions: { mplus: interaction } } },
    design: { type: 'two-arm', sampleSize: 400, analysis: { primary: { test: 't', alpha: 0.05, sided }, subgroups: ['mplus'] } },
  });
}

const rate = async (s: ReturnType<typeof trial>) => (await simulate(s, { workers: 2 })).summary.hypotheses.find((h) => h.family === 'interaction')!;

describe('one-sided interaction test', () => {
  it('rejects at alpha when there is no interaction', async () => {
    const R = 20000;
    const h = await rate(trial(0, 'one', R));
    expect(h.label).toMatch(/one-sided: more benefit in mplus=1/);
    // t-based level estimates at ~100 per cell: the interaction z is normal to within 5e-4 in rejection rate.
    expectWithinMcse(h.rate, 0.05, { mcse: binomialMcse(0.05, R), slack: 5e-4 });
  });
  it('does not reject when the benefit is larger in the first level; the two-sided test does', async () => {
    const R = 2000, shift = 0.5 / 0.2;
    const one = await rate(trial(-0.5, 'one', R));
    const two = await rate(trial(-0.5, 'two', R));
    const oneExpected = normalCdf(-shift - normalQuantile(0.95));
    const twoExpected = normalCdf(shift - normalQuantile(0.975)) + normalCdf(-shift - normalQuantile(0.975));
    expectWithinMcse(one.rate, oneExpected, { mcse: binomialMcse(oneExpected, R), slack: 0.003 });
    expectWithinMcse(two.rate, twoExpected, { mcse: binomialMcse(twoExpected, R), slack: 0.03 });
  });
});
