/**
 * Small sequential scenarios built in code, and a runner that keeps each
 * replicate's record (for checks that need per-replicate arm sizes).
 */
import { scenario } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';
import { simulate } from '../../../src/run/simulate.js';
import { designFor } from '../../../src/designs/registry.js';
import { newRecord, type ReplicateRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import type { LoadedScenario } from '../../../src/run/scenario.js';
import type { Summary } from '../../../src/summary/summarise.js';

export function sequential(design: Record<string, unknown>, rest: Record<string, unknown> = {}): LoadedScenario {
  return scenario({ name: 'sequential test', seed: 17, replicates: 1000, ...rest, design: { type: 'sequential', ...design } });
}

/** A level whose options all remit with the same probability. */
export function level(id: string, options: Record<string, number>, extra: Record<string, unknown> = {}) {
  return { id, ...extra, options: Object.entries(options).map(([o, rate]) => ({ id: o, treatment: o, remission: { rate } })) };
}

export async function run(s: LoadedScenario): Promise<Summary> {
  return (await simulate(s, { workers: 0 })).summary;
}

export const estimate = (summary: Summary, id: string) => {
  const e = summary.estimates.find((x) => x.id === id);
  if (!e) throw new Error(`no estimate ${id}`);
  return e;
};

export const hypothesis = (summary: Summary, id: string) => {
  const h = summary.hypotheses.find((x) => x.id === id);
  if (!h) throw new Error(`no hypothesis ${id}`);
  return h;
};

/** Each replicate's record, in replicate order, for replicates 1..R. */
export function replicateRecords(s: LoadedScenario, R: number, keep: (r: ReplicateRecord) => void): void {
  const plan = designFor('sequential').plan(s.spec, s.prepared.data);
  const record = newRecord(plan.layout);
  for (let r = 1; r <= R; r++) {
    plan.simulate(new ReplicateStreams(s.spec.seed, r), record);
    keep(record);
  }
}

/** The layout index of an id. */
export function slot(s: LoadedScenario, kind: 'hypotheses' | 'estimates' | 'metrics', id: string): number {
  const layout = designFor('sequential').plan(s.spec, s.prepared.data).layout;
  const k = (layout[kind] as { id: string }[]).findIndex((x) => x.id === id);
  if (k < 0) throw new Error(`no ${kind} ${id}`);
  return k;
}

/** |simulated mean - truth| within 4 Monte Carlo SEs. */
export function unbiased(summary: Summary, id: string, truth?: number): void {
  const e = estimate(summary, id);
  expectWithinMcse(e.mean!, truth ?? e.truth!, { mcse: e.biasMcse!, what: `${id} mean` });
}

/** Coverage within 4 Monte Carlo SEs of the nominal level. */
export function covers(summary: Summary, id: string, level = 0.95): void {
  const e = estimate(summary, id);
  expectWithinMcse(e.coverage!, level, { mcse: binomialMcse(level, e.n), what: `${id} coverage` });
}
