/**
 * Counts of distinct finite doubles: an open-addressing hash table (linear
 * probing) over typed arrays. The quantile sketch keeps every estimate's
 * values here until they are too many, one add per estimate per replicate;
 * a Map keyed by doubles cost about 150 ns an add (a boxed key, a hash
 * through the runtime), this a few. Keys compare as a Map's do (SameValueZero:
 * -0 counts as 0).
 */

/** Scratch for reading a double's bits. */
const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

/** Slot hash of a double: its two 32-bit words mixed (Murmur3's finaliser constants). */
function hashOf(x: number): number {
  bits[0] = x;
  let h = Math.imul(words[0] ^ Math.imul(words[1], 0x85ebca6b), 0xcc9e2d51);
  h ^= h >>> 15;
  return Math.imul(h, 0x1b873593) ^ (h >>> 13);
}

export class DistinctCounts {
  /** Empty slots hold NaN (never a key). */
  private keys = new Float64Array(16).fill(NaN);
  private counts = new Float64Array(16);
  /** Distinct keys held. */
  size = 0;

  /** Adds n to the count of x (finite). */
  add(x: number, n: number): void {
    const key = x + 0; // -0 becomes 0
    const mask = this.keys.length - 1;
    let slot = hashOf(key) & mask;
    for (;;) {
      const k = this.keys[slot];
      if (k === key) { this.counts[slot] += n; return; }
      if (k !== k) break;
      slot = (slot + 1) & mask;
    }
    this.keys[slot] = key;
    this.counts[slot] = n;
    // Kept at most half full, so probes stay short.
    if (++this.size * 2 > this.keys.length) this.grow();
  }

  /** Forgets every key, keeping the table's size (a worker reuses it chunk after chunk). */
  clear(): void {
    this.keys.fill(NaN);
    this.size = 0;
  }

  /** Calls f with each distinct key and its count, in no particular order. */
  forEach(f: (x: number, n: number) => void): void {
    const { keys, counts } = this;
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] === keys[slot]) f(keys[slot], counts[slot]);
  }

  /** The keys and their counts as two parallel lists, in no particular order. */
  lists(): { values: number[]; counts: number[] } {
    const values: number[] = [], counts: number[] = [];
    const keys = this.keys;
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] !== keys[slot]) continue;
      values.push(keys[slot]);
      counts.push(this.counts[slot]);
    }
    return { values, counts };
  }

  /** The keys with their counts as pairs, in no particular order. */
  pairs(): [number, number][] {
    const out: [number, number][] = [];
    this.forEach((x, n) => out.push([x, n]));
    return out;
  }

  private grow(): void {
    const { keys, counts } = this;
    this.keys = new Float64Array(2 * keys.length).fill(NaN);
    this.counts = new Float64Array(2 * keys.length);
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] === keys[slot]) this.add(keys[slot], counts[slot]);
  }
}
