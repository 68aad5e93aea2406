/**
 * Period-stratified estimates of a response-adaptive trial, and what a
 * drift does without them.
 * - Continuous: the stratified difference equals the arm coefficient of
 *   least squares with a period factor (exact identity, fitted here by
 *   fitLinear); time-to-event: the conditional log hazard ratio equals the
 *   arm coefficient and SE of R's Poisson glm with log exposure as offset
 *   and a period factor (fixture test/fixtures/period-stratified.R).
 * - A shift per period leaves the stratified estimate unchanged (exact).
 * - Under the null, a linear drift inflates the rate of declaring the drug
 *   best under Thompson sampling far beyond equal allocation's (beyond 4
 *   MCSE of the difference; 38% against 5% in one run).
 * - A step drift at a period boundary, with Thompson sampling sending more
 *   patients to the better drug later: the naive pooled difference moves
 *   beyond 4 MCSE from its value without the drift; the stratified one
 *   keeps its own (it is not unbiased under adaptive allocation, whose
 *   weights depend on earlier outcomes, Bowden & Trippa 2017, but the drift
 *   adds nothing to its bias; 4 MCSE).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { cells, stratifiedDifference, stratifiedLogHazardRatio } from '../../../src/designs/response-adaptive/period.js';
import { Cohort } from '../../../src/population/cohort.js';
import { confidenceLevel } from '../../../src/stats/proportions.js';
import { fitLinear } from '../../../src/stats/regression/linear.js';
import { modelMatrix } from '../../../src/stats/regression/design-matrix.js';
import { simulate } from '../../../src/run/simulate.js';
import { scenario } from '../../helpers/scenarios.js';
import { expectWithinMcse } from '../../helpers/mcse.js';
import { mulberry32 } from '../../helpers/mulberry32.js';

const ci = confidenceLevel(0.95);

describe('period-stratified estimators', () => {
  it('continuous: the arm coefficient of least squares with a period factor', () => {
    const random = mulberry32(9);
    const n = 60, c = new Cohort(n, 0), period = new Int32Array(n);
    for (let i = 0; i < n; i++) { period[i] = i % 3; c.arm[i] = random() < 0.3 + 0.2 * period[i] ? 1 : 0; c.outcome[i] = period[i] + 0.5 * c.arm[i] + random(); }
    const estimate = stratifiedDifference(cells(c, period, n, 2, 3, false), 1, 0, false, ci)!;
    const X = new Float64Array(n * 4);
    for (let i = 0; i < n; i++) X.set([1, c.arm[i], period[i] === 1 ? 1 : 0, period[i] === 2 ? 1 : 0], i * 4);
    const fit = fitLinear(modelMatrix(X, n, 4), c.outcome.subarray(0, n));
    if (!fit.ok) throw new Error('fit failed');
    expect(estimate.estimate).toBeCloseTo(fit.coefficients[1], 12);
  });

  it('time-to-event: the conditional log hazard ratio is R\'s Poisson glm with a period factor', () => {
    const fixture = JSON.parse(readFileSync(new URL('../../fixtures/period-stratified.json', import.meta.url), 'utf8')) as { cases: { cells: number[][]; logHazardRatio: number; se: number }[] };
    for (const k of fixture.cases) {
      const periods = Math.max(...k.cells.map((x) => x[0])) + 1;
      const t = { n: new Float64Array(periods * 2), sum: new Float64Array(periods * 2), mean: new Float64Array(periods * 2), m2: new Float64Array(periods * 2), periods, arms: 2 };
      for (const [p, arm, events, exposure] of k.cells) { t.n[p * 2 + arm] = exposure; t.sum[p * 2 + arm] = events; }
      const e = stratifiedLogHazardRatio(t, 1, 0, ci)!;
      expect(e.estimate).toBeCloseTo(k.logHazardRatio, 9);
      expect(e.se).toBeCloseTo(k.se, 7);
    }
  });
});

describe('a drift common to the arms', () => {
  it('a shift per period leaves the stratified estimate unchanged (exact) and moves the naive one', () => {
    const random = mulberry32(4);
    const n = 90, c = new Cohort(n, 0), period = new Int32Array(n);
    for (let i = 0; i < n; i++) { period[i] = Math.floor(i / 30); c.arm[i] = random() < 0.2 + 0.3 * period[i] ? 1 : 0; c.outcome[i] = 0.4 * c.arm[i] + random(); }
    const before = stratifiedDifference(cells(c, period, n, 2, 3, false), 1, 0, false, ci)!.estimate;
    for (let i = 0; i < n; i++) c.outcome[i] += 2 * period[i];
    const after = stratifiedDifference(cells(c, period, n, 2, 3, false), 1, 0, false, ci)!.estimate;
    expect(after).toBeCloseTo(before, 12);
  });

  it('biases the naive estimate under Thompson sampling; the period-stratified one keeps its bias without the drift', async () => {
    const R = 3000, delta = 0.3;
    const run = (drift: object | undefined) => simulate(scenario({
      name: 'drift', seed: 17, replicates: R,
      endpoint: { type: 'continuous', sd: 1 },
      arms: { control: {}, drug: { effect: delta } },
      design: {
        type: 'response-adaptive', sampleSize: 200, analyses: [40, 80, 120, 160], allocation: { rule: 'thompson', min: 0.1, max: 0.9 },
        posterior: { variance: 'known' }, periodAdjusted: true, ...(drift ? { drift } : {}),
      },
    }), { workers: 2 });
    // The step comes at a period boundary (patient 80), so within each period the drift is a constant.
    const [drifting, steady] = [await run({ shape: 'step', size: 1, at: 0.4 }), await run(undefined)];
    const estimate = (s: typeof steady.summary, id: string) => s.estimates.find((e) => e.id === id)!;
    const naive = [estimate(drifting.summary, 'md:drug-vs-control'), estimate(steady.summary, 'md:drug-vs-control')];
    const adjusted = [estimate(drifting.summary, 'md-period:drug-vs-control'), estimate(steady.summary, 'md-period:drug-vs-control')];
    expect(naive[0].truth).toBe(delta);
    expect(naive[0].bias! - naive[1].bias!).toBeGreaterThan(4 * Math.hypot(naive[0].biasMcse!, naive[1].biasMcse!));
    expectWithinMcse(adjusted[0].bias!, adjusted[1].bias!, { mcse: Math.hypot(adjusted[0].biasMcse!, adjusted[1].biasMcse!), what: 'bias of the period-stratified estimate with and without the drift' });
  });

  it('inflates the type I error of declaring the drug best under Thompson sampling, not under equal allocation', async () => {
    const R = 3000;
    const run = (rule: 'thompson' | 'fixed') => simulate(scenario({
      name: `null-drift-${rule}`, seed: 3, replicates: R,
      endpoint: { type: 'continuous', sd: 1 },
      arms: { control: {}, drug: {} },
      design: {
        type: 'response-adaptive', sampleSize: 200, analyses: [40, 80, 120, 160], allocation: { rule, min: 0.1, max: 0.9 },
        posterior: { variance: 'known' }, stopping: { superiority: 0.99 }, drift: { shape: 'linear', size: 2 },
      },
    }), { workers: 2 });
    const [adaptive, fixed] = [(await run('thompson')).summary.hypotheses[0], (await run('fixed')).summary.hypotheses[0]];
    expect(adaptive.meaning).toBe('type I error');
    expect(adaptive.rate - fixed.rate).toBeGreaterThan(4 * Math.hypot(adaptive.mcse, fixed.mcse));
  });
});
