/**
 * True values of the models' estimates: the scenario's conditional
 * coefficients on the model scale when the model is correctly specified
 * (exact, including the reference-level shift of a categorical biomarker),
 * and the pseudo-true values a misspecified model converges to, checked
 * against values known independently (a correctly specified model's
 * pseudo-true value is the scenario's; a saturated model without a
 * prognostic factor converges to the marginal subgroup log odds ratios; OLS
 * is collapsible over an independent factor; a rates table's logits).
 */
import { describe, it, expect } from 'vitest';
import { parallelDesign } from '../../../src/designs/parallel/index.js';
import { parallelSetup } from '../../../src/designs/parallel/setup.js';
import { resolveModels } from '../../../src/designs/parallel/model-setup.js';
import { pseudoTrueFit } from '../../../src/designs/parallel/pseudo-true.js';
import { modelTruth } from '../../../src/designs/parallel/model-truth.js';
import { logit } from '../../../src/stats/distributions.js';
import { scenario } from '../../helpers/scenarios.js';
import { expectWithinMcse } from '../../helpers/mcse.js';
import { flagship } from './helpers.js';
import { runStreams } from '../../../src/random/stream.js';

const within = (x: number, truth: number, mcse: number) => expectWithinMcse(x, truth, { mcse });

describe('a correctly specified model', () => {
  const s = scenario({
    name: 'categorical', seed: 1, truth: { patients: 1000 },
    population: { biomarkers: [{ id: 'site', type: 'categorical', levels: { a: 0.5, b: 0.3, c: 0.2 } }] },
    endpoint: { type: 'binary', intercept: -0.5, prognostic: { 'site=a': 0.3, 'site=b': 0.1 } },
    arms: { control: {}, drug: { effect: 0.2, interactions: { 'site=a': 0.5, 'site=c': -0.4 } } },
    design: { type: 'two-arm', sampleSize: 200, analysis: { primary: { test: 'z-pooled' }, models: [{ id: 'm', biomarkers: ['site'] }] } },
  }).spec;
  const truth = modelTruth(s, runStreams(s.seed));

  it('has the scenario coefficients, contrasted with the reference level, as truths (no Monte Carlo error)', () => {
    const t = (id: string) => truth[id].value;
    expect(t('coef:m:treatment')).toBeCloseTo(0.2 + 0.5, 12); // the effect in the reference level a
    expect(t('coef:m:main:site=b')).toBeCloseTo(0.1 - 0.3, 12);
    expect(t('coef:m:main:site=c')).toBeCloseTo(0 - 0.3, 12);
    expect(t('coef:m:interaction:site=b')).toBeCloseTo(0 - 0.5, 12);
    expect(t('coef:m:interaction:site=c')).toBeCloseTo(-0.4 - 0.5, 12);
    expect(t('cond:m:site=a')).toBeCloseTo(0.7, 12);
    expect(t('cond:m:site=b')).toBeCloseTo(0.2, 12);
    expect(t('cond:m:site=c')).toBeCloseTo(-0.2, 12);
    expect(truth['coef:m:interaction:site=c'].mcse).toBe(0);
  });

  it('judges the multi-df interaction test by the norm of the true interaction coefficients', () => {
    expect(truth['norm:m:interaction:site'].value).toBeCloseTo(Math.hypot(0.5, 0.9), 12);
    const plan = parallelDesign.plan(s, null);
    const h = plan.layout.hypotheses.find((x) => x.id === 'm|interaction:site|wald')!;
    expect(h.estimand).toBe('norm:m:interaction:site');
  });
});

describe('pseudo-true values', () => {
  const spec = (endpoint: Record<string, unknown>, allocation = { control: 1, drug: 1 }) => scenario({
    name: 'pseudo', seed: 4, truth: { patients: 60000 },
    population: { biomarkers: [{ id: 'mplus', type: 'binary', prevalence: 0.4 }, { id: 'age', type: 'continuous', mean: 0, sd: 1 }] },
    endpoint: { ...endpoint, prognostic: { age: 0.5 } },
    arms: { control: {}, drug: { effect: -0.3, interactions: { mplus: 0.8, age: 0.2 } } },
    design: {
      type: 'two-arm', sampleSize: 300, allocation, randomisation: { method: 'simple' },
      analysis: { primary: { test: endpoint.type === 'binary' ? 'z-pooled' : endpoint.type === 'continuous' ? 't' : 'log-rank' }, models: [{ id: 'm', biomarkers: ['mplus', 'age'] }] },
    },
  }).spec;

  it.each([
    ['logistic', { type: 'binary', intercept: 0 }, { control: 1, drug: 1 }],
    ['logistic, 2:1 allocation', { type: 'binary', intercept: 0 }, { control: 1, drug: 2 }],
    ['linear', { type: 'continuous', sd: 1 }, { control: 1, drug: 1 }],
    ['cox', { type: 'time-to-event', median: 12, accrualDuration: 12, followUp: 12 }, { control: 1, drug: 1 }],
  ] as const)('of a correctly specified %s model are the scenario coefficients', (_name, endpoint, allocation) => {
    const s = spec(endpoint, allocation);
    const setup = parallelSetup(s);
    const model = resolveModels(s, setup)[0];
    const fit = pseudoTrueFit(s, runStreams(s.seed), setup, model, 1, 0);
    if (!fit.ok) throw new Error(fit.reason);
    const col = (name: string) => model.columnNames.indexOf(name);
    for (const [name, value] of [['treatment', -0.3], ['treatment:mplus', 0.8], ['treatment:age', 0.2], ['age', 0.5], ['mplus', 0]] as const) {
      within(fit.coefficients[col(name)], value, fit.standardErrors[col(name)]);
    }
  });

  it('of a saturated logistic model omitting a prognostic factor are the marginal subgroup log odds ratios', () => {
    const loaded = flagship('heterogeneity/non-collapsible.yaml');
    const s = { ...loaded.spec, truth: { patients: 100000 } };
    const truth = parallelDesign.truth(s, null, runStreams(s.seed));
    for (const level of [0, 1]) {
      const marginal = truth[`logOR:drug-vs-control|mplus=${level}`];
      const pseudo = truth[`pseudo:cond:small:mplus=${level}`];
      within(pseudo.value, marginal.value, Math.hypot(marginal.mcse, pseudo.mcse));
    }
    // Non-collapsibility: the fit converges well below the scenario's conditional interaction.
    expect(truth['coef:small:interaction:mplus'].value).toBe(1);
    expect(truth['pseudo:coef:small:interaction:mplus'].value).toBeLessThan(0.75);
    expect(truth['pseudo:coef:full:interaction:mplus']).toBeUndefined();
    const models = parallelDesign.describe(s, null, truth).models as { model: string; specification: string; reasons: string[] }[];
    expect(models.map((m) => [m.model, m.specification])).toEqual([['small', 'misspecified'], ['full', 'correct']]);
    expect(models[0].reasons).toEqual(['omits prognostic biomarker severity']);
  });

  it('of a linear model omitting an independent prognostic factor equal the scenario coefficients (OLS is collapsible)', () => {
    const s = scenario({
      name: 'collapsible', seed: 8, truth: { patients: 100000 },
      population: { biomarkers: [{ id: 'mplus', type: 'binary', prevalence: 0.5 }, { id: 'severity', type: 'continuous', mean: 0, sd: 2 }] },
      endpoint: { type: 'continuous', sd: 1, prognostic: { severity: 1 } },
      arms: { control: {}, drug: { effect: 0.4, interactions: { mplus: 0.6 } } },
      design: { type: 'two-arm', sampleSize: 200, analysis: { primary: { test: 't' }, models: [{ id: 'm', biomarkers: ['mplus'] }] } },
    }).spec;
    const truth = modelTruth(s, runStreams(s.seed));
    for (const id of ['coef:m:treatment', 'coef:m:interaction:mplus']) within(truth[`pseudo:${id}`].value, truth[id].value, truth[`pseudo:${id}`].mcse);
  });

  it('are the truth of a model of a rates-table endpoint: differences of the rates’ logits', () => {
    const s = scenario({
      name: 'rates', seed: 9, truth: { patients: 100000 },
      population: { biomarkers: [{ id: 'mplus', type: 'binary', prevalence: 0.5 }] },
      endpoint: { type: 'binary', model: 'rates', rates: [
        { subgroup: { mplus: 0 }, rates: { control: 0.3, drug: 0.4 } },
        { subgroup: { mplus: 1 }, rates: { control: 0.3, drug: 0.7 } },
      ] },
      arms: { control: {}, drug: {} },
      design: { type: 'two-arm', sampleSize: 200, analysis: { primary: { test: 'z-pooled' }, models: [{ id: 'm', biomarkers: ['mplus'] }] } },
    }).spec;
    const truth = modelTruth(s, runStreams(s.seed));
    const t = truth['coef:m:interaction:mplus'];
    within(t.value, logit(0.7) - logit(0.4), t.mcse);
    within(truth['coef:m:treatment'].value, logit(0.4) - logit(0.3), truth['coef:m:treatment'].mcse);
    expect(t.mcse).toBeGreaterThan(0);
  });
});
