/**
 * Predictive versus prognostic: the roles the scenario gives each biomarker,
 * the power of the tests that detect them, and the rate of false claims that
 * a biomarker which is neither modifies the effect, unadjusted and with
 * Bonferroni and Holm over the candidate biomarkers.
 *
 * Exact references (continuous endpoint, so every test is an exact t-test):
 * a null t-test rejects with probability α; the interaction statistics of
 * independent markers are asymptotically independent (their coefficients'
 * covariance block is zero in the limit), so with three null candidates and
 * one strongly predictive one (always rejected first) the false-claim rate
 * is 1 − (1 − α)³ unadjusted, 1 − (1 − α/4)³ with Bonferroni over the four
 * candidates, and 1 − (1 − α/3)³ with Holm (after the predictive marker,
 * Holm tests the three nulls at α/3 first).
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { parallelDesign } from '../../../src/designs/parallel/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { biomarkerRoles } from '../../../src/designs/parallel/roles.js';
import { scenario } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';

const R = 4000;
const alpha = 0.05;
const binary = (id: string) => ({ id, type: 'binary', prevalence: 0.5 });
const loaded = scenario({
  name: 'roles', seed: 21, replicates: R, truth: { patients: 20000 },
  population: { biomarkers: [binary('pred'), { id: 'prog', type: 'continuous', mean: 0, sd: 1 }, binary('n1'), binary('n2'), binary('n3')] },
  endpoint: { type: 'continuous', sd: 1, prognostic: { prog: 0.3 } },
  arms: { control: {}, drug: { effect: 0.2, interactions: { pred: 1.5 } } },
  design: {
    type: 'two-arm', sampleSize: 400, randomisation: { method: 'permuted-block', blockSize: 4 },
    analysis: { primary: { test: 't', alpha }, models: [{ id: 'm', biomarkers: ['pred', 'prog', 'n1', 'n2', 'n3'], interactions: ['pred', 'n1', 'n2', 'n3'], test: 'wald' }] },
  },
});

const within4 = (rate: number, exact: number) => expectWithinMcse(rate, exact, { mcse: binomialMcse(exact, R) });

describe('biomarker roles', () => {
  it('reads prognostic, predictive, both and neither off the linear predictors (categorical: levels not all equal)', () => {
    const s = scenario({
      name: 'four roles',
      population: { biomarkers: [binary('a'), binary('b'), binary('c'), binary('d'), { id: 'site', type: 'categorical', levels: { x: 0.5, y: 0.5 } }] },
      endpoint: { type: 'binary', intercept: 0, prognostic: { a: 0.5, c: 0.2, 'site=x': 0.4, 'site=y': 0.4 } },
      arms: { control: {}, drug: { interactions: { b: 1, c: -1 } } },
      design: { type: 'two-arm', sampleSize: 100, analysis: { primary: { test: 'z-pooled' } } },
    }).spec;
    const roles = biomarkerRoles(s, ['control', 'drug'], 0);
    expect(roles.map((r) => [r.biomarker, r.role])).toEqual([['a', 'prognostic'], ['b', 'predictive'], ['c', 'both'], ['d', 'neither'], ['site', 'neither']]);
    expect(roles[2].predictive).toEqual({ drug: -1 });
  });
});

describe('power to detect each role, and false claims for biomarkers that are neither', async () => {
  const { summary } = await simulate(loaded, { workers: 0 });
  const h = (id: string) => summary.hypotheses.find((x) => x.id === id)!;

  it('labels the tests by role: interaction power for the predictive marker, main-effect power for the prognostic one', () => {
    expect(h('m|interaction:pred|wald').meaning).toBe('power');
    expect(h('m|interaction:pred|wald').ci95[0]).toBeGreaterThan(0.999);
    expect(h('m|main:prog|wald').meaning).toBe('power');
    for (const id of ['m|interaction:n1|wald', 'm|main:n1|wald', 'm|main:pred|wald']) expect(h(id).meaning).toBe('type I error');
  });

  it('each null interaction and main-effect t-test rejects at exactly α', () => {
    for (const id of ['m|interaction:n1|wald', 'm|interaction:n2|wald', 'm|interaction:n3|wald', 'm|main:n1|wald', 'm|main:pred|wald']) within4(h(id).rate, alpha);
  });

  it('claims a spurious modifier at 1-(1-α)³ unadjusted, 1-(1-α/4)³ with Bonferroni and 1-(1-α/3)³ with Holm', () => {
    expect(h('m|false-claim|unadjusted').family).toBe('false-claims');
    expect(h('m|false-claim|unadjusted').meaning).toBe('type I error');
    within4(h('m|false-claim|unadjusted').rate, 1 - (1 - alpha) ** 3);
    within4(h('m|false-claim|bonferroni').rate, 1 - (1 - alpha / 4) ** 3);
    within4(h('m|false-claim|holm').rate, 1 - (1 - alpha / 3) ** 3);
  });

  it('per replicate, the unadjusted claim is any null interaction rejecting, and Bonferroni ⊆ Holm ⊆ unadjusted', () => {
    const plan = parallelDesign.plan(loaded.spec, loaded.prepared.data);
    const rec = newRecord(plan.layout);
    const k = (id: string) => plan.layout.hypotheses.findIndex((x) => x.id === id);
    for (let r = 1; r <= 300; r++) {
      plan.simulate(new ReplicateStreams(loaded.spec.seed, r), rec);
      const any = Math.max(...['n1', 'n2', 'n3'].map((b) => rec.rejected[k(`m|interaction:${b}|wald`)]));
      const [u, b, hl] = ['unadjusted', 'bonferroni', 'holm'].map((m) => rec.rejected[k(`m|false-claim|${m}`)]);
      expect(u).toBe(any);
      expect(b <= hl && hl <= u).toBe(true);
    }
  });

  it('describes each biomarker with its role and the hypotheses that detect it', () => {
    const roles = summary.biomarkerRoles as { biomarker: string; role: string; tests: { prognostic: string[]; predictive: string[] } }[];
    expect(roles.map((r) => r.role)).toEqual(['predictive', 'prognostic', 'neither', 'neither', 'neither']);
    expect(roles[0].tests.predictive).toEqual(['m|interaction:pred|wald']);
    expect(roles[1].tests.prognostic).toEqual(['m|main:prog|wald']);
  });
});
