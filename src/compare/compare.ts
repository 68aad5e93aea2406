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
import { canonicalJson } from '../scenario/hash.js';
import { simulate, isExact } from '../run/simulate.js';
import { UserError } from '../scenario/errors.js';
import { WorkerPool, defaultWorkers } from '../run/pool.js';
import type { Summary } from '../summary/summarise.js';
import { VERSION } from '../version.js';
import { collectReplicates } from './replicate-matrix.js';
import { scenarioVariant } from './variant.js';
import { compareHypotheses, compareMetrics, compareQuantities, type ComparedRow, type HypothesisCell, type MeanCell, type RunData } from './compare-rows.js';

export const COMPARE_SCHEMA = 'trialsim-compare/1';

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
  onProgress?: (replicatesDone: number) => void;
}

export interface ComparedScenario {
  name: string;
  file: string;
  hash: string;
  design: string;
  seed: number;
  /** Whether this design's patients are those of the first design (same population, endpoint and arms, same seed). */
  samePatients: boolean;
}

export interface CompareResult {
  schema: typeof COMPARE_SCHEMA;
  trialsim: string;
  seed: number;
  replicates: number;
  commonRandomNumbers: boolean;
  scenarios: ComparedScenario[];
  hypotheses: ComparedRow<HypothesisCell>[];
  quantities: ComparedRow<MeanCell>[];
  metrics: ComparedRow<MeanCell>[];
  summaries: Summary[];
}

/** The sections that generate patients: equal sections and seeds mean equal patients. */
export function patientSections(loaded: LoadedScenario): string {
  const { population, endpoint, arms } = loaded.spec;
  return canonicalJson({ population, endpoint: endpoint ?? null, arms: arms ?? null });
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
  // One pool of threads for every design compared.
  const pool = options.workers === 0 ? undefined : new WorkerPool(options.workers ?? defaultWorkers());
  try {
    for (const [k, original] of scenarios.entries()) {
      const loaded = scenarioVariant(original, {}, { seed: crn ? seed : seed + k, replicates });
      options.onDesign?.(k, loaded);
      const layout = loaded.prepared.layout;
      const collector = collectReplicates(layout, replicates);
      const { summary } = await simulate(loaded, {
        workers: options.workers, pool, chunkSize: options.chunkSize, rows: true,
        onRows: collector.onRows, onProgress: options.onProgress,
      });
      runs.push({ summary, layout, matrix: collector.result(), arms: Object.keys(loaded.spec.arms ?? {}) });
      described.push({
        name: loaded.spec.name, file: original.file, hash: loaded.hash, design: loaded.spec.design.type,
        seed: loaded.spec.seed,
        samePatients: loaded.spec.seed === seed && patientSections(loaded) === patientSections(scenarios[0]),
      });
    }
  } finally {
    await pool?.close();
  }
  return {
    schema: COMPARE_SCHEMA,
    trialsim: VERSION,
    seed,
    replicates,
    commonRandomNumbers: crn,
    scenarios: described,
    hypotheses: compareHypotheses(runs),
    quantities: compareQuantities(runs),
    metrics: compareMetrics(runs),
    summaries: runs.map((x) => x.summary),
  };
}
