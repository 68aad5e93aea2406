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
import { simulate } from '../run/simulate.js';
import { defaultWorkers, WorkerPool } from '../run/pool.js';
import type { Summary } from '../summary/summarise.js';
import { VERSION } from '../version.js';
import { expandGrid } from './grid.js';
import { scenarioVariant } from './variant.js';
import type { SweepValue, Variation } from './values.js';

export const SWEEP_SCHEMA = 'trialsim-sweep/1';

export interface SweepOptions {
  seed?: number;
  replicates?: number;
  /** Total worker threads shared by the grid points in flight (0 = this thread). */
  workers?: number;
  chunkSize?: number;
  /** Grid points run at once (default 1). */
  parallel?: number;
  onPoint?: (done: number, total: number) => void;
}

export interface SweepPoint {
  index: number;
  values: Record<string, SweepValue>;
  hash: string;
  /** Arms of this point's scenario (for the sample-size quantity). */
  arms: string[];
  summary: Summary;
}

export interface SweepResult {
  schema: typeof SWEEP_SCHEMA;
  trialsim: string;
  scenario: { name: string; file: string; hash: string; design: string };
  seed: number;
  replicates: number;
  vary: Variation[];
  points: SweepPoint[];
}

export async function runSweep(base: LoadedScenario, vary: Variation[], options: SweepOptions = {}): Promise<SweepResult> {
  const overrides = { seed: options.seed ?? base.spec.seed, replicates: options.replicates ?? base.spec.replicates };
  const grid = expandGrid(vary);
  // Check every grid point before simulating any.
  const variants = grid.map((p) => scenarioVariant(base, p.values, overrides));
  const parallel = Math.max(1, Math.min(options.parallel ?? 1, grid.length));
  // One pool of threads for the whole grid: they start once, and points in flight share them.
  const workers = options.workers ?? defaultWorkers();
  const pool = workers > 0 ? new WorkerPool(workers) : undefined;
  const limit = pLimit(parallel);
  let done = 0;
  let points: SweepPoint[];
  try {
    points = await Promise.all(grid.map((p, k) => limit(async (): Promise<SweepPoint> => {
      const { summary } = await simulate(variants[k], { workers, pool, chunkSize: options.chunkSize });
      options.onPoint?.(++done, grid.length);
      return { index: p.index, values: p.values, hash: variants[k].hash, arms: Object.keys(variants[k].spec.arms ?? {}), summary };
    }).catch((err: unknown) => {
      limit.clearQueue(); // the sweep has failed: start no further points
      throw err;
    })));
  } finally {
    await pool?.close();
  }
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
