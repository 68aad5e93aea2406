/**
 * Exactly rounded, order-independent summation (Shewchuk 1997, "Adaptive
 * precision floating-point arithmetic"; the algorithm behind Python's
 * math.fsum).
 *
 * The running sum is kept as a short list of non-overlapping partials whose
 * exact sum is the exact sum of every value added. Adding the same values in
 * any order, or merging accumulators built over any split of them, gives the
 * same partials' exact sum, and `value()` rounds it correctly to a double. This
 * is what makes a summary byte-identical whatever the number of workers, the
 * chunk size or the shard split.
 */
export class ExactSum {
  /** Non-overlapping partials, smallest magnitude first: the first `count` entries of `store`. */
  private store: number[] = [];
  private count = 0;

  get partials(): number[] {
    return this.store.slice(0, this.count);
  }

  set partials(values: number[]) {
    this.store = values.slice();
    this.count = values.length;
  }

  /** Back to an empty sum (0), keeping the storage. */
  clear(): void {
    this.count = 0;
  }

  /** Adds x exactly. Non-finite values must be filtered by the caller. */
  add(x: number): void {
    const partials = this.store;
    const n = this.count;
    let i = 0;
    for (let j = 0; j < n; j++) {
      let y = partials[j];
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    if (!Number.isFinite(x)) throw new RangeError('exact sum overflowed the double range');
    // The array only grows; `count` says how much of it is in use.
    partials[i] = x;
    this.count = i + 1;
  }

  /** Adds every partial of another accumulator (an exact merge). */
  merge(other: { partials: readonly number[] }): void {
    const p = other.partials;
    for (let k = 0; k < p.length; k++) this.add(p[k]);
  }

  /** The exact sum rounded to the nearest double (ties to even). */
  value(): number {
    const p = this.store;
    let n = this.count;
    if (n === 0) return 0;
    let hi = p[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n];
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    // Correct the half-way case: if the rest of the partials push the
    // rounding the other way, adjust (as in CPython's math_fsum).
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
    return hi;
  }

  static from(partials: readonly number[]): ExactSum {
    const s = new ExactSum();
    s.partials = partials.slice();
    return s;
  }
}
