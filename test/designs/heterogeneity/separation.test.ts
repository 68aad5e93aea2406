/**
 * Fits that fail inside a run: tiny trials with a rare marker and extreme
 * effects make separation (logistic), monotone likelihood (Cox) and empty
 * cells (a singular model matrix) frequent. The failures are counted as
 * warnings, the replicate's model decisions are "not rejected" and its model
 * estimates are left out (NaN, excluded and counted by the summary), the run
 * does not crash and the summary has a number wherever it promises one.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { parallelDesign } from '../../../src/designs/parallel/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import type { Summary } from '../../../src/summary/summarise.js';
import { scenario } from '../../helpers/scenarios.js';

const R = 300;
const base = { seed: 11, replicates: R, truth: { patients: 20000 } };

const cases = {
  logistic: scenario({
    ...base, name: 'separation',
    population: { biomarkers: [{ id: 'mplus', type: 'binary', prevalence: 0.15 }, { id: 'age', type: 'continuous', mean: 60, sd: 10 }] },
    endpoint: { type: 'binary', intercept: -3 },
    arms: { control: {}, drug: { effect: 0.5, interactions: { mplus: 6 } } },
    design: {
      type: 'two-arm', sampleSize: 40, randomisation: { method: 'simple' },
      analysis: { primary: { test: 'fisher' }, subgroups: ['mplus'], models: [{ id: 'm', biomarkers: ['mplus', 'age'], interactions: ['mplus'] }] },
    },
  }),
  cox: scenario({
    ...base, name: 'monotone likelihood',
    population: { biomarkers: [{ id: 'pos', type: 'binary', prevalence: 0.15 }] },
    endpoint: { type: 'time-to-event', median: 60, accrualDuration: 6, followUp: 6 },
    arms: { control: {}, drug: { effect: 0, interactions: { pos: 2 } } },
    design: {
      type: 'two-arm', sampleSize: 30, randomisation: { method: 'simple' },
      analysis: { primary: { test: 'log-rank' }, models: [{ id: 'm', biomarkers: ['pos'], test: 'lr' }] },
    },
  }),
  linear: scenario({
    ...base, name: 'empty cell',
    population: { biomarkers: [{ id: 'site', type: 'categorical', levels: { a: 0.85, b: 0.1, c: 0.05 } }] },
    endpoint: { type: 'continuous', sd: 1 },
    arms: { control: {}, drug: { effect: 0.5, interactions: { 'site=c': 1 } } },
    design: {
      type: 'two-arm', sampleSize: 24, randomisation: { method: 'simple' },
      analysis: { primary: { test: 'welch-t' }, models: [{ id: 'm', biomarkers: ['site'] }] },
    },
  }),
};

/** Every number a summary promises: rates, MCSEs, intervals, and the moments of estimates seen at least twice. */
function promisedNumbers(s: Summary): number[] {
  return [
    ...s.hypotheses.flatMap((h) => [h.rate, h.mcse, ...h.ci95]),
    ...s.estimates.filter((e) => e.n >= 2).flatMap((e) => [e.mean!, e.empiricalSe!, e.biasMcse!, e.modelSe!, ...(e.truth === null ? [] : [e.bias!])]),
  ];
}

describe.each(Object.entries(cases))('a %s model that often cannot be fitted', (kind, loaded) => {
  const expected = { logistic: 'm|model-separation', cox: 'm|model-separation', linear: 'm|model-singular' }[kind]!;

  it('counts the failures as warnings and still gives every promised number', async () => {
    const { summary } = await simulate(loaded, { workers: 0 });
    const w = summary.warnings.find((x) => x.id === expected)!;
    expect(w.replicates).toBeGreaterThan(R / 20);
    expect(w.replicates).toBeLessThan(R);
    for (const x of promisedNumbers(summary)) expect(Number.isFinite(x)).toBe(true);
    const coef = summary.estimates.find((e) => e.id.startsWith('coef:m:interaction'))!;
    expect(coef.n).toBeLessThan(R);
    expect(coef.n).toBeGreaterThan(0);
    expect(JSON.stringify(summary)).not.toMatch(/NaN|Infinity/);
  });

  it('in a replicate whose model fails, no model test rejects and no model estimate is reported', () => {
    const plan = parallelDesign.plan(loaded.spec, loaded.prepared.data);
    const rec = newRecord(plan.layout);
    const modelHypotheses = plan.layout.hypotheses.flatMap((h, k) => (h.id.startsWith('m|') ? [k] : []));
    const modelEstimates = plan.layout.estimates.flatMap((e, k) => (/^(coef|cond):m:/.test(e.id) ? [k] : []));
    const modelWarnings = plan.layout.warnings.flatMap((x, k) => (x.id.startsWith('m|') ? [k] : []));
    let failed = 0;
    for (let r = 1; r <= 100; r++) {
      plan.simulate(new ReplicateStreams(loaded.spec.seed, r), rec);
      if (!Number.isNaN(rec.estimate[modelEstimates[0]])) continue;
      failed++;
      expect(modelWarnings.some((k) => rec.warning[k] === 1)).toBe(true);
      for (const k of modelHypotheses) expect(rec.rejected[k]).toBe(0);
      for (const k of modelEstimates) expect([rec.estimate[k], rec.se[k], rec.lower[k], rec.upper[k]].every(Number.isNaN)).toBe(true);
    }
    expect(failed).toBeGreaterThan(0);
  });
});
