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
import { newRecord, type ExactComputation } from '../designs/types.js';
import type { Scenario } from '../scenario/schema.js';
import { ScenarioRefusal } from '../scenario/errors.js';
import { WeightedAccumulator } from '../summary/weighted.js';

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

/** Enumerates every part of a scenario's exact computation into a weighted accumulator. */
export function enumerateExact(spec: Scenario, prepared: unknown, layout: Parameters<typeof newRecord>[0], centres: Float64Array, onProgress?: (done: number, total: number) => void): ExactTally {
  const c = exactComputation(spec, prepared);
  if ('unavailable' in c) throw new Error(`exact computation unavailable: ${c.unavailable}`);
  const acc = new WeightedAccumulator(layout, centres, c.parts);
  const record = newRecord(layout);
  // No exact summary reads the tests' columns: a design may skip the costly ones (types.ts: testsRead).
  record.testsRead = false;
  const visited = c.parts.map(() => 0);
  const total = c.parts.reduce((a, p) => a + p.size, 0);
  let done = 0;
  c.parts.forEach((part, j) => {
    part.enumerate(record, (p) => {
      acc.add(j, record, p);
      visited[j]++;
    });
    done += part.size;
    onProgress?.(done, total);
  });
  const masses = acc.partMasses();
  return {
    acc, outcomes: visited.reduce((a, b) => a + b, 0),
    parts: c.parts.map((p, j) => ({ label: p.label, outcomes: visited[j], probability: masses[j] })),
  };
}
