/**
 * The STAR*D-like flagship reproduces the published per-level remission
 * rates and the 67% cumulative remission had nobody dropped out; its
 * summary carries the sequences, cancellation and flow sections. A
 * replicate's patient export agrees with what was analysed, and two designs
 * that randomise differently see the same patients with the same potential
 * outcomes (common random numbers).
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadScenario } from '../../../src/run/scenario.js';
import { designFor } from '../../../src/designs/registry.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { newRecord } from '../../../src/designs/types.js';
import { run, estimate, unbiased, sequential } from './helpers.js';

const design = designFor('sequential');
const STARD = [0.368, 0.306, 0.137, 0.13];

describe('the STAR*D-like flagship', () => {
  it('reproduces the published per-level rates and 67% cumulative remission had nobody dropped out', async () => {
    const s = loadScenario(join(import.meta.dirname, '../../../scenarios/flagship/stard.yaml'), { replicates: 300 });
    const summary = await run(s);
    STARD.forEach((r, k) => {
      expect(estimate(summary, `remission:L${k + 1}`).truth).toBeCloseTo(r, 12);
      unbiased(summary, `remission:L${k + 1}`);
    });
    expect(estimate(summary, 'cumulative-remission-if-no-dropout').truth).toBeCloseTo(1 - STARD.reduce((a, r) => a * (1 - r), 1), 12);
    unbiased(summary, 'cumulative-remission-if-no-dropout');
    // 40 full-length embedded sequences, and the two 2-level ones compared.
    const rows = (summary.sequences as { rows: { levels: number }[] }).rows;
    expect(rows.filter((r) => r.levels === 4)).toHaveLength(40);
    expect(rows).toHaveLength(42);
    expect((summary.flow as { levels: { entering: number }[] }).levels[0].entering).toBe(4041);
    expect((summary.sequences as { best: { statement: string } }).best.statement).toMatch(/no latent profiles/);
    expect(summary.cancellation).toEqual([]);
  });
});

describe('patient export and common random numbers', () => {
  const make = (weightSER: number) => sequential({
    sampleSize: 150,
    treatments: { A: {}, SER: {}, BUP: {} },
    levels: [
      { id: 'L1', options: [{ id: 'A', treatment: 'A', remission: { rate: { p: 0.4, q: 0.2 } } }] },
      { id: 'L2', acceptance: [{ accepts: ['SER'], probability: 0.3 }, { accepts: ['SER', 'BUP'], probability: 0.7 }], options: [
        { id: 'SER', treatment: 'SER', weight: weightSER, remission: { rate: 0.3 } },
        { id: 'BUP', treatment: 'BUP', remission: { rate: { p: 0.5, q: 0.1 } } },
      ] },
    ],
  }, { population: { profiles: [{ id: 'p', prevalence: 0.5 }, { id: 'q', prevalence: 0.5 }] } });

  it('every exported patient\'s result agrees with their potential outcome under the option given', () => {
    const s = make(1);
    const t = design.patients!(s.spec, s.prepared.data, new ReplicateStreams(s.spec.seed, 3));
    expect(t.rows).toHaveLength(150);
    const col = (name: string) => t.columns.indexOf(name);
    let remitted = 0;
    for (const row of t.rows) {
      for (const L of ['L1', 'L2']) {
        const option = row[col(`${L}_option`)];
        if (option === '') continue;
        const result = row[col(`${L}_result`)];
        if (result === 'remitted') { remitted++; expect(row[col(`${L}_remit_${option}`)]).toBe(1); }
        if (result === 'not remitted') expect(row[col(`${L}_remit_${option}`)]).toBe(0);
        expect(String(row[col(`${L}_eligible`)]).split('|')).toContain(option);
      }
    }
    expect(remitted).toBeGreaterThan(0);
  });

  it('designs that randomise differently see the same patients and potential outcomes', () => {
    const a = design.patients!(make(1).spec, make(1).prepared.data, new ReplicateStreams(17, 5));
    const b = design.patients!(make(3).spec, make(3).prepared.data, new ReplicateStreams(17, 5));
    const same = a.columns.filter((c) => c === 'profile' || /_remit_|_p_|_eligible/.test(c));
    let differentOption = 0;
    a.rows.forEach((row, i) => {
      for (const c of same) {
        const j = a.columns.indexOf(c);
        // Eligibility and potential outcomes at level 2 exist for those who reached it in both.
        if (c.startsWith('L2') && (row[a.columns.indexOf('L2_option')] === '' || b.rows[i][j] === '' || row[j] === '')) continue;
        expect(b.rows[i][j]).toBe(row[j]);
      }
      if (row[a.columns.indexOf('L2_option')] !== b.rows[i][a.columns.indexOf('L2_option')]) differentOption++;
    });
    expect(differentOption).toBeGreaterThan(0);
  });
});

describe('replicates are independent of one another', () => {
  it('a replicate simulated after others gives the same record as simulated alone', () => {
    const s = loadScenario(join(import.meta.dirname, '../../../scenarios/flagship/stard-profiles.yaml'));
    const after = design.plan(s.spec, s.prepared.data), alone = design.plan(s.spec, s.prepared.data);
    const a = newRecord(after.layout), b = newRecord(alone.layout);
    for (let r = 1; r <= 4; r++) after.simulate(new ReplicateStreams(s.spec.seed, r), a);
    after.simulate(new ReplicateStreams(s.spec.seed, 9), a);
    alone.simulate(new ReplicateStreams(s.spec.seed, 9), b);
    expect(a).toEqual(b);
  });
});
