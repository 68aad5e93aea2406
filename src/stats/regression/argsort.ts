/**
 * Stable ascending argsort of numeric keys: bottom-up merge sort on a
 * Uint32Array of indices, comparing keys directly. Several times faster than
 * `Array.prototype.sort` with a comparator for the few hundred keys of a trial.
 */
export function argsort(keys: ArrayLike<number>): Uint32Array {
  const n = keys.length;
  return argsortInto(keys, n, new Uint32Array(n), new Uint32Array(n));
}

/**
 * The same over the first n keys into caller-owned scratch (each of length
 * at least n), so a hot loop allocates nothing; returns whichever of the two
 * holds the order (its first n entries).
 */
export function argsortInto(keys: ArrayLike<number>, n: number, a: Uint32Array, b: Uint32Array): Uint32Array {
  let src = a;
  let dst = b;
  for (let i = 0; i < n; i++) src[i] = i;
  // Insertion sort runs of 16, then merge runs pairwise.
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const idx = src[i]!;
      const key = keys[idx]!;
      let j = i - 1;
      while (j >= lo && keys[src[j]!]! > key) {
        src[j + 1] = src[j]!;
        j--;
      }
      src[j + 1] = idx;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = keys[src[j]!]! < keys[src[i]!]! ? src[j++]! : src[i++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}
