/**
 * Checkpoints: a run records each finished chunk (its replicate range, its
 * mergeable statistics and its CSV rows) as it completes, so that after a
 * crash, kill -9 or Ctrl-C `--resume` continues from the finished chunks and
 * ends with the same summary as an uninterrupted run.
 *
 * Layout of a checkpoint folder:
 *   manifest.json   scenario hash, seed, replicates, range, chunk size, version
 *   chunks.jsonl    one JSON line per finished chunk, appended at once (so
 *                   a killed run keeps it) and fsynced at most once a second
 *                   and on closing (a machine that loses power may lose the
 *                   last second's chunks; they run again)
 *   rows/<from>.csv that chunk's replicates.csv rows (written before its line)
 *   lock            pid and host of the run using the folder (checkpoint-lock.ts)
 * A line cut short by a kill is ignored on reading; its chunk is rerun.
 */
import { openSync, writeSync, fsyncSync, closeSync, readFileSync, existsSync, rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic.js';
import { writingTo } from '../util/output-errors.js';
import { lockCheckpoint, forgetLock } from './checkpoint-lock.js';
import { stateSchema } from './partial-file.js';
import type { AccumulatorState } from '../summary/accumulator.js';
import type { ChunkResult } from './chunk.js';
import { makeFolder } from '../util/make-folder.js';

export interface CheckpointManifest {
  trialsim: string;
  hash: string;
  seed: number;
  replicates: number;
  range: [number, number];
  chunkSize: number;
  rows: boolean;
}

/** Least time between two fsyncs of chunks.jsonl: a sync per chunk cost ~2 ms each, more than a chunk's compute on fast designs. */
const SYNC_EVERY_MS = 1000;

export class Checkpoint {
  private fd: number | undefined;
  private lastSync = 0;

  constructor(readonly dir: string, readonly manifest: CheckpointManifest) {}

  /** Starts a new checkpoint, replacing any earlier one in the folder; refused while another run holds it. */
  static create(dir: string, manifest: CheckpointManifest): Checkpoint {
    writingTo(dir, () => makeFolder(dir));
    const lock = lockCheckpoint(dir);
    writingTo(dir, () => {
      for (const entry of readdirSync(dir)) if (join(dir, entry) !== lock) rmSync(join(dir, entry), { recursive: true, force: true });
      makeFolder(join(dir, 'rows'));
    });
    writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return new Checkpoint(dir, manifest);
  }

  /** Opens an existing checkpoint to resume it, or returns undefined if there is none; refused while another run holds it. */
  static open(dir: string): Checkpoint | undefined {
    const path = join(dir, 'manifest.json');
    if (!existsSync(path)) return undefined;
    lockCheckpoint(dir);
    return new Checkpoint(dir, JSON.parse(readFileSync(path, 'utf8')) as CheckpointManifest);
  }

  /** Reads an existing checkpoint without taking its lock (to count what it holds), or returns undefined. */
  static peek(dir: string): Checkpoint | undefined {
    const path = join(dir, 'manifest.json');
    return existsSync(path) ? new Checkpoint(dir, JSON.parse(readFileSync(path, 'utf8')) as CheckpointManifest) : undefined;
  }

  /** The finished chunks recorded so far, by first replicate. */
  finished(): Map<number, { to: number; state: AccumulatorState }> {
    const done = new Map<number, { to: number; state: AccumulatorState }>();
    const path = join(this.dir, 'chunks.jsonl');
    if (!existsSync(path)) return done;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const c = JSON.parse(line) as { from: number; to: number; state: AccumulatorState };
        // A state that is not one trialsim writes (edited by hand: a sketch key no double has) runs again, as a cut line does.
        if (!stateSchema.safeParse(c.state).success) continue;
        if (this.manifest.rows && !existsSync(this.rowsPath(c.from))) continue;
        done.set(c.from, { to: c.to, state: c.state });
      } catch {
        // A line cut short by a kill: that chunk runs again.
      }
    }
    return done;
  }

  rowsPath(from: number): string {
    return join(this.dir, 'rows', `${from}.csv`);
  }

  /** The CSV rows recorded with the chunk starting at `from`. */
  readRows(from: number): string {
    return readFileSync(this.rowsPath(from), 'utf8');
  }

  /** Records a finished chunk: rows first, then its line (synced to disk within a second). */
  record(r: ChunkResult): void {
    if (this.manifest.rows && r.rows !== undefined) writeFileAtomic(this.rowsPath(r.from), r.rows);
    this.fd ??= openSync(join(this.dir, 'chunks.jsonl'), 'a');
    writeSync(this.fd, `${JSON.stringify({ from: r.from, to: r.to, state: r.state })}\n`);
    const now = Date.now();
    if (now - this.lastSync >= SYNC_EVERY_MS) {
      fsyncSync(this.fd);
      this.lastSync = now;
    }
  }

  close(): void {
    if (this.fd !== undefined) {
      fsyncSync(this.fd);
      closeSync(this.fd);
    }
    this.fd = undefined;
  }

  /** Deletes the folder, its lock with it. */
  remove(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
    forgetLock(join(this.dir, 'lock'));
  }
}
