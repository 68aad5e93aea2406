/**
 * The flagship profile-cancellation variant (scenarios/flagship/stard-profiles.yaml):
 * sertraline and bupropion-SR at level 2 are each best for one of two equally
 * common profiles and equal on average. The averaged sequence comparisons
 * reject at their asymptotic size α = 0.05 (the null holds exactly), within 4
 * Monte Carlo SEs; within each profile (oracle subgroup) they have high
 * power (the whole 95% Wilson interval above 0.9); and describe() states that
 * the profile-specific differences cancel, with the profile-matched gain
 * computed by hand. The sequence values and the flow counts of describe()
 * come from the exact truth, so they are checked against closed forms to the
 * digits the summary reports them to.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadScenario } from '../../../src/run/scenario.js';
import { run, estimate, hypothesis } from './helpers.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';

const R = 1500;
const file = join(import.meta.dirname, '../../../scenarios/flagship/stard-profiles.yaml');
const s = loadScenario(file, { replicates: R });
const PROFILES = ['sertraline-responsive', 'bupropion-responsive'] as const;
const COMPARISONS = ['CIT>SER vs CIT>BUP', 'CIT>SER>MRT>TCP vs CIT>BUP>MRT>TCP'];

// Closed form of a sequence's value: remission at L1, else (after not declining) at L2, L3, L4.
const value = (p2: number) => 0.368 + 0.632 * 0.62 * (p2 + (1 - p2) * 0.39 * (0.137 + 0.863 * 0.36 * 0.13));
/** The same for a sequence that stops after level 2. */
const value2 = (p2: number) => 0.368 + 0.632 * 0.62 * p2;

/** A figure the summary rounds to `digits` decimals agrees with its exact value. */
function expectRounded(reported: number, exact: number, digits: number, what: string): void {
  const gap = Math.abs(reported - exact);
  expect(gap <= 0.5 * 10 ** -digits + 1e-12, `${what}: reported ${reported}, exact ${exact}`).toBe(true);
}

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
    expect(c.byProfile[0].value).toBeCloseTo(value(0.5), 6);
    expect(c.gain).toBeCloseTo(value(0.5) - value(0.306), 6);
    for (const row of rows) { expect(row.oppositeSigns).toBe(true); expect(row.index).toBeCloseTo(1, 9); }
  });

  it('each compared sequence has the closed-form value overall and in each profile, exactly (no Monte Carlo error)', () => {
    const table = (summary.sequences as { rows: { sequence: string; value: number; valueMcse: number; byProfile: Record<string, number> }[] }).rows;
    const row = (id: string) => table.find((r) => r.sequence === id)!;
    // Level-2 remission of SER (and, mirrored, BUP) in each profile; 0.306 on average.
    const p2 = { SER: { 'sertraline-responsive': 0.5, 'bupropion-responsive': 0.112 }, BUP: { 'sertraline-responsive': 0.112, 'bupropion-responsive': 0.5 } };
    for (const drug of ['SER', 'BUP'] as const) {
      for (const id of [`CIT>${drug}`, `CIT>${drug}>MRT>TCP`]) {
        const r = row(id);
        const levels = id.split('>').length;
        expectRounded(r.value, levels === 2 ? value2(0.306) : value(0.306), 6, `${id} value`);
        expect(r.valueMcse).toBe(0);
        for (const p of PROFILES) expectRounded(r.byProfile[p], levels === 2 ? value2(p2[drug][p]) : value(p2[drug][p]), 6, `${id} in ${p}`);
      }
    }
  });

  it('the flow section gives the closed-form expected participants at every level', () => {
    const flow = summary.flow as {
      sampleSize: number; remitted: number; cumulativeRemission: number; cumulativeRemissionIfNoDropout: number; sustainedRemission: number;
      levels: { level: string; entering: number; remitting: number; droppingOut: number; decliningNext: number; movingOn: number; endingWithoutRemission: number; relapsing: number; options: Record<string, number> }[];
    };
    const N = 4041;
    // No dropout; remission on average (each level-2 option remits 30.6% of either profile on average),
    // declining the next level, and relapse per level, from the scenario file.
    const remit = [0.368, 0.306, 0.137, 0.13], decline = [0.38, 0.61, 0.64, 0], relapse = [0.335, 0.474, 0.429, 0.5];
    let entering = N, remitted = 0, sustained = 0;
    flow.levels.forEach((l, k) => {
      const last = k === flow.levels.length - 1;
      const remitting = entering * remit[k], rest = entering - remitting;
      expectRounded(l.entering, entering, 2, `${l.level} entering`);
      expectRounded(l.remitting, remitting, 2, `${l.level} remitting`);
      expect(l.droppingOut).toBe(0);
      expectRounded(l.decliningNext, rest * decline[k], 2, `${l.level} declining`);
      expectRounded(l.relapsing, remitting * relapse[k], 2, `${l.level} relapsing`);
      expectRounded(l.endingWithoutRemission, last ? rest : 0, 2, `${l.level} ending without remission`);
      remitted += remitting;
      sustained += remitting * (1 - relapse[k]);
      entering = last ? 0 : rest * (1 - decline[k]);
    });
    // Level 2: 40% accept only the 3 switches, 30% only the 2 augmentations, 30% all 5, each chosen with equal chance.
    const enteringL2 = N * 0.632 * 0.62;
    expectRounded(flow.levels[1].options.SER, enteringL2 * (0.4 / 3 + 0.3 / 5), 2, 'L2 SER');
    expectRounded(flow.levels[1].options['CIT-BUP'], enteringL2 * (0.3 / 2 + 0.3 / 5), 2, 'L2 CIT-BUP');
    expectRounded(flow.remitted, remitted, 2, 'remitted');
    expectRounded(flow.cumulativeRemission, value(0.306), 6, 'cumulative remission');
    expectRounded(flow.cumulativeRemissionIfNoDropout, 1 - remit.reduce((a, r) => a * (1 - r), 1), 6, 'cumulative remission if nobody leaves');
    expectRounded(flow.sustainedRemission, sustained / N, 6, 'sustained remission');
  });
});
