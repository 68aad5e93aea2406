/**
 * Every endpoint with binary, continuous and categorical biomarkers all
 * interacting, in trials from tiny to moderate, and a population with latent
 * profiles (a misspecified model, whose pseudo-true values are fitted): the
 * runs finish and the summary has a finite number wherever it promises one.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import type { Summary } from '../../../src/summary/summarise.js';
import { scenario } from '../../helpers/scenarios.js';

const endpoints = {
  binary: [{ type: 'binary', intercept: -0.5, prognostic: { age: 0.3 } }, 'z-pooled'],
  continuous: [{ type: 'continuous', sd: 1, prognostic: { age: 0.3 } }, 't'],
  'time-to-event': [{ type: 'time-to-event', median: 10, accrualDuration: 12, followUp: 6, prognostic: { age: 0.3 } }, 'log-rank'],
} as const;

function promised(s: Summary): number[] {
  return [
    ...s.hypotheses.flatMap((h) => [h.rate, h.mcse, ...h.ci95]),
    ...s.estimates.filter((e) => e.n >= 2).flatMap((e) => [e.mean!, e.empiricalSe!, e.modelSe!, ...(e.truth === null ? [] : [e.bias!])]),
    ...(s.conditionalEffects as { truth: number }[]).map((r) => r.truth),
  ];
}

describe.each(Object.entries(endpoints))('%s endpoint', (_type, [endpoint, test]) => {
  it.each([12, 80])('a trial of %i patients with every kind of interacting biomarker', async (n) => {
    const loaded = scenario({
      name: 'grid', seed: n, replicates: 30, truth: { patients: 5000 },
      population: {
        biomarkers: [
          { id: 'mplus', type: 'binary', prevalence: 0.3 }, { id: 'age', type: 'continuous', mean: 0, sd: 1 },
          { id: 'site', type: 'categorical', levels: { a: 0.5, b: 0.3, c: 0.2 } },
        ],
        profiles: [{ id: 'fast', prevalence: 0.4 }, { id: 'slow', prevalence: 0.6 }],
      },
      endpoint, arms: { control: {}, drug: { effect: 0.3, interactions: { mplus: 0.5, 'site=b': -0.4, fast: 0.5 } } },
      design: {
        type: 'two-arm', sampleSize: n, randomisation: { method: 'simple' },
        analysis: { primary: { test }, subgroups: ['mplus', 'site'], models: [{ id: 'm', biomarkers: ['mplus', 'age', 'site'] }] },
      },
    });
    const { summary } = await simulate(loaded, { workers: 0 });
    for (const x of promised(summary)) expect(Number.isFinite(x)).toBe(true);
    expect((summary.models as { specification: string }[])[0].specification).toBe('misspecified');
    expect(JSON.stringify(summary)).not.toMatch(/NaN|Infinity/);
  });
});
