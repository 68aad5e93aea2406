/**
 * The sketch's plain-data state: the distinct values and their counts as two
 * lists, read back into the same sketch; and the [value, count] pairs that
 * states were written with before, still read into the same sketch. An
 * accumulator's state carries it as `distribution`, and reads a `sketch`
 * (the older key) the same way.
 */
import { describe, it, expect } from 'vitest';
import { QuantileSketch } from '../../src/stats/quantile-sketch.js';
import { Accumulator } from '../../src/summary/accumulator.js';
import { newRecord, type ReplicateLayout } from '../../src/designs/types.js';
import { mulberry32 } from '../helpers/mulberry32.js';

const values = (n: number, seed: number) => {
  const u = mulberry32(seed);
  return Array.from({ length: n }, () => Math.round((u() - 0.3) * 500) / 100);
};

describe('the quantile sketch state', () => {
  it('holds the distinct values in two lists, and merges as the pairs it was written with before', () => {
    const a = new QuantileSketch();
    values(3000, 1).forEach((x) => a.add(x));
    const state = a.state();
    expect(state.exact).toBeUndefined();
    expect(state.values!.length).toBe(state.counts!.length);
    const pairs = { ...state, values: undefined, counts: undefined, exact: state.values!.map((x, j): [number, number] => [x, state.counts![j]]) };
    const fromLists = new QuantileSketch(), fromPairs = new QuantileSketch();
    fromLists.merge(state);
    fromPairs.merge(pairs);
    expect(fromLists.buckets()).toEqual(a.buckets());
    expect(fromPairs.buckets()).toEqual(a.buckets());
    expect([fromLists.count, fromPairs.count]).toEqual([3000, 3000]);
  });

  it('is read from an accumulator state under its older key too', () => {
    const layout: ReplicateLayout = { hypotheses: [], estimates: [{ id: 'd', label: 'd', scale: 'difference' }], metrics: [{ id: 'n', label: 'n', unit: 'patients' }], warnings: [] };
    const acc = new Accumulator(layout, Float64Array.of(0));
    const r = newRecord(layout);
    values(500, 2).forEach((x, k) => { r.estimate[0] = x; r.se[0] = 1; r.lower[0] = x - 2; r.upper[0] = x + 2; r.metric[0] = 100 + (k % 7); acc.add(r); });
    const state = acc.state();
    const older = {
      ...state,
      estimates: state.estimates.map(({ distribution, ...e }) => ({ ...e, sketch: distribution })),
      metrics: state.metrics.map(({ distribution, ...m }) => ({ ...m, sketch: distribution })),
    };
    const a = new Accumulator(layout, Float64Array.of(0)), b = new Accumulator(layout, Float64Array.of(0));
    a.merge(state);
    b.merge(older);
    expect(b.est[0].sketch!.buckets()).toEqual(a.est[0].sketch!.buckets());
    expect(b.met[0].sketch!.buckets()).toEqual(a.met[0].sketch!.buckets());
    expect(a.est[0].sketch!.buckets()).toEqual(acc.est[0].sketch!.buckets());
  });
});
