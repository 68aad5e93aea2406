/**
 * Enumerated biomarker patterns (src/population/patterns.ts): their
 * probabilities, with correlated and profile-dependent discrete markers,
 * against the biomarker sampler itself (each cell within 4 MCSE of 200,000
 * simulated patients, so the copula's boxes match the sampler's thresholds
 * and levels), plus exact identities (total 1, marginals), and the exact
 * truth of a parallel trial built on them.
 */
import { describe, it, expect } from 'vitest';
import { discretePatterns } from '../../src/population/patterns.js';
import { biomarkerSampler, compilePopulation } from '../../src/population/biomarkers.js';
import { Cohort } from '../../src/population/cohort.js';
import { normalSampler } from '../../src/random/samplers.js';
import { ReplicateStreams, runStreams } from '../../src/random/stream.js';
import { buildOutcomeModel } from '../../src/population/outcomes.js';
import { designFor } from '../../src/designs/registry.js';
import { scenario } from '../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse, meanMcse } from '../helpers/mcse.js';

const population = {
  biomarkers: [
    { id: 'a', type: 'binary', prevalence: 0.3 },
    { id: 'b', type: 'binary', prevalence: 0.5 },
    { id: 'c', type: 'categorical', levels: { low: 0.2, mid: 0.5, high: 0.3 } },
    { id: 'd', type: 'binary', prevalence: 0.2 },
  ],
  correlations: [{ between: ['a', 'b'], rho: 0.6 }, { between: ['b', 'c'], rho: -0.4 }],
};
const withProfiles = {
  ...population,
  profiles: [
    { id: 'p1', prevalence: 0.4, biomarkers: { a: { prevalence: 0.6 } } },
    { id: 'p2', prevalence: 0.6, biomarkers: { c: { levels: { low: 0.5, mid: 0.3, high: 0.2 } } } },
  ],
};
const trial = (pop: object) => scenario({
  name: 'patterns', seed: 5, replicates: 10, truth: { patients: 1000 }, population: pop,
  endpoint: { type: 'binary', model: 'logit', intercept: -0.5, prognostic: { a: 0.4, 'c=high': 0.3, ...('profiles' in pop ? { p2: 0.5 } : {}) } },
  arms: { control: {}, drug: { effect: 0.2, interactions: { b: 0.8, d: -0.5 } } },
  design: { type: 'two-arm', sampleSize: 100, analysis: { primary: { test: 'z-pooled' }, subgroups: ['b'] } },
});

/** Each pattern's frequency among n patients from the sampler. */
function simulatedFrequencies(pop: object, n: number) {
  const s = trial(pop).spec;
  const source = new ReplicateStreams(99, 1).patients;
  const draw = biomarkerSampler(compilePopulation(s.population), source, normalSampler(source));
  const cohort = new Cohort(1, 4);
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    draw(cohort, 0);
    const key = `${cohort.markers.map((m) => m[0]).join(',')}|${cohort.profile[0]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('biomarker patterns', () => {
  for (const [what, pop] of [['correlated', population], ['correlated, with latent profiles', withProfiles]] as const) {
    it(`${what}: probabilities sum to 1 and match 200,000 sampled patients cell by cell`, () => {
      const s = trial(pop).spec;
      const patterns = discretePatterns(s)!;
      expect(patterns).not.toBeNull();
      expect(patterns.reduce((t, p) => t + p.weight, 0)).toBeCloseTo(1, 12);
      const n = 200_000;
      const counts = simulatedFrequencies(pop, n);
      for (const p of patterns) {
        const key = `${p.values.join(',')}|${p.profile}`;
        expectWithinMcse((counts.get(key) ?? 0) / n, p.weight, { mcse: binomialMcse(p.weight, n), what: key });
      }
    });
  }

  it('marginals are the stated prevalences and level shares, exactly', () => {
    const patterns = discretePatterns(trial(population).spec)!;
    const marginal = (j: number, v: number) => patterns.filter((p) => p.values[j] === v).reduce((t, p) => t + p.weight, 0);
    expect(marginal(0, 1)).toBeCloseTo(0.3, 12);
    expect(marginal(1, 1)).toBeCloseTo(0.5, 12);
    expect(marginal(2, 2)).toBeCloseTo(0.3, 12);
    expect(marginal(3, 1)).toBeCloseTo(0.2, 12);
    // d is independent of the copula: P(a = 1, d = 1) = 0.3 x 0.2
    const joint = patterns.filter((p) => p.values[0] === 1 && p.values[3] === 1).reduce((t, p) => t + p.weight, 0);
    expect(joint).toBeCloseTo(0.06, 12);
  });

  it('a continuous biomarker, or six correlated ones, leave the truth to the virtual population', () => {
    const cont = trial({ ...population, biomarkers: [...population.biomarkers, { id: 'x', type: 'continuous', mean: 0, sd: 1 }] }).spec;
    expect(discretePatterns(cont)).toBeNull();
    const extra = ['m1', 'm2', 'm3'];
    const six = trial({
      biomarkers: [...population.biomarkers, ...extra.map((id) => ({ id, type: 'binary', prevalence: 0.4 }))],
      correlations: [...population.correlations, ...extra.map((id) => ({ between: ['a', id], rho: 0.2 }))],
    }).spec;
    expect(discretePatterns(six)).toBeNull();
  });

  it('a parallel trial\'s truth is exact (MCSE 0) and agrees with 200,000 sampled patients within 4 MCSE', () => {
    const s = trial(withProfiles);
    const truth = designFor(s.spec.design.type).truth(s.spec, s.prepared.data, runStreams(s.spec.seed));
    const rd = truth['rd:drug-vs-control'];
    expect(rd.mcse).toBe(0);
    expect(truth['rd:drug-vs-control|b=1'].mcse).toBe(0);
    const model = buildOutcomeModel(s.spec);
    const source = new ReplicateStreams(123, 1).patients;
    const draw = biomarkerSampler(compilePopulation(s.spec.population), source, normalSampler(source));
    const cohort = new Cohort(1, 4);
    const n = 200_000;
    let sum = 0, sum2 = 0;
    for (let i = 0; i < n; i++) {
      draw(cohort, 0);
      const d = model.mean(cohort, 0, 1) - model.mean(cohort, 0, 0);
      sum += d; sum2 += d * d;
    }
    const mean = sum / n;
    expectWithinMcse(mean, rd.value, { mcse: meanMcse(Math.sqrt(sum2 / n - mean * mean), n), what: 'risk difference' });
  });
});
