/**
 * The flagship lung umbrella: replicate r depends on (seed, r) alone, so
 * in-process and worker-thread runs agree exactly; its substudies are the
 * ones the scenario describes (a rare one, an overlapping one, a drug that
 * works in nobody); and its summary carries the funnel and side-by-side
 * sections. Workers load dist/, which test/global-setup.ts builds first.
 */
import { describe, it, expect } from 'vitest';
import { loadScenario } from '../../../src/run/scenario.js';
import { simulate } from '../../../src/run/simulate.js';

const FILE = 'scenarios/flagship/umbrella-lung.yaml';

describe('flagship lung umbrella', () => {
  it('gives identical results in-process and in two worker threads', async () => {
    const loaded = loadScenario(FILE, { replicates: 300 });
    const a = (await simulate(loaded, { workers: 0 })).summary;
    const b = (await simulate(loaded, { workers: 2, chunkSize: 37 })).summary;
    expect(b).toEqual(a);
  });

  it('has a rare substudy, an overlapping one and a drug that works in nobody', async () => {
    const { summary } = await simulate(loadScenario(FILE, { replicates: 20 }), { workers: 0 });
    const subs = summary.substudies as { id: string; prevalence: number; drugDoesNothing: boolean }[];
    expect(subs.map((x) => x.id)).toEqual(['alk', 'egfr', 'kras', 'pdl1']);
    expect(Math.min(...subs.map((x) => x.prevalence))).toBe(subs[0].prevalence);
    expect(subs.filter((x) => x.drugDoesNothing).map((x) => x.id)).toEqual(['kras']);
    const screening = summary.screening as { perScreenedPatient: { overlapping: number } };
    expect(screening.perScreenedPatient.overlapping).toBeGreaterThan(0.02);
    expect(summary.hypotheses.find((h) => h.id === 'kras')!.meaning).toBe('type I error');
    expect(summary.sideBySide).toMatchObject({ plannedPatients: { umbrella: 360, separate: 480, saved: 120 } });
  });
});
