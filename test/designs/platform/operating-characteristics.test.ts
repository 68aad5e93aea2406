/**
 * Operating characteristics of the platform design against exact values:
 * with normal outcomes and no time trend every analysis is an exact t-test,
 * so each rejects a true null at exactly alpha; a stepwise trend is exactly
 * period fixed effects, so the period-adjusted analyses stay exact while
 * pooling non-concurrent controls inflates the error; a futility bound of 0
 * on a null arm's t statistic stops it with probability 1/2 exactly; and the
 * true concurrent effect with an arm's own trend is the integral over its
 * planned window, checked by hand.
 */
import { describe, it, expect } from 'vitest';
import { platformDesign } from '../../../src/designs/platform/index.js';
import { platformSetup } from '../../../src/designs/platform/setup.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams, runStreams } from '../../../src/random/stream.js';
import { scenario } from '../../helpers/scenarios.js';
import { expectWithinMcse, binomialMcse, meanMcse } from '../../helpers/mcse.js';

function platform(design: Record<string, unknown>, effects: Record<string, number> = {}) {
  return scenario({
    name: 'platform', seed: 17, replicates: 10,
    endpoint: { type: 'continuous', sd: 1 },
    arms: { control: {}, A: { effect: effects.A ?? 0 }, B: { effect: effects.B ?? 0 }, C: { effect: effects.C ?? 0 } },
    design: {
      type: 'platform',
      arms: { A: { entry: { time: 0 }, sampleSize: 40 }, B: { entry: { time: 2 }, sampleSize: 40 }, C: { entry: { time: 6 }, sampleSize: 40 } },
      recruitment: { rate: 10 },
      ...design,
    },
  });
}

/** Rejection rates and estimate means per hypothesis over `replicates` trials simulated in process. */
function simulate(loaded: ReturnType<typeof platform>, replicates: number) {
  const plan = platformDesign.plan(loaded.spec, null);
  const record = newRecord(plan.layout);
  const rejections = new Float64Array(plan.layout.hypotheses.length);
  const sums = new Float64Array(plan.layout.estimates.length), squares = new Float64Array(plan.layout.estimates.length);
  const metrics = new Float64Array(plan.layout.metrics.length);
  for (let r = 1; r <= replicates; r++) {
    plan.simulate(new ReplicateStreams(loaded.spec.seed, r), record);
    record.rejected.forEach((x, j) => { rejections[j] += x; });
    record.estimate.forEach((x, j) => { sums[j] += x; squares[j] += x * x; });
    record.metric.forEach((x, j) => { metrics[j] += x; });
  }
  const rate = (id: string) => rejections[plan.layout.hypotheses.findIndex((h) => h.id === id)] / replicates;
  const mean = (id: string) => {
    const j = plan.layout.estimates.findIndex((e) => e.id === id);
    const m = sums[j] / replicates;
    return { mean: m, sd: Math.sqrt(squares[j] / replicates - m * m) };
  };
  const metric = (id: string) => metrics[plan.layout.metrics.findIndex((m) => m.id === id)] / replicates;
  return { rate, mean, metric };
}

const R = 20_000;
const alpha = 0.025;
const methods = ['concurrent', 'pooled', 'period-adjusted', 'concurrent-period-adjusted'];

describe('platform design: type-I error', () => {
  it('with no trend, every analysis of every null arm rejects at exactly alpha (exact t-tests)', () => {
    const result = simulate(platform({}), R);
    for (const arm of ['A', 'B', 'C']) for (const m of methods) {
      expectWithinMcse(result.rate(`${arm}:${m}`), alpha, { mcse: binomialMcse(alpha, R), what: `${arm}:${m}` });
    }
  });

  it('with a strong stepwise trend, the period-adjusted analyses stay exact and pooling inflates the last arm\'s error', () => {
    const result = simulate(platform({ trend: { shape: 'stepwise', strength: 0.5 } }), R);
    for (const arm of ['A', 'B', 'C']) for (const m of ['period-adjusted', 'concurrent-period-adjusted']) {
      expectWithinMcse(result.rate(`${arm}:${m}`), alpha, { mcse: binomialMcse(alpha, R), what: `${arm}:${m}` });
    }
    // Arm C's pooled controls include those of periods before it opened, whose outcomes are lower by the trend.
    expect(result.rate('C:pooled')).toBeGreaterThan(alpha + 10 * binomialMcse(alpha, R));
    expect(result.mean('C:pooled').mean).toBeGreaterThan(0.2);
    expectWithinMcse(result.mean('C:period-adjusted').mean, 0, { mcse: meanMcse(result.mean('C:period-adjusted').sd, R) });
  });
});

describe('platform design: interim decisions', () => {
  it('a futility bound of z = 0 at an interim stops a null arm with probability 1/2 exactly (symmetric t)', () => {
    const result = simulate(platform({ interim: { at: [20], futility: 0 } }), R);
    for (const arm of ['A', 'B', 'C']) expectWithinMcse(result.metric(`futility:${arm}`), 0.5, { mcse: binomialMcse(0.5, R), what: arm });
  });
});

describe('platform design: the true concurrent effect', () => {
  it('with an arm\'s own stepwise trend, is its effect plus the trend averaged over its planned window (by hand)', () => {
    const loaded = scenario({
      name: 'truth', seed: 3, replicates: 10,
      endpoint: { type: 'continuous', sd: 1 },
      arms: { control: {}, A: { effect: 0.2 }, B: { effect: 0.5 } },
      design: {
        type: 'platform',
        arms: { A: { entry: { time: 0 }, sampleSize: 100 }, B: { entry: { time: 5 }, sampleSize: 100 } },
        recruitment: { rate: 10 },
        trend: { shape: 'stepwise', strength: 0, arms: { B: 0.3 } },
      },
    });
    // Plan: [0, 5) A and control, 5 a month to A (25 by t = 5); [5, 27.5) A, B and control, 10/3 a month each
    // (A reaches 100); [27.5, 32.5) B and control, 5 a month (B reaches 100). B's window [5, 32.5] spends
    // 22.5 months in period 1 and 5 in period 2.
    const timeline = platformSetup(loaded.spec).timeline;
    [[0, 27.5], [5, 32.5]].forEach(([entry, exit], k) => {
      expect(timeline.arms[k].entry).toBeCloseTo(entry, 12);
      expect(timeline.arms[k].exit).toBeCloseTo(exit, 12);
    });
    const truth = platformDesign.truth(loaded.spec, null, runStreams(3));
    expect(truth['A:concurrent'].value).toBeCloseTo(0.2, 14);
    expect(truth['B:concurrent'].value).toBeCloseTo(0.5 + 0.3 * (22.5 * 1 + 5 * 2) / 27.5, 12);
    expect(truth['B:pooled'].mcse).toBe(0);
  });
});
