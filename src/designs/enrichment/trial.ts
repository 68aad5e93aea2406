/**
 * One two-stage enrichment trial. Stage 1 enrols from the full population
 * (random biomarkers, or fixed quotas of S and R); at the interim the
 * populations to go on in are selected from the stage-1 comparisons; stage 2
 * enrols from the full population when F goes on, only from S when S goes on
 * alone (patients outside S are screened out), and not at all after a
 * futility stop. Patients are randomised in permuted blocks within each
 * stratum (allocation stream). Each population's stage-wise p-values, from
 * that stage's patients only, feed the closed inverse normal test.
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
import { normalQuantile, tQuantile, normalCdf } from '../../stats/distributions.js';
import { closedInverseNormal, closedFisher } from '../../stats/combination/closed-two-populations.js';
import { inverseNormalConditionalPower, fisherConditionalPower } from '../../stats/combination/conditional-power.js';
import type { EnrichmentScenario } from './schema.js';
import { enrichmentSetup } from './setup.js';
import { enrichmentLayout, enrichmentWarnings, SELECTIONS, type Selected } from './layout.js';
import { StageCells, compare, S, R, type Comparison, type StatisticOptions } from './statistics.js';

/** Adds `extra`'s stage-0 S cells to `into`'s stage-1 S cells (Welford's parallel merge). */
function mergeInto(into: StageCells, extra: StageCells): void {
  for (const t of [0, 1]) {
    const a = StageCells.index(1, S, t), b = StageCells.index(0, S, t);
    const na = into.count[a], nb = extra.count[b], n = na + nb;
    if (nb === 0) continue;
    const delta = extra.mean[b] - into.mean[a];
    into.mean[a] += (delta * nb) / n;
    into.m2[a] += extra.m2[b] + (delta * delta * na * nb) / n;
    into.count[a] = n;
  }
}

/** Stops screening after this many patients per accepted one (a quota that cannot fill). */
const SCREEN_LIMIT = 10_000;

export interface EnrichmentPlan extends SimulationPlan {
  /** One replicate's patients as enrolled (the trial's own, not the fixed comparators'), with their stage. */
  patients(streams: ReplicateStreams): PatientTable;
  /** An observed trial's patient rows (with each one's stage) through the same interim selection and closed test. */
  analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown>;
}

/** `potentialOutcomes`: keep each patient's coupling draw for an export's outcomes under every arm (the same draws either way). */
export function planEnrichment(s: EnrichmentScenario, potentialOutcomes = false): EnrichmentPlan {
  const d = s.design;
  const setup = enrichmentSetup(s);
  const endpoint = s.endpoint!;
  const binary = endpoint.type === 'binary';
  const better = 'better' in endpoint && endpoint.better === 'lower' ? 'lower' : 'higher';
  const layout = enrichmentLayout(binary ? 'risk difference' : 'mean difference', d.alpha, better, `${d.subpopulation.biomarker} = ${d.subpopulation.value}`, d.compareFixed);
  const options: StatisticOptions = { binary, sd: !binary && d.variance === 'known' && endpoint.type === 'continuous' ? endpoint.sd : null, stratified: d.stratified, sign: better === 'higher' ? 1 : -1 };
  const model = buildOutcomeModel(s);
  const drawOutcome = potentialOutcomes ? model.drawOutcome : model.drawObserved;
  const N = setup.stages[0] + setup.stages[1];
  const cohort = new Cohort(N, s.population.biomarkers.length);
  let current: RandomSource = () => 0;
  const source: RandomSource = () => current();
  const normal = normalSampler(source);
  const drawPatient = biomarkerSampler(compilePopulation(s.population), source, normal);
  const cells = new StageCells();
  // The fixed designs of the same size run beside it on the same stage-1 patients (and stage-2 ones where they
  // match), with new patients drawn where they differ: a full-population and an enriched trial.
  const fixedFull = new StageCells(), fixedEnriched = new StageCells(), extraEnriched = new StageCells();
  const scratch = new Cohort(1, s.population.biomarkers.length);
  const ratio = d.allocation;
  const block = [new Int32Array(2 * (1 + ratio)), new Int32Array(2 * (1 + ratio))];
  const position = [0, 0];
  const slot = (id: string) => layout.metrics.findIndex((m) => m.id === id);
  /** Metric slots of "rejected after each selection", looked up once. */
  const rejectedSlot = {
    F: Object.fromEntries(SELECTIONS.map((x) => [x, slot(`rejected-F:${x}`)])) as Record<Selected, number>,
    S: Object.fromEntries(SELECTIONS.map((x) => [x, slot(`rejected-S:${x}`)])) as Record<Selected, number>,
  };
  const M = { patients: slot('patients'), S: slot('patients:S'), R: slot('patients:R'), screened: slot('screened') };
  /** Each own patient's stage (0 or 1). */
  const stageOf = new Int32Array(N);
  let enrolled = 0;

  return { layout, simulate, patients, analyseObserved };

  function patients(streams: ReplicateStreams): PatientTable {
    simulate(streams, newRecord(layout));
    cohort.n = enrolled;
    const table = patientTable(s, model, cohort);
    table.columns.push('stage');
    table.rows.forEach((row, k) => row.push(stageOf[k] + 1));
    return table;
  }

  /** The stage-1 comparisons and the populations selected from them (the selection metric is set). */
  function interim(out: ReplicateRecord, counts: number[]): { first: { S: Comparison; F: Comparison }; selected: Selected } {
    const first = { S: compare(cells, [0], [S], options), F: compare(cells, [0], [S, R], options) };
    const selected = d.selection.rule === 'posterior' ? selectByPosterior(first) : select(first, counts[S], counts[S] + counts[R]);
    out.metric[SELECTIONS.indexOf(selected)] = 1;
    return { first, selected };
  }

  /** Patient counts, the closed test and the naive estimates, once both stages are in the cells. */
  function conclude(first: { S: Comparison; F: Comparison }, selected: Selected, counts: number[], out: ReplicateRecord): void {
    out.metric[M.patients] = counts[S] + counts[R]; out.metric[M.S] = counts[S]; out.metric[M.R] = counts[R];
    if (selected !== 'none') decide(first, selected, out);
    estimate(out);
  }

  function analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
    const r = new ObservedReader(table);
    const rows = cohortFromRows(s, model.arms, r);
    const stageColumn = r.column('stage', 'the stage each patient entered (1 or 2)');
    const stage = new Int32Array(rows.n);
    for (let i = 0; i < rows.n && r.ok; i++) stage[i] = r.integer(i, stageColumn, 1, 2) - 1;
    r.done();
    cells.clear();
    out.rejected.fill(0); out.metric.fill(0); out.warning.fill(0);
    const counts = [0, 0];
    const groupOf = (i: number) => (rows.markers[setup.column][i] === setup.value ? S : R);
    const add = (j: number) => {
      for (let i = 0; i < rows.n; i++) {
        if (stage[i] !== j) continue;
        const g = groupOf(i);
        cells.add(j, g, rows.arm[i] === setup.treatment ? 1 : 0, rows.outcome[i]);
        counts[g]++;
      }
    };
    add(0);
    const { first, selected } = interim(out, counts);
    // Stage 2 must follow the selection the design makes from stage 1.
    for (let i = 0; i < rows.n && r.ok; i++) {
      if (stage[i] !== 1) continue;
      if (selected === 'none') r.problem(i, stageColumn, 'the trial stopped at the interim (futility): no patient can enter stage 2');
      else if (selected === 'S' && groupOf(i) !== S) r.problem(i, stageColumn, `the interim selected the subpopulation only: a stage-2 patient outside ${d.subpopulation.biomarker} = ${d.subpopulation.value} does not follow the design`);
    }
    r.done();
    add(1);
    conclude(first, selected, counts, out);
    const omitted = ['screened', ...(d.compareFixed ? ['fixed-F', 'fixed-S'] : [])];
    return { patients: rows.n, selected, omitted };
  }

  function simulate(streams: ReplicateStreams, out: ReplicateRecord): void {
    current = streams.patients;
    normal.reset();
    cells.clear();
    position[0] = position[1] = block[0].length;
    out.rejected.fill(0); out.metric.fill(0); out.warning.fill(0);
    let i = 0, screened = 0;
    const counts = [0, 0];
    /** Enrols a stage into `into`: the trial's own patients (kept in the cohort), or a fixed design's extra ones (scratch). */
    const enrolStage = (stage: number, quota: [number, number], wanted: number, into = cells) => {
      const own = into === cells;
      const c = own ? cohort : scratch;
      const taken = [0, 0];
      let tries = 0;
      while (taken[0] + taken[1] < wanted && tries++ < SCREEN_LIMIT * (wanted + 1)) {
        const k = own ? i : 0;
        drawPatient(c, k);
        if (own) screened++;
        const g = c.markers[setup.column][k] === setup.value ? S : R;
        if (taken[g] >= quota[g]) continue;
        taken[g]++;
        const treated = nextArm(streams.allocation, g);
        c.arm[k] = treated ? setup.treatment : setup.control;
        drawOutcome(source, normal, c, k);
        into.add(stage, g, treated, c.outcome[k]);
        if (own) { stageOf[i] = stage; counts[g]++; i++; }
      }
    };
    enrolStage(0, quotas(setup.stages[0], 'both'), setup.stages[0]);
    const { first, selected } = interim(out, counts);
    if (selected !== 'none') enrolStage(1, quotas(setup.stages[1], selected === 'S' ? 'S' : 'both'), setup.stages[1]);
    enrolled = i;
    conclude(first, selected, counts, out);
    out.metric[M.screened] = screened;
    if (d.compareFixed) fixedDesigns(selected, out, enrolStage);
  }

  /**
   * The fixed designs of the same total size: full population (stage 1's patients, stage 2's when F went on,
   * else new patients from F) tested for H_F, and enriched (every S patient of the trial, topped up with new
   * S patients to the same total) tested for H_S, each once at one-sided alpha.
   */
  function fixedDesigns(selected: Selected, out: ReplicateRecord, enrolStage: (stage: number, quota: [number, number], wanted: number, into: StageCells) => void): void {
    fixedFull.clear(); fixedEnriched.clear();
    fixedFull.copyStage(cells, 0, [S, R]);
    if (selected === 'both' || selected === 'F') fixedFull.copyStage(cells, 1, [S, R]);
    else enrolStage(1, quotas(setup.stages[1], 'both'), setup.stages[1], fixedFull);
    fixedEnriched.copyStage(cells, 0, [S]);
    fixedEnriched.copyStage(cells, 1, [S]);
    let inS = 0;
    for (let j = 0; j < 8; j++) if ((j >> 1) % 2 === S) inS += fixedEnriched.count[j];
    const more = setup.stages[0] + setup.stages[1] - inS;
    if (more > 0) {
      // Extra S patients join stage 2's cells (a fixed design has one analysis: stages merge).
      extraEnriched.clear();
      enrolStage(0, [more, 0], more, extraEnriched);
      mergeInto(fixedEnriched, extraEnriched);
    }
    const fullTest = compare(fixedFull, [0, 1], [S, R], options), enrichedTest = compare(fixedEnriched, [0, 1], [S], options);
    out.rejected[2] = fullTest.p <= d.alpha ? 1 : 0;
    out.rejected[3] = enrichedTest.p <= d.alpha ? 1 : 0;
  }

  /** The most patients taken from S and from R at a stage: fixed quotas, or the whole stage from either (random prevalence). */
  function quotas(n: number, from: 'both' | 'S'): [number, number] {
    if (from === 'S') return [n, 0];
    if (d.prevalence === 'random') return [n, n];
    const nS = Math.round(setup.prevalence! * n);
    return [nS, n - nS];
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

  /**
   * The posterior rule: each stratum's effect with a normal prior N(0, priorSd²) and the stage-1 estimate's
   * normal likelihood; F (with S) goes on when R's posterior probability of benefit reaches the threshold,
   * S alone when only S's does, else the trial stops.
   */
  function selectByPosterior(first: { S: Comparison; F: Comparison }): Selected {
    if (d.futility !== undefined && !(first.S.z >= d.futility) && !(first.F.z >= d.futility)) return 'none';
    const benefit = (c: Comparison) => {
      if (!(c.se > 0)) return NaN;
      const precision = 1 / (d.selection.priorSd ?? 1) ** 2 + 1 / c.se ** 2;
      const mean = (options.sign * c.estimate) / c.se ** 2 / precision;
      return normalCdf(mean * Math.sqrt(precision));
    };
    const c = d.selection.probability ?? 0.8;
    const inR = benefit(compare(cells, [0], [R], options)), inS = benefit(first.S);
    if (inR >= c) return 'both';
    return inS >= c ? 'S' : 'none';
  }

  /**
   * Conditional power of a population's own combination test under the interim estimate (the current
   * trend: stage-2 drift z₁ √(n₂/n₁)), if it alone takes the stage-2 patients.
   */
  function conditionalPowerOf(c: Comparison, n1: number): number {
    if (!Number.isFinite(c.z) || !(n1 > 0)) return NaN;
    const drift = c.z * Math.sqrt(setup.stages[1] / n1);
    return d.combination === 'fisher' ? fisherConditionalPower(c.p, d.alpha, drift)
      : inverseNormalConditionalPower(c.z, [setup.weights[0], setup.weights[1]], setup.critical, drift);
  }

  /** The populations to go on in, from the stage-1 comparisons (n1S, n1F: the stage-1 patients of S and F). */
  function select(first: { S: Comparison; F: Comparison }, n1S: number, n1F: number): Selected {
    if (d.futility !== undefined && !(first.S.z >= d.futility) && !(first.F.z >= d.futility)) return 'none';
    const sel = d.selection;
    const measure = (c: Comparison, n1: number) => (sel.measure === 'statistic' ? c.z : sel.measure === 'conditional-power' ? conditionalPowerOf(c, n1) : options.sign * c.estimate);
    const mS = measure(first.S, n1S), mF = measure(first.F, n1F);
    if (Number.isNaN(mS) && Number.isNaN(mF)) return 'none';
    if (Number.isNaN(mS)) return 'F';
    if (Number.isNaN(mF)) return 'S';
    switch (sel.rule) {
      case 'all': case 'posterior': return 'both';
      case 'best': return mS > mF ? 'S' : 'F';
      case 'epsilon': {
        const top = Math.max(mS, mF), eps = sel.epsilon ?? 0;
        const keepS = mS >= top - eps, keepF = mF >= top - eps;
        return keepS && keepF ? 'both' : keepS ? 'S' : 'F';
      }
      case 'threshold': {
        const t = sel.threshold ?? 0;
        return mS >= t && mF >= t ? 'both' : mS >= t ? 'S' : mF >= t ? 'F' : 'none';
      }
    }
  }

  /** The closed inverse normal test on the stages' p-values of the selected populations. */
  function decide(first: { S: Comparison; F: Comparison }, selected: Selected, out: ReplicateRecord): void {
    const second = {
      S: selected === 'F' ? null : compare(cells, [1], [S], options),
      F: selected === 'S' ? null : compare(cells, [1], [S, R], options),
    };
    if ([first.S, first.F, second.S, second.F].some((c) => c !== null && Number.isNaN(c.p))) out.warning[enrichmentWarnings.slot.empty] = 1;
    const p = (c: Comparison | null) => (c === null ? NaN : Number.isNaN(c.p) ? 1 : c.p);
    const stage1 = { s: p(first.S), f: p(first.F) }, stage2 = { s: p(second.S), f: p(second.F) };
    const rho = (stage: number) => {
      const nS = cells.count[stage * 4] + cells.count[stage * 4 + 1];
      const nF = nS + cells.count[stage * 4 + 2] + cells.count[stage * 4 + 3];
      return nF > 0 ? Math.sqrt(nS / nF) : 0;
    };
    const decision = d.combination === 'fisher'
      ? closedFisher([stage1, stage2], [rho(0), rho(1)], d.intersection, d.alpha)
      : closedInverseNormal([stage1, stage2], [rho(0), rho(1)], setup.weights, d.intersection, setup.critical);
    out.rejected[0] = decision.rejectF ? 1 : 0;
    out.rejected[1] = decision.rejectS ? 1 : 0;
    out.metric[rejectedSlot.F[selected]] = out.rejected[0];
    out.metric[rejectedSlot.S[selected]] = out.rejected[1];
  }

  /** Naive estimates over both stages, as if the data came from a fixed design. */
  function estimate(out: ReplicateRecord): void {
    const z = normalQuantile(0.975);
    [[S, R], [S]].forEach((strata, k) => {
      const c = compare(cells, [0, 1], strata, options);
      if (Number.isNaN(c.se)) { writeEstimateOf(out, k, NaN, NaN, NaN, NaN); return; }
      const q = Number.isFinite(c.df) ? tQuantile(0.975, c.df) : z;
      const lo = c.estimate - q * c.se, hi = c.estimate + q * c.se;
      writeEstimateOf(out, k, c.estimate, c.se, binary ? Math.max(-1, lo) : lo, binary ? Math.min(1, hi) : hi);
    });
  }
}
