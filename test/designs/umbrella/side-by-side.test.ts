/**
 * The same scenario run as separate two-arm trials side by side: the
 * separate trials see the same screened patients, the umbrella's own
 * results do not change when they run, and the patients saved by sharing
 * the control are reported per replicate and as planned values.
 */
import { describe, it, expect } from 'vitest';
import { run, metric, hypothesis, umbrellaData } from './helpers.js';

type Data = Record<string, unknown>;
const R = 2000;

function lung(over: Data): Data {
  return umbrellaData({
    top: { replicates: R, seed: 17 },
    design: {
      screening: { ratePerMonth: 30, testFailure: 0.1 },
      randomisation: { method: 'permuted-block', blockSize: 6 },
      substudies: [
        { id: 'A', eligibility: 'a', drug: 'drug-a', sampleSize: 60 },
        { id: 'B', eligibility: 'b and not a', drug: 'drug-b', sampleSize: 60 },
      ],
      ...over,
    },
  });
}

describe('side-by-side separate trials', () => {
  it("the umbrella's results are the same whether or not the separate trials run beside it", async () => {
    const alone = await run(lung({}));
    const both = await run(lung({ sideBySide: true }));
    for (const h of alone.hypotheses) expect(hypothesis(both, h.id).rejections, h.id).toBe(h.rejections);
    for (const m of alone.metrics) expect(metric(both, m.id).mean, m.id).toBe(m.mean);
  });

  it('with 1:1 matched controls and no adjustment, sharing saves nothing and the separate trials are identical', async () => {
    const s = await run(lung({ sideBySide: true }));
    for (const id of ['A', 'B', 'any-success']) expect(hypothesis(s, `separate:${id}`).rejections, id).toBe(hypothesis(s, id).rejections);
    expect(metric(s, 'patients-saved').min).toBe(0);
    expect(metric(s, 'patients-saved').max).toBe(0);
    expect(metric(s, 'months-saved').max).toBe(0);
    expect((s.sideBySide as { plannedPatients: unknown }).plannedPatients).toEqual({ umbrella: 120, separate: 120, saved: 0 });
  });

  it('2:1 allocation within substudies against all concurrent controls saves a third of the separate trials\' patients', async () => {
    const allocation = (drug: string) => ({ [drug]: 2, control: 1 });
    const s = await run(lung({
      control: { sharing: 'shared', compareWith: 'all-concurrent' },
      substudies: [
        { id: 'A', eligibility: 'a', drug: 'drug-a', sampleSize: 90, allocation: allocation('drug-a') },
        { id: 'B', eligibility: 'b and not a', drug: 'drug-b', sampleSize: 60, allocation: allocation('drug-b') },
      ],
      sideBySide: { allocation: { drug: 1, control: 1 } },
    }));
    // Each separate trial keeps the umbrella's drug patients (60 and 40) and adds as many controls of its own.
    expect((s.sideBySide as { plannedPatients: unknown }).plannedPatients).toEqual({ umbrella: 150, separate: 200, saved: 50 });
    expect(metric(s, 'patients-saved').min).toBe(50);
    expect(metric(s, 'patients-saved').max).toBe(50);
    for (const id of ['drug:A', 'control:A', 'separate:drug:A', 'separate:control:A']) {
      expect(metric(s, id).min, id).toBe(id === 'control:A' ? 30 : 60);
      expect(metric(s, id).max, id).toBe(id === 'control:A' ? 30 : 60);
    }
    // The umbrella compares each drug with more controls than it randomised itself.
    expect(metric(s, 'compared-controls:A').mean).toBeGreaterThan(metric(s, 'control:A').mean);
    expect(metric(s, 'months-saved').mean).toBeCloseTo(metric(s, 'separate:duration').mean - metric(s, 'duration').mean, 9);
    expect(metric(s, 'separate:screened').min).toBeGreaterThanOrEqual(metric(s, 'screened').min);
  });
});
