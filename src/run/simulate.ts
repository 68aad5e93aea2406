/**
 * The pipeline a library user and the CLI both call:
 * loadScenario -> simulate (truth, replicates in workers, summary).
 */
import type { LoadedScenario } from './scenario.js';
import { runReplicates, WorkerPool, defaultWorkers, type RunOptions } from './pool.js';
import { describeScenario, isExact, computeExact, summaryOf, type Simulation } from './describe.js';

export { describeScenario, isExact, computeExact, summariseStates, summaryOf, summaryJson, type Simulation } from './describe.js';

export async function simulate(loaded: LoadedScenario, options: RunOptions = {}): Promise<Simulation> {
  if (isExact(loaded)) return computeExact(loaded, options);
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

