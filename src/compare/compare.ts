/**
 * `trialsim compare`: the same operating characteristics of several designs
 * side by side, each difference against the first design with its Monte
 * Carlo error.
 *
 * Common random numbers: every design runs with the same seed and the same
 * replicate numbers, and the engine's streams are keyed by (seed, replicate,
 * purpose), so designs over the same population and outcome model see the
 * same virtual patients in replicate r. The paired SE of a difference then
 * reflects only where the designs' decisions differ. With
 * `commonRandomNumbers: false` design k runs with seed + k instead (fully
 * independent streams), the textbook alternative the paired SE is contrasted with.
 */
import type { LoadedScenario } from '../run/scenario.js';
import { simulate, isExact } from '../run/simulate.js';
import { UserError } from '../scenario/errors.js';
import { WorkerPool, defaultWorkers, Interrupted } from '../run/pool.js';
import { CheckpointSet, RunsInterrupted, type SetCheckpointOptions } from '../run/checkpoint-set.js';
import { simulateCheckpointed } from '../run/checkpointed.js';
import { collectReplicates } from './replicate-matrix.js';
import { scenarioVariant } from './variant.js';
import type { RunData } from './compare-rows.js';
import { compareResult, patientSections, type ComparedScenario, type CompareResult } from './compare-result.js';

export { COMPARE_SCHEMA, compareResult, patientSections, type ComparedScenario, type CompareResult } from './compare-result.js';

export interface CompareOptions {
  /** Seed of every design (default: the first file's seed). */
  seed?: number;
  /** Replicates of every design (default: the first file's). */
  replicates?: number;
  /** Same seed for every design (default true). */
  commonRandomNumbers?: boolean;
  workers?: number;
  chunkSize?: number;
  /** Called before design k runs. */
  onDesign?: (k: number, loaded: LoadedScenario) => void;
  /** Replicates of design k done so far (including those resumed from its checkpoint). */
  onProgress?: (replicatesDone: number, k: number) => void;
  /**
   * Checkpoint every design's replicates and rows (src/run/checkpoint-set.ts),
   * so that an interrupted comparison resumed with `resume` skips the
   * finished designs and continues the others from their finished chunks.
   */
  checkpoint?: SetCheckpointOptions<CompareResult>;
  /** Stops the comparison between chunks (RunsInterrupted); finished chunks stay in the checkpoints. */
  signal?: AbortSignal;
}

export async function runCompare(scenarios: LoadedScenario[], options: CompareOptions = {}): Promise<CompareResult> {
  if (scenarios.length < 2) throw new RangeError('compare needs at least two scenarios');
  const exact = scenarios.find(isExact);
  // Paired differences need each design's replicates; an exact computation has none.
  if (exact) throw new UserError(`${exact.file}: compare pairs simulated replicates, and this scenario is computed exactly (method: exact); run the scenarios side by side with trialsim run A B ... (index.md compares them), or compare them simulated`);
  const crn = options.commonRandomNumbers ?? true;
  const seed = options.seed ?? scenarios[0].spec.seed;
  const replicates = options.replicates ?? scenarios[0].spec.replicates;
  const runs: RunData[] = [];
  const described: ComparedScenario[] = [];
  // Every design checked before any runs, and before the checkpoint folder is touched.
  const variants = scenarios.map((original, k) => scenarioVariant(original, {}, { seed: crn ? seed : seed + k, replicates }));
  const c = options.checkpoint;
  const set = c && CheckpointSet.open(c.dir, 'comparison', compareIdentity(variants, crn), { resume: c.resume, onNotice: c.onNotice });
  // One pool of threads for every design compared.
  const pool = options.workers === 0 ? undefined : new WorkerPool(options.workers ?? defaultWorkers());
  try {
    for (const [k, original] of scenarios.entries()) {
      const loaded = variants[k];
      options.onDesign?.(k, loaded);
      const layout = loaded.prepared.layout;
      const collector = collectReplicates(layout, replicates);
      const run = {
        workers: options.workers, pool, chunkSize: options.chunkSize, signal: options.signal,
        onRows: collector.onRows, onProgress: (n: number) => options.onProgress?.(n, k),
      };
      const { summary } = set
        ? (await simulateCheckpointed(loaded, { ...run, workers: options.workers ?? defaultWorkers(), dir: set.runDir(k), resume: set.resumed, rows: true })).simulation
        : await simulate(loaded, { ...run, rows: true });
      runs.push({ summary, layout, matrix: collector.result(), arms: Object.keys(loaded.spec.arms ?? {}) });
      described.push({
        name: loaded.spec.name, file: original.file, hash: loaded.hash, design: loaded.spec.design.type,
        seed: loaded.spec.seed,
        samePatients: loaded.spec.seed === seed && patientSections(loaded) === patientSections(scenarios[0]),
      });
    }
  } catch (err) {
    if (err instanceof Interrupted && set) throw new RunsInterrupted(runs.length, scenarios.length, 'designs', set.savedReplicates(scenarios.length));
    throw err;
  } finally {
    await pool?.close();
  }
  const result = compareResult({ seed, replicates, crn, described, runs });
  if (set) {
    c.write?.(result);
    set.remove();
  }
  return result;
}

/** What a comparison's checkpoint belongs to: a resume with other files, seed or replicates is refused naming it. */
function compareIdentity(variants: LoadedScenario[], crn: boolean) {
  return {
    designs: variants.length,
    ...Object.fromEntries(variants.map((v, k) => [`scenario hash of design ${String.fromCharCode(65 + k)}`, v.hash])),
    seeds: variants.map((v) => v.spec.seed), replicates: variants[0].spec.replicates, 'common random numbers': crn,
  };
}
