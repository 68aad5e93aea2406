/**
 * The fuzz cases: case `index` of a fuzz run seeded with `seed` is a shipped
 * scenario with one to three mutations, written as YAML or JSON text. A pure
 * function of (seeds, seed, index): any case can be rebuilt alone from its
 * number, in any thread.
 */
import { stringify } from 'yaml';
import { stream } from '../random/stream.js';
import { pick, RAW_MARKER } from './values.js';
import { pickMutation, type MutationContext } from './mutations.js';

/** A shipped scenario, parsed: the starting point of mutations. */
export interface SeedScenario {
  name: string;
  data: Record<string, unknown>;
}

export interface FuzzCase {
  index: number;
  /** The shipped scenario it started from. */
  from: string;
  format: 'yaml' | 'json';
  text: string;
  /** What each mutation did. */
  mutations: string[];
  /** The kind of each mutation (`wrong-type`, `deep-nesting`, ...). */
  kinds: string[];
}

export function fuzzCase(seeds: readonly SeedScenario[], seed: number, index: number): FuzzCase {
  const rng = stream(seed, index, 'calibration');
  const start = pick(rng, seeds);
  const format: 'yaml' | 'json' = rng() < 0.5 ? 'yaml' : 'json';
  const ctx: MutationContext = { rng, data: structuredClone(start.data), format, raw: [] };
  const mutations: string[] = [];
  const kinds: string[] = [];
  const count = pick(rng, [1, 1, 1, 1, 1, 2, 2, 2, 3, 3]);
  for (let tries = 0; mutations.length < count && tries < 20; tries++) {
    const mutation = pickMutation(rng);
    const done = mutation.apply(ctx);
    if (done !== undefined) { mutations.push(done); kinds.push(mutation.kind); }
  }
  const text = format === 'yaml' ? stringify(ctx.data, { aliasDuplicateObjects: false, lineWidth: 0 }) : JSON.stringify(ctx.data, null, 2);
  return { index, from: start.name, format, text: text.replace(RAW_MARKER, (_m, k: string) => ctx.raw[Number(k)]), mutations, kinds };
}
