/**
 * Memory that worker threads share (the basket designs' posterior caches).
 * A web page that is not cross-origin isolated (the explorer opened from a
 * file) has no SharedArrayBuffer: there each worker gets its own copy of an
 * ordinary buffer instead, and fills its own cache. The results are the
 * same (a cache only saves recomputing); the typed views, Atomics.load,
 * store and notify work on either, and no thread ever waits on a slot that
 * only it can fill.
 */
export function sharedMemory(bytes: number): SharedArrayBuffer {
  return typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : (new ArrayBuffer(bytes) as unknown as SharedArrayBuffer);
}
