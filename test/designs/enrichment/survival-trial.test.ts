/**
 * The time-to-event enrichment trial's course:
 * - each analysis comes when the events over the populations still in reach
 *   the stage's target, or at the stage's last entry if they were reached
 *   before it: the new events counted at stage 1 equal max(D_1, the events
 *   by the last stage-1 entry), re-derived from the exported rows;
 * - recruitment pauses until each analysis and a later stage enrols only
 *   from the populations still in (checked on the exported rows);
 * - an exported trial analysed as observed data gives the same record, for
 *   three stages with two overlapping subpopulations, early efficacy stops,
 *   re-estimated events, random prevalence and losses to follow-up, and for
 *   an endpoint where shorter times are better;
 * - the re-estimated events equal rpact's survival rule computed by hand;
 * - the truth of a proportional hazards effect common to every patient is
 *   its log hazard ratio, within 4 MCSE;
 * - summaries and rows are byte-identical for any number of workers.
 */
import { describe, it, expect } from 'vitest';
import { enrichmentDesign } from '../../../src/designs/enrichment/index.js';
import { newRecord, type ReplicateRecord } from '../../../src/designs/types.js';
import { ReplicateStreams, runStreams } from '../../../src/random/stream.js';
import { parseObservedTable } from '../../../src/scenario/observed.js';
import { toCsv } from '../../../src/util/csv.js';
import { normalQuantile } from '../../../src/stats/distributions.js';
import { simulate } from '../../../src/run/simulate.js';
import { enrichmentSetup } from '../../../src/designs/enrichment/setup.js';
import { eventTargetRule } from '../../../src/designs/enrichment/survival-reestimate.js';
import { scenario, type TestScenario } from '../../helpers/scenarios.js';
import { expectWithinMcse } from '../../helpers/mcse.js';

function trial(design: Record<string, unknown>, endpoint: Record<string, unknown> = {}, two = false): TestScenario {
  return scenario({
    name: 'enrichment-survival', seed: 31, replicates: 40, truth: { patients: 20_000 },
    population: { biomarkers: two ? [{ id: 'm1', type: 'binary', prevalence: 0.4 }, { id: 'm2', type: 'binary', prevalence: 0.5 }] : [{ id: 'm', type: 'binary', prevalence: 0.4 }] },
    endpoint: { type: 'time-to-event', median: 10, accrualDuration: 12, followUp: 24, ...endpoint },
    arms: { control: {}, drug: two ? { effect: -0.1, interactions: { m1: -0.4, m2: -0.2 } } : { effect: -0.1, interactions: { m: -0.4 } } },
    design: { type: 'enrichment', ...(two ? { subpopulations: [{ id: 'S1', biomarker: 'm1' }, { id: 'S2', biomarker: 'm2' }] } : { subpopulation: { biomarker: 'm' } }), ...design },
  });
}

const complex = () => trial({
  stages: [80, 80, 80], events: [40, 90, 140], efficacy: 'obrien-fleming', selection: { rule: 'epsilon', epsilon: 0.3 },
  reestimate: { conditionalPower: 0.8, max: 60 },
}, { dropoutHazard: 0.02 }, true);

/** Replicate r exported and read back as an observed table. */
function exported(loaded: TestScenario, r: number) {
  const table = enrichmentDesign.patients!(loaded.spec, null, new ReplicateStreams(loaded.spec.seed, r));
  return { table, observed: parseObservedTable('trial.csv', toCsv(table.columns, table.rows)) };
}

function simulated(loaded: TestScenario, r: number): { record: ReplicateRecord; layout: ReturnType<typeof enrichmentDesign.plan>['layout'] } {
  const plan = enrichmentDesign.plan(loaded.spec, null);
  const record = newRecord(plan.layout);
  plan.simulate(new ReplicateStreams(loaded.spec.seed, r), record);
  return { record, layout: plan.layout };
}

describe('time-to-event enrichment: the analyses come at their events', () => {
  const loaded = trial({ stages: [100, 100], events: [50, 110], compareFixed: false }, { accrualDuration: 20 });

  it('stage 1 counts max(D_1, the events by its last entry), re-derived from the exported rows', () => {
    let reachedLater = 0;
    for (let r = 1; r <= 30; r++) {
      const { table } = exported(loaded, r);
      const col = (name: string) => table.columns.indexOf(name);
      const rows = table.rows.map((row) => ({ entry: Number(row[col('entry')]), time: Number(row[col('time')]), event: Number(row[col('event')]), stage: Number(row[col('stage')]) }));
      const last = Math.max(...rows.filter((p) => p.stage === 1).map((p) => p.entry));
      const byLast = rows.filter((p) => p.event === 1 && p.entry + p.time <= last).length;
      const { record, layout } = simulated(loaded, r);
      const counted = record.metric[layout.metrics.findIndex((m) => m.id === 'events:stage1')];
      expect(counted).toBe(Math.max(50, byLast));
      if (byLast < 50) reachedLater++;
      // Stage 2 opens at the analysis: no stage-2 patient enters before the 50th event.
      const events = rows.filter((p) => p.event === 1).map((p) => p.entry + p.time).sort((a, b) => a - b);
      const analysis = Math.max(last, events[49]);
      for (const p of rows.filter((q) => q.stage === 2)) expect(p.entry).toBeGreaterThanOrEqual(analysis);
    }
    expect(reachedLater).toBeGreaterThan(20);
  });
});

describe('time-to-event enrichment: an exported trial analysed as observed data gives the same record', () => {
  const same = (loaded: TestScenario, replicates: number) => {
    const choices = new Set<string>(), stages = new Set<number>(), stage2Events = new Set<number>();
    for (let r = 1; r <= replicates; r++) {
      const { observed } = exported(loaded, r);
      const { record, layout } = simulated(loaded, r);
      const analysed = newRecord(layout);
      const details = enrichmentDesign.analyse!(loaded.spec, null, observed, analysed) as { selected: string };
      choices.add(details.selected);
      const fixed = layout.hypotheses.map((h, j) => (h.id.startsWith('fixed-') ? j : -1)).filter((j) => j >= 0);
      const screened = layout.metrics.findIndex((m) => m.id === 'screened');
      fixed.forEach((j) => { analysed.rejected[j] = record.rejected[j]; });
      analysed.metric[screened] = record.metric[screened];
      expect(analysed, `replicate ${r}`).toEqual(record);
      const metric = (id: string) => record.metric[layout.metrics.findIndex((m) => m.id === id)];
      if (layout.metrics.some((m) => m.id === 'stages')) stages.add(metric('stages'));
      stage2Events.add(metric('events:stage2'));
    }
    return { choices, stages, stage2Events };
  };

  it('three stages, two overlapping subpopulations, early stops, re-estimated events, losses to follow-up', () => {
    const { choices, stages, stage2Events } = same(complex(), 25);
    expect(choices.size).toBeGreaterThan(2);
    // Some trials stopped early, and the re-estimated second stages differ in events (planned: 50).
    expect(Math.min(...stages)).toBeLessThan(3);
    expect(stage2Events.size).toBeGreaterThan(3);
  });

  it('shorter times better (a log hazard ratio above 0 is benefit), fixed prevalence', () => {
    same(trial({ stages: [100, 100], events: [50, 110], prevalence: 'fixed', selection: { rule: 'best', measure: 'statistic' } }, { better: 'lower' }), 10);
  });

  it('refuses a later stage\'s patient entering before the analysis that opened it, or outside the populations still in', () => {
    const loaded = trial({ stages: [100, 100], events: [50, 110], compareFixed: false });
    const layout = enrichmentDesign.plan(loaded.spec, null).layout;
    const analyse = (columns: string[], rows: (string | number)[][]) => () => enrichmentDesign.analyse!(loaded.spec, null, parseObservedTable('trial.csv', toCsv(columns, rows)), newRecord(layout));
    // A replicate that went on in S alone.
    for (let r = 1; ; r++) {
      const { table } = exported(loaded, r);
      if ((analyse(table.columns, table.rows)() as { selected: string }).selected !== 'S') continue;
      const stage = table.columns.indexOf('stage'), entry = table.columns.indexOf('entry'), marker = table.columns.indexOf('m');
      const early = table.rows.map((row) => [...row]), outside = table.rows.map((row) => [...row]);
      early.find((row) => row[stage] === 2)![entry] = 0.5;
      outside.find((row) => row[stage] === 2)![marker] = 0;
      expect(analyse(table.columns, early)).toThrow(/column "entry": stage 2 opened at month [0-9.]+, the analysis before it: a patient entering earlier does not follow the design/);
      expect(analyse(table.columns, outside)).toThrow(/column "stage": the interim before stage 2 went on in S only: a patient outside them does not follow the design/);
      break;
    }
  });
});

describe('time-to-event enrichment: re-estimated events', () => {
  it('equal (1 + r)²/r (c* + z_CP)² / θ², floored and bounded, as rpact\'s survival rule', () => {
    const loaded = trial({ stages: [300, 300], events: [100, 200], reestimate: { conditionalPower: 0.8, min: 50, max: 250 } });
    const setup = enrichmentSetup(loaded.spec);
    const adjusted = new Float64Array([0.1, NaN]);
    const rule = eventTargetRule(loaded.spec, setup, true, adjusted);
    const w = Math.SQRT1_2, c2 = normalQuantile(0.975);
    const cStar = (c2 - w * normalQuantile(0.9)) / w;
    const byHand = (theta: number) => Math.min(Math.max(50, Math.round((4 * (cStar + normalQuantile(0.8)) ** 2) / theta ** 2)), 250);
    // Both populations go on: the smaller benefit (−log HR) decides.
    expect(rule(1, 3, (g) => [0.45, 0.3][g])).toBe(byHand(0.3));
    expect(byHand(0.3)).toBeGreaterThan(50);
    expect(byHand(0.3)).toBeLessThan(250);
    // No benefit: θ floored at −log(1 − 1e-7), the most events.
    expect(rule(1, 1, () => -0.2)).toBe(250);
    // A strong effect: the fewest.
    expect(rule(1, 2, () => 2)).toBe(50);
  });
});

describe('time-to-event enrichment: the truth', () => {
  it('is the common log hazard ratio when every patient has the same proportional effect', () => {
    const loaded = scenario({
      name: 'truth', seed: 3, replicates: 10, truth: { patients: 100_000 },
      population: { biomarkers: [{ id: 'm', type: 'binary', prevalence: 0.4 }] },
      endpoint: { type: 'time-to-event', median: 10, accrualDuration: 12, followUp: 24 },
      arms: { control: {}, drug: { effect: Math.log(0.7) } },
      design: { type: 'enrichment', subpopulation: { biomarker: 'm' }, stages: [100, 100], events: [50, 100] },
    });
    const truth = enrichmentDesign.truth(loaded.spec, null, runStreams(3));
    for (const id of ['effect:F', 'effect:S']) expectWithinMcse(truth[id].value, Math.log(0.7), { mcse: truth[id].mcse, what: id });
  });
});

describe('time-to-event enrichment: determinism', () => {
  it('gives byte-identical summaries and rows for 0 and 2 workers and any chunk size', async () => {
    const loaded = complex();
    const once = async (workers: number, chunkSize: number) => {
      const rows: string[] = [];
      const { summary } = await simulate(loaded, { workers, chunkSize, rows: true, onRows: (r) => rows.push(r) });
      return { summary: JSON.stringify(summary), rows: rows.join('') };
    };
    const reference = await once(0, 40);
    for (const [workers, chunk] of [[2, 7], [2, 40], [0, 3]] as const) expect(await once(workers, chunk)).toEqual(reference);
  });
});
