/**
 * The flagship profile-cancellation variant (scenarios/flagship/stard-profiles.yaml):
 * sertraline and bupropion-SR at level 2 are each best for one of two equally
 * common profiles and equal on average. The averaged sequence comparisons
 * reject at their asymptotic size α = 0.05 (the null holds exactly), within 4
 * Monte Carlo SEs; within each profile (oracle subgroup) they have high
 * power (the whole 95% Wilson interval above 0.9); and describe() states that
 * the profile-specific differences cancel, with the profile-matched gain
 * computed by hand.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadScenario } from '../../../src/run/scenario.js';
import { run, estimate, hypothesis } from './helpers.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';

const R = 1500;
const file = join(import.meta.dirname, '../../../scenarios/flagship/stard-profiles.yaml');
const s = loadScenario(file, { replicates: R });
const PROFILES = ['sertraline-responsive', 'bupropion-responsive'];
const COMPARISONS = ['CIT>SER vs CIT>BUP', 'CIT>SER>MRT>TCP vs CIT>BUP>MRT>TCP'];

describe('profile cancellation in the STAR*D-like variant', async () => {
  const summary = await run(s);

  it.each(COMPARISONS)('%s: the averaged comparison rejects at its nominal size', (id) => {
    const h = hypothesis(summary, id);
    expect(h.meaning).toBe('type I error');
    expect(h.trueEffect).toBeCloseTo(0, 12);
    expectWithinMcse(h.rate, 0.05, { mcse: binomialMcse(0.05, R), what: id });
  });

  it.each(COMPARISONS.flatMap((c) => PROFILES.map((p) => `${c}|profile=${p}`)))('%s: within the profile the power is high', (id) => {
    const h = hypothesis(summary, id);
    expect(h.meaning).toBe('power');
    expect(Math.abs(estimate(summary, `value-difference:${id}`).truth!)).toBeGreaterThan(0.1);
    expect(h.ci95[0]).toBeGreaterThan(0.9);
  });

  it('describe() states the cancellation and the gain of matching each profile to its best sequence', () => {
    const c = (summary.sequences as { best: { statement: string; gain: number; byProfile: { best: string; value: number }[] } }).best;
    const rows = summary.cancellation as { comparison: string; statement: string; index: number; oppositeSigns: boolean }[];
    expect(c.statement).toMatch(/Profile-specific differences cancel in the average for CIT>SER vs CIT>BUP; CIT>SER>MRT>TCP vs CIT>BUP>MRT>TCP\./);
    expect(rows.map((r) => r.comparison)).toEqual(COMPARISONS);
    expect(rows[0].statement).toMatch(/^Profile-specific differences cancel in the average: CIT>SER vs CIT>BUP/);
    expect(c.byProfile.map((r) => r.best)).toEqual(['CIT>SER>MRT>TCP', 'CIT>BUP>MRT>TCP']);
    // Closed form: remission at L1, else (after not declining) at L2, L3, L4.
    const value = (p2: number) => 0.368 + 0.632 * 0.62 * (p2 + (1 - p2) * 0.39 * (0.137 + 0.863 * 0.36 * 0.13));
    expect(c.byProfile[0].value).toBeCloseTo(value(0.5), 6);
    expect(c.gain).toBeCloseTo(value(0.5) - value(0.306), 6);
    for (const row of rows) { expect(row.oppositeSigns).toBe(true); expect(row.index).toBeCloseTo(1, 9); }
    expect(summary.sequences).toBeDefined();
    expect(summary.flow).toBeDefined();
  });
});
