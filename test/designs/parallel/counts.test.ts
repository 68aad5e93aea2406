/**
 * Count-level simulation (design.simulate: counts). The binomial deviate is
 * exact inversion: for a grid of uniforms it returns the least k whose cdf
 * reaches u, from 0 and from the mode (n large enough that (1-p)^n
 * underflows). A trial simulated by counts has the patient-level
 * distribution: every hypothesis' rejection rate and every estimate's mean
 * agree with the patient-level run's within 4 MCSE of the difference, with
 * a stratified permuted block, a categorical and a binary marker, subgroups
 * and three arms with unequal allocation. What counts cannot simulate is
 * refused at validate time, and exporting patients is refused.
 */
import { describe, it, expect } from 'vitest';
import { binomialDeviate } from '../../../src/designs/parallel/counts.js';
import { betaCdf, binomialPmf } from '../../../src/stats/distributions.js';
import { simulate } from '../../../src/run/simulate.js';
import { scenario, refusalOf } from '../../helpers/scenarios.js';
import { expectWithinMcse } from '../../helpers/mcse.js';

/** Binomial cdf at k: I_{1-p}(n - k, k + 1). */
const cdf = (k: number, n: number, p: number) => (k >= n ? 1 : betaCdf(1 - p, n - k, k + 1));

describe('binomial deviates by inversion', () => {
  it.each([[30, 0.2], [300, 0.45], [5000, 0.3], [20000, 0.5], [7, 0.9]])('n = %i, p = %f: the least k with F(k) >= u', (n, p) => {
    for (let j = 1; j < 200; j++) {
      const u = j / 200;
      const k = binomialDeviate(n, p, u);
      expect(cdf(k, n, p)).toBeGreaterThanOrEqual(u - 1e-9);
      if (k > 0) expect(cdf(k - 1, n, p)).toBeLessThan(u + 1e-9);
    }
    // The extreme uniforms too: the least k with F(k) >= 1e-300, and F(k - 1) below 1 - 1e-12 for u = 1 - 1e-12.
    for (const u of [1e-300, 1 - 1e-12]) {
      const k = binomialDeviate(n, p, u);
      expect(cdf(k, n, p)).toBeGreaterThanOrEqual(u - 1e-9);
      if (k > 0) expect(cdf(k - 1, n, p)).toBeLessThan(u + 1e-9);
    }
  });

  it('small n: the pmf sums match', () => {
    let mass = 0;
    for (let k = 0; k <= 12; k++) mass += binomialPmf(k, 12, 0.3);
    expect(mass).toBeCloseTo(1, 12);
    expect(binomialDeviate(12, 0.3, 0.5)).toBe(4);
  });
});

const spec = (simulateAs: 'patients' | 'counts', seed: number) => scenario({
  name: `counts-${simulateAs}`, seed, replicates: 8000,
  population: {
    biomarkers: [
      { id: 'mplus', type: 'binary', prevalence: 0.4 },
      { id: 'site', type: 'categorical', levels: { lung: 0.5, colon: 0.3, breast: 0.2 } },
    ],
    correlations: [{ between: ['mplus', 'site'], rho: 0.3 }],
  },
  endpoint: { type: 'binary', intercept: -0.85, prognostic: { 'site=colon': 0.4 } },
  arms: { control: {}, low: { effect: 0.1, interactions: { mplus: 0.6 } }, high: { effect: 0.3, interactions: { mplus: 0.9 } } },
  design: {
    type: 'parallel', sampleSize: 302, allocation: { control: 2, low: 1, high: 1 },
    randomisation: { method: 'permuted-block', blockSize: 8, strata: ['mplus'] },
    analysis: { primary: { test: 'z-pooled', alpha: 0.05, sided: 'two' }, subgroups: ['mplus', 'site'] },
    simulate: simulateAs,
  },
});

describe('simulating counts instead of patients', () => {
  it('gives the patient-level rejection rates and mean estimates (4 MCSE of the difference)', async () => {
    const [patients, counts] = [(await simulate(spec('patients', 1), { workers: 2 })).summary, (await simulate(spec('counts', 2), { workers: 2 })).summary];
    patients.hypotheses.forEach((h, k) => {
      const c = counts.hypotheses[k];
      expect(c.id).toBe(h.id);
      expectWithinMcse(c.rate, h.rate, { mcse: Math.hypot(c.mcse, h.mcse), what: `rejection rate of ${h.id}` });
    });
    patients.estimates.forEach((e, k) => {
      const c = counts.estimates[k];
      if (e.mean === null || c.mean === null || e.empiricalSe === null || c.empiricalSe === null) return;
      expectWithinMcse(c.mean, e.mean, { mcse: Math.hypot(c.empiricalSe / Math.sqrt(c.n), e.empiricalSe / Math.sqrt(e.n)), what: `mean of ${e.id}` });
    });
    const size = (s: typeof patients, id: string) => s.metrics.find((m) => m.id === id)!;
    // Permuted blocks: the arms' sizes have the same spread either way.
    expectWithinMcse(size(counts, 'n:control').mean, size(patients, 'n:control').mean, { mcse: Math.hypot(size(counts, 'n:control').sd, size(patients, 'n:control').sd) / Math.sqrt(8000) + 1e-9, what: 'control size' });
  });

  it('refuses what it cannot simulate, at validate time', () => {
    const base = `name: c
population: { biomarkers: [{ id: age, type: continuous, mean: 60, sd: 10 }] }
endpoint: { type: binary, intercept: 0 }
arms: { control: {}, drug: {} }
design: { type: two-arm, sampleSize: 100, simulate: counts, analysis: { primary: { test: z-pooled } } }
`;
    expect(refusalOf(base)).toMatch(/design\.simulate: simulate: counts draws the numbers of patients and responders of a binary endpoint; found the continuous biomarker "age"/);
    expect(refusalOf(base.replace('type: binary, intercept: 0', 'type: continuous, sd: 1').replace('population: { biomarkers: [{ id: age, type: continuous, mean: 60, sd: 10 }] }\n', '').replace('z-pooled', 'welch-t'))).toMatch(/found a continuous endpoint/);
  });
});
