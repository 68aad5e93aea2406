/**
 * Caching analyses by their sufficient statistics. A single-arm basket
 * analysis depends on the data only through the responder counts y_k out of
 * n_k, so replicates that share a count vector share the analysis: a
 * hierarchical-model posterior (hundreds of microseconds) is computed once
 * per distinct outcome, not once per replicate. Each worker keeps its own
 * cache (results are deterministic functions of the key, so caching never
 * changes a result, only its cost), bounded in memory with least-recently-
 * used eviction.
 */

/** Packs (y_k, n_k) vectors into one Map key: a number when it fits, else a string. */
export class OutcomeKey {
  private readonly full: Int32Array;
  private readonly interim: Int32Array;
  private readonly radix: Float64Array;
  /** Whether keys are numbers (the packed vector fits below 2^53), not strings. */
  readonly numeric: boolean;

  /**
   * @param sizes planned patients per basket
   * @param interim patients per basket at the interim (null: no interim), the
   *   only other n a basket can have
   */
  constructor(sizes: ArrayLike<number>, interim: ArrayLike<number> | null) {
    const K = sizes.length;
    this.full = Int32Array.from(sizes);
    this.interim = interim ? Int32Array.from(interim) : Int32Array.from(sizes);
    this.radix = new Float64Array(K);
    let product = 1;
    for (let k = 0; k < K; k++) {
      this.radix[k] = this.full[k] + 1 + (this.interim[k] !== this.full[k] ? this.interim[k] + 1 : 0);
      product *= this.radix[k];
    }
    this.numeric = product < Number.MAX_SAFE_INTEGER;
  }

  private code(k: number, y: number, n: number): number {
    if (n === this.full[k]) return y;
    if (n === this.interim[k]) return this.full[k] + 1 + y;
    throw new Error(`basket ${k + 1}: ${n} patients is neither the planned nor the interim size`);
  }

  key(y: ArrayLike<number>, n: ArrayLike<number>): number | string {
    const K = this.full.length;
    if (this.numeric) {
      let key = 0;
      for (let k = 0; k < K; k++) key = key * this.radix[k] + this.code(k, y[k], n[k]);
      return key;
    }
    let s = '';
    for (let k = 0; k < K; k++) s += `${this.code(k, y[k], n[k])},`;
    return s;
  }
}

/** Per-worker memory budget of one analysis' cache. */
export const CACHE_BYTES = 32 * 1024 * 1024;

export interface CacheStats {
  hits: number;
  misses: number;
  size: number;
  capacity: number;
  hitRate: number;
}

/** A least-recently-used map with hit counting (Map keeps insertion order: re-inserting on a hit makes the first key the oldest; done once the map is half full, since before that nothing is evicted soon). */
export class ResultCache<V> {
  hits = 0;
  misses = 0;
  private readonly map = new Map<number | string, V>();

  constructor(readonly capacity: number) {}

  /** A capacity that keeps entries of `entryBytes` (plus Map overhead) within the budget. */
  static forEntries<V>(entryBytes: number, budget = CACHE_BYTES): ResultCache<V> {
    return new ResultCache<V>(Math.max(1, Math.floor(budget / (entryBytes + 120))));
  }

  get(key: number | string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Recency only matters once eviction is near (and re-inserting costs more than the lookup).
    if (this.map.size >= this.capacity >> 1) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: number | string, value: V): void {
    if (this.map.size >= this.capacity) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, value);
  }

  stats(): CacheStats {
    const lookups = this.hits + this.misses;
    return { hits: this.hits, misses: this.misses, size: this.map.size, capacity: this.capacity, hitRate: lookups > 0 ? this.hits / lookups : NaN };
  }
}
