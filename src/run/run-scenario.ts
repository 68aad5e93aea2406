/**
 * A run as a library stage: the replicates of one scenario (or one shard of
 * them) simulated with a checkpoint that survives a crash, kill -9 or
 * Ctrl-C, resumed from it on request, and written as a results folder
 * (summary.json, replicates.csv, reports) or a shard file for `merge`.
 * The CLI's `trialsim run` maps its options onto this and adds a progress
 * bar; a library user gets the same resume and shards.
 */
import { join } from 'node:path';
import { hostname } from 'node:os';
import { createReadStream } from 'node:fs';
import type { LoadedScenario } from './scenario.js';
import { UserError } from '../scenario/errors.js';
import { simulate, exactOnThreads, exactThreads, isExact, summaryJson, type Simulation } from './simulate.js';
import { csvHeader } from './chunk.js';
import { defaultWorkers, chunksOf, Interrupted, type WorkerPool, type RunPhase } from './pool.js';
import type { Checkpoint } from './checkpoint.js';
import { openRunCheckpoint, savedReplicates } from './checkpointed.js';
import { shardRange, PARTIAL_SCHEMA } from './partial.js';
import { sealPartial } from './partial-file.js';
import { RunFolder, runId, slug } from './run-folder.js';
import { writeFileAtomic, AtomicStream } from '../util/atomic.js';
import { VERSION } from '../version.js';
import type { Summary } from '../summary/summarise.js';
import { TidyRows, summaryCsv, type Sink } from './tidy.js';

export interface RunScenarioOptions {
  /** Results folder (default "results"). */
  out?: string;
  /** Worker threads (default: available cores; 0 runs in this thread). */
  workers?: number;
  chunkSize?: number;
  /** Heap limit per worker thread (MB). */
  workerMemoryMb?: number;
  /** Threads kept across runs (then `workers` is the pool's). */
  pool?: WorkerPool;
  /** Write replicates.csv (default true). */
  csv?: boolean;
  /** Continue from the checkpoint of an interrupted run of the same scenario, seed, replicates and shard. */
  resume?: boolean;
  /** Run only shard `index` of `count` and write a partial result for merging. */
  shard?: { index: number; count: number };
  /** Stops the run; finished chunks stay in the checkpoint. */
  signal?: AbortSignal;
  /** Replicates done so far (including those resumed from a checkpoint) of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** The run moves to a phase: computing the true effects, simulating, writing its files. */
  onPhase?: (phase: RunPhase) => void;
  /** Something the user should know that is not an error. */
  onNotice?: (message: string) => void;
  /**
   * Writes the reports into the results folder beside summary.json (the CLI,
   * and the package's `runScenario`, write report.html and summary.md; the
   * reports are a layer above this one).
   */
  reports?: ReportWriter;
}

/** Writes a run's reports into a folder (with the checked scenario, for the assumptions they state). */
export type ReportWriter = (summary: Summary, folder: string, spec?: unknown) => void;

export interface RunScenarioResult {
  /** The summary (undefined for a shard, whose summary comes from merging). */
  summary?: Summary;
  /** The results folder, or the shard's partial-result file. */
  path: string;
  simulation: Simulation;
  seconds: number;
}

/** A run stopped on request; every finished chunk is in its checkpoint. */
export class RunInterrupted extends UserError {
  constructor(readonly saved: number, readonly total: number, readonly whileWriting: boolean) {
    super(whileWriting
      ? 'interrupted while writing the results; every replicate is saved'
      : `interrupted; ${saved} of ${total} replicates saved`, 'interrupted');
    this.name = 'RunInterrupted';
  }
}

/** Where a run's checkpoint lives: stable for the same scenario, seed, replicates and shard. */
export function checkpointDir(loaded: LoadedScenario, out: string, shard?: { index: number; count: number }): string {
  const base = shard ? shardFolder(loaded, out) : join(out, slug(loaded.spec.name));
  const tag = shard ? `shard-${shard.index}-of-${shard.count}` : 'run';
  return join(base, `.checkpoint-${tag}-${loaded.hash.slice(0, 12)}-seed${loaded.spec.seed}-r${loaded.spec.replicates}`);
}

/** Shards go to --out when given, else to results/<scenario>/shards-seed<S>-r<R>/. */
export function shardFolder(loaded: LoadedScenario, out: string): string {
  return out !== 'results' ? out : join('results', slug(loaded.spec.name), `shards-seed${loaded.spec.seed}-r${loaded.spec.replicates}`);
}

export async function runScenario(loaded: LoadedScenario, options: RunScenarioOptions = {}): Promise<RunScenarioResult> {
  if (isExact(loaded)) return runExact(loaded, options);
  const out = options.out ?? 'results';
  const csv = options.csv ?? true;
  const workers = options.workers ?? defaultWorkers();
  const R = loaded.spec.replicates;
  const range = options.shard ? shardRange(options.shard.index, options.shard.count, R) : ([1, R + 1] as [number, number]);
  const checkpoint = openRunCheckpoint(loaded, checkpointDir(loaded, out, options.shard), { resume: options.resume ?? false, rows: csv, workers, chunkSize: options.chunkSize, onNotice: options.onNotice }, range);
  const chunkSize = checkpoint.manifest.chunkSize;
  const done = checkpoint.finished();
  const started = new Date();
  const t0 = performance.now();
  let simulation: Simulation;
  try {
    simulation = await simulate(loaded, {
      workers, pool: options.pool, chunkSize, range, rows: csv, done, signal: options.signal, workerMemoryMb: options.workerMemoryMb, onPhase: options.onPhase,
      onChunk: (r) => checkpoint.record(r),
      onProgress: (n) => options.onProgress?.(n, range[1] - range[0]),
    });
  } catch (err) {
    if (err instanceof Interrupted) throw new RunInterrupted(savedReplicates(checkpoint), range[1] - range[0], false);
    throw err;
  } finally {
    checkpoint.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  options.onPhase?.('writing');
  const rows = (sink: Sink) => concatRows(checkpoint, chunksOf(range, chunkSize), sink, csvHeader(simulation.layout), options.signal);
  if (options.shard) {
    const path = await writeShard(loaded, simulation, { out, csv, shard: options.shard, range, rows });
    checkpoint.remove();
    return { path, simulation, seconds };
  }
  const folder = new RunFolder(out, loaded.spec.name, runId(started, loaded.spec.seed));
  try {
    if (csv) await rows(new TidyRows(simulation.layout, simulation.truth, folder.stream('replicates.csv'), folder.stream('hypotheses.csv'), folder.stream('estimates.csv')));
    writeRunFiles(folder, simulation.summary, options.reports, {
      trialsim: VERSION, file: loaded.file, started: started.toISOString(), seconds,
      workers, chunkSize, resumed: done.size > 0, node: process.version, host: hostname(),
    }, loaded.spec);
    const path = folder.commit();
    checkpoint.remove();
    return { summary: simulation.summary, path, simulation, seconds };
  } catch (err) {
    folder.abandon();
    throw err;
  }
}

/**
 * An exact computation (method: exact): no replicates, so no checkpoint,
 * shards or replicates.csv; the results folder holds summary.json, the
 * reports and run.json.
 */
async function runExact(loaded: LoadedScenario, options: RunScenarioOptions): Promise<RunScenarioResult> {
  if (options.shard) throw new UserError('--shard splits replicates; an exact computation (method: exact) has none to split');
  const started = new Date();
  const t0 = performance.now();
  const total = loaded.prepared.exact && 'outcomes' in loaded.prepared.exact ? loaded.prepared.exact.outcomes : 0;
  const simulation = await exactOnThreads(loaded, {
    workers: options.workers, pool: options.pool, workerMemoryMb: options.workerMemoryMb, signal: options.signal,
    onPhase: options.onPhase, onProgress: (n) => options.onProgress?.(n, total),
  });
  const seconds = (performance.now() - t0) / 1000;
  options.onPhase?.('writing');
  const folder = new RunFolder(options.out ?? 'results', loaded.spec.name, runId(started, loaded.spec.seed));
  try {
    writeRunFiles(folder, simulation.summary, options.reports, {
      trialsim: VERSION, file: loaded.file, started: started.toISOString(), seconds, method: 'exact', workers: exactThreads(loaded, options), node: process.version, host: hostname(),
    }, loaded.spec);
    return { summary: simulation.summary, path: folder.commit(), simulation, seconds };
  } catch (err) {
    folder.abandon();
    throw err;
  }
}

/** A shard's partial result (and its rows, with --csv) for `trialsim merge`. */
async function writeShard(
  loaded: LoadedScenario, simulation: Simulation,
  o: { out: string; csv: boolean; shard: { index: number; count: number }; range: [number, number]; rows: (sink: Sink) => Promise<void> },
): Promise<string> {
  const folder = shardFolder(loaded, o.out);
  const name = `shard-${String(o.shard.index).padStart(4, '0')}-of-${String(o.shard.count).padStart(4, '0')}`;
  const rowsFile = o.csv ? join(folder, `${name}.csv`) : undefined;
  if (rowsFile) await o.rows(new AtomicStream(rowsFile));
  // Sealed with a checksum over the state, the rows and the scenario, which merge verifies.
  const partial = sealPartial({
    schema: PARTIAL_SCHEMA, trialsim: VERSION, scenario: { name: loaded.spec.name, hash: loaded.hash, file: loaded.file },
    seed: loaded.spec.seed, replicates: loaded.spec.replicates, range: o.range, spec: loaded.spec, state: simulation.state!,
  }, rowsFile);
  const path = join(folder, `${name}.json`);
  writeFileAtomic(path, `${JSON.stringify(partial)}\n`);
  return path;
}

/** Writes summary.json, the reports and run.json into a run folder. */
export function writeRunFiles(folder: RunFolder, summary: Summary, reports: ReportWriter | undefined, run: Record<string, unknown>, spec?: unknown): void {
  folder.write('summary.json', summaryJson(summary));
  folder.write('summary.csv', summaryCsv(summary));
  reports?.(summary, folder.staging, spec);
  folder.write('run.json', `${JSON.stringify(run, null, 2)}\n`);
}

/**
 * replicates.csv from the checkpoint's per-chunk rows, in replicate order.
 * An abort while writing (it can take seconds) abandons the file; every
 * replicate is in the checkpoint, so resuming only writes.
 */
async function concatRows(checkpoint: Checkpoint, chunks: [number, number][], sink: Sink, header: string, signal?: AbortSignal): Promise<void> {
  const total = chunks.length === 0 ? 0 : chunks[chunks.length - 1][1] - chunks[0][0];
  sink.write(header);
  for (const [from] of chunks) {
    // Let a pending signal through before each chunk.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (signal?.aborted) { sink.abandon(); throw new RunInterrupted(total, total, true); }
    for await (const piece of createReadStream(checkpoint.rowsPath(from), { encoding: 'utf8' })) sink.write(piece as string);
  }
  sink.commit();
}
