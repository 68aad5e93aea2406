/**
 * Calibration replicates on the worker pool: the pool's second job kind.
 *
 * A simulation-based calibration (`trialsim calibrate`) runs replicates
 * drawn from the calibration streams of a seed, not a scenario's run, and
 * each gives something other than a replicate record: a basket analysis'
 * statistics under the global null, a response-adaptive trial's declaring
 * intervals, or whether it declared an arm best at a candidate threshold.
 * A `CalibrationScenario` names which (its task); a thread plans the task
 * once (the design's planner) and runs its share of the replicates. The
 * pieces come back in replicate order whatever the split, and replicate r
 * draws from the streams of (seed, r) alone, so the result is the same for
 * any number of workers.
 */
import type { Scenario } from '../scenario/schema.js';
import { runStreams } from '../random/stream.js';
import { planNullStatistics } from '../designs/basket/calibrate.js';
import { planExactNull, checkExactCalibration, calibrateExactly, type NullLawPiece } from '../designs/basket/exact-calibration.js';
import type { CalibrationOptions, CalibrationResult } from '../designs/basket/calibrate.js';
import type { BasketSetup } from '../designs/basket/setup.js';
import type { BasketScenario } from '../designs/basket/schema.js';
import { EXACT_SHARES, shareJobs } from '../designs/types.js';
import { planDeclaringIntervals, planDeclaredCount, type NamedThreshold } from '../designs/response-adaptive/calibrate.js';
import { WorkerPool, defaultWorkers, type JobUnit } from './worker-pool.js';
import { chunksOf, defaultChunkSize } from './pool.js';
import { patientsPerReplicate } from './workload.js';

/**
 * At most this many patient-replicates, a calibration runs in this thread
 * unless told otherwise. Threads cost about 0.2 s to start and each plans the
 * task again (0.25-0.4 s for a basket design), which a small calibration
 * does not earn back: on this project's two cores `trialsim calibrate` of the
 * basket null scenario took 4.3 s in this thread and 7.7 s on two workers at
 * 500 replicates, the three-arm response-adaptive one 2.0 s and 4.5 s.
 */
export const SMALL_CALIBRATION = 5e5;

/** Threads for a calibration when none are asked for: every core, or this thread (0) for a small one. */
export function defaultCalibrationWorkers(spec: Scenario, replicates: number): number {
  return replicates * patientsPerReplicate(spec) <= SMALL_CALIBRATION ? 0 : defaultWorkers();
}

export type CalibrationTask =
  /** A basket design's Bayesian statistics under the global null (a Float64Array per piece). */
  | { kind: 'basket-null'; seed: number; analyses?: string[] }
  /** A response-adaptive design's intervals of the superiority threshold that declare an arm best (a list per replicate). */
  | { kind: 'adaptive-paths'; seed: number }
  /** How many replicates declare an arm best with a threshold set to a value (a count per piece). */
  | { kind: 'adaptive-declared'; seed: number; rule: Exclude<NamedThreshold, 'superiority'>; value: number }
  /**
   * A basket design's Bayesian statistics' exact laws under the global null:
   * "replicates" are units (one share of one chosen analysis' outcomes), a
   * piece their NullLawPiece list. No stream is drawn from (the seed is
   * only reported).
   */
  | { kind: 'basket-exact-null'; seed: number; analyses?: string[] };

/** A calibration as a pool scenario: the checked spec, its prepared data and the task. */
export interface CalibrationScenario {
  spec: Scenario;
  data: unknown;
  task: CalibrationTask;
}

/** Calibration replicates from .. to - 1 (0-based). */
export interface CalibrationJob { from: number; to: number }

export interface CalibrationChunk<T = unknown> { from: number; to: number; value: T }

export function isCalibration(scenario: object): scenario is CalibrationScenario {
  return 'task' in scenario;
}

/** The task planned (once per thread and calibration): a function of a job. */
export function planCalibration(s: CalibrationScenario): (job: CalibrationJob) => CalibrationChunk {
  const t = s.task;
  if (t.kind === 'basket-exact-null') {
    const units = planExactNull(s.data as BasketSetup, t.analyses);
    return (job) => ({ from: job.from, to: job.to, value: units(job.from, job.to) });
  }
  const streams = runStreams(t.seed);
  const piece: (from: number, to: number) => unknown = t.kind === 'basket-null'
    ? planNullStatistics(s.spec, s.data, streams, t.analyses)
    : t.kind === 'adaptive-paths'
      ? planDeclaringIntervals(s.spec, streams)
      : planDeclaredCount(s.spec, streams, t.rule, t.value);
  return (job) => ({ from: job.from, to: job.to, value: piece(job.from, job.to) });
}

export interface CalibrationRunOptions {
  /** Worker threads (0: this thread). */
  workers: number;
  /** Threads kept across the calls of one calibration (a bisection makes many). */
  pool?: WorkerPool;
  /** The jobs, [from, to) each, when not about eight per thread. */
  chunks?: [number, number][];
}

/**
 * Runs a calibration task over replicates 0 .. replicates - 1 and returns
 * its pieces in replicate order (about eight per thread).
 */
export async function runCalibration<T>(s: CalibrationScenario, replicates: number, o: CalibrationRunOptions): Promise<T[]> {
  const chunks = o.chunks ?? chunksOf([0, replicates], defaultChunkSize([0, replicates], o.workers));
  if (o.pool === undefined && o.workers === 0) {
    const run = planCalibration(s);
    return chunks.map(([from, to]) => run({ from, to }).value as T);
  }
  const pool = o.pool ?? new WorkerPool(Math.min(o.workers, chunks.length));
  const pieces = new Map<number, T>();
  try {
    // A failure names what the job held: an exact calibration's jobs are shares, not replicates.
    const unit: JobUnit = s.task.kind === 'basket-exact-null' ? 'exact shares' : 'replicates';
    await pool.runJobs<CalibrationChunk<T>>(s, chunks.map(([from, to]) => ({ from, to, unit })), (r) => { pieces.set(r.from, r.value); });
  } finally {
    if (!o.pool) await pool.close();
  }
  return chunks.map(([from]) => pieces.get(from)!);
}

/**
 * `trialsim calibrate --exact` of a basket design: its null outcomes
 * enumerated in this thread (workers 0) or on threads, each chosen
 * analysis' shares split into one job per thread of consecutive shares (a
 * job walks the analysis' outcomes once and fits those of its shares). The
 * units' laws are merged in unit order, so the thresholds and errors are the
 * same for any number of threads. Refusals come before any thread starts.
 */
export async function calibrateExactlyOn(spec: Scenario, data: BasketSetup, options: Omit<CalibrationOptions, 'replicates'>, workers: number): Promise<CalibrationResult> {
  const units = checkExactCalibration(data, options);
  const perAnalysis = Math.min(Math.max(1, workers), EXACT_SHARES);
  const chunks: [number, number][] = workers === 0 ? [[0, units]]
    : Array.from({ length: units / EXACT_SHARES }, (_, j) => shareJobs(j, perAnalysis)).flat();
  const task: CalibrationTask = { kind: 'basket-exact-null', seed: options.seed, ...(options.analyses ? { analyses: options.analyses } : {}) };
  const pieces = await runCalibration<NullLawPiece[]>({ spec, data, task }, units, { workers, chunks });
  return calibrateExactly(spec as BasketScenario, data, options, pieces.flat());
}
