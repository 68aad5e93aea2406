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
import { BAYESIAN_METHODS, type AnalysisInfo, type BasketInfo, type BasketSetup, type BayesSpec, type SharedTable } from './setup.js';
import { ENTRY, gridModel, priorClassKeys } from './posterior.js';
import { sharedBasketTables, type SharedBasketTables } from '../../stats/basket/basket-tables.js';
import { ExchangeableBaskets } from './symmetry.js';
import { OutcomeKey, type CacheStats } from './cache.js';
import { sharedHashFor } from './shared-hash.js';
import { sharedMemory } from '../../util/shared-memory.js';

/** Most memory one analysis' shared table may take; larger outcome spaces keep per-thread caches. */
export const SHARED_TABLE_BYTES = 64 * 1024 * 1024;

/** A table for these baskets' sorted count vectors, or undefined when it would exceed the budget. */
export function sharedTableFor(baskets: readonly BasketInfo[], interim: ArrayLike<number> | null, priors: readonly string[] = [], budget = SHARED_TABLE_BYTES): SharedTable | undefined {
  const slots = new ExchangeableBaskets(baskets, interim, priors).distinct;
  const bytes = slots * (4 + 8 * ENTRY * baskets.length);
  if (!(bytes <= budget)) return undefined;
  return { ready: sharedMemory(4 * slots), values: sharedMemory(8 * ENTRY * baskets.length * slots) };
}


/** Most memory one analysis' shared basket tables may take (beyond it each thread builds its own). */
const SHARED_BASKET_TABLE_BYTES = 128 * 1024 * 1024;

/**
 * The basket tables of a hierarchical or EXNEX analysis for every size a
 * basket can have (planned, interim) and every responder count, to be built
 * once per run and shared by the threads; undefined for other analyses or
 * beyond the memory budget. Making the model builds its grid only (ms).
 */
function sharedBasketTablesFor(setup: BasketSetup, a: AnalysisInfo): SharedBasketTables | undefined {
  const model = gridModel(a.spec as BayesSpec, setup.baskets.map((b) => b.p0), setup.baskets.map((b) => b.id), undefined, 'none');
  if (!model?.tableSpec) return undefined;
  const specs = setup.baskets.flatMap((b, j) => [...new Set([b.n, a.interimSizes?.[j] ?? b.n])].map((n) => model.tableSpec!(j, n)));
  const slots = specs.reduce((t, s) => t + s.n + 1, 0);
  if (slots * model.grid.size * 40 > SHARED_BASKET_TABLE_BYTES) return undefined;
  return sharedBasketTables(model.grid.size, specs);
}

/**
 * The setup with a shared posterior table for each Bayesian analysis whose
 * table fits the budget, and a shared hash table (shared-hash.ts) for the
 * others whose count vectors pack into numbers (part of prepare).
 */
export function withSharedTables(setup: BasketSetup): BasketSetup {
  const K = setup.baskets.length;
  return {
    ...setup,
    analyses: setup.analyses.map((a) => {
      if (!BAYESIAN_METHODS.has(a.spec.method)) return a;
      const tables = sharedBasketTablesFor(setup, a);
      const withTables = tables ? { ...a, tables } : a;
      const shared = sharedTableFor(setup.baskets, a.interimSizes ?? null, priorClassKeys(a.spec as BayesSpec, setup.baskets.map((b) => b.id)));
      if (shared) return { ...withTables, shared };
      const numeric = new OutcomeKey(setup.baskets.map((b) => b.n), a.interimSizes ?? null).numeric;
      const sharedHash = numeric ? sharedHashFor(ENTRY * K) : undefined;
      return sharedHash ? { ...withTables, sharedHash } : withTables;
    }),
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
