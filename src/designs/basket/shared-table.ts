/**
 * A posterior table shared by every worker thread of a run. Each slot holds
 * the packed posterior (posterior.ts) of one sorted count vector, indexed by
 * its rank (symmetry.ts), and a flag set once the slot is filled. Made in
 * `prepare` on SharedArrayBuffers, which the prepared data carries to the
 * threads by reference: a posterior one thread fits, the others read, so
 * adding workers adds throughput instead of repeating the same fits in
 * every thread's own cache (issue 21: 1.3k trials/s per worker that did
 * not grow with workers).
 *
 * A slot is filled by writing its values and then setting its flag with
 * Atomics.store; a reader that sees the flag (Atomics.load) sees the values.
 * Two threads may fit the same vector at once: both write the same numbers
 * (a posterior is a deterministic function of the vector), so the results
 * never depend on which thread fitted first.
 */
import type { BasketInfo, BasketSetup, BayesSpec, SharedTable } from './setup.js';
import { ENTRY, priorClassKeys } from './posterior.js';
import { ExchangeableBaskets } from './symmetry.js';
import type { CacheStats } from './cache.js';

/** Most memory one analysis' shared table may take; larger outcome spaces keep per-thread caches. */
export const SHARED_TABLE_BYTES = 64 * 1024 * 1024;

/** A table for these baskets' sorted count vectors, or undefined when it would exceed the budget. */
export function sharedTableFor(baskets: readonly BasketInfo[], interim: ArrayLike<number> | null, priors: readonly string[] = [], budget = SHARED_TABLE_BYTES): SharedTable | undefined {
  const slots = new ExchangeableBaskets(baskets, interim, priors).distinct;
  const bytes = slots * (4 + 8 * ENTRY * baskets.length);
  if (!(bytes <= budget)) return undefined;
  return { ready: new SharedArrayBuffer(4 * slots), values: new SharedArrayBuffer(8 * ENTRY * baskets.length * slots) };
}

const BAYESIAN = new Set(['hierarchical', 'exnex', 'fujikawa']);

/** The setup with a shared posterior table for each Bayesian analysis whose table fits the budget (part of prepare). */
export function withSharedTables(setup: BasketSetup): BasketSetup {
  return {
    ...setup,
    analyses: setup.analyses.map((a) => (BAYESIAN.has(a.spec.method)
      ? { ...a, shared: sharedTableFor(setup.baskets, a.interimSizes ?? null, priorClassKeys(a.spec as BayesSpec, setup.baskets.map((b) => b.id))) }
      : a)),
  };
}

export class SharedPosteriors {
  readonly ready: Int32Array;
  readonly values: Float64Array;
  private hits = 0;
  private misses = 0;

  constructor(table: SharedTable, private readonly width: number) {
    this.ready = new Int32Array(table.ready);
    this.values = new Float64Array(table.values);
  }

  has(slot: number): boolean {
    if (Atomics.load(this.ready, slot) === 1) { this.hits++; return true; }
    this.misses++;
    return false;
  }

  set(slot: number, posterior: Float64Array): void {
    this.values.set(posterior, slot * this.width);
    Atomics.store(this.ready, slot, 1);
  }

  /** This thread's lookups (hits include slots other threads filled). */
  stats(): CacheStats {
    const lookups = this.hits + this.misses;
    return { hits: this.hits, misses: this.misses, size: this.ready.length, capacity: this.ready.length, hitRate: lookups > 0 ? this.hits / lookups : NaN };
  }
}
