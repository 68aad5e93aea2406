/**
 * Parse at the boundary, then compute: a scenario file is read, checked
 * against the schema and across its sections, and returned as a typed,
 * frozen spec that designs and analyses trust.
 */
import { createHash } from 'node:crypto';
import { scenarioSchema, type Scenario } from './schema.js';
import { ScenarioError, UserError, type ScenarioIssue } from './errors.js';
import { readScenarioFile, type LoadedFile } from './load.js';
import { fromZodIssue } from './zod-issues.js';
import { designChecks } from './designs/index.js';

export interface LoadedScenario {
  file: string;
  spec: Scenario;
  /** SHA-256 of the canonical JSON of the spec: the run's provenance stamp. */
  hash: string;
}

/** Overrides a user may give on the command line. */
export interface ScenarioOverrides {
  seed?: number;
  replicates?: number;
}

export function loadScenario(file: string, overrides: ScenarioOverrides = {}): LoadedScenario {
  return setupScenario(readScenarioFile(file), overrides);
}

/** Checks a parsed file and returns the frozen spec, or throws a ScenarioError listing every problem. */
export function setupScenario(loaded: LoadedFile, overrides: ScenarioOverrides = {}): LoadedScenario {
  if (loaded.data === null || typeof loaded.data !== 'object' || Array.isArray(loaded.data)) {
    throw new ScenarioError(loaded.file, [{ path: [], message: `expected a mapping of scenario keys (name, population, ...), found ${loaded.data === null ? 'an empty file' : typeof loaded.data}` }]);
  }
  const parsed = scenarioSchema.safeParse(loaded.data);
  const locate = (issues: ScenarioIssue[]) =>
    issues.map((i) => ({ ...i, line: i.line ?? lineFor(loaded, i.path) }));
  if (!parsed.success) {
    throw new ScenarioError(loaded.file, locate(parsed.error.issues.flatMap((i) => fromZodIssue(i, loaded.data))));
  }
  const spec = { ...parsed.data };
  if (overrides.seed !== undefined) spec.seed = overrides.seed;
  if (overrides.replicates !== undefined) spec.replicates = overrides.replicates;
  const issues = checkScenario(spec);
  if (issues.length > 0) throw new ScenarioError(loaded.file, locate(issues));
  return { file: loaded.file, spec: deepFreeze(spec), hash: scenarioHash(spec) };
}

/** Every cross-section check: population, outcome model and the design's own. */
export function checkScenario(spec: Scenario): ScenarioIssue[] {
  const check = designChecks[spec.design.type];
  if (!check) throw new UserError(`no checks registered for design type "${spec.design.type}"`);
  return check(spec);
}

function lineFor(loaded: LoadedFile, path: (string | number)[]): number | undefined {
  // For an unknown key the last part is the key itself.
  return path.length > 0 ? loaded.lineOf(path.slice(0, -1), String(path[path.length - 1])) ?? loaded.lineOf(path) : undefined;
}

/** Canonical JSON: keys sorted, so the hash does not depend on key order in the file. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

export function scenarioHash(spec: Scenario): string {
  const { seed: _seed, replicates: _replicates, ...model } = spec;
  return createHash('sha256').update(canonicalJson(model)).digest('hex');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
