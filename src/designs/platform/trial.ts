/**
 * One platform trial over calendar time. Patients arrive by the recruitment
 * process (Poisson or evenly spaced; `recruitment.ts`) and are randomised
 * among the arms open at that moment: the control and every experimental arm
 * that has entered and not yet left, by their weights, in permuted blocks
 * begun afresh whenever an arm enters or leaves (or by simple randomisation).
 * Every entry and exit starts a new period. Each patient's outcome carries the
 * time trend of their arm at their entry time and period. An arm leaves when
 * it has its sample size, when an interim decision graduates or stops it, or
 * when the platform ends; then each analysis compares it with control on the
 * data up to that moment (`analysis.ts`). The patients come from a source
 * (`Arrivals`): the simulation's arrivals and draws, or an observed trial's
 * rows, which `trialsim analyse` replays through the same course.
 */
import { writeTest, type SimulationPlan, type ReplicateRecord } from '../types.js';
import type { RandomSource } from '../../random/stream.js';
import { ObservedReader, type ObservedTable } from '../../scenario/observed.js';
import { readPlatformRows, type PlatformRows } from './observed.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel, type OutcomeModel } from '../../population/outcomes.js';
import { meansAreConstant } from '../../population/arm-moments.js';
import { logistic, logit, normalCdf, normalUpper, tCdf, normalQuantile, tQuantile } from '../../stats/distributions.js';
import type { PlatformScenario } from './schema.js';
import { platformSetup, controlWeight, type PlatformSetup } from './setup.js';
import { platformLayout, platformWarnings, ARM_FIELDS, PLATFORM_METRICS } from './layout.js';
import { platformCells, addOutcome, clearCells, PlatformAnalyser, type Comparison } from './analysis.js';
import { trendOf, trendedMean, type Trend } from './trend.js';
import { SplineAnalyser } from './spline.js';
import { SurvivalAnalyser } from './survival.js';
import type { AnalysisMethod } from './schema.js';
import { arrivalTime, expectedArrivals } from './recruitment.js';

const WAITING = 0, OPEN = 1, CLOSED = 2;

/** Why an experimental arm left. */
const enum Exit { Size, Graduated, Futility, End }

/**
 * Where a replicate's patients come from: the simulation's arrival process
 * and draws, or an observed trial's rows (`trialsim analyse`), which the
 * same course of entries, exits, interims and analyses replays.
 */
interface Arrivals {
  /** The next patient's arrival time (not yet taken). */
  next(): number;
  /** Arrivals resume at time t: after a pause with no arm open, or (`afterPause` false) after an arm opened before the drawn arrival. */
  restart(t: number, afterPause: boolean): void;
  /** The arriving patient into cohort slot i (entry, period and entries set), in period q: biomarkers, arm and outcome; their arm, or -1 when turned away. */
  admit(i: number, q: number): number;
  /** Observed rows ran out with no platform end to run to: the arms still open are analysed as they stand. */
  locked(): boolean;
}

/** The patients of one replicate as simulated, for the export: cohort, entry periods and trend. */
export interface PlatformReplicate {
  cohort: Cohort;
  period: Int32Array;
  entries: Int32Array;
  trend: Trend | null;
  model: OutcomeModel;
  setup: PlatformSetup;
}

export function planPlatform(s: PlatformScenario): SimulationPlan & { last(): PlatformReplicate; analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown> } {
  const d = s.design;
  const setup = platformSetup(s);
  const endpoint = s.endpoint!;
  const binary = endpoint.type === 'binary';
  const tte = endpoint.type === 'time-to-event';
  const better = 'better' in endpoint && endpoint.better === 'lower' ? 'lower' : 'higher';
  // The statistic of benefit: a higher mean or log odds when higher is better; a lower hazard when longer times are.
  const sign = (better === 'higher' ? 1 : -1) * (tte ? -1 : 1);
  const layout = platformLayout(setup, better, binary ? 'log odds ratio' : tte ? 'log hazard ratio' : 'mean difference', d.analysis.alpha);
  const followUp = endpoint.type === 'time-to-event' ? endpoint.followUp : 0;
  const shape = endpoint.type === 'time-to-event' ? endpoint.shape : 1;
  const A = setup.armNames.length, K = setup.experimental.length, control = setup.control;
  const arm = setup.experimental.map((a) => a.index);
  const maxPeriods = 2 * K + 2;
  const model = buildOutcomeModel(s);
  const trend = trendOf(s, setup.armNames, setup.timeline.duration);
  const sd = endpoint.type === 'continuous' ? endpoint.sd : 0;
  const fixed = meansAreConstant(s) ? fixedMeans(model, A, s.population.biomarkers.length, binary) : null;
  const classes = setup.classes, G = classes.values.length;
  const cells = platformCells(A, control, maxPeriods, G);
  // Which classes each scenario arm's analyses use: an experimental arm's eligible ones, every class for the control.
  const eligibleByArm = setup.armNames.map((_, a) => setup.experimental.find((e) => e.index === a)?.eligibleIn ?? classes.values.map(() => true));
  const analyser = new PlatformAnalyser(cells, maxPeriods, binary, eligibleByArm);
  const spline = setup.methods.includes('calendar-spline') && !tte ? new SplineAnalyser(A, control, maxPeriods, binary, eligibleByArm) : null;
  const survival = tte ? new SurvivalAnalyser(A, control, eligibleByArm) : null;
  const end = d.duration ?? Infinity;
  const interims = d.interim?.at ?? [];

  let current: RandomSource = () => 0;
  const source: RandomSource = () => current();
  const normal = normalSampler(source);
  const drawPatient = biomarkerSampler(compilePopulation(s.population), source, normal);
  // Sized to the plan; a replicate with more patients doubles it (kept for the next replicates).
  let cohort = new Cohort(Math.ceil(setup.timeline.patients) + 1, s.population.biomarkers.length);
  let period = new Int32Array(cohort.capacity), entries = new Int32Array(cohort.capacity);

  /** Patients enrolled so far in the current replicate (the spline analysis reads them). */
  let enrolledSoFar = 0;
  const status = new Uint8Array(K), nextInterim = new Int32Array(K), entryPeriod = new Int32Array(K);
  // The statistic and degrees of freedom of the interim that graduated or stopped an arm (its decision analysis' reported test; its p-value is worked out only where read).
  const interimZ = new Float64Array(K), interimDf = new Float64Array(K);
  const onArm = new Float64Array(A);
  // Per eligibility class: the open arms' weights, their total, and a permuted block.
  const blockSize = Math.max(1, d.randomisation.blocks) * (Math.ceil(controlWeight(d.controlRatio, K)) + setup.experimental.reduce((t, a) => t + Math.ceil(a.weight), 0));
  const block = classes.values.map(() => new Int32Array(blockSize));
  const weights = classes.values.map(() => new Float64Array(A));
  const blockLength = new Int32Array(G), blockPosition = new Int32Array(G), totalWeight = new Float64Array(G);
  const simple = d.randomisation.method === 'simple';
  /** Experimental arm order of each scenario arm (-1 for the control). */
  const orderOf = Int32Array.from(setup.armNames, (_, a) => arm.indexOf(a));
  const critical = quantilesByDf(1 - d.analysis.alpha);
  const intervalQuantile = quantilesByDf(0.5 + d.analysis.confidence / 2);
  const M = metricSlots;

  const poisson = d.recruitment.arrivals === 'poisson';
  let allocation: RandomSource = () => 0;
  /** Expected arrivals so far (the unit-rate process, recruitment.ts). */
  let arrivals = 0;
  const simulated: Arrivals = {
    next() {
      arrivals += poisson ? -Math.log(1 - source()) : 1;
      return arrivalTime(setup.recruitment, arrivals);
    },
    restart(t, afterPause) {
      // Memoryless for Poisson arrivals; even ones resume at the next whole count, or redo the count drawn past an opening.
      if (!afterPause && !poisson) { arrivals -= 1; return; }
      arrivals = expectedArrivals(setup.recruitment, t);
      if (!poisson) arrivals = Math.ceil(arrivals - 1e-9) - 1;
    },
    admit(i) {
      drawPatient(cohort, i);
      const a = nextArm(allocation, classOf(i));
      if (a >= 0) drawOutcome(i, a);
      return a;
    },
    locked: () => false,
  };

  return {
    layout,
    simulate(streams, out) {
      current = streams.patients;
      allocation = streams.allocation;
      normal.reset();
      run(out, simulated);
    },
    last: () => ({ cohort, period, entries, trend, model, setup }),
    analyseObserved: (table, out) => analyseObserved(table, out),
  };

  /** The eligibility class of cohort patient i. */
  function classOf(i: number): number {
    return classes.column < 0 ? 0 : cohort.markers[classes.column][i];
  }

  /** One platform trial, its patients from `patients`: entries, allocation, interims, exits and every arm's analyses; returns when it ended. */
  function run(out: ReplicateRecord, patients: Arrivals): number {
    clearCells(cells);
    status.fill(WAITING); nextInterim.fill(0); onArm.fill(0); entryPeriod.fill(-1);
    enrolledSoFar = 0;
    out.rejected.fill(0); out.metric.fill(0); out.warning.fill(0);
    out.estimate.fill(NaN); out.se.fill(NaN); out.lower.fill(NaN); out.upper.fill(NaN);
    // q: the current period; a period begins with the first patient after an entry or exit (`cut`), so none is empty.
    let t = 0, q = -1, cut = true, entered = 0, enrolled = 0, open = 0, started = false, screened = 0;

    let lastExit = 0;
    /** Arm k opens; `early`: it was waiting for a patient count that could not come. */
    const opens = (k: number, now: number, early = false) => {
      if (early || (started && open === 0 && now > lastExit)) out.warning[platformWarnings.slot.idle] = 1;
      status[k] = OPEN; open++; entered++; started = true; cut = true;
      out.metric[M.arm(k, 'opened')] = 1;
      out.metric[M.arm(k, 'entry')] = now;
      refreshDue();
    };
    /** The next waiting arm's entry time and the least patient count a waiting arm waits for (kept here, not searched per patient). */
    let dueTime = Infinity, dueCount = Infinity;
    const refreshDue = () => {
      dueTime = Infinity; dueCount = Infinity;
      for (let k = 0; k < K; k++) {
        if (status[k] !== WAITING) continue;
        const e = setup.experimental[k];
        if (e.entryTime !== null) dueTime = Math.min(dueTime, e.entryTime); else dueCount = Math.min(dueCount, e.entryPatients!);
      }
    };
    refreshDue();
    /** Opens every arm whose time or patient count has come. */
    const openDue = (now: number) => {
      for (let k = 0; k < K; k++) {
        const e = setup.experimental[k];
        if (status[k] === WAITING && (e.entryTime !== null ? e.entryTime <= now : e.entryPatients! <= enrolled)) opens(k, now);
      }
    };
    const close = (k: number, now: number, why: Exit) => {
      status[k] = CLOSED; open--; cut = true; lastExit = now;
      out.metric[M.arm(k, 'exit')] = now;
      if (why === Exit.Graduated) out.metric[M.arm(k, 'graduated')] = 1;
      if (why === Exit.Futility) out.metric[M.arm(k, 'futility')] = 1;
      if (why === Exit.End) out.metric[M.arm(k, 'cut')] = 1;
      finalAnalyses(k, q, why, out, now);
    };
    // The platform starts when its first arm opens.
    let first = Infinity;
    for (const e of setup.experimental) first = Math.min(first, e.entryTime ?? (e.entryPatients === 0 ? 0 : Infinity));
    if (first < end) { t = first; patients.restart(t, true); openDue(t); }
    while (started) {
      if (patients.locked()) {
        for (let k = 0; k < K; k++) if (status[k] === OPEN) close(k, t, Exit.End);
        break;
      }
      if (open === 0) {
        // Nothing open: an arm waiting for a patient count opens now (none would come); one waiting for a time opens then.
        const counted = setup.experimental.findIndex((e, k) => status[k] === WAITING && e.entryTime === null);
        if (counted >= 0) { opens(counted, t, true); continue; }
        if (dueTime >= end) break;
        t = dueTime; patients.restart(t, true); openDue(t);
        continue;
      }
      const arrival = patients.next();
      if (dueTime <= arrival && dueTime < end) {
        // An arm opens between two patients; arrivals resume from its time.
        t = dueTime; openDue(t);
        patients.restart(t, false);
        continue;
      }
      if (arrival >= end) {
        t = end;
        for (let k = 0; k < K; k++) if (status[k] === OPEN) close(k, end, Exit.End);
        break;
      }
      t = arrival;
      if (cut) {
        q++; cut = false; setWeights();
        for (let k = 0; k < K; k++) if (status[k] === OPEN && entryPeriod[k] < 0) entryPeriod[k] = q;
      }
      if (enrolled >= cohort.capacity) grow();
      cohort.entry[enrolled] = t; period[enrolled] = q; entries[enrolled] = entered;
      const a = patients.admit(enrolled, q);
      // Eligible for no open arm: turned away at screening (their slot is reused).
      if (a < 0) { screened++; continue; }
      if (!tte) addOutcome(cells, q, a, cohort.outcome[enrolled], classOf(enrolled));
      enrolled++;
      enrolledSoFar = enrolled;
      onArm[a]++;
      const k = orderOf[a];
      if (k >= 0) {
        if (onArm[a] >= setup.experimental[k].sampleSize) close(k, t, Exit.Size);
        else if (nextInterim[k] < interims.length && onArm[a] >= interims[nextInterim[k]]) {
          const why = interimDecision(k, nextInterim[k]++, q, t);
          if (why !== null) close(k, t, why);
        }
      }
      if (enrolled >= dueCount) openDue(t);
    }
    for (let k = 0; k < K; k++) if (status[k] === WAITING) { out.metric[M.arm(k, 'entry')] = t; out.metric[M.arm(k, 'exit')] = t; }
    cohort.n = enrolled;
    out.metric[M.platform('patients')] = enrolled;
    out.metric[M.platform('control')] = onArm[control];
    out.metric[M.platform('duration')] = t;
    out.metric[M.platform('periods')] = q + 1;
    out.metric[M.platform('idle')] = out.warning[platformWarnings.slot.idle];
    out.metric[M.platform('screened')] = screened;
    for (let k = 0; k < K; k++) out.metric[M.arm(k, 'patients')] = onArm[arm[k]];
    return t;
  }

  /**
   * An observed trial's rows in order of entry (observed.ts) through the same
   * course: arms open at their times or patient counts, each row takes the
   * next patient's place (it must be randomisable then: its arm open to its
   * eligibility class), arms leave at their sample size, an interim or the
   * platform's end, and every analysis runs as simulated. Rows that arrive
   * after every arm has left are refused. Without design.duration, arms still
   * open when the rows end are analysed as they stand (a data lock).
   */
  function analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
    const r = new ObservedReader(table);
    const rows = readPlatformRows(s, setup, r);
    r.done();
    let taken = 0;
    const observedRows: Arrivals = {
      next: () => (taken < rows.n ? rows.time[taken] : end),
      restart: () => {},
      admit: (i, q) => admitRow(rows, taken++, i, q, r, out),
      locked: () => taken >= rows.n && end === Infinity,
    };
    const time = run(out, observedRows);
    if (taken < rows.n) r.problem(taken, rows.columns.time, `every arm had left the platform by time ${time}: rows ${taken + 1} to ${rows.n} follow its end`);
    r.done();
    // Patients turned away (eligible for no open arm) are not in the rows.
    return { patients: rows.n, periods: out.metric[M.platform('periods')], omitted: classes.column >= 0 ? ['screened'] : [] };
  }

  /** Row j as cohort patient i in period q: its arm, when randomisable then, else -1 and a problem. */
  function admitRow(rows: PlatformRows, j: number, i: number, q: number, r: ObservedReader, out: ReplicateRecord): number {
    const a = rows.arm[j];
    cohort.arm[i] = a;
    if (classes.column >= 0) cohort.markers[classes.column][i] = rows.cls[j];
    cohort.outcome[i] = rows.outcome[j];
    cohort.dropout[i] = rows.dropout[j];
    if (weights[rows.cls[j]][a] === 0) { r.problem(j, rows.columns.arm, notRandomisable(a, rows.cls[j], rows.time[j], out)); return -1; }
    if (rows.period && rows.period[j] !== q + 1) r.problem(j, rows.columns.period, `expected period ${q + 1} (a new period begins with the first patient after each entry and exit), found ${rows.period[j]}`);
    return a;
  }

  /** Why arm a could not be given at time t to a patient of eligibility class g. */
  function notRandomisable(a: number, g: number, t: number, out: ReplicateRecord): string {
    const k = orderOf[a], name = setup.armNames[a];
    const who = classes.column >= 0 ? `a patient with ${s.population.biomarkers[classes.column].id} = ${classes.labels[g]}` : 'a patient';
    if (k < 0) return `no experimental arm was open to ${who} at time ${t}, so none could be randomised to ${name}`;
    const e = setup.experimental[k];
    if (status[k] === WAITING) return `arm ${name} had not opened by time ${t} (it opens ${e.entryTime !== null ? `at time ${e.entryTime}` : `after ${e.entryPatients} platform patients`})`;
    if (status[k] === CLOSED) {
      const why = out.metric[M.arm(k, 'graduated')] ? 'graduated at an interim' : out.metric[M.arm(k, 'futility')] ? 'stopped for futility at an interim' : `its ${e.sampleSize} patients reached`;
      return `arm ${name} had left the platform at time ${out.metric[M.arm(k, 'exit')]} (${why}) before this patient entered at time ${t}`;
    }
    return `arm ${name} does not enrol ${who} (design.arms.${name}.eligible)`;
  }

  /**
   * The open arms' weights in each eligibility class (the control's by the number open to that class), set
   * at each cut: the open set changes only there. Blocks start afresh.
   */
  function setWeights(): void {
    for (let g = 0; g < G; g++) {
      const w = weights[g];
      let openCount = 0;
      w.fill(0);
      for (let k = 0; k < K; k++) if (status[k] === OPEN && setup.experimental[k].eligibleIn[g]) { w[arm[k]] = setup.experimental[k].weight; openCount++; }
      w[control] = openCount > 0 ? controlWeight(d.controlRatio, openCount) : 0;
      totalWeight[g] = 0;
      for (let a = 0; a < A; a++) totalWeight[g] += w[a];
      blockLength[g] = 0; blockPosition[g] = 0;
    }
  }

  /** The next patient's arm in class g: the next slot of its permuted block (re-formed when used up), a draw by weight, or -1 when no arm is open to the class. */
  function nextArm(allocation: RandomSource, g: number): number {
    const w = weights[g];
    if (totalWeight[g] === 0) return -1;
    if (simple) {
      let u = allocation() * totalWeight[g];
      for (let a = 0; a < A; a++) { if (w[a] === 0) continue; u -= w[a]; if (u < 0) return a; }
      for (let a = A - 1; a >= 0; a--) if (w[a] > 0) return a;
    }
    const b = block[g];
    if (blockPosition[g] >= blockLength[g]) {
      let length = 0;
      for (let a = 0; a < A; a++) for (let r = 0; r < w[a] * d.randomisation.blocks; r++) b[length++] = a;
      // Fisher-Yates shuffle from the allocation stream.
      for (let j = length - 1; j > 0; j--) {
        const m = Math.floor(allocation() * (j + 1));
        const x = b[j]; b[j] = b[m]; b[m] = x;
      }
      blockLength[g] = length; blockPosition[g] = 0;
    }
    return b[blockPosition[g]++];
  }

  /** Patient i (entry, period and entries set): coupling draw, observed outcome under arm a with the trend at their entry. */
  function drawOutcome(i: number, a: number): void {
    const t = cohort.entry[i];
    cohort.arm[i] = a;
    model.drawLatent(source, normal, cohort, i);
    if (tte) {
      // The endpoint's own entry draw is replaced by the platform's calendar time; the event time (from entry,
      // uncensored) has the arm's hazard times the trend at entry; censoring comes at each analysis.
      cohort.entry[i] = t;
      const shift = trend === null ? 0 : trend(a, t, period[i], entries[i]);
      cohort.outcome[i] = Math.pow(cohort.latent[i] / (model.mean(cohort, i, a) * Math.exp(shift)), 1 / shape);
      return;
    }
    cohort.outcome[i] = observed(i, a);
  }

  function observed(i: number, a: number): number {
    const shift = trend === null ? 0 : trend(a, cohort.entry[i], period[i], entries[i]);
    if (fixed) {
      // Every patient has the same means: no predictor to evaluate per patient.
      if (binary) return cohort.latent[i] < (shift === 0 ? fixed.mean[a] : logistic(fixed.linear[a] + shift)) ? 1 : 0;
      return fixed.mean[a] + sd * cohort.latent[i] + shift;
    }
    if (binary) {
      const p = trendedMean('binary', model.mean(cohort, i, a), shift);
      return cohort.latent[i] < p ? 1 : 0;
    }
    return model.outcome(cohort, i, a) + shift;
  }

  function grow(): void {
    const bigger = new Cohort(cohort.capacity * 2, s.population.biomarkers.length);
    for (const key of ['profile', 'type', 'arm', 'latent', 'outcome', 'event', 'entry', 'dropout', 'exposure', 'frailty'] as const) bigger[key].set(cohort[key]);
    cohort.markers.forEach((m, j) => bigger.markers[j].set(m));
    const p = new Int32Array(bigger.capacity); p.set(period); period = p;
    const e = new Int32Array(bigger.capacity); e.set(entries); entries = e;
    cohort = bigger;
  }

  /** Arm k against control by an analysis on the data up to period q (time-to-event: followed to τ); the spline and Cox ones patient by patient. */
  function comparison(method: AnalysisMethod, k: number, q: number, tau: number): Comparison {
    if (survival) {
      const r = survival.compare({ n: enrolledSoFar, arm: cohort.arm, entry: cohort.entry, period, eventTime: cohort.outcome, dropout: cohort.dropout, cls: classes.column < 0 ? null : cohort.markers[classes.column] }, method, arm[k], entryPeriod[k], q, tau);
      return { ...r, periodWithoutControl: false };
    }
    if (method !== 'calendar-spline') return analyser.compare(method, arm[k], entryPeriod[k], q);
    const r = spline!.compare({ n: enrolledSoFar, arm: cohort.arm, time: cohort.entry, period, outcome: cohort.outcome, cls: classes.column < 0 ? null : cohort.markers[classes.column] }, arm[k], q);
    return { ...r, controls: NaN, periodWithoutControl: false };
  }

  /** The one-sided statistic of benefit and the posterior probability of benefit (flat prior) of a fitted comparison. */
  function benefit(r: Comparison): { z: number; posterior: number } {
    const z = (sign * r.estimate) / r.se;
    return { z, posterior: Number.isFinite(r.df) ? tCdf(z, r.df) : normalCdf(z) };
  }

  /** An interim of arm k on the decision analysis: graduate, stop for futility, or go on (null). */
  function interimDecision(k: number, j: number, q: number, now: number): Exit | null {
    const it = d.interim!;
    const r = comparison(setup.methods[0], k, q, now);
    if (r.status !== 'ok') return null;
    const b = benefit(r);
    interimZ[k] = b.z; interimDf[k] = r.df;
    const x = it.scale === 'z' ? b.z : b.posterior;
    const at = (v: number | number[] | undefined) => (Array.isArray(v) ? v[j] : v);
    const eff = at(it.efficacy), fut = at(it.futility);
    if (eff !== undefined && x >= eff) return Exit.Graduated;
    if (fut !== undefined && x < fut) return Exit.Futility;
    return null;
  }

  /** Every analysis of arm k as it leaves; the decision analysis' hypothesis also counts a graduation. */
  function finalAnalyses(k: number, q: number, why: Exit, out: ReplicateRecord, exitTime: number): void {
    // An arm the platform's end closed before its first patient has nothing to analyse.
    if (entryPeriod[k] < 0) { out.warning[platformWarnings.slot.fitFailed] = 1; return; }
    setup.methods.forEach((method, m) => {
      const r = comparison(method, k, q, exitTime + followUp);
      const slot = m * K + k;
      if (method === 'concurrent') out.metric[M.arm(k, 'controls-concurrent')] = r.controls;
      if (method === 'pooled') out.metric[M.arm(k, 'controls-pooled')] = r.controls;
      if (r.periodWithoutControl) out.warning[platformWarnings.slot.periodWithoutControl] = 1;
      if (r.status !== 'ok' || !Number.isFinite(r.se)) { out.warning[platformWarnings.slot.fitFailed] = 1; return; }
      const half = intervalQuantile(r.df) * r.se;
      out.estimate[slot] = r.estimate; out.se[slot] = r.se;
      out.lower[slot] = r.estimate - half; out.upper[slot] = r.estimate + half;
      // One-sided test of benefit at alpha: t (lm) or z (glm) at or above its 1 - alpha quantile.
      const z = (sign * r.estimate) / r.se;
      if (m === 0 && why === Exit.Graduated) out.rejected[slot] = 1;
      else if (!(m === 0 && why === Exit.Futility)) out.rejected[slot] = z >= critical(r.df) ? 1 : 0;
      // The look: an interim that graduated or stopped the arm (its decision analysis decided there), else the arm's last analysis after its interims.
      if (!out.testsRead) return;
      const atInterim = why === Exit.Graduated || why === Exit.Futility;
      if (m === 0 && atInterim) writeTest(out, slot, interimZ[k], benefitP(interimZ[k], interimDf[k]), NaN, nextInterim[k]);
      else writeTest(out, slot, z, benefitP(z, r.df), NaN, nextInterim[k] + (atInterim ? 0 : 1));
    });
  }
}

/** The one-sided p-value of benefit of a statistic: Student's t with df, or normal (df Infinity: glm's Wald z). */
function benefitP(z: number, df: number): number {
  return Number.isFinite(df) ? tCdf(-z, df) : normalUpper(z);
}

/** Each arm's mean (probability for binary, with its logit) when no patient's differs from another's. */
function fixedMeans(model: OutcomeModel, arms: number, biomarkers: number, binary: boolean): { mean: Float64Array; linear: Float64Array } {
  const one = new Cohort(1, biomarkers);
  const mean = Float64Array.from({ length: arms }, (_, a) => model.mean(one, 0, a));
  return { mean, linear: binary ? mean.map(logit) : mean };
}

/**
 * The p-quantile of Student's t by degrees of freedom (the normal's for
 * Infinity: glm's Wald z), memoised: a trial asks for a few whole-number df
 * many times, and each inverse incomplete beta costs microseconds.
 */
function quantilesByDf(p: number): (df: number) => number {
  const cache = new Map<number, number>();
  const normal = normalQuantile(p);
  return (df) => {
    if (!Number.isFinite(df)) return normal;
    let v = cache.get(df);
    if (v === undefined) { v = tQuantile(p, df); cache.set(df, v); }
    return v;
  };
}

/** Metric slot of a platform-wide or per-arm metric (layout order). */
const metricSlots = {
  platform: (name: (typeof PLATFORM_METRICS)[number]) => PLATFORM_METRICS.indexOf(name),
  arm: (k: number, field: (typeof ARM_FIELDS)[number]) => PLATFORM_METRICS.length + k * ARM_FIELDS.length + ARM_FIELDS.indexOf(field),
};
