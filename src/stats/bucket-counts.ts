/**
 * Counts by integer key over a window of consecutive keys held in a typed
 * array: the quantile sketch's logarithmic buckets. An estimate's values
 * span a few decades, so its keys are a few hundred consecutive integers,
 * and an add is an index into the window rather than a Map's hashing of a
 * key (which cost a sketch's every add beyond its exact phase). The window
 * grows (doubling) to take a key outside it; keys are bounded by the
 * doubles' range (|key| < 10^5 at the sketch's accuracy), so it stays small.
 */
export class BucketCounts {
  /** Count of key `low + i` at index i. */
  private counts = new Float64Array(0);
  private low = 0;
  /** Keys with a nonzero count. */
  size = 0;

  add(key: number, n: number): void {
    let i = key - this.low;
    if (i < 0 || i >= this.counts.length) i = this.widen(key);
    if (this.counts[i] === 0) this.size++;
    this.counts[i] += n;
  }

  /** Empty again, keeping the window. */
  clear(): void {
    if (this.size > 0) this.counts.fill(0);
    this.size = 0;
  }

  /** [key, count] for every key with a count, in ascending order of key. */
  pairs(): [number, number][] {
    const out: [number, number][] = [];
    const { counts, low } = this;
    for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) out.push([low + i, counts[i]]);
    return out;
  }

  /** Makes the window cover `key` (at least doubling it, centred on the keys held) and returns its index. */
  private widen(key: number): number {
    const old = this.counts;
    if (old.length === 0) {
      this.counts = new Float64Array(64);
      this.low = key - 32;
      return 32;
    }
    const from = Math.min(key, this.low), to = Math.max(key, this.low + old.length - 1);
    const length = Math.max(2 * old.length, 2 * (to - from + 1));
    const low = from - ((length - (to - from + 1)) >> 1);
    this.counts = new Float64Array(length);
    this.counts.set(old, this.low - low);
    this.low = low;
    return key - low;
  }
}
