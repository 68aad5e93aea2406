/**
 * Patient types (every discrete covariate combined into one index) and the
 * per-type tables the replicate loop reads: the type the biomarker sampler
 * records decodes back to the patient's own markers and profile, and the
 * randomisation and outcome draws by type give exactly the draws by markers.
 */
import { describe, it, expect } from 'vitest';
import { Cohort } from '../../src/population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../src/population/biomarkers.js';
import { patientTypes, decodeKey } from '../../src/population/discrete-table.js';
import { buildOutcomeModel } from '../../src/population/outcomes.js';
import { buildRandomiser } from '../../src/designs/randomisation.js';
import { normalSampler } from '../../src/random/samplers.js';
import { stream } from '../../src/random/stream.js';
import { scenario } from '../helpers/scenarios.js';

const N = 5000;
const binaryOnly = [{ id: 'a', type: 'binary', prevalence: 0.3 }, { id: 'b', type: 'binary', prevalence: 0.6 }];
const mixed = {
  biomarkers: [
    { id: 'a', type: 'binary', prevalence: 0.3 },
    { id: 'site', type: 'categorical', levels: { lung: 0.5, colon: 0.3, skin: 0.2 } },
    { id: 'b', type: 'binary', prevalence: 0.6 },
  ],
  correlations: [{ between: ['a', 'b'], rho: 0.4 }],
  profiles: [
    { id: 'p1', prevalence: 0.4, biomarkers: { a: { prevalence: 0.7 } } },
    { id: 'p2', prevalence: 0.6 },
  ],
};

function spec(population: Record<string, unknown>, model: Record<string, unknown> = {}) {
  return scenario({
    name: 'types', population,
    endpoint: { type: 'binary', intercept: -0.5, prognostic: { a: 0.3 } },
    arms: { control: {}, drug: { effect: 0.2, interactions: { b: 0.8 }, ...model } },
    design: { type: 'two-arm', sampleSize: 10, randomisation: { method: 'permuted-block', blockSize: 4, strata: ['a', 'b'] }, analysis: { primary: { test: 'z-pooled' } } },
  }).spec;
}

function draw(s: ReturnType<typeof spec>) {
  const source = stream(5, 1, 'patients');
  const draw = biomarkerSampler(compilePopulation(s.population), source, normalSampler(source));
  const c = new Cohort(N, s.population.biomarkers.length);
  for (let i = 0; i < N; i++) expect(draw(c, i)).toBe(c.type[i]);
  c.n = N;
  return c;
}

describe('patient types', () => {
  it('count every combination of levels and profiles, and do not exist with a continuous biomarker', () => {
    expect(patientTypes(spec({ biomarkers: binaryOnly }).population)!.size).toBe(4);
    expect(patientTypes(spec(mixed).population)!.size).toBe(2 * 3 * 2 * 2);
    expect(patientTypes(spec({ biomarkers: [...binaryOnly, { id: 'age', type: 'continuous', mean: 60, sd: 10 }] }).population)).toBeNull();
  });

  for (const [what, population] of [['independent binary markers', { biomarkers: binaryOnly }], ['correlated, categorical and profiles', mixed]] as const) {
    it(`decode to the patient's own covariates (${what})`, () => {
      const s = spec(population);
      const c = draw(s);
      const types = patientTypes(s.population)!;
      const one = new Cohort(1, s.population.biomarkers.length);
      const seen = new Set<number>();
      for (let i = 0; i < N; i++) {
        seen.add(c.type[i]);
        decodeKey(types, c.type[i], one);
        for (let j = 0; j < s.population.biomarkers.length; j++) expect(one.markers[j][0]).toBe(c.markers[j][i]);
        if (types.profileStride > 0) expect(one.profile[0]).toBe(c.profile[i]);
      }
      expect(seen.size).toBe(types.size);
    });

    it(`give the same arms and outcomes as the covariates themselves (${what})`, () => {
      const s = spec(population);
      const c = draw(s);
      const types = patientTypes(s.population);
      const plan = { method: 'permuted-block' as const, ratios: [1, 1], blockSize: 4, strata: [{ column: 0, levels: 2 }, { column: s.population.biomarkers.length - 1, levels: 2 }] };
      const byType = buildRandomiser(plan, types);
      const byMarkers = buildRandomiser(plan);
      const model = buildOutcomeModel(s);
      const u = stream(5, 1, 'allocation'), v = stream(5, 1, 'allocation');
      const w = stream(5, 1, 'analysis'), x = stream(5, 1, 'analysis');
      const untyped = new Cohort(1, 0);
      for (let i = 0; i < N; i++) {
        const arm = byType.assign(u, c, i);
        const type = c.type[i];
        c.type[i] = -1;
        expect(byMarkers.assign(v, c, i)).toBe(arm);
        c.arm[i] = arm;
        model.drawObserved(x, () => 0, c, i);
        const direct = c.outcome[i];
        c.type[i] = type;
        model.drawObserved(w, () => 0, c, i);
        expect(c.outcome[i]).toBe(direct);
      }
      expect(untyped.type[0]).toBe(-1);
    });
  }
});
