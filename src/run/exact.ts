/**
 * Exact runs (`method: exact`, `trialsim run --exact`): for a design that
 * can enumerate its outcomes (Design.exact), every outcome's record is
 * weighted by its probability (summary/weighted.ts) instead of simulating
 * replicates, and the summary reports expectations with no Monte Carlo
 * error. Decided at validate time: a design without an exact computation is
 * refused; a scenario whose enumeration is too large, or that the design
 * cannot compute exactly, falls back to simulation with the reason in the
 * summary (`exact.fallback`).
 */
import { z } from 'zod';
import { designFor } from '../designs/registry.js';
import { newRecord, EXACT_SHARES, partShares, shareJobs, type ExactComputation, type ExactPart, type ReplicateLayout } from '../designs/types.js';
import type { Scenario } from '../scenario/schema.js';
import { ScenarioRefusal } from '../scenario/errors.js';
import { WeightedAccumulator, type WeightedState } from '../summary/weighted.js';
import type { JobUnit, WorkerPool } from './worker-pool.js';

/** Default most outcomes an exact computation visits (scenario key exactLimit). */
export const EXACT_LIMIT = 50_000_000;

/** What validation decided about an exact run: the outcomes it will visit, or why it simulates instead. */
export type ExactDecision = { outcomes: number } | { fallback: string };

/** The design's exact computation of a scenario (only called when the scenario asks for one). */
export function exactComputation(spec: Scenario, prepared: unknown): ExactComputation {
  const design = designFor(spec.design.type);
  if (!design.exact) {
    throw new ScenarioRefusal([{ path: ['method'], message: `the ${spec.design.type} design has no exact computation (only the basket design enumerates its outcomes); expected method: simulation, found exact (from the scenario or --exact)` }]);
  }
  if (spec.decision) return { unavailable: 'the decision section is evaluated on each simulated trial' };
  return design.exact(spec, prepared);
}

/** Validation of an exact run: refused, simulated instead (with the reason), or the outcomes it will visit. */
export function decideExact(spec: Scenario, prepared: unknown): ExactDecision | undefined {
  if (spec.method !== 'exact') return undefined;
  const c = exactComputation(spec, prepared);
  if ('unavailable' in c) return { fallback: `not computed exactly: ${c.unavailable}; simulated instead` };
  const outcomes = c.parts.reduce((a, p) => a + p.size, 0);
  const limit = spec.exactLimit ?? EXACT_LIMIT;
  if (outcomes > limit) {
    const largest = c.parts.reduce((a, p) => (p.size > a.size ? p : a));
    return { fallback: `not computed exactly: ${outcomes.toExponential(2)} outcomes to enumerate (${largest.label}: ${largest.size.toExponential(2)}) exceed exactLimit ${limit}; simulated instead` };
  }
  return { outcomes };
}

/**
 * The `exact` section of summary.json: an exact computation's outcomes
 * visited, each part's total probability and the seconds it took; or, for a
 * scenario that asked for one and was simulated instead, why.
 */
export const exactSectionSchema = z.union([
  z.strictObject({
    outcomes: z.number().describe('Outcomes enumerated'),
    parts: z.array(z.strictObject({
      label: z.string().describe('Part of the computation'),
      outcomes: z.number().describe('Its outcomes visited'),
      probability: z.number().describe('Its total probability (1 up to rounding)'),
    })).describe('The parts of the computation'),
    seconds: z.number().describe('Time the enumeration took'),
  }),
  z.strictObject({ fallback: z.string().describe('Why the scenario was simulated instead') }),
]).describe('With method exact: how the exact computation went, or why it was not done');

export type ExactSection = z.input<typeof exactSectionSchema>;

export interface ExactTally {
  acc: WeightedAccumulator;
  /** Outcomes visited and each part's total probability (1 up to rounding). */
  outcomes: number;
  parts: { label: string; outcomes: number; probability: number }[];
}

/** One share of one part of an exact computation: the sums over its outcomes, and how many it visited. */
export interface ExactPiece {
  /** part × EXACT_SHARES + share */
  unit: number;
  visited: number;
  state: WeightedState;
}

type Parts = { parts: ExactPart[] };

/** The design's exact computation, which validation found available. */
function availableParts(spec: Scenario, prepared: unknown): Parts {
  const c = exactComputation(spec, prepared);
  if ('unavailable' in c) throw new Error(`exact computation unavailable: ${c.unavailable}`);
  return c;
}

/**
 * The pieces of units from .. to - 1 (a unit is one share of one part): each
 * part that has some enumerates the outcomes of those shares only, each
 * share into its own accumulator.
 */
export function exactPieces(c: Parts, layout: ReplicateLayout, centres: Float64Array, from: number, to: number, onPart?: (part: number) => void): ExactPiece[] {
  const record = newRecord(layout);
  // No exact summary reads the tests' columns: a design may skip the costly ones (types.ts: testsRead).
  record.testsRead = false;
  const pieces: ExactPiece[] = [];
  c.parts.forEach((part, j) => {
    const [lo, hi] = partShares(j, from, to);
    if (lo >= hi) return;
    const accs = Array.from({ length: hi - lo }, () => new WeightedAccumulator(layout, centres, c.parts));
    const visited = new Array<number>(hi - lo).fill(0);
    const mine = (share: number) => share >= lo && share < hi;
    part.enumerate(record, (p, share) => {
      if (!mine(share)) return;
      accs[share - lo].add(j, record, p);
      visited[share - lo]++;
    }, mine);
    accs.forEach((acc, i) => pieces.push({ unit: j * EXACT_SHARES + lo + i, visited: visited[i], state: acc.state() }));
    onPart?.(j);
  });
  return pieces;
}

/** The pieces of every unit merged in unit order: the same sums however they were split between threads. */
export function mergeExactPieces(c: Parts, layout: ReplicateLayout, centres: Float64Array, pieces: readonly ExactPiece[]): ExactTally {
  const acc = new WeightedAccumulator(layout, centres, c.parts);
  const visited = c.parts.map(() => 0);
  for (const piece of [...pieces].sort((a, b) => a.unit - b.unit)) {
    acc.merge(piece.state);
    visited[Math.floor(piece.unit / EXACT_SHARES)] += piece.visited;
  }
  const masses = acc.partMasses();
  return {
    acc, outcomes: visited.reduce((a, b) => a + b, 0),
    parts: c.parts.map((p, j) => ({ label: p.label, outcomes: visited[j], probability: masses[j] })),
  };
}

/** Enumerates every part of a scenario's exact computation, in this thread. */
export function enumerateExact(spec: Scenario, prepared: unknown, layout: ReplicateLayout, centres: Float64Array, onProgress?: (done: number, total: number) => void): ExactTally {
  const c = availableParts(spec, prepared);
  const total = c.parts.reduce((a, p) => a + p.size, 0);
  let done = 0;
  const pieces = exactPieces(c, layout, centres, 0, c.parts.length * EXACT_SHARES, (j) => {
    done += c.parts[j].size;
    onProgress?.(done, total);
  });
  return mergeExactPieces(c, layout, centres, pieces);
}

/** An exact computation as a worker pool's scenario: the checked spec, its prepared data, the layout and true values. */
export interface ExactScenario {
  spec: Scenario;
  data: unknown;
  layout: ReplicateLayout;
  centres: Float64Array;
  exactShares: true;
}

export function isExactScenario(scenario: object): scenario is ExactScenario {
  return 'exactShares' in scenario;
}

/** Units from .. to - 1 (a unit is one share of one part; `unit` names them in a failure's message). */
export interface ExactJob { from: number; to: number; unit?: JobUnit }
export interface ExactChunk { from: number; to: number; value: ExactPiece[] }

/** A thread's plan of an exact computation (once per thread): the pieces of a job's units. */
export function planExact(s: ExactScenario): (job: ExactJob) => ExactChunk {
  const c = availableParts(s.spec, s.data);
  return (job) => ({ from: job.from, to: job.to, value: exactPieces(c, s.layout, s.centres, job.from, job.to) });
}

/** A part that asks to be split (ExactPart.split) is, from this many outcomes: one job per thread. */
const SPLIT_FROM = 20_000;

/** Each part's jobs: one of all its shares, or (split) one per thread, of consecutive shares. */
function exactJobs(parts: readonly ExactPart[], threads: number): ExactJob[] {
  return parts.flatMap((part, j) => {
    const jobs = part.split && part.size >= SPLIT_FROM ? Math.min(threads, EXACT_SHARES) : 1;
    return shareJobs(j, jobs).map(([from, to]): ExactJob => ({ from, to, unit: 'exact shares' }));
  });
}

/**
 * Enumerates every part on a worker pool: the parts whose analyses are
 * costly shared out between the threads, the others one job each (the
 * parts' jobs run side by side); the sums are the same as enumerateExact's
 * (the same pieces, merged in the same order).
 */
export async function enumerateExactOnPool(
  spec: Scenario, prepared: unknown, layout: ReplicateLayout, centres: Float64Array, pool: WorkerPool,
  options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<ExactTally> {
  const c = availableParts(spec, prepared);
  const total = c.parts.reduce((a, p) => a + p.size, 0);
  const jobs = exactJobs(c.parts, pool.size);
  const scenario: ExactScenario = { spec, data: prepared, layout, centres, exactShares: true };
  const pieces: ExactPiece[] = [];
  let done = 0;
  await pool.runJobs<ExactChunk>(scenario, jobs, (r) => {
    pieces.push(...r.value);
    const part = c.parts[Math.floor(r.from / EXACT_SHARES)];
    // progress in outcomes: the part's bound, shared out by the job's shares
    done += (part.size * (r.to - r.from)) / EXACT_SHARES;
    options.onProgress?.(Math.round(done), total);
  }, options.signal);
  return mergeExactPieces(c, layout, centres, pieces);
}
