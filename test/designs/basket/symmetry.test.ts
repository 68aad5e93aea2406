/**
 * Exchangeable baskets: the canonical (sorted) vector and its rank. Every
 * vector of counts (with interim and final sizes) maps to the rank of its
 * sorted form, permutations of exchangeable baskets share it, distinct
 * multisets get distinct ranks, and the ranks fill 0 .. distinct - 1.
 */
import { describe, it, expect } from 'vitest';
import { ExchangeableBaskets } from '../../../src/designs/basket/symmetry.js';
import type { BasketInfo } from '../../../src/designs/basket/setup.js';

const basket = (n: number, p0: number): BasketInfo => ({ id: 'x', label: 'x', n, p0, rate: { value: p0, mcse: 0 }, isNull: true, maxN: n });

describe('ranks of sorted count vectors', () => {
  // Two exchangeable baskets of 4 with an interim at 2, and a third basket of 3 (its own class).
  const baskets = [basket(4, 0.2), basket(3, 0.2), basket(4, 0.2)];
  const interim = [2, 1, 2];
  const e = new ExchangeableBaskets(baskets, interim);
  const states = (k: number) => [...Array.from({ length: baskets[k].n + 1 }, (_, y) => [y, baskets[k].n]), ...Array.from({ length: interim[k] + 1 }, (_, y) => [y, interim[k]])];

  it('counts the distinct sorted vectors: C(8 + 1, 2) x 6 for codes 5 + 3 and 4 + 2', () => {
    expect(e.distinct).toBe(36 * 6);
  });

  it('gives every multiset one rank, shared by its permutations, filling the table', () => {
    const byMultiset = new Map<string, number>();
    for (const s0 of states(0)) for (const s1 of states(1)) for (const s2 of states(2)) {
      e.canonical([s0[0], s1[0], s2[0]], [s0[1], s1[1], s2[1]]);
      const r = e.rank();
      const pair = [s0.join('/'), s2.join('/')].sort().join('|');
      const key = `${pair}#${s1.join('/')}`;
      if (byMultiset.has(key)) expect(r).toBe(byMultiset.get(key));
      else byMultiset.set(key, r);
    }
    const ranks = [...byMultiset.values()].sort((a, b) => a - b);
    expect(ranks).toEqual(Array.from({ length: e.distinct }, (_, i) => i));
  });

  it('unpermutes a packed posterior back to the original basket order', () => {
    e.canonical([3, 1, 0], [4, 3, 4]);
    // canonical order within the class {0, 2}: (4, 0) before (4, 3)
    expect([e.y[0], e.y[2]]).toEqual([0, 3]);
    const canonical = Float64Array.from([10, 11, 12, 20, 21, 22]);
    expect([...e.unpermute(canonical, 3, new Float64Array(6))]).toEqual([12, 11, 10, 22, 21, 20]);
  });
});
