/**
 * The values themselves while there are at most EXACT_LIMIT distinct ones
 * (a sample size, a count, a discrete estimate: then quantiles are exact),
 * then a mergeable quantile sketch with relative accuracy (DDSketch: Masson,
 * Rim & Lee 2019, Proc. VLDB 12:2195-2205). Values fall into fixed
 * logarithmic buckets (γ^(k−1), γ^k], γ = (1 + α)/(1 − α), one set for
 * positive and one for negative values, and a bucket for |x| below 1e-12
 * (counted as 0). The buckets do not depend on the data, so the sketches of
 * any split of the replicates merge into exactly the same counts in any
 * order: quantiles do not depend on workers, chunks or shards. Every
 * quantile it returns is within a relative error α of a value of the data
 * at that rank (the bucket's midpoint 2γ^k/(γ + 1)), so a range of
 * estimates of a rate stays inside [0, 1].
 */

import { DistinctCounts } from './distinct-counts.js';
import { BucketCounts } from './bucket-counts.js';

/** Relative accuracy α of every quantile. */
export const SKETCH_ACCURACY = 0.005;
const GAMMA = (1 + SKETCH_ACCURACY) / (1 - SKETCH_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
/** Below this magnitude a value counts as zero. */
const SMALLEST = 1e-12;

/** Distinct values kept exactly before the sketch takes over. */
export const EXACT_LIMIT = 2048;

/**
 * Plain-data form: the distinct values with their counts (two parallel
 * lists: a worker sends one state per estimate per chunk, and [value, count]
 * pairs made some 6,000 small arrays a chunk to build, send and read), or
 * the bucket keys with counts. `exact`, the same values as pairs, is how
 * states were written before; it is still read.
 */
export interface SketchState {
  values?: number[];
  counts?: number[];
  exact?: [number, number][];
  zero: number;
  positive: [number, number][];
  negative: [number, number][];
}

const keyOf = (magnitude: number): number => Math.ceil(Math.log(magnitude) / LOG_GAMMA);
/** The keys a bucket can have: those of magnitudes from SMALLEST to the largest double. */
export const BUCKET_KEYS = { min: keyOf(SMALLEST), max: keyOf(Number.MAX_VALUE) } as const;
const isBucketKey = (k: number): boolean => Number.isInteger(k) && k >= BUCKET_KEYS.min && k <= BUCKET_KEYS.max;
const valueOf = (key: number): number => Math.min((2 * Math.pow(GAMMA, key)) / (GAMMA + 1), Number.MAX_VALUE);

/**
 * Merging is exact in both forms, and a value lands in the same bucket
 * whether it was added to the sketch directly or kept exactly and moved
 * there when the distinct values outgrew the limit, so any split of the
 * data, merged in any order, ends in the same state.
 */
export class QuantileSketch {
  /** The distinct values while they are few (a hash table: one add per estimate per replicate). */
  private exact: DistinctCounts | null = new DistinctCounts();
  /**
   * The table of distinct values after it was outgrown, kept for the next
   * clear(): a worker's chunk-by-chunk sketch of a many-valued estimate
   * outgrows it in every chunk, and growing a new one each time (16 to 4096
   * slots) was a visible share of the replicate loop.
   */
  private outgrown: DistinctCounts | null = null;
  private readonly positive = new BucketCounts();
  private readonly negative = new BucketCounts();
  private zero = 0;
  count = 0;

  /**
   * Empty again. A table of distinct values keeps its size: a worker clears
   * its sketches chunk after chunk instead of growing new tables.
   */
  clear(): void {
    if (!this.exact) { this.exact = this.outgrown ?? new DistinctCounts(); this.outgrown = null; }
    this.exact.clear();
    this.positive.clear();
    this.negative.clear();
    this.zero = 0;
    this.count = 0;
  }

  add(x: number): void {
    if (!Number.isFinite(x)) return;
    this.count++;
    if (this.exact) {
      this.exact.add(x, 1);
      if (this.exact.size > EXACT_LIMIT) this.toBuckets();
      return;
    }
    this.addToBuckets(x, 1);
  }

  private addToBuckets(x: number, n: number): void {
    const m = Math.abs(x);
    if (m < SMALLEST) { this.zero += n; return; }
    (x > 0 ? this.positive : this.negative).add(keyOf(m), n);
  }

  /** n copies of a value from a state kept exactly (into the buckets once the values have outgrown the limit). */
  private addExactly(x: number, n: number): void {
    this.count += n;
    if (this.exact) this.exact.add(x, n); else this.addToBuckets(x, n);
  }

  private toBuckets(): void {
    if (!this.exact) return;
    this.exact.forEach((x, n) => this.addToBuckets(x, n));
    this.outgrown = this.exact;
    this.exact = null;
  }

  merge(o: SketchState): void {
    if (o.values && o.counts) {
      for (let j = 0; j < o.values.length; j++) this.addExactly(o.values[j], o.counts[j]);
      if (this.exact && this.exact.size > EXACT_LIMIT) this.toBuckets();
      return;
    }
    if (o.exact) {
      for (const [x, n] of o.exact) this.addExactly(x, n);
      if (this.exact && this.exact.size > EXACT_LIMIT) this.toBuckets();
      return;
    }
    this.toBuckets();
    this.zero += o.zero;
    this.count += o.zero;
    // A state read back from a file: a key no value can have would stretch the window without bound.
    if (!o.positive.every(([k]) => isBucketKey(k)) || !o.negative.every(([k]) => isBucketKey(k))) throw new RangeError('a quantile sketch bucket key outside the range of doubles');
    for (const [k, n] of o.positive) { this.positive.add(k, n); this.count += n; }
    for (const [k, n] of o.negative) { this.negative.add(k, n); this.count += n; }
  }

  /** The counts as plain data (distinct values in no particular order, buckets by key: merging does not depend on it). */
  state(): SketchState {
    if (this.exact) return { ...this.exact.lists(), zero: 0, positive: [], negative: [] };
    return { zero: this.zero, positive: this.positive.pairs(), negative: this.negative.pairs() };
  }

  /** Whether the quantiles are exact (few distinct values) rather than to relative accuracy α. */
  get isExact(): boolean {
    return this.exact !== null;
  }

  /** The distinct values (or buckets) in ascending order of value, as [value, count]. */
  buckets(): [number, number][] {
    if (this.exact) return this.exact.pairs().sort((a, b) => a[0] - b[0]);
    return [
      ...this.negative.pairs().reverse().map(([k, n]): [number, number] => [-valueOf(k), n]),
      ...(this.zero > 0 ? [[0, this.zero] as [number, number]] : []),
      ...this.positive.pairs().map(([k, n]): [number, number] => [valueOf(k), n]),
    ];
  }

  /**
   * The q-quantile: the value of rank ⌊q (n − 1)⌋ among the sorted data for
   * q ≤ 1/2 and ⌈q (n − 1)⌉ above (0-based), so that the q and 1 − q
   * quantiles are symmetric order statistics (with 10 trials the 2.5% and
   * 97.5% quantiles are the smallest and largest); to relative accuracy α.
   * Null when empty.
   */
  quantile(q: number): number | null {
    return this.quantiles([q])[0];
  }

  /**
   * quantile(q) for each q, from one ordering of the buckets (a summary asks
   * each metric for 101 percentiles: ordering the buckets for each took a
   * fifth of a short run's wall time).
   */
  quantiles(qs: readonly number[]): (number | null)[] {
    if (this.count === 0) return qs.map(() => null);
    const buckets = this.buckets();
    // seenAfter[b]: how many values lie in buckets 0..b.
    const seenAfter = new Float64Array(buckets.length);
    let seen = 0;
    buckets.forEach(([, n], b) => { seenAfter[b] = seen += n; });
    return qs.map((q) => {
      const at = Math.min(Math.max(q, 0), 1) * (this.count - 1);
      const rank = q <= 0.5 ? Math.floor(at) : Math.ceil(at - 1e-9);
      // The first bucket with more than `rank` values up to it.
      let lo = 0, hi = buckets.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (seenAfter[mid] > rank) hi = mid; else lo = mid + 1;
      }
      return lo < buckets.length ? buckets[lo][0] : null;
    });
  }
}
