/**
 * Graceful failure: separation, empty subgroups / aliased columns, no events,
 * non-convergence. Each case asserts the status and that nothing non-finite
 * leaks out (failed fits carry no estimates at all).
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import {
  buildDesignMatrix,
  conditionalEffect,
  dropColumns,
  fitCox,
  fitLinear,
  fitLogistic,
  likelihoodRatioTest,
  linearFTest,
  waldTest,
} from '../../../src/stats/regression/index.js';
import type { DesignMatrix, FailedFit } from '../../../src/stats/regression/index.js';

/** Every number (also inside typed arrays and nested objects) is finite. */
function expectNoNaN(value: unknown, path = 'fit'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
  else if (ArrayBuffer.isView(value)) Array.from(value as Float64Array).forEach((v, i) => expectNoNaN(v, `${path}[${i}]`));
  else if (Array.isArray(value)) value.forEach((v, i) => expectNoNaN(v, `${path}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) expectNoNaN(v, `${path}.${k}`);
}

function expectFailed(fit: { ok: boolean; status: string }, status: FailedFit['status']): void {
  expect(fit.status).toBe(status);
  expect(fit.ok).toBe(false);
  for (const field of ['coefficients', 'standardErrors', 'covariance', 'pValues', 'logLik']) expect(fit).not.toHaveProperty(field);
  expect((fit as FailedFit).reason.length).toBeGreaterThan(0);
  expectNoNaN(fit);
}

/** A two-arm trial with a binary marker; outcome drawn with log-odds / log-hazard `lp`. */
function trial(n: number, seed: string, lp: (trt: number, bm: number) => number) {
  const rng = seedrandom(seed);
  const treatment = new Float64Array(n);
  const marker = new Float64Array(n);
  const y = new Float64Array(n);
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    treatment[i] = i % 2;
    marker[i] = rng() < 0.4 ? 1 : 0;
    const eta = lp(treatment[i]!, marker[i]!);
    y[i] = rng() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    time[i] = Math.round((10 * -Math.log(rng())) / Math.exp(eta)) / 10 + 0.1;
    event[i] = rng() < 0.7 ? 1 : 0;
  }
  return { treatment, marker, y, time, event };
}

function design(t: { treatment: Float64Array; marker: Float64Array }, intercept = true): DesignMatrix {
  return buildDesignMatrix({
    treatment: t.treatment,
    intercept,
    terms: [{ name: 'marker', kind: 'binary', values: t.marker, interactsWithTreatment: true }],
  });
}

describe('logistic regression failures', () => {
  it('complete separation (continuous marker determines the outcome)', () => {
    const n = 100;
    const treatment = Float64Array.from({ length: n }, (_, i) => i % 2);
    const marker = Float64Array.from({ length: n }, (_, i) => (i - 49.5) / 10);
    const y = Float64Array.from(marker, (m) => (m > 0 ? 1 : 0));
    const d = buildDesignMatrix({ treatment, terms: [{ name: 'm', kind: 'continuous', values: marker, interactsWithTreatment: false }] });
    expectFailed(fitLogistic(d, y), 'separation');
  });

  it('quasi-complete separation: no responders among treated marker-positives', () => {
    const t = trial(300, 'quasi', (trt, bm) => -0.2 + 0.3 * trt + 0.4 * bm);
    for (let i = 0; i < t.y.length; i++) if (t.treatment[i] === 1 && t.marker[i] === 1) t.y[i] = 0;
    const d = design(t);
    const full = fitLogistic(d, t.y);
    expectFailed(full, 'separation');
    // The additive model still has a finite MLE, but tests needing the full fit report unavailability.
    const reduced = fitLogistic(dropColumns(d, d.interactionColumns), t.y);
    expect(reduced.ok).toBe(true);
    expectNoNaN(reduced);
    for (const r of [likelihoodRatioTest(full, reduced), waldTest(full, [3]), conditionalEffect(full, 1, 3, 1)]) {
      expect(r.ok).toBe(false);
      expectNoNaN(r);
    }
  });

  it('no responders at all', () => {
    const t = trial(120, 'none', () => 0);
    expectFailed(fitLogistic(design(t), new Float64Array(120)), 'separation');
  });

  it('empty subgroup: marker absent in everybody gives aliased columns', () => {
    const t = trial(80, 'empty', () => 0);
    t.marker.fill(0);
    const fit = fitLogistic(design(t), t.y);
    expectFailed(fit, 'singular');
    expect(fit.ok ? [] : fit.aliasedColumns).toEqual([2, 3]);
  });

  it('interaction aliased with the marker when every marker-positive patient is treated', () => {
    const t = trial(80, 'aliased', () => 0);
    for (let i = 0; i < 80; i++) if (t.treatment[i] === 0) t.marker[i] = 0;
    const fit = fitLogistic(design(t), t.y);
    expectFailed(fit, 'singular');
    expect(fit.ok ? [] : fit.aliasedColumns).toEqual([3]);
  });

  it('empty level of a categorical marker', () => {
    const n = 90;
    const treatment = Float64Array.from({ length: n }, (_, i) => i % 2);
    const level = Float64Array.from({ length: n }, (_, i) => (i % 3 === 2 ? 0 : i % 3)); // level 2 never occurs
    const y = Float64Array.from({ length: n }, (_, i) => ((i * 7) % 5 < 2 ? 1 : 0));
    const d = buildDesignMatrix({ treatment, terms: [{ name: 's', kind: 'categorical', levels: 3, values: level, interactsWithTreatment: true }] });
    const fit = fitLogistic(d, y);
    expectFailed(fit, 'singular');
    expect(fit.ok ? [] : fit.aliasedColumns).toEqual([3, 5]);
  });

  it('non-convergence when the iteration limit is 1', () => {
    const t = trial(200, 'maxit', (trt, bm) => -0.5 + trt + bm);
    expectFailed(fitLogistic(design(t), t.y, { maxIterations: 1 }), 'not-converged');
    const ok = fitLogistic(design(t), t.y);
    expect(ok.ok).toBe(true);
    expectNoNaN(ok);
  });
});

describe('Cox regression failures', () => {
  it('no events in the treated arm (monotone likelihood)', () => {
    const t = trial(200, 'cox-arm', (_trt, bm) => 0.3 * bm);
    for (let i = 0; i < 200; i++) if (t.treatment[i] === 1) t.event[i] = 0;
    const d = buildDesignMatrix({ treatment: t.treatment, intercept: false, terms: [] });
    for (const ties of ['efron', 'breslow'] as const) expectFailed(fitCox(d, t.time, t.event, { ties }), 'separation');
  });

  it('no events among treated marker-positives', () => {
    const t = trial(300, 'cox-sub', (trt, bm) => -0.3 * trt + 0.4 * bm);
    for (let i = 0; i < 300; i++) if (t.treatment[i] === 1 && t.marker[i] === 1) t.event[i] = 0;
    const d = design(t, false);
    expectFailed(fitCox(d, t.time, t.event), 'separation');
    const reduced = fitCox(dropColumns(d, d.interactionColumns), t.time, t.event);
    expect(reduced.ok).toBe(true);
    expectNoNaN(reduced);
  });

  it('no events at all, and a constant column, are singular', () => {
    const t = trial(60, 'cox-none', () => 0);
    expectFailed(fitCox(design(t, false), t.time, new Uint8Array(60)), 'singular');
    t.marker.fill(1);
    const fit = fitCox(design(t, false), t.time, t.event);
    expectFailed(fit, 'singular');
    expect(fit.ok ? [] : fit.aliasedColumns).toEqual([1, 2]);
  });

  it('non-convergence when the iteration limit is 1', () => {
    const t = trial(200, 'cox-maxit', (trt, bm) => -0.7 * trt + 0.8 * bm);
    expectFailed(fitCox(design(t, false), t.time, t.event, { maxIterations: 1 }), 'not-converged');
    const ok = fitCox(design(t, false), t.time, t.event);
    expect(ok.ok).toBe(true);
    expectNoNaN(ok);
  });

  it('the null model (p = 0) gives the b = 0 log partial likelihood for LR tests', () => {
    const t = trial(150, 'cox-null', (trt) => -0.5 * trt);
    const d = buildDesignMatrix({ treatment: t.treatment, intercept: false, terms: [] });
    const full = fitCox(d, t.time, t.event);
    const nul = fitCox(dropColumns(d, [0]), t.time, t.event);
    if (!full.ok || !nul.ok) throw new Error('fits failed');
    expect(nul.logLik).toBe(full.logLikNull);
    expect(nul.p).toBe(0);
    const lr = likelihoodRatioTest(full, nul);
    expect(lr.ok && lr.df).toBe(1);
    expectNoNaN(nul);
  });
});

describe('linear regression failures', () => {
  it('rank deficiency, no residual df, and exact fits are singular', () => {
    const t = trial(40, 'lin', () => 0);
    const z = Float64Array.from(t.y, (v, i) => v + 0.1 * (i % 7));
    t.marker.fill(0);
    expectFailed(fitLinear(design(t), z), 'singular');
    const small = trial(4, 'lin-small', () => 0);
    small.marker.set([0, 1, 1, 0]);
    expectFailed(fitLinear(design(small), Float64Array.from([1, 2, 3, 4])), 'singular');
    const u = trial(40, 'lin-exact', () => 0);
    const exact = Float64Array.from(u.treatment, (v, i) => 1 + 2 * v + 3 * u.marker[i]!);
    const fit = fitLinear(design(u), exact);
    expectFailed(fit, 'singular');
    expect(linearFTest(fit, [3]).ok).toBe(false);
  });
});
