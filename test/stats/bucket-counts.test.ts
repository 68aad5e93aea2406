/**
 * The sketch's bucket counts over a window of keys against a Map keyed by
 * the same integers: keys arriving below and above the window (it widens
 * both ways), repeated keys, clearing; and a sketch cleared after its
 * distinct values outgrew their table (which it keeps for the next chunk)
 * against a new sketch fed the same values.
 */
import { describe, it, expect } from 'vitest';
import { BucketCounts } from '../../src/stats/bucket-counts.js';
import { QuantileSketch, BUCKET_KEYS } from '../../src/stats/quantile-sketch.js';
import { mulberry32 } from '../helpers/mulberry32.js';

const reference = (adds: [number, number][]) => {
  const m = new Map<number, number>();
  for (const [k, n] of adds) m.set(k, (m.get(k) ?? 0) + n);
  return [...m].sort((a, b) => a[0] - b[0]);
};

describe('bucket counts', () => {
  it('counts like a Map over keys that widen the window both ways, in ascending order of key', () => {
    const u = mulberry32(7);
    // A drift downwards, then upwards, then anywhere in the doubles' key range.
    const keys = [
      ...Array.from({ length: 300 }, (_, i) => -i * 3 + Math.floor(u() * 5)),
      ...Array.from({ length: 300 }, (_, i) => i * 7 - Math.floor(u() * 5)),
      ...Array.from({ length: 50 }, () => BUCKET_KEYS.min + Math.floor(u() * (BUCKET_KEYS.max - BUCKET_KEYS.min + 1))),
      BUCKET_KEYS.min, BUCKET_KEYS.max,
    ];
    const adds = keys.map((k): [number, number] => [k, 1 + Math.floor(u() * 3)]);
    const b = new BucketCounts();
    for (const [k, n] of adds) b.add(k, n);
    const expected = reference(adds);
    expect(b.pairs()).toEqual(expected);
    expect(b.size).toBe(expected.length);
    b.clear();
    expect([b.pairs(), b.size]).toEqual([[], 0]);
    b.add(5, 2);
    expect(b.pairs()).toEqual([[5, 2]]);
  });
});

describe('a sketch cleared chunk after chunk', () => {
  it('gives the same state and quantiles as a new sketch, after its distinct values outgrew their table', () => {
    const u = mulberry32(11);
    const kept = new QuantileSketch();
    for (let chunk = 0; chunk < 4; chunk++) {
      // Chunks 0 and 2 outgrow the exact table (over 2,048 distinct values); 1 and 3 stay exact.
      const values = Array.from({ length: chunk % 2 === 0 ? 5000 : 300 }, () => (chunk % 2 === 0 ? u() * 4 - 1 : Math.round(u() * 40) / 8));
      const fresh = new QuantileSketch();
      kept.clear();
      for (const x of values) { kept.add(x); fresh.add(x); }
      expect(kept.isExact).toBe(chunk % 2 === 1);
      // (A state's distinct values come in the table's slot order, which depends on its size: compared sorted.)
      expect([kept.count, kept.buckets()]).toEqual([fresh.count, fresh.buckets()]);
      expect([0.025, 0.5, 0.975].map((q) => kept.quantile(q))).toEqual([0.025, 0.5, 0.975].map((q) => fresh.quantile(q)));
    }
  });

  it('refuses a state whose bucket key no double can have', () => {
    const s = new QuantileSketch();
    expect(() => s.merge({ zero: 0, positive: [[BUCKET_KEYS.max + 1, 1]], negative: [] })).toThrow(/outside the range of doubles/);
    expect(() => s.merge({ zero: 0, positive: [], negative: [[0.5, 1]] })).toThrow(/outside the range of doubles/);
  });
});
