/**
 * Parse at the boundary, then compute: a scenario file is read, the
 * command-line or library overrides are merged in, and the result is checked
 * against the schema, across its sections, and by its design's preparation.
 * What comes back is a typed, frozen spec with the design's prepared data:
 * everything that can refuse a scenario has run, so `trialsim validate`
 * refuses exactly what `trialsim run` would.
 *
 * Nothing here touches a file or a thread: the explorer runs it in a web
 * page on the editor's text (scenario.ts reads files with it).
 */
import { scenarioSchema } from '../designs/registry.js';
import { decisionIssues, decisionInputs, withDecision, type DecisionInputs } from './decision.js';
import { designFor } from '../designs/registry.js';
import type { ReplicateLayout, TruthTable } from '../designs/types.js';
import type { Scenario } from '../scenario/schema.js';
import { ScenarioError, ScenarioRefusal, type ScenarioIssue } from '../scenario/errors.js';
import { parseScenarioText, type LoadedFile } from '../scenario/load.js';
import { fromZodIssue } from '../scenario/zod-issues.js';
import { scenarioHash } from '../scenario/hash.js';
import { runStreams } from '../random/stream.js';
import { workloadIssues } from './workload.js';
import { decideExact, type ExactDecision } from './exact.js';

/** What a design prepared for a scenario: plain data for the workers, and the layout each replicate reports. */
export interface PreparedDesign {
  data: unknown;
  layout: ReplicateLayout;
  /** With method: exact, the outcomes the exact computation will visit, or why the run simulates instead. */
  exact?: ExactDecision;
  /** What the decision section needs from the truth in each replicate (an equity decision on estimates: the true benefits). */
  decision?: DecisionInputs;
  /** The design's true values, when validation already computed them (for the decision section). */
  truth?: TruthTable;
}

export interface LoadedScenario {
  file: string;
  spec: Scenario;
  /** SHA-256 of the canonical JSON of the spec (seed and replicates aside): the run's provenance stamp. */
  hash: string;
  prepared: PreparedDesign;
}

/** Overrides a user may give on the command line or to the library; merged into the file before the schema sees it. */
export interface ScenarioOverrides {
  seed?: number;
  replicates?: number;
  /** Compute the operating characteristics exactly (method: exact). */
  exact?: boolean;
  /** Accept a workload beyond the limits of run/workload.ts (days of computing, a huge virtual population). */
  force?: boolean;
  /** Worker threads the run will use, for the run-time estimate (default: available cores). */
  workers?: number;
}

/** Checks a parsed file and returns the frozen, prepared spec, or throws a ScenarioError listing every problem. */
export function setupScenario(loaded: LoadedFile, overrides: ScenarioOverrides = {}): LoadedScenario {
  if (loaded.data === null || typeof loaded.data !== 'object' || Array.isArray(loaded.data)) {
    throw new ScenarioError(loaded.file, [{ path: [], message: `expected a mapping of scenario keys (name, population, ...), found ${loaded.data === null ? 'an empty file' : typeof loaded.data}` }]);
  }
  const locate = (issues: ScenarioIssue[]) => issues.map((i) => ({ ...i, line: i.line ?? lineFor(loaded, i.path) }));
  const parsed = scenarioSchema.safeParse(withOverrides(loaded.data as Record<string, unknown>, overrides));
  if (!parsed.success) {
    throw new ScenarioError(loaded.file, locate(parsed.error.issues.flatMap((i) => fromZodIssue(i, loaded.data, scenarioSchema))));
  }
  const spec = deepFreeze(parsed.data as Scenario);
  const issues = checkScenario(spec);
  if (issues.length > 0) throw new ScenarioError(loaded.file, locate(issues));
  // Before the design prepares anything: preparing can itself be the absurd part (a huge virtual population).
  const workload = overrides.force ? [] : workloadIssues(spec, overrides.workers);
  if (workload.length > 0) throw new ScenarioError(loaded.file, locate(workload));
  try {
    return { file: loaded.file, spec, hash: scenarioHash(spec), prepared: prepareDesign(spec) };
  } catch (err) {
    if (err instanceof ScenarioRefusal) throw new ScenarioError(loaded.file, locate(err.issues));
    throw err;
  }
}

/** A spec stored earlier (in a shard, a sweep point), checked and prepared again exactly as a file would be. */
export function scenarioFromSpec(file: string, spec: unknown, overrides: ScenarioOverrides = {}): LoadedScenario {
  // Lines of the generated JSON mean nothing to the user: report key paths only.
  return setupScenario({ ...parseScenarioText(file, JSON.stringify(spec), 'json'), lineOf: () => undefined }, overrides);
}

function withOverrides(data: Record<string, unknown>, overrides: ScenarioOverrides): Record<string, unknown> {
  const out = { ...data };
  if (overrides.seed !== undefined) out.seed = overrides.seed;
  if (overrides.replicates !== undefined) out.replicates = overrides.replicates;
  if (overrides.exact) out.method = 'exact';
  return out;
}

/** Every cross-section check: population, outcome model and the design's own. */
function checkScenario(spec: Scenario): ScenarioIssue[] {
  return designFor(spec.design.type).check(spec);
}

/** The design's preparation of a checked scenario, with the layout its plan reports. */
function prepareDesign(spec: Scenario): PreparedDesign {
  const design = designFor(spec.design.type);
  const data = design.prepare(spec, runStreams(spec.seed));
  const plan = design.plan(spec, data);
  const issues = decisionIssues(spec, plan.layout);
  if (issues.length > 0) throw new ScenarioRefusal(issues);
  // A decision that judges each trial on the truth needs it now; kept, so the run does not compute it again.
  let truth: TruthTable | undefined;
  const decision = decisionInputs(spec, () => (truth ??= design.truth(spec, data, runStreams(spec.seed))));
  const exact = decideExact(spec, data);
  return { data, layout: withDecision(plan, spec.decision, decision).layout, ...(exact ? { exact } : {}), ...(decision ? { decision } : {}), ...(truth ? { truth } : {}) };
}

function lineFor(loaded: LoadedFile, path: (string | number)[]): number | undefined {
  // For an unknown key the last part is the key itself.
  return path.length > 0 ? loaded.lineOf(path.slice(0, -1), String(path[path.length - 1])) ?? loaded.lineOf(path) : undefined;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
