/**
 * `trialsim sweep --vary`: one scenario run over a grid of key values.
 *
 * Every grid point is a complete scenario, re-checked like a file, run with
 * the same seed (so neighbouring points share virtual patients and the power
 * curve is smooth: common random numbers along the grid). p-limit bounds how
 * many grid points run at once; the worker budget is split between them
 * (default one point at a time with every worker).
 */
import pLimit from 'p-limit';
import type { LoadedScenario } from '../run/scenario.js';
import { simulate, type Simulation } from '../run/simulate.js';
import { defaultWorkers, WorkerPool, Interrupted } from '../run/pool.js';
import { CheckpointSet, RunsInterrupted, type SetCheckpointOptions } from '../run/checkpoint-set.js';
import { simulateCheckpointed } from '../run/checkpointed.js';
import { VERSION } from '../version.js';
import { expandGrid } from './grid.js';
import { scenarioVariant } from './variant.js';
import type { Variation } from './values.js';
import { SWEEP_SCHEMA, type SweepPoint, type SweepResult } from './sweep-result.js';

export { SWEEP_SCHEMA, type SweepPoint, type SweepResult } from './sweep-result.js';

export interface SweepOptions {
  seed?: number;
  replicates?: number;
  /** Total worker threads shared by the grid points in flight (0 = this thread). */
  workers?: number;
  chunkSize?: number;
  /** Grid points run at once (default 1). */
  parallel?: number;
  onPoint?: (done: number, total: number) => void;
  /** Replicates done so far over every grid point (including those resumed from checkpoints), of `total`. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Checkpoint every grid point's replicates (src/run/checkpoint-set.ts), so
   * that an interrupted sweep resumed with `resume` skips the finished points
   * and continues the others from their finished chunks.
   */
  checkpoint?: SetCheckpointOptions<SweepResult>;
  /** Stops the sweep between chunks (RunsInterrupted); finished chunks stay in the checkpoints. */
  signal?: AbortSignal;
}

export async function runSweep(base: LoadedScenario, vary: Variation[], options: SweepOptions = {}): Promise<SweepResult> {
  const overrides = { seed: options.seed ?? base.spec.seed, replicates: options.replicates ?? base.spec.replicates };
  const grid = expandGrid(vary);
  // Check every grid point before simulating any.
  const variants = grid.map((p) => scenarioVariant(base, p.values, overrides));
  const parallel = Math.max(1, Math.min(options.parallel ?? 1, grid.length));
  const c = options.checkpoint;
  // Opened once every point is checked, so a refused sweep leaves the folder as it was.
  const set = c && CheckpointSet.open(c.dir, 'sweep', sweepIdentity(base, vary, overrides), { resume: c.resume, onNotice: c.onNotice });
  // One pool of threads for the whole grid: they start once, and points in flight share them.
  const workers = options.workers ?? defaultWorkers();
  const pool = workers > 0 ? new WorkerPool(workers) : undefined;
  const limit = pLimit(parallel);
  const progress = new Array<number>(grid.length).fill(0);
  const total = grid.length * overrides.replicates;
  const onProgress = (k: number) => (n: number) => { progress[k] = n; options.onProgress?.(progress.reduce((a, b) => a + b, 0), total); };
  let done = 0;
  let points: SweepPoint[];
  try {
    points = await Promise.all(grid.map((p, k) => limit(async (): Promise<SweepPoint> => {
      const run = { workers, pool, chunkSize: options.chunkSize, signal: options.signal, onProgress: onProgress(k) };
      let simulation: Simulation;
      if (set) {
        simulation = (await simulateCheckpointed(variants[k], { ...run, dir: set.runDir(p.index), resume: set.resumed, rows: false })).simulation;
      } else {
        simulation = await simulate(variants[k], run);
      }
      options.onPoint?.(++done, grid.length);
      return { index: p.index, values: p.values, hash: variants[k].hash, arms: Object.keys(variants[k].spec.arms ?? {}), summary: simulation.summary };
    }).catch((err: unknown) => {
      limit.clearQueue(); // the sweep has failed: start no further points
      throw err;
    })));
  } catch (err) {
    if (err instanceof Interrupted && set) throw new RunsInterrupted(done, grid.length, 'grid points', set.savedReplicates(grid.length));
    throw err;
  } finally {
    await pool?.close();
  }
  const result = sweepResult(base, vary, overrides, points);
  if (set) {
    c.write?.(result);
    set.remove();
  }
  return result;
}

/** What a sweep's checkpoint belongs to: a resume with another scenario, seed, replicates, keys or values is refused naming it. */
function sweepIdentity(base: LoadedScenario, vary: Variation[], overrides: { seed: number; replicates: number }) {
  return {
    'scenario hash': base.hash, seed: overrides.seed, replicates: overrides.replicates,
    'swept keys': vary.map((v) => v.key),
    ...Object.fromEntries(vary.map((v) => [`values of ${v.key}`, v.values])),
  };
}

function sweepResult(base: LoadedScenario, vary: Variation[], overrides: { seed: number; replicates: number }, points: SweepPoint[]): SweepResult {
  return {
    schema: SWEEP_SCHEMA,
    trialsim: VERSION,
    scenario: { name: base.spec.name, file: base.file, hash: base.hash, design: base.spec.design.type },
    seed: overrides.seed,
    replicates: overrides.replicates,
    vary,
    points,
  };
}
