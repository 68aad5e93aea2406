/**
 * Runs replicates in worker threads. The replicates are cut into chunks;
 * p-limit bounds the chunks in flight to one per worker; results are merged
 * as they stream in, so memory depends on the chunk size, not on the number
 * of replicates. Per-replicate CSV rows are passed on in replicate order.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';
import type { Scenario } from '../scenario/schema.js';
import { Accumulator, type AccumulatorState } from './accumulator.js';
import { prepareSimulator, runChunk, type ChunkResult } from './chunk.js';

export interface RunOptions {
  /** Worker threads; 0 runs in this thread. Default: available cores. */
  workers?: number;
  chunkSize?: number;
  /** First and one-past-last replicate number (default 1 .. replicates + 1). */
  range?: [number, number];
  /** Chunks already done (by first replicate), from a checkpoint: merged, not rerun. */
  done?: Map<number, { to: number; state: AccumulatorState }>;
  rows?: boolean;
  /** Called with each chunk's CSV rows, in replicate order. */
  onRows?: (rows: string) => void;
  /** Called once per finished chunk (in completion order), e.g. to checkpoint. */
  onChunk?: (result: ChunkResult) => void;
  onProgress?: (replicatesDone: number) => void;
  /** Stops the run: workers are ended at once and the run rejects with `Interrupted`. */
  signal?: AbortSignal;
  /** Per-worker heap limit (MB); a worker that exceeds it fails with a message naming its replicates. */
  workerMemoryMb?: number;
}

export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

export class WorkerFailure extends Error {
  constructor(readonly from: number, readonly to: number, message: string, readonly workerStack?: string) {
    super(`replicates ${from}-${to - 1} failed: ${message}`);
    this.name = 'WorkerFailure';
  }
}

export function defaultWorkers(): number {
  return availableParallelism();
}

/** The chunks [from, to) covering a range of replicate numbers. */
export function chunksOf(range: [number, number], chunkSize: number): [number, number][] {
  const out: [number, number][] = [];
  for (let f = range[0]; f < range[1]; f += chunkSize) out.push([f, Math.min(range[1], f + chunkSize)]);
  return out;
}

function workerUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  // Running from src/ (tests): use the built worker.
  return new URL('../../dist/engine/worker.js', import.meta.url);
}

export async function runReplicates(scenario: Scenario, centres: number[], options: RunOptions = {}): Promise<Accumulator> {
  const workers = options.workers ?? defaultWorkers();
  const range = options.range ?? [1, scenario.replicates + 1];
  const chunkSize = options.chunkSize ?? Math.max(1, Math.min(2000, Math.ceil((range[1] - range[0]) / (8 * Math.max(1, workers)))));
  const all = chunksOf(range, chunkSize);
  const chunks = all.filter(([f, t]) => options.done?.get(f)?.to !== t);
  const layoutSim = prepareSimulator(scenario);
  const total = new Accumulator(layoutSim.plan.layout, Float64Array.from(centres));
  const ordered = orderedRows(chunks, options.onRows);
  let done = 0;
  for (const [f, t] of all) {
    const d = options.done?.get(f);
    if (d?.to === t) { total.merge(d.state); done += t - f; }
  }
  if (done > 0) options.onProgress?.(done);
  const finish = (r: ChunkResult) => {
    total.merge(r.state);
    ordered.put(r);
    options.onChunk?.(r);
    done += r.to - r.from;
    options.onProgress?.(done);
  };
  const job = (from: number, to: number) => ({ from, to, centres, rows: options.rows ?? false });
  if (workers === 0) {
    for (const [f, t] of chunks) {
      if (options.signal?.aborted) throw new Interrupted();
      finish(runChunk(layoutSim, scenario.seed, job(f, t)));
      await new Promise<void>((resolve) => setImmediate(resolve)); // let a signal through
    }
    if (options.signal?.aborted) throw new Interrupted();
    return total;
  }
  if (chunks.length === 0) return total;
  const resourceLimits = options.workerMemoryMb ? { maxOldGenerationSizeMb: options.workerMemoryMb } : undefined;
  const pool = Array.from({ length: Math.min(workers, chunks.length) }, () =>
    new Worker(workerUrl(), { workerData: { scenario, seed: scenario.seed }, resourceLimits }));
  const idle = [...pool];
  const limit = pLimit(pool.length);
  let failed: Error | undefined;
  const onAbort = () => {
    failed ??= new Interrupted();
    for (const w of pool) void w.terminate();
  };
  options.signal?.addEventListener('abort', onAbort);
  try {
    await Promise.all(chunks.map(([f, t]) => limit(async () => {
      if (failed || options.signal?.aborted) return;
      const w = idle.pop()!;
      try {
        finish(await runOn(w, job(f, t)));
      } catch (err) {
        failed ??= err as Error;
      } finally {
        idle.push(w);
      }
    })));
    if (failed) throw failed;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return total;
}

function runOn(w: Worker, job: { from: number; to: number; centres: number[]; rows: boolean }): Promise<ChunkResult> {
  return new Promise((resolve, reject) => {
    const cleanup = () => { w.off('message', onMessage); w.off('error', onError); w.off('exit', onExit); };
    const onMessage = (m: { ok: boolean; result?: ChunkResult; message?: string; stack?: string }) => {
      cleanup();
      if (m.ok) resolve(m.result!);
      else reject(new WorkerFailure(job.from, job.to, m.message ?? 'unknown error', m.stack));
    };
    const onError = (e: Error) => { cleanup(); reject(new WorkerFailure(job.from, job.to, e.message, e.stack)); };
    const onExit = (code: number) => {
      cleanup();
      reject(new WorkerFailure(job.from, job.to, `worker exited with code ${code} (out of memory or killed?)`));
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage(job);
  });
}

/** Releases chunk rows in replicate order as chunks finish in any order. */
function orderedRows(chunks: [number, number][], sink?: (rows: string) => void) {
  const waiting = new Map<number, string>();
  let next = 0;
  return {
    put(r: ChunkResult) {
      if (!sink || r.rows === undefined) return;
      waiting.set(r.from, r.rows);
      while (next < chunks.length && waiting.has(chunks[next][0])) {
        sink(waiting.get(chunks[next][0])!);
        waiting.delete(chunks[next][0]);
        next++;
      }
    },
  };
}
