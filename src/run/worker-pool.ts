/**
 * Worker threads kept across runs: the pool the engine dispatches chunks to,
 * and the errors a run on it can end with.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import type { ChunkResult } from './chunk.js';

/**
 * What a pool runs, as the pool sees it: a scenario (a scenario's replicates
 * in chunks, chunk.ts, or a calibration's, calibration.ts: the worker tells
 * them apart) and jobs over a range of replicates. The pool only carries them.
 */
export type PoolScenario = object;
export interface PoolJob {
  from: number;
  to: number;
  /** What from .. to - 1 number, for messages: replicates (the default), or an exact computation's shares. */
  unit?: JobUnit;
}

export type JobUnit = 'replicates' | 'exact shares';

export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

export class WorkerFailure extends Error {
  constructor(readonly from: number, readonly to: number, message: string, readonly workerStack?: string, readonly unit: JobUnit = 'replicates') {
    super(`${unit} ${from}-${to - 1} failed: ${message}`);
    this.name = 'WorkerFailure';
  }
}

export function defaultWorkers(): number {
  return availableParallelism();
}

function workerUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  // Running from src/ (tests): use the built worker.
  return new URL('../../dist/run/worker.js', import.meta.url);
}

interface PoolWorker {
  worker: Worker;
  /** Scenarios this worker holds prepared (pool-wide ids), the most recently used last. */
  loaded: number[];
  /** Set when the thread fails or exits outside a job (say, out of memory while idle). */
  dead: boolean;
}

/** Prepared scenarios a worker keeps (a sweep moves on; a few concurrent points stay warm). */
const KEEP_PREPARED = 4;

const CLOSED = 'the worker pool is closed';

/**
 * Worker threads kept across runs: a sweep, a comparison or a sample-size
 * search sends all its runs to one pool, so threads start (and their code
 * warms up) once. p-limit bounds the chunks in flight to one per thread, and
 * chunks from concurrent runs take turns first come, first served. Each job
 * names its scenario; a thread is sent a scenario the first time it meets it
 * and keeps the last few prepared. Results do not depend on which thread runs
 * which chunk.
 *
 * A run ends at its first failure (a thread's error or exit, an exception in
 * the caller's `finish`, an abort, or the pool closing): its promise rejects
 * at once, its queued chunks are skipped and the threads busy with it are
 * ended, so no result of a failed run is ever reported as complete.
 */
export interface WorkerPoolOptions {
  /** Heap limit per thread (MB); a thread that exceeds it fails with a message naming its replicates. */
  workerMemoryMb?: number;
  /** Extra Node options for the threads (after this process's own), e.g. `--import` of a test's fault hook. */
  execArgv?: string[];
  /** Called when a thread ends while the pool is open: it died (an error, an exit, its heap limit), or the pool ended it after a failure. */
  onThreadEnd?: () => void;
}

/**
 * Each thread's young generation (V8's space for new objects), in MB. V8's
 * default lets it grow to 48 MB a thread, which a replicate loop's
 * short-lived garbage (chunk states, per-trial arrays) fills before a
 * scavenge: on two workers a 10^6-replicate two-arm run peaked at 276-346 MB
 * resident. At 12 MB it peaked 45-50 MB lower on every flagship tried
 * (two-arm, umbrella, basket, STAR*D, the NCC platform) in the same time
 * to within 3% (wall clock, alternated runs, 2026-12-06).
 */
const WORKER_YOUNG_GENERATION_MB = 12;

export class WorkerPool {
  private readonly idle: PoolWorker[] = [];
  private readonly busy = new Set<PoolWorker>();
  private readonly runs = new Set<PoolRun>();
  private readonly limit: LimitFunction;
  private readonly ids = new WeakMap<PoolScenario, number>();
  /** Scenarios of the runs in progress, by id, with how many runs use each. */
  private readonly scenarios = new Map<number, { scenario: PoolScenario; runs: number }>();
  private nextId = 0;
  private closed = false;

  constructor(readonly size: number = defaultWorkers(), private readonly options: WorkerPoolOptions = {}) {
    if (!(size >= 1)) throw new RangeError('a worker pool needs at least one thread');
    this.limit = pLimit(size);
  }

  /**
   * Runs the jobs of one scenario, calling `finish` with each result as it
   * comes; rejects on the first failure. A scenario's kind decides the jobs
   * and results: replicate chunks (ChunkJob, ChunkResult) or a calibration's
   * (CalibrationJob, CalibrationChunk).
   */
  runJobs<R extends { from: number; to: number } = ChunkResult>(scenario: PoolScenario, jobs: PoolJob[], finish: (r: R) => void, signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(new Error(CLOSED));
    if (signal?.aborted) return Promise.reject(new Interrupted());
    let id = this.ids.get(scenario);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(scenario, id);
    }
    const scenarioId = id;
    const entry = this.scenarios.get(scenarioId) ?? { scenario, runs: 0 };
    entry.runs++;
    this.scenarios.set(scenarioId, entry);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => this.fail(run, new Interrupted());
      let ended = false;
      const end = () => {
        if (ended) return false;
        ended = true;
        this.runs.delete(run);
        signal?.removeEventListener('abort', onAbort);
        if (--entry.runs === 0) this.scenarios.delete(scenarioId);
        return true;
      };
      const run: PoolRun = { failed: false, workers: new Set(), reject: (err) => { if (end()) reject(err); } };
      this.runs.add(run);
      signal?.addEventListener('abort', onAbort);
      // A result is handed to `finish` once its thread is free again: the thread's next chunk is
      // sent first, so the thread computes while this one merges (or checkpoints) the last.
      void Promise.all(jobs.map((job) => this.limit(() => this.runJob<R>(scenarioId, job, run)).then((result) => this.finishJob(run, job, result, finish))))
        .then(() => { if (!run.failed && end()) resolve(); });
    });
  }

  /** Starts every thread now, so they load their code while this thread does other work (the true effects). */
  start(): this {
    while (!this.closed && this.idle.length + this.busy.size < this.size) this.idle.push(this.spawn());
    return this;
  }

  /** Ends every thread; runs still in progress reject. */
  async close(): Promise<void> {
    this.closed = true;
    for (const run of [...this.runs]) this.fail(run, new Error(CLOSED));
    const all = [...this.idle, ...this.busy];
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(all.map((w) => w.worker.terminate()));
  }

  /** One chunk on an idle thread (p-limit guarantees there is one, or room to start one): its result, or undefined when the run failed. Never rejects. */
  private async runJob<R>(scenarioId: number, job: PoolJob, run: PoolRun): Promise<R | undefined> {
    if (run.failed) return undefined;
    if (this.closed) { this.fail(run, new Error(CLOSED)); return undefined; }
    let w: PoolWorker | undefined;
    let result: R;
    try {
      do w = this.idle.pop(); while (w?.dead);
      w ??= this.spawn();
      w.worker.ref();
      this.busy.add(w);
      run.workers.add(w);
      const at = w.loaded.indexOf(scenarioId);
      const scenario = at >= 0 ? undefined : this.scenarios.get(scenarioId)!.scenario;
      if (at >= 0) w.loaded.splice(at, 1);
      w.loaded.push(scenarioId);
      const forget = w.loaded.length > KEEP_PREPARED ? w.loaded.splice(0, w.loaded.length - KEEP_PREPARED) : [];
      result = await runOn<R>(w.worker, { scenarioId, scenario, forget, job });
    } catch (err) {
      // A thread that failed may be in any state: end it (before its slot is
      // freed, so the pool never exceeds its size); a new one starts on demand.
      if (w) {
        run.workers.delete(w);
        this.busy.delete(w);
        await w.worker.terminate();
      }
      this.fail(run, err as Error);
      return undefined;
    }
    run.workers.delete(w);
    if (this.busy.delete(w)) { // else ended meanwhile (the run failed, or the pool closed)
      // An idle thread does not keep the process alive, should a caller forget close().
      w.worker.unref();
      this.idle.push(w);
    }
    return run.failed ? undefined : result;
  }

  /** Hands a job's result to the run's `finish`; an exception there fails the run. */
  private finishJob<R>(run: PoolRun, job: PoolJob, result: R | undefined, finish: (r: R) => void): void {
    if (result === undefined || run.failed) return;
    try {
      finish(result);
    } catch (err) {
      this.fail(run, new Error(`${job.unit ?? 'replicates'} ${job.from}-${job.to - 1}: ${(err as Error).message}`));
    }
  }

  private spawn(): PoolWorker {
    const { workerMemoryMb, execArgv } = this.options;
    const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, ...(workerMemoryMb ? { maxOldGenerationSizeMb: workerMemoryMb } : {}) };
    const options = { resourceLimits, ...(execArgv ? { execArgv: [...process.execArgv, ...execArgv] } : {}) };
    const w: PoolWorker = { worker: new Worker(workerUrl(), options), loaded: [], dead: false };
    // Always listened to: a thread dying while idle must not crash the process;
    // it leaves the idle list (a job it was running fails through runOn).
    const bury = () => {
      if (w.dead) return;
      w.dead = true;
      const at = this.idle.indexOf(w);
      if (at >= 0) this.idle.splice(at, 1);
      if (!this.closed) this.options.onThreadEnd?.();
    };
    w.worker.on('error', bury);
    w.worker.on('exit', bury);
    w.worker.unref();
    return w;
  }

  /**
   * Fails a run once: it rejects now, its queued chunks are skipped and the
   * threads busy with it are ended at once, so a fault or an interrupt ends
   * the run without waiting for chunks whose results would be thrown away.
   */
  private fail(run: PoolRun, err: Error): void {
    if (run.failed) return;
    run.failed = true;
    for (const w of run.workers) { this.busy.delete(w); void w.worker.terminate(); }
    run.workers.clear();
    run.reject(err);
  }
}

interface PoolRun {
  failed: boolean;
  /** Threads running this run's chunks now. */
  workers: Set<PoolWorker>;
  reject: (err: Error) => void;
}

/** What a thread is sent: the job, its scenario's pool-wide id (the scenario itself the first time), and the ids it may forget. */
export interface WorkerMessage { scenarioId: number; scenario?: PoolScenario; forget: number[]; job: PoolJob }

function runOn<R>(w: Worker, message: WorkerMessage): Promise<R> {
  const { job } = message;
  return new Promise((resolve, reject) => {
    const cleanup = () => { w.off('message', onMessage); w.off('messageerror', onError); w.off('error', onError); w.off('exit', onExit); };
    const onMessage = (m: { ok: boolean; result?: R; message?: string; stack?: string }) => {
      cleanup();
      if (m.ok) resolve(m.result!);
      else reject(new WorkerFailure(job.from, job.to, m.message ?? 'unknown error', m.stack, job.unit));
    };
    const onError = (e: Error) => { cleanup(); reject(new WorkerFailure(job.from, job.to, e.message, e.stack, job.unit)); };
    const onExit = (code: number) => {
      cleanup();
      reject(new WorkerFailure(job.from, job.to, `worker exited with code ${code} (out of memory or killed?)`, undefined, job.unit));
    };
    w.on('message', onMessage);
    w.on('messageerror', onError);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage(message);
  });
}
