/**
 * The regression-model section of a scenario: checks with "expected X, found
 * Y" messages, and the shipped heterogeneity scenarios load, run and report
 * the conditional-effect curve, biomarker roles and model specification.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { ScenarioError } from '../../../src/scenario/errors.js';
import { scenario } from '../../helpers/scenarios.js';
import { flagship } from './helpers.js';

function issues(models: unknown[], endpoint: Record<string, unknown> = { type: 'binary', intercept: 0 }): string[] {
  try {
    scenario({
      name: 'check',
      population: { biomarkers: [{ id: 'mplus', type: 'binary', prevalence: 0.5 }, { id: 'age', type: 'continuous', mean: 60, sd: 10 }, { id: 'site', type: 'categorical', levels: { a: 0.5, b: 0.5 } }] },
      endpoint, arms: { control: {}, drug: {} },
      design: { type: 'two-arm', sampleSize: 100, analysis: { primary: { test: endpoint.type === 'binary' ? 'z-pooled' : 't' }, models } },
    });
    return [];
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    return err.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
}

describe('checks of design.analysis.models', () => {
  it('accepts a model with defaults (type by endpoint, interactions = biomarkers, both tests)', () => {
    expect(issues([{ biomarkers: ['mplus', 'age', 'site'], adjust: [] }])).toEqual([]);
  });

  it.each([
    [[{ type: 'linear', biomarkers: ['mplus'] }], 'design.analysis.models.0.type: expected logistic for a binary endpoint, found linear'],
    [[{ biomarkers: ['nope'] }], 'design.analysis.models.0.biomarkers.0: expected a biomarker (mplus, age, site), found "nope"'],
    [[{ biomarkers: ['mplus'], interactions: ['age'] }], 'design.analysis.models.0.interactions.0: expected a biomarker listed in biomarkers (mplus), found "age"'],
    [[{ biomarkers: ['mplus'], adjust: ['mplus'] }], 'design.analysis.models.0.adjust.0: expected each biomarker once in biomarkers and adjust, found "mplus" again'],
    [[{ biomarkers: ['mplus'], ties: 'efron' }], 'design.analysis.models.0.ties: ties apply to the cox model only, found a logistic model'],
    [[{ biomarkers: ['mplus', 'age'], interactions: ['mplus'], at: { age: [50] } }], 'design.analysis.models.0.at.age: expected a biomarker with an interaction in this model (mplus), found "age"'],
    [[{ biomarkers: ['age'], at: { age: [50, 50] } }], 'design.analysis.models.0.at.age: expected distinct values, found 50, 50'],
    [[{ biomarkers: ['site'], at: { site: [1] } }], 'design.analysis.models.0.at.site: categorical biomarker "site": the conditional effect is given at every level, found values'],
    [[{ id: 'm', biomarkers: ['mplus'] }, { id: 'm', biomarkers: ['age'] }], 'design.analysis.models.1.id: expected a unique model name, found "m" twice'],
  ])('reports %j', (models, message) => {
    expect(issues(models)).toContain(message);
  });

  it('numbers unnamed models of one type: logistic1, logistic2', async () => {
    const { modelIds } = await import('../../../src/designs/parallel/check.js');
    const m = { biomarkers: [] as string[], adjust: [] as string[], test: 'both' as const };
    expect(modelIds([m, m, { ...m, id: 'x' }], 'binary')).toEqual(['logistic1', 'logistic2', 'x']);
    expect(issues([{ biomarkers: ['mplus'] }, { biomarkers: ['age'] }])).toEqual([]);
  });

  it('rejects unknown keys', () => {
    expect(issues([{ biomarkers: ['mplus'], interaction: ['mplus'] }]).join('\n')).toMatch(/interaction/);
  });
});

describe.each([
  ['flagship/fmt-microbiome.yaml', 'curve', 'diversity', 'both'],
  ['flagship/radiomic-feature.yaml', 'cox', 'signature', 'both'],
  ['flagship/interaction-logistic.yaml', 'hte', 'mplus', 'predictive'],
  ['heterogeneity/non-collapsible.yaml', 'small', 'mplus', 'predictive'],
  ['interaction-sample-size.yaml', 'linear', 'mplus', 'predictive'],
] as const)('%s', (file, model, biomarker, role) => {
  it('runs and reports the conditional effects, roles and model specification', async () => {
    const loaded = flagship(file, 60);
    const { summary } = await simulate({ ...loaded, spec: { ...loaded.spec, truth: { patients: 20000 } } }, { workers: 0 });
    const curve = (summary.conditionalEffects as { model: string; biomarker: string; value: number; truth: number; estimate: string }[]).filter((r) => r.model === model && r.biomarker === biomarker);
    expect(curve.length).toBeGreaterThanOrEqual(2);
    for (const row of curve) {
      expect(Number.isFinite(row.truth)).toBe(true);
      expect(summary.estimates.find((e) => e.id === row.estimate)!.n).toBeGreaterThan(50);
    }
    const roles = summary.biomarkerRoles as { biomarker: string; role: string }[];
    expect(roles.find((r) => r.biomarker === biomarker)!.role).toBe(role);
    expect((summary.models as { model: string }[]).some((m) => m.model === model)).toBe(true);
    expect(summary.hypotheses.filter((h) => h.family === 'interaction-model').length).toBeGreaterThan(0);
  });
});
