/**
 * Event-driven analysis of a two-arm time-to-event trial, and `better` for
 * time-to-event endpoints. Exact: every analysed trial has exactly D events
 * (or fewer, with a warning, when follow-up ends first), its calendar time
 * lies between the first possible event and the end of follow-up, and the
 * export shows the data as analysed. Under the null the one-sided log-rank
 * test at D = 200 events rejects at alpha (slack 3e-3 for the normal
 * approximation). A treatment that shortens the time to a good event, with
 * `better: lower`, is tested for benefit with the same power as one that
 * lengthens survival by the same hazard ratio with `better: higher`.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { designFor } from '../../../src/designs/registry.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { benefitPValue, logRankTest } from '../../../src/stats/logrank.js';
import { scenario } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';

function trial(logHr: number, events: number | undefined, replicates: number, better: 'higher' | 'lower' = 'higher') {
  return scenario({
    name: 'event-driven', seed: 17, replicates,
    endpoint: { type: 'time-to-event', median: 12, accrualDuration: 12, followUp: 24, better },
    arms: { control: {}, drug: { effect: logHr } },
    design: { type: 'two-arm', sampleSize: 300, analysis: { primary: { test: 'log-rank', alpha: 0.025, sided: 'one', ...(events ? { events } : {}) } } },
  });
}

const metric = (s: { metrics: { id: string; min: number; max: number; mean: number }[] }, id: string) => s.metrics.find((m) => m.id === id)!;

describe('event-driven analysis', () => {
  it('analyses every trial at exactly D events, at a calendar time before the end of follow-up', async () => {
    const { summary } = await simulate(trial(-0.3, 150, 500), { workers: 2 });
    expect(metric(summary, 'events').min).toBe(150);
    expect(metric(summary, 'events').max).toBe(150);
    const time = metric(summary, 'analysisTime');
    expect(time.max).toBeLessThan(36);
    expect(time.min).toBeGreaterThan(0);
    expect(summary.warnings.find((w) => w.id === 'fewer-events')!.replicates).toBe(0);
  });

  it('analyses at the end of follow-up, with a warning, when fewer than D events occur', async () => {
    const { summary } = await simulate(trial(0, 299, 50), { workers: 1 });
    expect(summary.warnings.find((w) => w.id === 'fewer-events')!.replicates).toBe(50);
    expect(metric(summary, 'analysisTime').min).toBe(36);
  });

  it('exports the patients as analysed: exactly D events, none after the cut', () => {
    const s = trial(-0.3, 120, 1);
    const table = designFor('two-arm').patients!(s.spec, s.prepared.data, new ReplicateStreams(17, 1));
    const col = (name: string) => table.columns.indexOf(name);
    const events = table.rows.filter((r) => r[col('event')] === 1);
    expect(events).toHaveLength(120);
    const cut = Math.max(...events.map((r) => (r[col('entry')] as number) + (r[col('time')] as number)));
    expect(table.rows.every((r) => (r[col('entry')] as number) + (r[col('time')] as number) <= cut + 1e-9 || (r[col('time')] as number) === 0)).toBe(true);
  });

  it('rejects at alpha under the null at 200 events', async () => {
    const R = 20000;
    const { summary } = await simulate(trial(0, 200, R), { workers: 2 });
    expectWithinMcse(summary.hypotheses[0].rate, 0.025, { mcse: binomialMcse(0.025, R), slack: 3e-3 });
  });
});

describe('better for time-to-event endpoints', () => {
  it('the two one-sided p-values of a log-rank test add to 1', () => {
    const time = Float64Array.from([3, 5, 7, 2, 8, 9, 1, 4]);
    const event = Uint8Array.from([1, 1, 0, 1, 1, 0, 1, 1]);
    const treated = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0]);
    const r = logRankTest(time, event, treated, 8, new Int32Array(8));
    expect(benefitPValue(r, true) + benefitPValue(r, false)).toBeCloseTo(1, 14);
  });

  it('shorter times better: a treatment raising the hazard by HR has the power of one lowering it by 1/HR', async () => {
    const R = 4000;
    const shorter = (await simulate(trial(0.35, 180, R, 'lower'), { workers: 2 })).summary.hypotheses[0];
    const longer = (await simulate(trial(-0.35, 180, R, 'higher'), { workers: 2 })).summary.hypotheses[0];
    expect(shorter.meaning).toBe('power');
    expectWithinMcse(shorter.rate, longer.rate, { mcse: Math.hypot(shorter.mcse, longer.mcse) });
  });
});
