/**
 * The messages between the explorer page and its Web Workers. A worker
 * either checks a scenario's text (the loader's own schema, cross-checks,
 * workload limits and the design's preparation, as `trialsim validate`),
 * or runs a chunk of replicates of a checked scenario (as a worker thread
 * of `trialsim run` does). Everything here crosses by structured clone.
 */
import type { LoadedScenario, ScenarioOverrides } from '../run/setup.js';
import type { ScenarioIssue } from '../scenario/errors.js';
import type { ChunkJob, ChunkResult, WorkerScenario } from '../run/chunk.js';
import type { describeScenario } from '../run/describe.js';
import type { Summary } from '../summary/summarise.js';
import type { SweepValue } from '../compare/values.js';

/** A checked scenario with its true values: what the page needs to run and summarise it. */
export interface Checked {
  loaded: LoadedScenario;
  described: ReturnType<typeof describeScenario>;
}

export interface CheckRequest {
  kind: 'check';
  id: number;
  /** The name messages give the text (the scenario's file name, as the command line would say it). */
  file: string;
  text: string;
  overrides: ScenarioOverrides;
  /** Variants of the scenario (keys set to values), checked and described too: compare and sweep. */
  variants?: Record<string, SweepValue>[];
}

export type CheckAnswer =
  | { kind: 'checked'; id: number; ok: true; base: Checked; variants: Checked[] }
  | { kind: 'checked'; id: number; ok: false; message: string; issues: ScenarioIssue[] };

export interface ChunkRequest {
  kind: 'chunk';
  /** The page's id of the scenario; `scenario` comes with the first chunk a worker sees of it. */
  scenarioId: number;
  scenario?: WorkerScenario;
  job: ChunkJob;
}

export interface ExactRequest { kind: 'exact'; checked: Checked }

export type ChunkAnswer = { kind: 'chunk'; ok: true; result: ChunkResult } | { kind: 'chunk'; ok: false; message: string };
export type ExactAnswer = { kind: 'exact'; ok: true; summary: Summary } | { kind: 'exact'; ok: false; message: string };

export type ToWorker = CheckRequest | ChunkRequest | ExactRequest;
export type FromWorker = CheckAnswer | ChunkAnswer | ExactAnswer;
