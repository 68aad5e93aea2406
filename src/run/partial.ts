/**
 * Partial results: the mergeable statistics of a range of replicates, with
 * the provenance needed to refuse a wrong merge (Slurm shards, checkpoints).
 * Merging partials whose ranges tile 1..R exactly gives the same accumulator
 * as one run over 1..R, bit for bit, because every sum is exact.
 */
import type { Scenario } from '../scenario/schema.js';
import type { AccumulatorState } from '../summary/accumulator.js';
import { UserError } from '../scenario/errors.js';

/** Version 2 adds the rows digest and the checksum (see partial-file.ts). */
export const PARTIAL_SCHEMA = 'trialsim-partial/2';

export interface PartialResult {
  schema: typeof PARTIAL_SCHEMA;
  trialsim: string;
  scenario: { name: string; hash: string; file: string };
  seed: number;
  replicates: number;
  /** First and one-past-last replicate number covered. */
  range: [number, number];
  /** The checked scenario, so a merge needs no access to the original file. */
  spec: Scenario;
  state: AccumulatorState;
  /** SHA-256 of the shard's rows CSV, or null when written without rows. */
  rows: string | null;
  /** SHA-256 over every other field, in canonical JSON. */
  checksum: string;
}

/** The replicates of shard `index` (1-based) of `count`: contiguous, balanced, tiling 1..replicates. */
export function shardRange(index: number, count: number, replicates: number): [number, number] {
  return [Math.floor(((index - 1) * replicates) / count) + 1, Math.floor((index * replicates) / count) + 1];
}

/** Parses "I/N" for --shard. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UserError(`--shard: expected I/N with 1 <= I <= N (e.g. 3/10), found "${text}"`);
  }
  return { index, count };
}

/**
 * Checks that partial results belong to one run (same scenario hash, seed,
 * replicates and trialsim version) and tile 1..R without gaps or overlaps;
 * returns them sorted by range.
 */
export function checkPartials(parts: { file: string; partial: PartialResult }[]): { file: string; partial: PartialResult }[] {
  if (parts.length === 0) throw new UserError('merge: no partial results found (expected shard-*.json files)');
  const first = parts[0];
  for (const p of parts) {
    if (p.partial.schema !== PARTIAL_SCHEMA) throw new UserError(`${p.file}: expected a trialsim partial result (${PARTIAL_SCHEMA}), found ${JSON.stringify(p.partial.schema)}`);
    const differs = (what: string, a: unknown, b: unknown) => {
      if (a !== b) throw new UserError(`${p.file}: belongs to a different run than ${first.file}: ${what} ${JSON.stringify(b)} vs ${JSON.stringify(a)}`);
    };
    differs('scenario hash', first.partial.scenario.hash, p.partial.scenario.hash);
    differs('seed', first.partial.seed, p.partial.seed);
    differs('replicates', first.partial.replicates, p.partial.replicates);
    differs('trialsim version', first.partial.trialsim, p.partial.trialsim);
  }
  const sorted = [...parts].sort((a, b) => a.partial.range[0] - b.partial.range[0]);
  let next = 1;
  for (const p of sorted) {
    const [from, to] = p.partial.range;
    if (from > next) throw new UserError(`merge: replicates ${next}-${from - 1} are missing (a gap before ${p.file})`);
    if (from < next) throw new UserError(`merge: replicates ${from}-${Math.min(to, next) - 1} appear twice (${p.file} overlaps another shard)`);
    next = to;
  }
  const R = first.partial.replicates;
  if (next !== R + 1) throw new UserError(`merge: replicates ${next}-${R} are missing (have ${next - 1} of ${R})`);
  return sorted;
}
