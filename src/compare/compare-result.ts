/**
 * A comparison's result from its designs' summaries and per-replicate
 * matrices: every difference against the first design, with paired and
 * independent Monte Carlo errors. No thread or file here: `trialsim
 * compare` (compare.ts) and the explorer page both build it.
 */
import type { LoadedScenario } from '../run/setup.js';
import { canonicalJson } from '../scenario/hash.js';
import type { Summary } from '../summary/summarise.js';
import { VERSION } from '../version.js';
import { compareHypotheses, compareMetrics, compareQuantities, type ComparedRow, type HypothesisCell, type MeanCell, type RunData } from './compare-rows.js';

export const COMPARE_SCHEMA = 'trialsim-compare/1';

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

export function compareResult(r: { seed: number; replicates: number; crn: boolean; described: ComparedScenario[]; runs: RunData[] }): CompareResult {
  const { seed, replicates, crn, described, runs } = r;
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
