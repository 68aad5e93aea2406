/**
 * What a rule does when met, replicate by replicate: with superiority
 * stopping the trial at most one arm is ever declared superior, while
 * graduation (I-SPY 2) lets a second effective arm graduate after the
 * first; with onDrop: stop a trial ends at the analysis where an arm is
 * dropped, while dropping lets the other arms go on to the end.
 */
import { describe, it, expect } from 'vitest';
import { planAdaptive } from '../../../src/designs/response-adaptive/trial.js';
import type { ResponseAdaptiveScenario } from '../../../src/designs/response-adaptive/schema.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { scenario } from '../../helpers/scenarios.js';
import { METRIC, droppedMetric } from '../../../src/designs/response-adaptive/layout.js';

const spec = (stopping: object, rates = { control: 0.2, A: 0.5, B: 0.5 }) => scenario({
  name: 'actions', seed: 3, replicates: 10,
  endpoint: { type: 'binary', model: 'rates', rates: [{ rates }] },
  arms: { control: {}, A: {}, B: {} },
  design: { type: 'response-adaptive', sampleSize: 400, analyses: [60, 120, 180, 240, 300, 360], allocation: { min: 0.05 }, stopping },
}).spec as unknown as ResponseAdaptiveScenario;

function replicates(s: ResponseAdaptiveScenario, R: number) {
  const plan = planAdaptive(s);
  const out = newRecord(plan.layout);
  return Array.from({ length: R }, (_, r) => {
    plan.simulate(new ReplicateStreams(77, r), out);
    return { rejected: [...out.rejected], metric: [...out.metric] };
  });
}

describe('what superiority and dropping rules do', () => {
  it('superiority stops the trial: never two arms declared; graduation declares both effective arms in some trials', () => {
    const stopped = replicates(spec({ superiority: 0.9 }), 200);
    expect(stopped.every((r) => r.rejected[0] + r.rejected[1] <= 1)).toBe(true);
    const graduated = replicates(spec({ superiority: 0.9, onSuperiority: 'graduate' }), 200);
    expect(graduated.some((r) => r.rejected[0] + r.rejected[1] === 2)).toBe(true);
    // Both effective arms are far better than control: graduating one leaves the other most likely best, so most trials graduate both.
    expect(graduated.filter((r) => r.rejected[0] + r.rejected[1] === 2).length).toBeGreaterThan(100);
  });

  it('onDrop: stop ends the trial when an arm is dropped; drop lets the others go on', () => {
    const rates = { control: 0.5, A: 0.2, B: 0.5 };
    const dropping = replicates(spec({ inferiority: 0.05 }, rates), 200);
    const stopping = replicates(spec({ inferiority: 0.05, onDrop: 'stop' }, rates), 200);
    const droppedCount = (r: { metric: number[] }) => r.metric[droppedMetric(3, 0)] + r.metric[droppedMetric(3, 1)];
    const lastAnalysis = 7;
    // Dropping A leaves B and the control to go on (to the end, or until B is dropped too).
    expect(dropping.some((r) => droppedCount(r) === 1 && r.metric[METRIC.sampleSize] === 400)).toBe(true);
    // Stopping: every trial that drops an arm ends at that analysis, early unless it was the last.
    const withDrop = stopping.filter((r) => droppedCount(r) > 0);
    expect(withDrop.length).toBeGreaterThan(100);
    expect(withDrop.every((r) => r.metric[METRIC.allDropped] === 1 || r.metric[METRIC.analyses] === lastAnalysis)).toBe(true);
    const mean = (rs: { metric: number[] }[]) => rs.reduce((a, r) => a + r.metric[METRIC.sampleSize], 0) / rs.length;
    expect(mean(stopping)).toBeLessThan(mean(dropping));
  });
});
