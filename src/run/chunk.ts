/**
 * Runs a contiguous range of replicates in the current thread: the unit of
 * work a worker is given. Replicate r (1-based) draws from the stream keyed
 * by (seed, r) alone.
 */
import type { Scenario } from '../scenario/schema.js';
import { ReplicateStreams } from '../random/stream.js';
import { designFor } from '../designs/registry.js';
import { withDecision, decisionInputs, type DecisionInputs } from './decision.js';
import { runStreams } from '../random/stream.js';
import { newRecord, reportedTests, clearTests, type SimulationPlan, type ReplicateLayout, type ReplicateRecord } from '../designs/types.js';
import { Accumulator, type AccumulatorState } from '../summary/accumulator.js';
import { csvCell, finiteText } from '../util/csv.js';
import { RowBuffer } from './row-buffer.js';

export interface ChunkJob {
  from: number;
  /** Exclusive. */
  to: number;
  /** True values to centre sums on and judge coverage by (NaN if unknown). */
  centres: number[];
  /** Whether to return one CSV row per replicate. */
  rows: boolean;
}

export interface ChunkResult {
  from: number;
  to: number;
  state: AccumulatorState;
  /** The chunk's replicates.csv rows as UTF-8 (row-buffer.ts: `rowsText` reads them). */
  rows?: Uint8Array;
}

/**
 * What a worker needs to simulate a scenario's replicates: the checked spec
 * and its design's prepared data (plain, so it crosses to threads).
 */
export interface WorkerScenario {
  spec: Scenario;
  data: unknown;
  /** What the decision section needs from the truth (found at validate time; found here again when absent). */
  decision?: DecisionInputs;
}

/** A planned simulator, kept by a worker across chunks of one run. */
export interface Simulator {
  plan: SimulationPlan;
  record: ReplicateRecord;
  /**
   * The streams, moved from replicate to replicate: nothing is built per
   * replicate, and the replicate loop calls the same stream functions in
   * every chunk (new ones per chunk would make V8's call sites polymorphic).
   */
  streams: ReplicateStreams;
  /** The statistics of the chunk being run, cleared for the next (built at the first chunk, with its true values). */
  accumulator?: Accumulator;
  /** The chunk's CSV rows, when asked for (built at the first chunk that asks). */
  rows?: RowBuffer;
}

export function planSimulator(scenario: WorkerScenario): Simulator {
  const { spec, data } = scenario;
  const design = designFor(spec.design.type);
  const inputs = scenario.decision ?? decisionInputs(spec, () => design.truth(spec, data, runStreams(spec.seed)));
  const plan = withDecision(design.plan(spec, data), spec.decision, inputs);
  return { plan, record: newRecord(plan.layout), streams: new ReplicateStreams(spec.seed, 1) };
}

/** Replicates job.from .. job.to - 1, each from its own streams keyed by (the scenario's seed, replicate). */
export function runChunk(sim: Simulator, job: ChunkJob): ChunkResult {
  const acc = chunkAccumulator(sim, job.centres);
  const rows = job.rows ? (sim.rows ??= new RowBuffer()) : null;
  rows?.clear();
  sim.record.testsRead = rows !== null;
  const streams = sim.streams;
  for (let r = job.from; r < job.to; r++) {
    streams.moveTo(r);
    // Only the rows read the tests: without rows the loop does not pay for clearing them.
    if (rows) clearTests(sim.record);
    sim.plan.simulate(streams, sim.record);
    acc.add(sim.record);
    if (rows) rows.append(csvRow(r, sim.record, sim.plan.layout));
  }
  return { from: job.from, to: job.to, state: acc.state(), rows: rows ? rows.take() : undefined };
}

/** The simulator's accumulator, cleared; a new one when the job centres its sums on other true values. */
function chunkAccumulator(sim: Simulator, centres: number[]): Accumulator {
  const kept = sim.accumulator;
  if (kept && kept.centres.length === centres.length && kept.centres.every((c, e) => Object.is(c, centres[e]))) {
    kept.clear();
    return kept;
  }
  return (sim.accumulator = new Accumulator(sim.plan.layout, Float64Array.from(centres)));
}

/**
 * Header of replicates.csv: one column per decision, estimate (with se and
 * interval), metric and warning, four per reported test (statistic, p,
 * adjusted p, look), then the selections. The tests come before the
 * selections, not at the very end, because a selection's cell is a
 * hypothesis id that may need quoting: everything before it is a number,
 * so tidy.ts splits the row at commas without a CSV parser; columns read
 * by position (compare/replicate-matrix.ts) all come before the tests.
 */
export function csvHeader(layout: ReplicateLayout): string {
  const cols = ['replicate'];
  for (const h of layout.hypotheses) cols.push(`reject:${h.id}`);
  for (const e of layout.estimates) cols.push(e.id, `se:${e.id}`, `lower:${e.id}`, `upper:${e.id}`);
  for (const m of layout.metrics) cols.push(m.id);
  for (const w of layout.warnings) cols.push(`warning:${w.id}`);
  for (const k of reportedTests(layout)) { const id = layout.hypotheses[k].id; cols.push(`statistic:${id}`, `p:${id}`, `adjustedP:${id}`, `look:${id}`); }
  for (const c of layout.selections ?? []) cols.push(`selected:${c.id}`);
  return cols.map(csvCell).join(',') + '\n';
}

/** One row of replicates.csv (`r`: the replicate number, or NA for an analysis of observed data). */
export function csvRow(r: number | null, rec: ReplicateRecord, layout: ReplicateLayout): string {
  const out: string[] = [r === null ? 'NA' : finiteText(r)];
  for (let h = 0; h < rec.rejected.length; h++) out.push(finiteText(rec.rejected[h]));
  for (let e = 0; e < rec.estimate.length; e++) out.push(csvCell(rec.estimate[e]), csvCell(rec.se[e]), csvCell(rec.lower[e]), csvCell(rec.upper[e]));
  for (let m = 0; m < rec.metric.length; m++) out.push(csvCell(rec.metric[m]));
  for (let w = 0; w < rec.warning.length; w++) out.push(finiteText(rec.warning[w]));
  for (const k of reportedTests(layout)) out.push(csvCell(rec.statistic[k]), csvCell(rec.pValue[k]), csvCell(rec.adjustedP[k]), rec.look[k] > 0 ? finiteText(rec.look[k]) : 'NA');
  for (let c = 0; c < rec.selected.length; c++) out.push(rec.selected[c] < 0 ? '' : csvCell(layout.hypotheses[rec.selected[c]].id));
  return out.join(',') + '\n';
}
