/**
 * A prepared scenario's true values and layout, and the summary of its
 * merged replicate statistics (or of its exact enumeration): the parts of a
 * run that need no thread or file, shared by `simulate` (worker threads)
 * and the explorer (Web Workers in a page).
 */
import type { LoadedScenario } from './setup.js';
import { designFor } from '../designs/registry.js';
import { summarise, type Summary } from '../summary/summarise.js';
import type { ReplicateLayout, TruthTable } from '../designs/types.js';
import { Accumulator, type AccumulatorState } from '../summary/accumulator.js';
import { VERSION } from '../version.js';
import { runStreams } from '../random/stream.js';
import { decisionTruth } from './decision.js';
import { enumerateExact, enumerateExactOnPool, type ExactSection, type ExactTally } from './exact.js';
import type { WorkerPool } from './worker-pool.js';

/** summary.json's text: the same bytes from the command line and from the explorer page. */
export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

/** Phases of a run, in order: true effects, replicates, results written. */
export type RunPhase = 'truth' | 'simulating' | 'writing';

export interface Simulation {
  summary: Summary;
  layout: ReplicateLayout;
  truth: TruthTable;
  /** The mergeable statistics behind the summary (for shards); absent for an exact computation. */
  state?: AccumulatorState;
}

/** Whether a loaded scenario is computed exactly rather than simulated (method: exact, and validation found it feasible). */
export function isExact(loaded: LoadedScenario): boolean {
  return loaded.prepared.exact !== undefined && 'outcomes' in loaded.prepared.exact;
}

/** The layout and true values of a scenario, without running replicates. */
export function describeScenario(loaded: LoadedScenario): { layout: ReplicateLayout; truth: TruthTable; centres: number[]; extra: Record<string, unknown> } {
  const { spec, prepared } = loaded;
  const design = designFor(spec.design.type);
  const truth = prepared.truth ?? design.truth(spec, prepared.data, runStreams(spec.seed));
  const centres = prepared.layout.estimates.map((e) => truth[e.id]?.value ?? NaN);
  const decision = decisionTruth(spec, truth, runStreams(spec.seed));
  return { layout: prepared.layout, truth, centres, extra: { ...design.describe(spec, prepared.data, truth), ...(decision ? { decision } : {}) } };
}

/**
 * The summary of partial results (shards) merged in any order: the same
 * bytes as one run over all their replicates.
 */
export function summariseStates(loaded: LoadedScenario, states: AccumulatorState[]): Simulation {
  const described = describeScenario(loaded);
  const acc = new Accumulator(described.layout, Float64Array.from(described.centres));
  for (const s of states) acc.merge(s);
  return summaryOf(loaded, described, acc);
}

/**
 * The exact operating characteristics (run/exact.ts), in this thread: every
 * outcome weighted by its probability; the summary's `exact` section says
 * how many outcomes were visited and the probability each part covered.
 */
export function computeExact(loaded: LoadedScenario, options: ExactOptions = {}): Simulation {
  options.onPhase?.('truth');
  const described = describeScenario(loaded);
  options.onPhase?.('simulating');
  const t0 = performance.now();
  const tally = enumerateExact(loaded.spec, loaded.prepared.data, described.layout, Float64Array.from(described.centres), (done) => options.onProgress?.(done));
  return exactSimulation(loaded, described, tally, t0);
}

export interface ExactOptions { onPhase?: (phase: RunPhase) => void; onProgress?: (done: number) => void; signal?: AbortSignal }

/** computeExact with the enumeration shared out to a worker pool's threads: the same summary to the last digit. */
export async function computeExactOnPool(loaded: LoadedScenario, pool: WorkerPool, options: ExactOptions = {}): Promise<Simulation> {
  options.onPhase?.('truth');
  const described = describeScenario(loaded);
  options.onPhase?.('simulating');
  const t0 = performance.now();
  const tally = await enumerateExactOnPool(loaded.spec, loaded.prepared.data, described.layout, Float64Array.from(described.centres), pool, {
    onProgress: (done) => options.onProgress?.(done), signal: options.signal,
  });
  return exactSimulation(loaded, described, tally, t0);
}

function exactSimulation(loaded: LoadedScenario, described: ReturnType<typeof describeScenario>, tally: ExactTally, t0: number): Simulation {
  const exact: ExactSection = { outcomes: tally.outcomes, parts: tally.parts, seconds: Number(((performance.now() - t0) / 1000).toFixed(3)) };
  const { layout, truth, extra } = described;
  const summary = summarise({
    name: loaded.spec.name, hash: loaded.hash, design: loaded.spec.design.type, seed: loaded.spec.seed,
    version: VERSION, layout, truth, acc: tally.acc.tally(), extra: { ...extra, exact },
  });
  return { summary, layout, truth };
}

export function summaryOf(loaded: LoadedScenario, described: ReturnType<typeof describeScenario>, acc: Accumulator): Simulation {
  const { layout, truth, extra } = described;
  const fallback: { exact?: ExactSection } = loaded.prepared.exact && 'fallback' in loaded.prepared.exact ? { exact: { fallback: loaded.prepared.exact.fallback } } : {};
  const summary = summarise({
    name: loaded.spec.name, hash: loaded.hash, design: loaded.spec.design.type, seed: loaded.spec.seed,
    version: VERSION, layout, truth, acc, extra: { ...extra, ...fallback },
  });
  return { summary, layout, truth, state: acc.state() };
}
