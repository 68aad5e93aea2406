/**
 * A posterior cache shared by every worker thread of a run, for outcome
 * spaces too large for a table with a slot per sorted count vector
 * (shared-table.ts): an open-addressing hash table on SharedArrayBuffers,
 * keyed by the packed count vector (cache.ts OutcomeKey), made in `prepare`
 * and carried to the threads by reference with the prepared data. A
 * posterior one thread fits, the others read, so two threads do not each fit
 * the outcomes they both meet (the basket flagship's scaling from one worker
 * to two was 1.5x with a cache per thread, issue 22).
 *
 * Slot states: 0 empty, 1 being written, 2 ready. A writer claims an empty
 * slot with Atomics.compareExchange (0 -> 1), writes the key and the values,
 * then sets the state to 2 with Atomics.store; a reader that sees 2 with
 * Atomics.load sees the key and values written before it. A reader that
 * meets a slot being written probes on: at worst it fits the vector itself
 * and stores a second copy (the same numbers: a posterior is a
 * deterministic function of its vector), so results never depend on which
 * thread was first. Nothing is evicted: once the table holds its load limit,
 * further posteriors stay in each thread's own cache (cache.ts).
 */
import type { CacheStats } from './cache.js';
import { sharedMemory } from '../../util/shared-memory.js';

/** Memory one analysis' shared hash table may take. */
const SHARED_HASH_BYTES = 64 * 1024 * 1024;

/** The table's buffers (plain data: they cross to worker threads by reference). */
export interface SharedHash {
  /** One Int32 state per slot, then (at index `slots`) the number of slots filled. */
  state: SharedArrayBuffer;
  keys: SharedArrayBuffer;
  values: SharedArrayBuffer;
}

/** Fill at most this share of the slots (linear probing stays short). */
const LOAD = 0.7;

/** A table of the largest power-of-two slot count whose buffers fit `bytes`, for entries of `width` doubles. */
export function sharedHashFor(width: number, bytes = SHARED_HASH_BYTES): SharedHash | undefined {
  const perSlot = 4 + 8 + 8 * width;
  let slots = 1;
  while (2 * slots * perSlot <= bytes) slots *= 2;
  if (slots < 1024) return undefined;
  return { state: sharedMemory(4 * (slots + 1)), keys: sharedMemory(8 * slots), values: sharedMemory(8 * width * slots) };
}

/** 32-bit mix of a key below 2^53 (its low and high words, multiplied and folded). */
function hash(key: number): number {
  const lo = key >>> 0;
  const hi = Math.floor(key / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}

export class SharedPosteriorHash {
  private readonly state: Int32Array;
  private readonly keys: Float64Array;
  readonly values: Float64Array;
  private readonly mask: number;
  private readonly limit: number;
  private hits = 0;
  private misses = 0;

  constructor(table: SharedHash, private readonly width: number) {
    this.state = new Int32Array(table.state);
    this.keys = new Float64Array(table.keys);
    this.values = new Float64Array(table.values);
    const slots = this.keys.length;
    this.mask = slots - 1;
    this.limit = Math.floor(LOAD * slots);
  }

  /** The slot holding key's posterior (its values at slot * width), or -1. */
  find(key: number): number {
    const { state, keys, mask } = this;
    for (let i = hash(key) & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
      const s = Atomics.load(state, i);
      if (s === 0) break;
      if (s === 2 && keys[i] === key) {
        this.hits++;
        return i;
      }
    }
    this.misses++;
    return -1;
  }

  /** Stores key's posterior; false when the table is at its load limit (then nothing is stored). */
  set(key: number, posterior: Float64Array): boolean {
    const { state, keys, mask } = this;
    if (Atomics.load(state, mask + 1) >= this.limit) return false;
    for (let i = hash(key) & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
      const s = Atomics.load(state, i);
      if (s === 2 && keys[i] === key) return true;
      if (s !== 0 || Atomics.compareExchange(state, i, 0, 1) !== 0) continue;
      keys[i] = key;
      this.values.set(posterior, i * this.width);
      Atomics.store(state, i, 2);
      Atomics.add(state, mask + 1, 1);
      return true;
    }
    return false;
  }

  /** This thread's lookups (hits include posteriors other threads stored). */
  stats(): CacheStats {
    const lookups = this.hits + this.misses;
    return { hits: this.hits, misses: this.misses, size: Atomics.load(this.state, this.mask + 1), capacity: this.limit, hitRate: lookups > 0 ? this.hits / lookups : NaN };
  }
}
