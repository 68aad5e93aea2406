/**
 * Runs replicates in worker threads. The replicates are cut into chunks, one
 * in flight per worker; results are merged as they stream in, so memory
 * depends on the chunk size, not on the number of replicates. Per-replicate
 * CSV rows are passed on in replicate order.
 */
import type { Scenario } from '../scenario/schema.js';
import type { ReplicateLayout } from '../designs/types.js';
import { Accumulator, type AccumulatorState } from '../summary/accumulator.js';
import { planSimulator, runChunk, type ChunkJob, type ChunkResult, type WorkerScenario } from './chunk.js';
import type { DecisionInputs } from './decision.js';
import { WorkerPool, Interrupted, defaultWorkers } from './worker-pool.js';
import { rowsText } from './row-buffer.js';
import { ASSUMED_PATIENTS_PER_SECOND, patientsPerReplicate } from './workload.js';
import type { RunPhase } from './describe.js';

export { WorkerPool, Interrupted, WorkerFailure, defaultWorkers } from './worker-pool.js';

export type { RunPhase } from './describe.js';

export interface RunOptions {
  /** Worker threads; 0 runs in this thread. Default: available cores. */
  workers?: number;
  chunkSize?: number;
  /** First and one-past-last replicate number (default 1 .. replicates + 1). */
  range?: [number, number];
  /** Chunks already done (by first replicate), from a checkpoint: merged, not rerun. */
  done?: Map<number, { to: number; state: AccumulatorState }>;
  rows?: boolean;
  /** Called with each chunk's CSV rows, in replicate order (those of chunks in `done` read with `doneRows`). */
  onRows?: (rows: string) => void;
  /** The rows of a chunk in `done` (from a checkpoint), for `onRows`. */
  doneRows?: (from: number) => string;
  /** Called once per finished chunk (in completion order), e.g. to checkpoint. */
  onChunk?: (result: ChunkResult) => void;
  onProgress?: (replicatesDone: number) => void;
  /** Stops the run: workers are ended at once and the run rejects with `Interrupted`. */
  signal?: AbortSignal;
  /** Per-worker heap limit (MB); a worker that exceeds it fails with a message naming its replicates. */
  workerMemoryMb?: number;
  /** Threads to run on, kept across runs (then `workers` and `workerMemoryMb` are the pool's). */
  pool?: WorkerPool;
  /**
   * The run moves to a phase: computing the true effects (in this thread: a
   * signal cannot be answered until it ends), then simulating the replicates.
   */
  onPhase?: (phase: RunPhase) => void;
}

/** Most replicates in a chunk whose CSV rows are kept (they wait in memory until written). */
const ROWS_CHUNK = 2000;
/** Most replicates in a chunk without rows. */
const STATE_CHUNK = 10_000;

/**
 * About eight chunks per worker (for load balance and progress), at most
 * 2,000 replicates each when their CSV rows are kept (for memory). Without
 * rows a chunk may hold up to half a second of work at the conservative
 * throughput the workload estimate assumes (workload.ts), between 2,000 and
 * 10,000 replicates: each chunk's state (its sums and sketches, ~100-200 KB)
 * is copied, merged and checkpointed on the main thread, which on a
 * two-core machine takes time from the workers (a fast design's 2,000
 * replicates cost 20-40 ms to simulate, their state several ms more).
 * Results do not depend on the chunk size.
 */
export function defaultChunkSize(range: [number, number], workers: number, work?: { rows: boolean; patientsPerReplicate: number }): number {
  const cap = !work || work.rows ? ROWS_CHUNK
    : Math.min(STATE_CHUNK, Math.max(ROWS_CHUNK, Math.floor((0.5 * ASSUMED_PATIENTS_PER_SECOND) / Math.max(1, work.patientsPerReplicate))));
  return Math.max(1, Math.min(cap, Math.ceil((range[1] - range[0]) / (8 * Math.max(1, workers)))));
}

/** The chunks [from, to) covering a range of replicate numbers. */
export function chunksOf(range: [number, number], chunkSize: number): [number, number][] {
  const out: [number, number][] = [];
  for (let f = range[0]; f < range[1]; f += chunkSize) out.push([f, Math.min(range[1], f + chunkSize)]);
  return out;
}
/** A checked scenario with its design's prepared data and the layout of what each replicate reports. */
export interface RunnableScenario {
  spec: Scenario;
  prepared: { data: unknown; layout: ReplicateLayout; decision?: DecisionInputs };
}

/** One message body per prepared scenario, so that threads recognise a scenario they have already planned. */
const workerScenarios = new WeakMap<object, WorkerScenario>();

function workerScenario(scenario: RunnableScenario): WorkerScenario {
  let w = workerScenarios.get(scenario.prepared);
  if (!w) workerScenarios.set(scenario.prepared, (w = { spec: scenario.spec, data: scenario.prepared.data, ...(scenario.prepared.decision ? { decision: scenario.prepared.decision } : {}) }));
  return w;
}

export async function runReplicates(scenario: RunnableScenario, centres: number[], options: RunOptions = {}): Promise<Accumulator> {
  const workers = options.workers ?? defaultWorkers();
  const { spec } = scenario;
  const range = options.range ?? [1, spec.replicates + 1];
  const chunkSize = options.chunkSize ?? defaultChunkSize(range, workers, { rows: options.onRows !== undefined, patientsPerReplicate: patientsPerReplicate(spec) });
  const all = chunksOf(range, chunkSize);
  const chunks = all.filter(([f, t]) => options.done?.get(f)?.to !== t);
  const total = new Accumulator(scenario.prepared.layout, Float64Array.from(centres));
  const ordered = orderedRows(all, options.onRows);
  let done = 0;
  for (const [f, t] of all) {
    const d = options.done?.get(f);
    if (d?.to === t) {
      total.merge(d.state);
      done += t - f;
      if (options.onRows && options.doneRows) ordered.put({ from: f, rows: () => options.doneRows!(f) });
    }
  }
  if (done > 0) options.onProgress?.(done);
  const finish = (r: ChunkResult) => {
    total.merge(r.state);
    ordered.put(r);
    options.onChunk?.(r);
    done += r.to - r.from;
    options.onProgress?.(done);
  };
  const job = (from: number, to: number): ChunkJob => ({ from, to, centres, rows: options.rows ?? false });
  if (options.pool === undefined && workers === 0) {
    const sim = planSimulator(workerScenario(scenario));
    for (const [f, t] of chunks) {
      if (options.signal?.aborted) throw new Interrupted();
      finish(runChunk(sim, job(f, t)));
      await new Promise<void>((resolve) => setImmediate(resolve)); // let a signal through
    }
    if (options.signal?.aborted) throw new Interrupted();
    return total;
  }
  if (chunks.length === 0) return total;
  const pool = options.pool ?? new WorkerPool(Math.min(workers, chunks.length), { workerMemoryMb: options.workerMemoryMb });
  try {
    await pool.runJobs(workerScenario(scenario), chunks.map(([f, t]) => job(f, t)), finish, options.signal);
  } finally {
    if (!options.pool) await pool.close();
  }
  return total;
}
/** Passes chunks' rows on in replicate order; a resumed chunk's rows are read (lazily) when their turn comes. */
function orderedRows(chunks: [number, number][], sink?: (rows: string) => void) {
  const waiting = new Map<number, Uint8Array | (() => string)>();
  let next = 0;
  return {
    put(r: { from: number; rows?: Uint8Array | (() => string) }) {
      if (!sink || r.rows === undefined) return;
      waiting.set(r.from, r.rows);
      while (next < chunks.length && waiting.has(chunks[next][0])) {
        const rows = waiting.get(chunks[next][0])!;
        sink(typeof rows === 'function' ? rows() : rowsText(rows));
        waiting.delete(chunks[next][0]);
        next++;
      }
    },
  };
}
