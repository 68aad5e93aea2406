/**
 * The pipeline a library user and the CLI both call:
 * loadScenario -> simulate (truth, replicates in workers, summary).
 */
import type { LoadedScenario } from './scenario.js';
import { runReplicates, WorkerPool, defaultWorkers, type RunOptions } from './pool.js';
import { describeScenario, isExact, computeExact, computeExactOnPool, summaryOf, type Simulation } from './describe.js';

export { describeScenario, isExact, computeExact, summariseStates, summaryOf, summaryJson, type Simulation } from './describe.js';

export async function simulate(loaded: LoadedScenario, options: RunOptions = {}): Promise<Simulation> {
  if (isExact(loaded)) return exactOnThreads(loaded, options);
  // Threads start first, and load their code while this thread computes the true effects.
  const workers = options.workers ?? defaultWorkers();
  const own = options.pool === undefined && workers > 0 && loaded.spec.replicates > 0
    ? new WorkerPool(Math.min(workers, loaded.spec.replicates), { workerMemoryMb: options.workerMemoryMb }).start()
    : undefined;
  try {
    options.onPhase?.('truth');
    const described = describeScenario(loaded);
    options.onPhase?.('simulating');
    const acc = await runReplicates(loaded, described.centres, { ...options, pool: options.pool ?? own });
    return summaryOf(loaded, described, acc);
  } finally {
    await own?.close();
  }
}


/**
 * Exact computations of fewer outcomes than this run in this thread, pool
 * or not: a thread of a Bayesian basket analysis plans its model again
 * (grid tables, about a second), which a small enumeration does not earn
 * back.
 */
export const SMALL_EXACT = 100_000;

/** The threads an exact computation runs on (exactOnThreads): 1 in this thread, else the pool's or `workers`. */
export function exactThreads(loaded: LoadedScenario, options: Pick<RunOptions, 'workers' | 'pool'> & { threadsFrom?: number } = {}): number {
  const workers = options.workers ?? defaultWorkers();
  const outcomes = loaded.prepared.exact && 'outcomes' in loaded.prepared.exact ? loaded.prepared.exact.outcomes : 0;
  if (workers < 2 || outcomes < (options.threadsFrom ?? SMALL_EXACT)) return 1;
  return options.pool?.size ?? workers;
}

/**
 * An exact computation (method: exact) on `workers` threads, or on `pool`:
 * its outcomes shared out by share (run/exact.ts), the same summary for any
 * number; in this thread with at most one worker or fewer outcomes than
 * `threadsFrom` (default SMALL_EXACT).
 */
export async function exactOnThreads(loaded: LoadedScenario, options: RunOptions & { threadsFrom?: number } = {}): Promise<Simulation> {
  const threads = exactThreads(loaded, options);
  if (threads === 1) return computeExact(loaded, options);
  const own = options.pool === undefined ? new WorkerPool(threads, { workerMemoryMb: options.workerMemoryMb }).start() : undefined;
  try {
    return await computeExactOnPool(loaded, options.pool ?? own!, options);
  } finally {
    await own?.close();
  }
}
