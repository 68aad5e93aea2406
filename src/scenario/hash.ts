/**
 * The provenance stamp of a scenario: SHA-256 of its canonical JSON (keys
 * sorted), without the seed and replicate count, so that runs of the same
 * model at other seeds or lengths can be recognised and merged.
 */
import { sha256Hex } from './sha256.js';

/** Canonical JSON: keys sorted, so the hash does not depend on key order in the file. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

export function scenarioHash(spec: { seed: number; replicates: number }): string {
  const { seed: _seed, replicates: _replicates, ...model } = spec;
  return sha256Hex(canonicalJson(model));
}
