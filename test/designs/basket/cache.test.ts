/**
 * Caching by sufficient statistics: a Bayesian analysis depends on a
 * replicate only through its count vector, so caching its posterior by that
 * vector must never change a result, only how often the posterior is
 * computed; the hit rate is measured; keys are distinct for distinct
 * vectors; memory is bounded by least-recently-used eviction.
 */
import { describe, it, expect } from 'vitest';
import { planBasket } from '../../../src/designs/basket/index.js';
import { OutcomeKey, ResultCache } from '../../../src/designs/basket/cache.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { newRecord, type ReplicateRecord } from '../../../src/designs/types.js';
import { basketData, load } from './helpers.js';

const small = load(basketData({
  p0: 0.2,
  baskets: [{ id: 'a', sampleSize: 6, responseRate: 0.2 }, { id: 'b', sampleSize: 6, responseRate: 0.4 }, { id: 'c', sampleSize: 8, responseRate: 0.2 }],
  analyses: [
    { method: 'hierarchical', interim: { fraction: 0.5, futility: 0.2 } },
    { method: 'exnex' },
    { method: 'fujikawa' },
  ],
}, { seed: 61 }));

function records(plan: ReturnType<typeof planBasket>, R: number): ReplicateRecord[] {
  return Array.from({ length: R }, (_, i) => {
    const rec = newRecord(plan.layout);
    plan.simulate(new ReplicateStreams(61, i + 1), rec);
    return rec;
  });
}

describe('the analysis cache', () => {
  it('gives the same results as computing every posterior afresh', () => {
    const cached = planBasket(small.spec, small.prepared.data);
    const uncached = planBasket(small.spec, small.prepared.data, { cacheBytes: 1, shared: false });
    const a = records(cached, 1500);
    const b = records(uncached, 1500);
    expect(a).toEqual(b);
    const stats = uncached.cacheStats();
    expect(stats.hierarchical.capacity).toBe(1);
    expect(stats.hierarchical.hitRate).toBeLessThan(0.2);
  });

  it('gives the same results from the table shared between threads', () => {
    const own = planBasket(small.spec, small.prepared.data, { shared: false });
    const shared = planBasket(small.spec, small.prepared.data);
    expect(records(shared, 800)).toEqual(records(own, 800));
  });

  it('fills the shared table once: a second thread on the same prepared data only reads it', () => {
    const fresh = load(basketData({
      p0: 0.2,
      baskets: [{ id: 'a', sampleSize: 6, responseRate: 0.3 }, { id: 'b', sampleSize: 6, responseRate: 0.3 }, { id: 'c', sampleSize: 6, responseRate: 0.3 }],
      analyses: [{ method: 'hierarchical' }],
    }, { seed: 5 }));
    const first = planBasket(fresh.spec, fresh.prepared.data);
    records(first, 2000);
    // Sorted vectors of three exchangeable baskets of 6: C(7 + 2, 3) = 84 slots.
    expect(first.cacheStats().hierarchical.capacity).toBe(84);
    expect(first.cacheStats().hierarchical.misses).toBeLessThanOrEqual(84);
    const second = planBasket(fresh.spec, fresh.prepared.data);
    records(second, 2000);
    expect(second.cacheStats().hierarchical.misses).toBe(0);
  });

  it('computes each posterior once per distinct count vector and reports its hit rate', () => {
    const plan = planBasket(small.spec, small.prepared.data, { shared: false });
    records(plan, 3000);
    const stats = plan.cacheStats();
    expect(Object.keys(stats)).toEqual(['hierarchical', 'exnex', 'fujikawa']);
    // 7 x 7 x 9 final vectors at most, plus 4 x 4 x 5 interim ones
    expect(stats.hierarchical.misses).toBeLessThanOrEqual(7 * 7 * 9 + 4 * 4 * 5);
    expect(stats.exnex.misses).toBeLessThanOrEqual(7 * 7 * 9);
    expect(stats.exnex.hits + stats.exnex.misses).toBe(3000);
    expect(stats.hierarchical.hits + stats.hierarchical.misses).toBe(6000);
    expect(stats.fujikawa.hitRate).toBeGreaterThan(0.9);
    expect(stats.fujikawa.size).toBe(stats.fujikawa.misses);
  });

  it('packs distinct (responders, patients) vectors into distinct keys, as numbers or as strings', () => {
    const key = new OutcomeKey([3, 4], [1, 2]);
    const seen = new Set<number | string>();
    for (const n0 of [3, 1]) for (const n1 of [4, 2]) for (let y0 = 0; y0 <= n0; y0++) for (let y1 = 0; y1 <= n1; y1++) seen.add(key.key([y0, y1], [n0, n1]));
    expect(seen.size).toBe((4 + 2) * (5 + 3));
    expect([...seen].every((k) => typeof k === 'number')).toBe(true);
    const many = new OutcomeKey(new Array(16).fill(200), null);
    const k1 = many.key(new Array(16).fill(3), new Array(16).fill(200));
    const k2 = many.key([4, ...new Array(15).fill(3)], new Array(16).fill(200));
    expect(typeof k1).toBe('string');
    expect(k1).not.toBe(k2);
    expect(() => key.key([0, 0], [2, 4])).toThrow(/neither the planned nor the interim size/);
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new ResultCache<string>(2);
    cache.set(1, 'one');
    cache.set(2, 'two');
    expect(cache.get(1)).toBe('one');
    cache.set(3, 'three');
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(1)).toBe('one');
    expect(cache.get(3)).toBe('three');
    expect(cache.stats()).toMatchObject({ hits: 3, misses: 1, size: 2, capacity: 2, hitRate: 0.75 });
  });
});
