/**
 * Family outputs from counted rejection patterns, on hand-made replicate
 * records whose answers are counted by hand: family-wise error, disjunctive
 * and conjunctive power, numbers of false and true rejections, the truly
 * best hypothesis and the selections; and the counts merge to the same
 * state in any order (shards, chunks).
 */
import { describe, it, expect } from 'vitest';
import { Accumulator } from '../../src/summary/accumulator.js';
import { summariseFamilies } from '../../src/summary/families.js';
import { newRecord, type ReplicateLayout } from '../../src/designs/types.js';

const layout: ReplicateLayout = {
  hypotheses: ['A', 'B', 'C'].map((a) => ({ id: a, label: a, family: 'arms', estimand: `md:${a}`, better: 'higher' as const })).concat([{ id: 'other', label: 'other', family: 'alone', estimand: 'md:A', better: 'higher' }]),
  estimates: [],
  metrics: [],
  warnings: [],
  selections: [{ id: 'winner', label: 'winner', family: 'arms' }],
};
const truth = { 'md:A': { value: 0.5, mcse: 0 }, 'md:B': { value: 0, mcse: 0 }, 'md:C': { value: 0.2, mcse: 0 } };
// Nulls: B true; A and C false; A truly best.
const nullIsTrue = [false, true, false, false];

/** Rejection patterns over A, B, C and the winner of each replicate. */
const replicates: [number[], number][] = [
  [[1, 0, 0], 0], [[1, 1, 0], 0], [[0, 1, 0], 1], [[1, 0, 1], 2], [[0, 0, 0], -1], [[1, 0, 1], 0], [[0, 0, 1], 2], [[0, 0, 0], -1],
];

function accumulate(rows: [number[], number][]): Accumulator {
  const acc = new Accumulator(layout, new Float64Array(0));
  const r = newRecord(layout);
  for (const [pattern, winner] of rows) {
    pattern.forEach((x, k) => (r.rejected[k] = x));
    r.rejected[3] = 0;
    r.selected[0] = winner;
    acc.add(r);
  }
  return acc;
}

describe('family outputs', () => {
  const acc = accumulate(replicates);
  const [f] = summariseFamilies(layout, truth, acc, nullIsTrue);

  it('counts only families of two or more hypotheses', () => {
    expect(acc.families.map((x) => x.id)).toEqual(['arms']);
  });

  it('gives the rates counted by hand', () => {
    expect(f.trueNulls).toEqual(['B']);
    expect(f.anyRejected.replicates).toBe(6);
    expect(f.familywiseError!.replicates).toBe(2);
    expect(f.disjunctivePower!.replicates).toBe(5);
    expect(f.conjunctivePower!.replicates).toBe(2);
    expect(f.falseRejections!.mean).toBeCloseTo(2 / 8, 14);
    expect(f.trueRejections!.mean).toBeCloseTo(7 / 8, 14);
    expect(f.familywiseError!.mcse).toBeCloseTo(Math.sqrt((0.25 * 0.75) / 8), 14);
    expect(f.best).toMatchObject({ id: 'A', rejected: { replicates: 4 } });
  });

  it('reports selections, and how often the truly best was selected', () => {
    const [winner] = f.selections;
    expect(winner.chosen.map((c) => c.rate)).toEqual([3 / 8, 1 / 8, 2 / 8]);
    expect(winner.none.replicates).toBe(2);
    expect(winner.best!.replicates).toBe(3);
  });

  it('has no truly best hypothesis when the top two tie, and no error rates when a truth is unknown', () => {
    const tied = { ...truth, 'md:C': { value: 0.5, mcse: 0 } };
    expect(summariseFamilies(layout, tied, acc, nullIsTrue)[0].best).toBeNull();
    const [unknown] = summariseFamilies(layout, truth, acc, [false, null, false, false]);
    expect(unknown.familywiseError).toBeNull();
    expect(unknown.trueNulls).toBeNull();
    expect(unknown.anyRejected.replicates).toBe(6);
  });

  it('merges to the same state in any order', () => {
    const whole = accumulate(replicates).state();
    const a = accumulate(replicates.slice(0, 3)), b = accumulate(replicates.slice(3));
    const ab = new Accumulator(layout, new Float64Array(0));
    ab.merge(b.state());
    ab.merge(a.state());
    expect(ab.state()).toEqual(whole);
  });
});
