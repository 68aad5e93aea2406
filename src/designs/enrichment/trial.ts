/**
 * One enrichment trial over two to four stages. Stage 1 enrols from the full
 * population (random biomarkers, or fixed quotas per stratum); at each
 * interim the trial may stop for efficacy (the closed test has rejected
 * enough populations) or futility, else the populations to go on in are
 * selected among those still in; the next stage enrols only from the
 * selected populations (patients outside them are screened out), with the
 * planned size or a re-estimated one. Patients are randomised in permuted
 * blocks within each stratum (allocation stream). Each population's
 * stage-wise p-values, from that stage's patients only, feed the closed
 * combination test.
 */
import { newRecord, type SimulationPlan, type ReplicateRecord } from '../types.js';
import { patientTable, type PatientTable } from '../../population/export.js';
import { cohortFromRows } from '../../population/observed-cohort.js';
import { ObservedReader, type ObservedTable } from '../../scenario/observed.js';
import { writeEstimateOf } from '../types.js';
import type { RandomSource, ReplicateStreams } from '../../random/stream.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { normalQuantile, tQuantile } from '../../stats/distributions.js';
import { ClosedCombinationTest } from '../../stats/combination/closed-populations.js';
import { PopulationTests } from './population-tests.js';
import type { EnrichmentScenario } from './schema.js';
import { enrichmentSetup, enrichmentCapacity, stratumOf } from './setup.js';
import { enrichmentLayout, enrichmentWarnings, selectionId, selectionIds } from './layout.js';
import { StageCells, compare, type Comparison, type StatisticOptions } from './statistics.js';
import { interimRule, type InterimRule } from './interim.js';
import { stageSizeRule, bonferroniStageP } from './reestimate.js';

/** Stops screening after this many patients per accepted one (a quota that cannot fill). */
const SCREEN_LIMIT = 10_000;

export interface EnrichmentPlan extends SimulationPlan {
  /** One replicate's patients as enrolled (the trial's own, not the fixed comparators'), with their stage. */
  patients(streams: ReplicateStreams): PatientTable;
  /** An observed trial's patient rows (with each one's stage) through the same interim choices and closed test. */
  analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown>;
}

/** Enrols stage k's patients from the populations in `mask` (n of them) into the trial's cells. */
type Enrol = (k: number, mask: number, n: number) => void;

/** `potentialOutcomes`: keep each patient's coupling draw for an export's outcomes under every arm (the same draws either way). */
export function planEnrichment(s: EnrichmentScenario, potentialOutcomes = false): EnrichmentPlan {
  const d = s.design;
  const setup = enrichmentSetup(s);
  const K = setup.stages.length, G = setup.populations.length;
  const endpoint = s.endpoint!;
  const binary = endpoint.type === 'binary';
  const better = 'better' in endpoint && endpoint.better === 'lower' ? 'lower' : 'higher';
  const efficacy = setup.critical.slice(0, -1).some(Number.isFinite);
  const perStageOutputs = K > 2 || efficacy || d.reestimate !== undefined;
  const layout = enrichmentLayout({ populations: setup.populations, labels: setup.labels, scale: binary ? 'risk difference' : 'mean difference', alpha: d.alpha, better, compareFixed: d.compareFixed, stages: K, perStage: perStageOutputs, combination: d.combination }, efficacy);
  const options: StatisticOptions = { binary, sd: !binary && d.variance === 'known' && endpoint.type === 'continuous' ? endpoint.sd : null, stratified: d.stratified, sign: better === 'higher' ? 1 : -1 };
  const model = buildOutcomeModel(s);
  const drawOutcome = potentialOutcomes ? model.drawOutcome : model.drawObserved;
  const capacity = enrichmentCapacity(s);
  const cohort = new Cohort(capacity, s.population.biomarkers.length);
  let current: RandomSource = () => 0;
  const source: RandomSource = () => current();
  const normal = normalSampler(source);
  const drawPatient = biomarkerSampler(compilePopulation(s.population), source, normal);
  const cells = new StageCells(K, setup.strata);
  const test = new ClosedCombinationTest({ populations: G, test: d.intersection, combination: d.combination, weights: setup.weights, critical: setup.critical, alpha: d.alpha });
  const rule: InterimRule = interimRule(s, setup, cells, test, options);
  const reported = new PopulationTests(setup, d.combination === 'fisher');
  /** Each stage's Bonferroni-adjusted p-value over the populations tested (for re-estimation). */
  const adjusted = new Float64Array(K);
  const stageSize = stageSizeRule(s, setup, cells, options, adjusted);
  // The fixed designs of the same size run beside it on the same patients where they match, with new patients
  // drawn where they differ: a full-population trial and a trial enrolling only each subpopulation.
  const fixedTrial = new StageCells(K, setup.strata), extra = new StageCells(K, setup.strata);
  const scratch = new Cohort(1, s.population.biomarkers.length);
  const ratio = d.allocation;
  const block = Array.from({ length: setup.strata }, () => new Int32Array(2 * (1 + ratio)));
  const position = new Int32Array(setup.strata);
  const slot = (id: string) => layout.metrics.findIndex((m) => m.id === id);
  const choices = selectionIds(setup.populations, efficacy);
  const M = {
    choice: choices.map((x) => slot(`selected:${x}`)),
    rejectedAfter: choices.map((x) => setup.populations.map((h) => slot(`rejected-${h}:${x}`))),
    patients: slot('patients'), inPopulation: setup.populations.map((h, g) => (g === 0 ? -1 : slot(`patients:${h}`))), R: slot('patients:R'), screened: slot('screened'),
    stages: slot('stages'),
    still: Array.from({ length: K }, (_, k) => setup.populations.map((h) => slot(`in:${h}:stage${k + 1}`))),
    stopEfficacy: Array.from({ length: K }, (_, k) => slot(`stop-efficacy:stage${k + 1}`)),
    stopFutility: Array.from({ length: K }, (_, k) => slot(`stop-futility:stage${k + 1}`)),
    firstRejected: Array.from({ length: K }, (_, k) => setup.populations.map((h) => slot(`rejected:${h}:stage${k + 1}`))),
    stagePatients: Array.from({ length: K }, (_, k) => slot(`patients:stage${k + 1}`)),
  };
  const all = (1 << G) - 1;
  /** Strata shared by each pair of populations, for the correlation of their statistics. */
  const shared = setup.strataOf.map((a) => setup.strataOf.map((b) => a.filter((g) => b.includes(g))));
  /** Each own patient's stage (0-based), and the patients per stratum so far. */
  const stageOf = new Int32Array(capacity);
  const counts = new Float64Array(setup.strata);
  const stagePs = new Float64Array(G);
  const taken = new Int32Array(setup.strata);
  /** Whether each stage enrolled from the full population (F still in). */
  const fullAt = new Uint8Array(K);
  /** Populations counted as rejected (rejected by the closed test at a stage where they were tested). */
  const counted = new Uint8Array(G);
  const allStages = Array.from({ length: K }, (_, k) => k);
  /** Quotas per (populations, stage size), at most 4096 kept: the same few recur in every trial; per mask a map keyed by the size, so a lookup builds no string. */
  const quotaCache: Map<number, number[]>[] = [];
  let quotasKept = 0;
  let enrolled = 0;

  /** The strata of the populations in each mask (index: the mask). */
  const strataByMask = Array.from({ length: 1 << G }, (_, mask) => {
    const out: number[] = [];
    for (let g = 0; g < setup.strata; g++) if (setup.strataOf.some((list, p) => mask & (1 << p) && list.includes(g))) out.push(g);
    return out;
  });
  const strataIn = (mask: number): number[] => strataByMask[mask];

  return { layout, simulate, patients, analyseObserved };

  function patients(streams: ReplicateStreams): PatientTable {
    simulate(streams, newRecord(layout));
    cohort.n = enrolled;
    const table = patientTable(s, model, cohort);
    table.columns.push('stage');
    table.rows.forEach((row, k) => row.push(stageOf[k] + 1));
    return table;
  }

  /** Correlation of two populations' stage-k statistics: n_ij / √(n_i n_j), √(n_inner / n_outer) when nested. */
  function correlation(k: number) {
    return (i: number, j: number) => {
      const ni = cells.patients(k, setup.strataOf[i]), nj = cells.patients(k, setup.strataOf[j]);
      const nij = cells.patients(k, shared[i][j]), lo = Math.min(ni, nj), hi = Math.max(ni, nj);
      if (hi === 0) return 0;
      return nij === lo ? Math.sqrt(lo / hi) : nij / Math.sqrt(ni * nj);
    };
  }

  /** Stage k's comparisons of the populations in `mask` into the closed test. */
  function testStage(k: number, mask: number, out: ReplicateRecord): void {
    stagePs.fill(NaN);
    for (let g = 0; g < G; g++) {
      if (!(mask & (1 << g))) continue;
      const c: Comparison = compare(cells, [k], setup.strataOf[g], options);
      rule.record(k, g, c);
      if (Number.isNaN(c.p)) out.warning[enrichmentWarnings.slot.empty] = 1;
      stagePs[g] = Number.isNaN(c.p) ? 1 : c.p;
    }
    adjusted[k] = bonferroniStageP(stagePs);
    test.addStage(stagePs, correlation(k));
    for (let g = 0; g < G; g++) if (mask & (1 << g) && counted[g] === 0) reported.tested(k, g, test);
    // A population counts as rejected at a stage only when it was tested there (as rpact counts it).
    for (let g = 0; g < G; g++) {
      if (!(mask & (1 << g)) || counted[g] === 1 || !test.rejected(g)) continue;
      counted[g] = 1;
      if (perStageOutputs) out.metric[M.firstRejected[k][g]] = 1;
    }
  }

  /** Whether enough populations still in are rejected to stop for efficacy. */
  function efficacyStop(mask: number): boolean {
    let any = false, every = true;
    for (let g = 0; g < G; g++) if (mask & (1 << g)) { const r = counted[g] === 1; any ||= r; every &&= r; }
    return d.successCriterion === 'all' ? every : any;
  }

  /** The trial's course: stages enrolled and tested, interim choices, rejections; returns the stages run. */
  function runTrial(out: ReplicateRecord, enrol: Enrol): number {
    test.reset(); rule.reset(); reported.reset(); fullAt.fill(0); counted.fill(0); adjusted.fill(NaN);
    let mask = all, choice = -1, k = 0;
    for (; ; k++) {
      fullAt[k] = mask & 1;
      const n = k === 0 ? setup.stages[0] : stageSize(k, mask);
      const before = counts.reduce((a, x) => a + x, 0);
      enrol(k, mask, n);
      if (perStageOutputs) out.metric[M.stagePatients[k]] = counts.reduce((a, x) => a + x, 0) - before;
      testStage(k, mask, out);
      if (k === K - 1) break;
      if (efficacy && efficacyStop(mask)) {
        if (k === 0) choice = choices.indexOf('efficacy');
        if (perStageOutputs) out.metric[M.stopEfficacy[k]] = 1;
        break;
      }
      const next = rule.choose(k, mask);
      if (k === 0) choice = choices.indexOf(next === 0 ? 'none' : selectionId(setup.populations, next));
      if (next === 0) {
        if (perStageOutputs) out.metric[M.stopFutility[k]] = 1;
        break;
      }
      mask = next;
      if (perStageOutputs) for (let g = 0; g < G; g++) if (mask & (1 << g)) out.metric[M.still[k + 1][g]] = 1;
    }
    out.metric[M.choice[choice]] = 1;
    for (let g = 0; g < G; g++) {
      out.rejected[g] = counted[g];
      const after = M.rejectedAfter[choice][g];
      if (after >= 0) out.metric[after] = out.rejected[g];
    }
    reported.write(out, test);
    if (perStageOutputs) out.metric[M.stages] = k + 1;
    return k + 1;
  }

  /** Patient counts and the naive estimates, once the trial is over. */
  function conclude(out: ReplicateRecord): void {
    let total = 0;
    for (let g = 0; g < setup.strata; g++) total += counts[g];
    out.metric[M.patients] = total;
    for (let g = 1; g < G; g++) out.metric[M.inPopulation[g]] = setup.strataOf[g].reduce((a, x) => a + counts[x], 0);
    out.metric[M.R] = counts[setup.strata - 1];
    estimate(out);
  }

  function analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
    const r = new ObservedReader(table);
    const rows = cohortFromRows(s, model.arms, r);
    const stageColumn = r.column('stage', `the stage each patient entered (1 to ${K})`);
    const stage = new Int32Array(rows.n);
    for (let i = 0; i < rows.n && r.ok; i++) stage[i] = r.integer(i, stageColumn, 1, K) - 1;
    r.done();
    cells.clear(); counts.fill(0);
    out.rejected.fill(0); out.metric.fill(0); out.warning.fill(0);
    const stratum = (i: number) => stratumOf(setup.subpopulations, rows.markers, i);
    const names = (mask: number) => setup.populations.filter((_, g) => mask & (1 << g)).join(', ');
    const stagesRun = runTrial(out, (k, mask) => {
      // A later stage must follow the choice the design made at the interim before it.
      const allowed = strataIn(mask);
      for (let i = 0; i < rows.n && r.ok; i++) {
        if (stage[i] === k && !allowed.includes(stratum(i))) r.problem(i, stageColumn, `the interim before stage ${k + 1} went on in ${names(mask)} only: a patient outside them does not follow the design`);
      }
      r.done();
      for (let i = 0; i < rows.n; i++) {
        if (stage[i] !== k) continue;
        const g = stratum(i);
        cells.add(k, g, rows.arm[i] === setup.treatment ? 1 : 0, rows.outcome[i]);
        counts[g]++;
      }
    });
    for (let i = 0; i < rows.n && r.ok; i++) {
      if (stage[i] >= stagesRun) r.problem(i, stageColumn, `the trial stopped at the interim after stage ${stagesRun}: no patient can enter stage ${stage[i] + 1}`);
    }
    r.done();
    conclude(out);
    const omitted = ['screened', ...(d.compareFixed ? layout.hypotheses.filter((h) => h.id.startsWith('fixed-')).map((h) => h.id) : [])];
    const chosen = choices.find((_, j) => out.metric[M.choice[j]] === 1);
    return { patients: rows.n, selected: chosen, stages: stagesRun, omitted };
  }

  function simulate(streams: ReplicateStreams, out: ReplicateRecord): void {
    current = streams.patients;
    normal.reset();
    cells.clear(); counts.fill(0);
    position.fill(block[0].length);
    out.rejected.fill(0); out.metric.fill(0); out.warning.fill(0);
    let i = 0, screened = 0;
    /** Enrols a stage into `into`: the trial's own patients (kept in the cohort), or a fixed design's extra ones (scratch). */
    const enrolStage = (stage: number, quota: number[], wanted: number, into = cells) => {
      const own = into === cells;
      const c = own ? cohort : scratch;
      taken.fill(0);
      let total = 0, tries = 0;
      while (total < wanted && tries++ < SCREEN_LIMIT * (wanted + 1)) {
        const k = own ? i : 0;
        drawPatient(c, k);
        if (own) screened++;
        const g = stratumOf(setup.subpopulations, c.markers, k);
        if (taken[g] >= quota[g]) continue;
        taken[g]++; total++;
        const treated = nextArm(streams.allocation, g);
        c.arm[k] = treated ? setup.treatment : setup.control;
        drawOutcome(source, normal, c, k);
        into.add(stage, g, treated, c.outcome[k]);
        if (own) { stageOf[i] = stage; counts[g]++; i++; }
      }
    };
    runTrial(out, (k, mask, n) => enrolStage(k, quotas(n, mask), n));
    enrolled = i;
    conclude(out);
    out.metric[M.screened] = screened;
    if (d.compareFixed) fixedDesigns(out, enrolStage);
  }

  /**
   * The fixed designs of the planned total size: full population (the trial's stages enrolled from F at their
   * planned size, new patients from F for the others) tested for H_F, and for each subpopulation every patient of
   * it in the trial, topped up with new ones to the same total, tested for its hypothesis, each once at alpha.
   */
  function fixedDesigns(out: ReplicateRecord, enrolStage: (stage: number, quota: number[], wanted: number, into: StageCells) => void): void {
    const everyone = setup.strataOf[0];
    fixedTrial.clear();
    fixedTrial.copyStage(cells, 0, everyone);
    for (let k = 1; k < K; k++) {
      if (fullAt[k] === 1 && cells.patients(k, everyone) === setup.stages[k]) fixedTrial.copyStage(cells, k, everyone);
      else enrolStage(k, quotas(setup.stages[k], 1), setup.stages[k], fixedTrial);
    }
    out.rejected[G] = compare(fixedTrial, allStages, everyone, options).p <= d.alpha ? 1 : 0;
    const planned = setup.stages.reduce((a, n) => a + n, 0);
    for (let g = 1; g < G; g++) {
      const own = setup.strataOf[g];
      fixedTrial.clear();
      let inside = 0;
      for (let k = 0; k < K; k++) { fixedTrial.copyStage(cells, k, own); inside += cells.patients(k, own); }
      const more = planned - inside;
      if (more > 0) {
        // Extra patients join the last stage's cells (a fixed design has one analysis: stages merge).
        extra.clear();
        enrolStage(0, quotas(more, 1 << g), more, extra);
        fixedTrial.mergeStage(extra, 0, K - 1, own);
      }
      out.rejected[G + g] = compare(fixedTrial, allStages, own, options).p <= d.alpha ? 1 : 0;
    }
  }

  /**
   * The most patients taken from each stratum at a stage from the populations in `mask`: the whole stage from
   * any of their strata (random prevalence), or fixed quotas in proportion to the strata's prevalences.
   */
  function quotas(n: number, mask: number): number[] {
    const bySize = (quotaCache[mask] ??= new Map());
    let q = bySize.get(n);
    if (!q) { q = quotasOf(n, mask); if (quotasKept < 4096) { bySize.set(n, q); quotasKept++; } }
    return q;
  }

  function quotasOf(n: number, mask: number): number[] {
    const allowed = strataIn(mask);
    const q = new Array<number>(setup.strata).fill(0);
    if (d.prevalence === 'random') { for (const g of allowed) q[g] = n; return q; }
    const prev = setup.stratumPrevalence!;
    const whole = allowed.length === setup.strata;
    const total = whole ? 1 : allowed.reduce((a, g) => a + prev[g], 0);
    let cumulative = 0, given = 0;
    allowed.forEach((g, j) => {
      if (j === allowed.length - 1) { q[g] = n - given; return; }
      cumulative += prev[g];
      const upTo = Math.round((whole ? cumulative : cumulative / total) * n);
      q[g] = upTo - given;
      given = upTo;
    });
    return q;
  }

  function nextArm(allocation: RandomSource, g: number): number {
    const b = block[g];
    if (position[g] >= b.length) {
      for (let k = 0; k < b.length; k++) b[k] = k < 2 * ratio ? 1 : 0;
      for (let k = b.length - 1; k > 0; k--) { const m = Math.floor(allocation() * (k + 1)); const x = b[k]; b[k] = b[m]; b[m] = x; }
      position[g] = 0;
    }
    return b[position[g]++];
  }

  /** Naive estimates over every stage, as if the data came from a fixed design. */
  function estimate(out: ReplicateRecord): void {
    const z = normalQuantile(0.975);
    setup.strataOf.forEach((strata, g) => {
      const c = compare(cells, allStages, strata, options);
      if (Number.isNaN(c.se)) { writeEstimateOf(out, g, NaN, NaN, NaN, NaN); return; }
      const q = Number.isFinite(c.df) ? tQuantile(0.975, c.df) : z;
      const lo = c.estimate - q * c.se, hi = c.estimate + q * c.se;
      writeEstimateOf(out, g, c.estimate, c.se, binary ? Math.max(-1, lo) : lo, binary ? Math.min(1, hi) : hi);
    });
  }
}
