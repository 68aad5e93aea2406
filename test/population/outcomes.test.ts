/**
 * Potential outcomes follow the stated laws: event times with the stated
 * median and Weibull shape, hazard ratios as specified, binary response
 * probabilities from the logit model, and biomarker prevalences and
 * correlations from the copula.
 */
import { describe, it, expect } from 'vitest';
import { Cohort } from '../../src/population/cohort.js';
import { buildOutcomeModel } from '../../src/population/outcomes.js';
import { biomarkerSampler, compilePopulation } from '../../src/population/biomarkers.js';
import { normalSampler } from '../../src/random/samplers.js';
import { stream } from '../../src/random/stream.js';
import { normalCdf, normalQuantile } from '../../src/stats/distributions.js';
import { scenario } from '../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse, meanMcse } from '../helpers/mcse.js';

const N = 100_000;

function population(data: Record<string, unknown>) {
  const s = scenario({ name: 't', design: { type: 'two-arm', sampleSize: 10, analysis: { primary: { test: data.test ?? 'z-pooled' } } }, ...data, test: undefined }).spec;
  const source = stream(1, 1, 'patients');
  const normal = normalSampler(source);
  const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
  const model = buildOutcomeModel(s);
  const c = new Cohort(N, s.population.biomarkers.length);
  for (let i = 0; i < N; i++) { draw(c, i); model.drawLatent(source, normal, c, i); }
  c.n = N;
  return { s, c, model };
}

describe('time-to-event potential outcomes', () => {
  it('a Weibull endpoint has the stated median and shape, and the treatment multiplies the hazard', () => {
    const { c, model } = population({
      endpoint: { type: 'time-to-event', distribution: 'weibull', median: 12, shape: 1.5, accrualDuration: 12, followUp: 24 },
      arms: { control: {}, drug: { effect: Math.log(0.6) } },
      test: 'log-rank',
    });
    let belowMedian = 0, below6 = 0, drugBelow12 = 0;
    const lambda = Math.log(2) / Math.pow(12, 1.5);
    for (let i = 0; i < N; i++) {
      const t0 = model.outcome(c, i, 0), t1 = model.outcome(c, i, 1);
      if (t0 <= 12) belowMedian++;
      if (t0 <= 6) below6++;
      if (t1 <= 12) drugBelow12++;
    }
    expectWithinMcse(belowMedian / N, 0.5, { mcse: binomialMcse(0.5, N), what: 'share below the median' });
    const p6 = 1 - Math.exp(-lambda * Math.pow(6, 1.5));
    expectWithinMcse(below6 / N, p6, { mcse: binomialMcse(p6, N), what: 'share below 6' });
    const pDrug = 1 - Math.exp(-0.6 * lambda * Math.pow(12, 1.5)); // hazard ratio 0.6
    expectWithinMcse(drugBelow12 / N, pDrug, { mcse: binomialMcse(pDrug, N), what: 'share below 12 on drug' });
  });
});

describe('biomarkers from the Gaussian copula', () => {
  it('have the stated prevalence, level probabilities, mean and latent correlation', () => {
    const { c } = population({
      population: {
        biomarkers: [
          { id: 'm', type: 'binary', prevalence: 0.3 },
          { id: 'age', type: 'continuous', mean: 60, sd: 10 },
          { id: 'site', type: 'categorical', levels: { a: 0.5, b: 0.3, c: 0.2 } },
        ],
        correlations: [{ between: ['m', 'age'], rho: 0.5 }],
      },
      endpoint: { type: 'binary', intercept: 0 },
      arms: { control: {}, drug: {} },
    });
    let m = 0, ageSum = 0, b = 0, ageGivenM = 0;
    for (let i = 0; i < N; i++) {
      m += c.markers[0][i]; ageSum += c.markers[1][i]; b += c.markers[2][i] === 1 ? 1 : 0;
      if (c.markers[0][i] === 1) ageGivenM += c.markers[1][i];
    }
    expectWithinMcse(m / N, 0.3, { mcse: binomialMcse(0.3, N), what: 'prevalence of m' });
    expectWithinMcse(b / N, 0.3, { mcse: binomialMcse(0.3, N), what: 'share of site b' });
    expectWithinMcse(ageSum / N, 60, { mcse: meanMcse(10, N), what: 'mean age' });
    // The marker is present when its latent normal exceeds z = Φ⁻¹(0.7), so
    // E[age | m = 1] = 60 + 10 ρ E[Z | Z > z] = 60 + 10 ρ φ(z)/0.3 (truncated normal mean).
    const z = normalQuantile(0.7);
    const phi = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    const expected = 60 + (10 * 0.5 * phi) / 0.3;
    // sd 10 bounds the conditional sd of age, so this MCSE is conservative.
    expectWithinMcse(ageGivenM / m, expected, { mcse: meanMcse(10, m), what: 'mean age given m' });
    expect(normalCdf(0)).toBe(0.5);
  });
});

describe('outcomes of patients who are only their arm (observedOfArm)', () => {
  const arms = { control: { effect: 0 }, drug: { effect: 0.4 }, other: { effect: -0.2 } };
  /** Every patient's observed outcome by drawObserved and by observedOfArm from the same stream, arms in turn. */
  function bothWays(data: Record<string, unknown>) {
    const s = scenario({ name: 't', design: { type: 'mams', stages: { arm: [10, 10] }, alpha: 0.05, efficacy: 'triangular', futility: 'triangular' }, arms, ...data }).spec;
    const model = buildOutcomeModel(s);
    const draws = (observe: (source: () => number, normal: () => number, c: Cohort, i: number, arm: number) => number) => {
      const source = stream(3, 7, 'patients');
      const normal = normalSampler(source);
      const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
      const c = new Cohort(2000, s.population.biomarkers.length);
      return Array.from({ length: 2000 }, (_, i) => { draw(c, i); c.arm[i] = i % 3; return observe(source, normal, c, i, i % 3); });
    };
    const cohortWay = draws((source, normal, c, i) => { model.drawObserved(source, normal, c, i); return c.outcome[i]; });
    const armWay = model.observedOfArm ? draws((source, normal, _c, _i, arm) => model.observedOfArm!(source, normal, arm)) : undefined;
    return { model, cohortWay, armWay };
  }

  it.each([
    ['continuous', { endpoint: { type: 'continuous', sd: 2, intercept: 1.5 } }],
    ['binary, logit', { endpoint: { type: 'binary', intercept: -0.85 } }],
    ['binary, rates table', { endpoint: { type: 'binary', model: 'rates', rates: [{ rates: { control: 0.3, drug: 0.45, other: 0.2 } }] }, arms: { control: {}, drug: {}, other: {} } }],
    ['continuous, one profile', { endpoint: { type: 'continuous', sd: 1 }, population: { profiles: [{ id: 'all', prevalence: 1 }] } }],
  ])('%s: the same outcomes, bit for bit, as drawing each patient into a cohort', (_, data) => {
    const { cohortWay, armWay } = bothWays(data);
    expect(armWay).toBeDefined();
    // Not a constant stream: the arms' outcomes differ.
    expect(new Set(cohortWay).size).toBeGreaterThan(1);
    cohortWay.forEach((y, i) => expect(Object.is(armWay![i], y), `patient ${i}`).toBe(true));
  });

  it.each([
    ['a biomarker', { endpoint: { type: 'continuous', sd: 1 }, population: { biomarkers: [{ id: 'm', type: 'binary', prevalence: 0.3 }] } }],
    ['two profiles', { endpoint: { type: 'binary', intercept: 0 }, population: { profiles: [{ id: 'a', prevalence: 0.5 }, { id: 'b', prevalence: 0.5 }] } }],
  ])('is not offered with %s (a patient is more than their arm)', (_, data) => {
    expect(bothWays(data).model.observedOfArm).toBeUndefined();
  });
});
