/**
 * The typed hash table of distinct values counts as a Map would: the same
 * keys (0 and -0 one key), the same counts, through its growth from 16 slots.
 */
import { describe, it, expect } from 'vitest';
import { DistinctCounts } from '../../src/stats/distinct-counts.js';
import { mulberry32 } from '../helpers/mulberry32.js';

describe('distinct counts', () => {
  it('holds the keys and counts a Map holds, for 5,000 values with ties, signed zeros and a wide range', () => {
    const u = mulberry32(11);
    const table = new DistinctCounts(), map = new Map<number, number>();
    for (let k = 0; k < 5000; k++) {
      const v = u();
      const x = v < 0.1 ? (v < 0.05 ? 0 : -0) : v < 0.5 ? Math.round(v * 60) / 60 : (v - 0.75) * 10 ** Math.floor(u() * 40 - 20);
      const n = 1 + Math.floor(u() * 3);
      table.add(x, n);
      map.set(x, (map.get(x) ?? 0) + n);
    }
    const byValue = (a: [number, number], b: [number, number]) => a[0] - b[0];
    expect(table.size).toBe(map.size);
    expect(table.pairs().sort(byValue)).toEqual([...map].sort(byValue));
    expect(Object.is(table.pairs().find(([x]) => x === 0)![0], 0)).toBe(true);
  });
});
