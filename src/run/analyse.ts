/**
 * `trialsim analyse`: what a scenario's design concludes from one trial's
 * observed data (Design.analyse): every hypothesis' decision, every
 * estimate with its standard error and interval, the trial-size quantities,
 * and the design's own details, laid out exactly as a simulated replicate
 * (its row of replicates.csv), so a trial statistician can run the planned
 * analysis on the day the data lock and see it match the simulation's.
 */
import { designFor } from '../designs/registry.js';
import { newRecord, writeTest, type ReplicateLayout, type ReplicateRecord, type TestInfo } from '../designs/types.js';
import { UserError } from '../scenario/errors.js';
import type { ObservedTable } from '../scenario/observed.js';
import type { LoadedScenario } from './scenario.js';
import { csvHeader, csvRow } from './chunk.js';
import { VERSION } from '../version.js';

export const ANALYSIS_SCHEMA = 'trialsim-analysis/1';

export interface ObservedAnalysis {
  schema: typeof ANALYSIS_SCHEMA;
  trialsim: string;
  scenario: { name: string; hash: string; design: string; file: string };
  data: string;
  /** Each hypothesis' decision and, where the design reports its test, the statistic, nominal p, adjusted p and look (null where none). */
  hypotheses: ({ id: string; label: string; family: string; rejected: boolean } & Partial<ObservedTest>)[];
  estimates: { id: string; label: string; scale: string; estimate: number | null; se: number | null; lower: number | null; upper: number | null }[];
  metrics: { id: string; label: string; unit?: string; value: number | null }[];
  /** The design's own details (e.g. posterior probabilities and stops per basket). */
  details: Record<string, unknown>;
}

/** A hypothesis' test as the design made it (see TestInfo): its scale and sidedness with the values. */
export interface ObservedTest { test: TestInfo; statistic: number | null; p: number | null; adjustedP: number | null; look: number | null }

const finite = (x: number) => (Number.isFinite(x) ? x : null);

function observedTest(test: TestInfo | undefined, record: ReplicateRecord, k: number): Partial<ObservedTest> {
  if (!test) return {};
  return { test, statistic: finite(record.statistic[k]), p: finite(record.pValue[k]), adjustedP: finite(record.adjustedP[k]), look: record.look[k] > 0 ? record.look[k] : null };
}

/** The analysis and the record behind it (for the replicates.csv-shaped row). */
export function analyseObserved(loaded: LoadedScenario, table: ObservedTable): { analysis: ObservedAnalysis; layout: ReplicateLayout; record: ReplicateRecord; omittedHypotheses: number[] } {
  const { spec } = loaded;
  const design = designFor(spec.design.type);
  if (!design.analyse) throw new UserError(`the ${spec.design.type} design cannot analyse observed data yet`);
  // The design's own columns (a decision section is evaluated on simulated trials only).
  const layout = design.plan(spec, loaded.prepared.data).layout;
  const record = newRecord(layout);
  record.estimate.fill(NaN); record.se.fill(NaN); record.lower.fill(NaN); record.upper.fill(NaN); record.metric.fill(NaN);
  const details = design.analyse(spec, loaded.prepared.data, table, record);
  // What the data cannot tell (e.g. the screening funnel) the design lists as omitted: missing, not 0.
  const omitted = new Set(Array.isArray(details.omitted) ? details.omitted as string[] : []);
  const kept = <T extends { id: string }>(xs: T[]) => xs.filter((x) => !omitted.has(x.id));
  const analysis: ObservedAnalysis = {
    schema: ANALYSIS_SCHEMA, trialsim: VERSION,
    scenario: { name: spec.name, hash: loaded.hash, design: spec.design.type, file: loaded.file },
    data: table.file,
    hypotheses: kept(layout.hypotheses.map((h, k) => ({ id: h.id, label: h.label, family: h.family, rejected: record.rejected[k] === 1, ...observedTest(h.test, record, k) }))),
    estimates: kept(layout.estimates.map((e, k) => ({ id: e.id, label: e.label, scale: e.scale, estimate: finite(record.estimate[k]), se: finite(record.se[k]), lower: finite(record.lower[k]), upper: finite(record.upper[k]) }))),
    metrics: kept(layout.metrics.map((m, k) => ({ id: m.id, label: m.label, ...(m.unit ? { unit: m.unit } : {}), value: finite(record.metric[k]) }))),
    details,
  };
  layout.estimates.forEach((e, k) => { if (omitted.has(e.id)) { record.estimate[k] = NaN; record.se[k] = NaN; record.lower[k] = NaN; record.upper[k] = NaN; } });
  layout.metrics.forEach((m, k) => { if (omitted.has(m.id)) record.metric[k] = NaN; });
  layout.hypotheses.forEach((h, k) => { if (omitted.has(h.id)) writeTest(record, k, NaN, NaN, NaN, 0); });
  return { analysis, layout, record, omittedHypotheses: layout.hypotheses.flatMap((h, k) => (omitted.has(h.id) ? [k] : [])) };
}

/** The analysis as replicates.csv (header and one row, replicate NA; NA for what the data cannot tell): R and pandas read it as the simulation's. */
export function analysisCsv(layout: ReplicateLayout, record: ReplicateRecord, omittedHypotheses: readonly number[] = []): string {
  const cells = csvRow(null, record, layout).trimEnd().split(',');
  for (const h of omittedHypotheses) cells[1 + h] = 'NA';
  return `${csvHeader(layout)}${cells.join(',')}\n`;
}
