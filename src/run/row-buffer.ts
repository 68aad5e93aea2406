/**
 * A chunk's replicates.csv rows as UTF-8 bytes, written one row at a time
 * into one buffer that a worker reuses chunk after chunk, and handed over as
 * a byte array the worker transfers to the main thread (moved, not copied).
 * Keeping each row as a string until the chunk ends instead (2,000 rows of
 * ~600 characters) let them outlive the young generation: every worker's old
 * space grew by that much per chunk until a full collection, which set the
 * run's peak memory. Plain Uint8Array and TextEncoder (no Node Buffer):
 * the explorer runs chunks in a web page's workers too.
 */
const encoder = new TextEncoder();

export class RowBuffer {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;

  /** Starts a new chunk. */
  clear(): void {
    this.length = 0;
  }

  append(row: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const room = 3 * row.length;
    if (this.length + room > this.bytes.length) this.grow(this.length + room);
    this.length += encoder.encodeInto(row, this.bytes.subarray(this.length)).written;
  }

  /** The chunk's rows, in an array of their own (transferable). */
  take(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  private grow(needed: number): void {
    const larger = new Uint8Array(Math.max(needed, 2 * this.bytes.length));
    larger.set(this.bytes.subarray(0, this.length));
    this.bytes = larger;
  }
}

const decoder = new TextDecoder();

/** Rows handed over as bytes, as text. */
export function rowsText(rows: Uint8Array): string {
  return decoder.decode(rows);
}
