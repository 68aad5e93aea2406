/**
 * Running a scenario given as data, and reading its summary: hypotheses,
 * metrics and estimates by id, and rates checked against exact values within
 * 4 Monte Carlo SEs.
 */
import { scenario } from './scenarios.js';
import { binomialMcse, expectWithinMcse, meanMcse } from './mcse.js';
import { simulate } from '../../src/run/simulate.js';
import type { Summary } from '../../src/summary/summarise.js';
import type { DesignSummary, SectionsSchema } from '../../src/designs/types.js';
import { readWrittenSummary } from '../../src/run/summary-schema.js';

export const load = (data: Record<string, unknown>) => scenario(data);

/** Runs in-process (no dist needed). */
export async function run(data: Record<string, unknown>): Promise<Summary> {
  return (await simulate(scenario(data), { workers: 0 })).summary;
}

export function hypothesis(s: Summary, id: string) {
  const h = s.hypotheses.find((x) => x.id === id);
  if (!h) throw new Error(`no hypothesis ${id} among ${s.hypotheses.map((x) => x.id).join(', ')}`);
  return h;
}

export function metric(s: Summary, id: string) {
  const m = s.metrics.find((x) => x.id === id);
  if (!m) throw new Error(`no metric ${id} among ${s.metrics.map((x) => x.id).join(', ')}`);
  return m;
}

export function estimate(s: Summary, id: string) {
  const e = s.estimates.find((x) => x.id === id);
  if (!e) throw new Error(`no estimate ${id}`);
  return e;
}

/** |simulated rate - exact| <= 4 Monte Carlo SEs computed at the exact value (exact 0 or 1 must be met exactly). */
export function expectRate(s: Summary, id: string, exact: number): void {
  expectWithinMcse(hypothesis(s, id).rate, exact, { mcse: binomialMcse(exact, s.replicates), floor: 1e-12, what: id });
}

/** |metric mean - expected| <= 4 SE of the mean (a constant metric must match exactly). */
export function expectMean(s: Summary, id: string, expected: number): void {
  const m = metric(s, id);
  expectWithinMcse(m.mean, expected, { mcse: meanMcse(m.sd, s.replicates), floor: 1e-12, what: `${id} mean` });
}

/**
 * A summary as one design's report sections read it: checked whole against
 * summary.json's schema, then its own sections parsed by the design's
 * sections schema (for tests that call a design's report sections).
 */
export function designView<S extends SectionsSchema>(summary: Summary, sections: S): DesignSummary<S> {
  const read = readWrittenSummary(summary);
  const fields: Record<string, unknown> = read;
  const own = sections.parse(Object.fromEntries(Object.keys(sections.shape).filter((k) => k in fields).map((k) => [k, fields[k]])));
  return { ...read, ...own };
}
