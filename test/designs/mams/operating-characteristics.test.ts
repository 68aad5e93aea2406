/**
 * Simulated operating characteristics of the MAMS design against exact
 * values: single-stage power Φ(δ/se - u) (exact, known variance); a two-stage
 * one-arm design's power, early stopping and expected sample size from the
 * group-sequential recursion (itself checked against rpact); the family-wise
 * error under the global null against the integral the boundaries were
 * solved with; and rules that hold replicate by replicate (simultaneous and
 * separate stopping share the "any rejection" event; selection caps the
 * sample size). Tolerances: 4 Monte Carlo SEs (test/helpers/mcse.ts).
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { exitProbabilities } from '../../../src/stats/group-sequential/index.js';
import { normalCdf, normalQuantile } from '../../../src/stats/distributions.js';
import { scenario } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse, meanMcse } from '../../helpers/mcse.js';
import type { Summary } from '../../../src/summary/summarise.js';
import type { FamilySummary } from '../../../src/summary/families.js';

function mams(arms: Record<string, number>, design: Record<string, unknown>, replicates: number, seed = 5) {
  return scenario({
    name: 'mams', seed, replicates,
    endpoint: { type: 'continuous', sd: 1 },
    arms: Object.fromEntries(Object.entries(arms).map(([a, effect]) => [a, { effect }])),
    design: { type: 'mams', ...design },
  });
}

const family = (s: Summary): FamilySummary => s.families![0];
const metric = (s: Summary, id: string) => s.metrics.find((m) => m.id === id)!;
const plan = (s: Summary) => s.mams as { familywiseErrorUnderGlobalNull: number; stages: { efficacy: number; futility: number | null }[]; truth: string };

describe('MAMS design against exact values', () => {
  const R = 20000;

  it('one arm, one stage: power is Φ(δ/se - z_(1-α)), exact', async () => {
    const { summary } = await simulate(mams({ control: 0, drug: 0.5 }, { stages: { arm: [50] }, alpha: 0.025, efficacy: 'pocock' }, R), { workers: 2 });
    const exact = normalCdf(0.5 / Math.sqrt(2 / 50) - normalQuantile(0.975));
    expect(plan(summary).stages[0].efficacy).toBeCloseTo(normalQuantile(0.975), 6);
    expectWithinMcse(summary.hypotheses[0].rate, exact, { mcse: binomialMcse(exact, R) });
  });

  it('one arm, two stages with futility: power, early stops and expected sample size from the recursion', async () => {
    const n = [40, 40], delta = 0.4;
    const { summary } = await simulate(mams({ control: 0, drug: delta }, { stages: { arm: n }, alpha: 0.025, efficacy: 'obrien-fleming', futility: 0 }, R), { workers: 2 });
    const st = plan(summary).stages;
    const drift = delta / Math.sqrt(2 / 80);
    const gs = exitProbabilities({ informationRates: [0.5, 1], efficacy: st.map((x) => x.efficacy), futility: [st[0].futility!], drift });
    expectWithinMcse(summary.hypotheses[0].rate, gs.overallReject, { mcse: binomialMcse(gs.overallReject, R) });
    const early = gs.earlyStop;
    expectWithinMcse(metric(summary, 'endedAt:stage-1').mean, early, { mcse: binomialMcse(early, R) });
    // Expected patients: both groups of stage 1, plus both of stage 2 when the trial goes on.
    const expected = 80 + 80 * (1 - early);
    expectWithinMcse(metric(summary, 'sampleSize').mean, expected, { mcse: meanMcse(80 * Math.sqrt(early * (1 - early)), R) });
  });

  it('four arms, triangular bounds: the simulated family-wise error under the global null is the planned one', async () => {
    const { summary } = await simulate(mams({ control: 0, A: 0, B: 0, C: 0, D: 0 }, { stages: { arm: [30, 30] }, alpha: 0.05, efficacy: 'triangular', futility: 'triangular' }, R), { workers: 2 });
    const planned = plan(summary).familywiseErrorUnderGlobalNull;
    expect(planned).toBeCloseTo(0.05, 8);
    expectWithinMcse(family(summary).familywiseError!.rate, planned, { mcse: binomialMcse(planned, R) });
    expect(plan(summary).truth).toMatch(/^exact/);
  });

  it('simultaneous and separate stopping reject at least one arm in exactly the same trials', async () => {
    const arms = { control: 0, A: 0.3, B: 0.3, C: 0 };
    const design = { stages: { arm: [25, 25, 25] }, alpha: 0.025, efficacy: 'pocock', futility: 0 };
    const simultaneous = (await simulate(mams(arms, { ...design, stopping: 'simultaneous' }, 3000), { workers: 2 })).summary;
    const separate = (await simulate(mams(arms, { ...design, stopping: 'separate' }, 3000), { workers: 2 })).summary;
    expect(separate.families![0].anyRejected.replicates).toBe(simultaneous.families![0].anyRejected.replicates);
    // Letting the other arms go on can only add rejections.
    expect(separate.families![0].trueRejections!.mean).toBeGreaterThan(simultaneous.families![0].trueRejections!.mean);
  });

  it('keeping the best arm after stage 1 caps the sample size and keeps the error below the planned level', async () => {
    const { summary } = await simulate(mams({ control: 0, A: 0, B: 0, C: 0 }, { stages: { arm: [30, 30] }, alpha: 0.05, efficacy: 'obrien-fleming', selection: { keep: 1, after: [1] } }, R), { workers: 2 });
    expect(metric(summary, 'sampleSize').max).toBe(4 * 30 + 2 * 30);
    const planned = plan(summary).familywiseErrorUnderGlobalNull;
    expect(family(summary).familywiseError!.rate).toBeLessThan(planned + 4 * binomialMcse(planned, R));
  });
});

describe('MAMS family outputs', () => {
  it('finds the truly best arm and reports how often it wins; the leader at stage 1 is chosen in every trial', async () => {
    const { summary } = await simulate(mams({ control: 0, A: 0.6, B: 0.2, C: 0 }, { stages: { arm: [30, 30] }, alpha: 0.025, efficacy: 'triangular', futility: 'triangular' }, 2000), { workers: 2 });
    const f = family(summary);
    expect(f.best?.id).toBe('A-vs-control');
    expect(f.trueNulls).toEqual(['C-vs-control']);
    const winner = f.selections.find((x) => x.id === 'winner')!;
    const leader = f.selections.find((x) => x.id === 'leader:stage-1')!;
    expect(leader.none.replicates).toBe(0);
    expect(winner.best!.rate).toBeLessThanOrEqual(f.best!.rejected.rate);
    expect(winner.chosen.reduce((s, c) => s + c.rate, 0) + winner.none.rate).toBeCloseTo(1, 12);
  });
});
