/**
 * The non-compliance design with a time-to-event endpoint: the arm taken at
 * the start follows the compliance type, patients may cross over to the
 * other arm during follow-up (design.crossover) and be lost to follow-up
 * with a hazard that may depend on biomarkers, the arm taken and their own
 * risk (design.dropout.hazard: informative censoring). Each replicate: ITT,
 * as-treated (the arm taken as a switching covariate), per-protocol
 * (censored at the switch) and the RPSFTM, as log hazard ratios.
 */
import { writeTest, type ReplicateRecord } from '../types.js';
import type { RandomSource, ReplicateStreams } from '../../random/stream.js';
import { ObservedReader, type ObservedTable } from '../../scenario/observed.js';
import { buildOutcomeModel, type OutcomeModel } from '../../population/outcomes.js';
import { Cohort } from '../../population/cohort.js';
import { compilePredictor, evaluate, type Predictor } from '../../population/predictor.js';
import { normalCdf, normalQuantile } from '../../stats/distributions.js';
import type { NoncomplianceScenario } from './schema.js';
import type { NoncomplianceSetup } from './setup.js';
import { survivalNoncomplianceLayout, survivalWarnings } from './layout.js';
import { enroller, takenAtStart } from './enrol.js';
import { eventTime, SwitchingRecords, SwitchingEstimators } from './switching.js';
import type { NoncompliancePlan } from './plan-types.js';

type SurvivalEndpoint = Extract<NonNullable<NoncomplianceScenario['endpoint']>, { type: 'time-to-event' }>;

/** Per patient, after their biomarkers and coupling draw: when they would switch and the draws of when they would be lost. */
export interface SwitchingPatient {
  /** Switch time after entry if the patient would switch when starting on the arm switched from (Infinity: would not). */
  switchAfter: number;
  /** A unit exponential and the linear predictor of the dropout hazard (biomarkers), or Infinity and 0 without dropout. */
  lostUnit: number;
  lostEta: number;
}

export interface SwitchingDraws {
  /** Patient i's draws, written into one object that is reused for every patient (no allocation per patient). */
  draw(c: Cohort, i: number, source: RandomSource, benefit: number): SwitchingPatient;
  /** Time to loss to follow-up from the design's dropout model, by the arm taken at the start (Infinity: none). */
  lostAfter(p: SwitchingPatient, c: Cohort, i: number, before: number): number;
}

/**
 * The draws after the compliance type and assignment, in a fixed number per
 * patient whatever their arm (so a virtual patient's two assignments share
 * them): with crossover one uniform for whether and, with a hazard, one for
 * when; with a dropout hazard one unit exponential, scaled by each arm's rate.
 */
export function switchingDraws(s: NoncomplianceScenario, setup: NoncomplianceSetup, model: OutcomeModel): SwitchingDraws {
  const x = setup.crossover, dropout = s.design.dropout;
  const predictor: Predictor | null = dropout?.hazard !== undefined ? compilePredictor(s, Math.log(dropout.hazard), dropout.biomarkers) : null;
  const reference = model.mean(new Cohort(1, s.population.biomarkers.length), 0, setup.control);
  const patient: SwitchingPatient = { switchAfter: Infinity, lostUnit: Infinity, lostEta: 0 };
  return {
    draw(c, i, source, benefit) {
      patient.switchAfter = Infinity;
      if (x) {
        const switches = source() < x.probability(c, i, benefit);
        const after = Number.isNaN(x.after) ? -Math.log(1 - source()) / x.hazard : x.after;
        if (switches) patient.switchAfter = after;
      }
      patient.lostUnit = predictor ? -Math.log(1 - source()) : Infinity;
      patient.lostEta = predictor ? evaluate(predictor, c, i) : 0;
      return patient;
    },
    lostAfter(p, c, i, before) {
      if (!predictor) return Infinity;
      const arm = before ? setup.treatment : setup.control;
      return p.lostUnit / Math.exp(p.lostEta + dropout!.treatment * before + dropout!.outcome * Math.log(model.mean(c, i, arm) / reference));
    },
  };
}

/** One patient's observed record under assignment z, appended to `r`; returns the arm taken at the start. */
export function observeSwitching(
  r: SwitchingRecords, c: Cohort, i: number, z: number, type: number, draws: SwitchingDraws, p: SwitchingPatient, setup: NoncomplianceSetup, model: OutcomeModel, e: SurvivalEndpoint, withDropout: boolean,
): number {
  const before = takenAtStart(type, z);
  const start = before ? setup.treatment : setup.control, other = before ? setup.control : setup.treatment;
  const eligible = setup.crossover !== null && setup.crossover.to === other;
  const switchAt = eligible ? p.switchAfter : Infinity;
  const t = eventTime(c.latent[i], model.mean(c, i, start), model.mean(c, i, other), switchAt, e.shape);
  const followUp = e.accrualDuration + e.followUp - c.entry[i];
  const lostAt = withDropout ? draws.lostAfter(p, c, i, before) : Infinity;
  const censor = Math.min(followUp, c.dropout[i], lostAt);
  r.push(Math.min(t, censor), t <= censor ? 1 : 0, z, before, switchAt, followUp);
  return before;
}

export function planSurvivalNoncompliance(s: NoncomplianceScenario, setup: NoncomplianceSetup): NoncompliancePlan {
  const d = s.design, e = s.endpoint as SurvivalEndpoint;
  // Longer times better: benefit is a lower hazard ratio.
  const better = d.analysis.sided === 'one' ? (e.better === 'lower' ? 'higher' : 'lower') : undefined;
  const layout = survivalNoncomplianceLayout(setup.estimators, d.analysis.alpha, better);
  const N = d.sampleSize;
  const model = buildOutcomeModel(s);
  const enrol = enroller(s, setup, N);
  const { cohort, source, normal } = enrol;
  const draws = switchingDraws(s, setup, model);
  const records = new SwitchingRecords(N), estimators = new SwitchingEstimators(N);
  const assigned = new Float64Array(N), received = new Float64Array(N), type = new Uint8Array(N);
  const level = d.analysis.confidence;
  const lostSlot = layout.metrics.length - 1;
  const types = new Float64Array(4);

  return {
    layout,
    simulate(streams: ReplicateStreams, out: ReplicateRecord) {
      enrol.start(streams);
      clear(out);
      records.n = 0;
      types.fill(0);
      for (let i = 0; i < N; i++) {
        enrol.drawPatient(i);
        model.drawLatent(source, normal, cohort, i);
        const benefit = setup.benefitOf(model.mean(cohort, i, setup.treatment), model.mean(cohort, i, setup.control));
        const t = enrol.drawType(i, benefit);
        const z = enrol.assign(streams.allocation, i);
        const before = observeSwitching(records, cohort, i, z, t, draws, draws.draw(cohort, i, source, benefit), setup, model, e, true);
        type[i] = t; types[t]++;
        keep(i, z, before);
      }
      cohort.n = N;
      for (let t = 0; t < 4; t++) out.metric[5 + t] = types[t] / N;
      finish(out);
    },
    last: () => ({ cohort, assigned, received, type, dose: new Float64Array(0), missing: new Uint8Array(N), model, setup, records }),
    analyseObserved,
  };

  function clear(out: ReplicateRecord): void { out.rejected.fill(0); out.warning.fill(0); out.metric.fill(0); }

  /** The patient's row of the cohort (for export), from their record. */
  function keep(i: number, z: number, before: number): void {
    const j = records.n - 1;
    assigned[i] = z; received[i] = before;
    cohort.arm[i] = before ? setup.treatment : setup.control;
    cohort.outcome[i] = records.time[j]; cohort.event[i] = records.event[j];
  }

  /** Metrics and every estimator, from the records. */
  function finish(out: ReplicateRecord): void {
    const n = records.n;
    const byZ = [0, 0], took = [0, 0];
    let switched = 0, events = 0, lostCount = 0;
    for (let i = 0; i < n; i++) {
      const z = records.assigned[i];
      byZ[z]++; took[z] += records.before[i];
      if (records.switchAt[i] < Infinity) switched++;
      events += records.event[i];
      // lost: censored without an event before the end of their follow-up (by either dropout)
      if (!records.event[i] && records.time[i] < records.followUp[i]) lostCount++;
    }
    out.metric[0] = n;
    out.metric[1] = byZ[1] > 0 ? took[1] / byZ[1] : 0;
    out.metric[2] = byZ[0] > 0 ? took[0] / byZ[0] : 0;
    out.metric[3] = switched / n;
    out.metric[4] = events;
    out.metric[lostSlot] = lostCount / n;
    setup.estimators.forEach((est, k) => {
      const r = estimators.estimate(est, records);
      if (r.status !== 'ok') {
        out.warning[r.status === 'no-root' ? survivalWarnings.slot.noRoot : survivalWarnings.slot.failed] = 1;
        out.estimate[k] = NaN; out.se[k] = NaN; out.lower[k] = NaN; out.upper[k] = NaN;
        return;
      }
      const half = -normalQuantile(0.5 - level / 2) * r.se;
      out.estimate[k] = r.estimate; out.se[k] = r.se;
      out.lower[k] = r.estimate - half; out.upper[k] = r.estimate + half;
      const p = better === undefined ? 2 * normalCdf(-Math.abs(r.z)) : normalCdf(better === 'lower' ? r.z : -r.z);
      out.rejected[k] = p <= d.analysis.alpha ? 1 : 0;
      writeTest(out, k, r.z, p, NaN, 1);
    });
  }

  /**
   * An observed trial's rows (the columns the export writes: biomarkers,
   * assigned, received (the arm at the start), switched_at (NA: never),
   * time, event, entry) through the same estimators. Compliance types are
   * not observed: their shares are missing.
   */
  function analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
    const r = new ObservedReader(table);
    const arms = setup.armNames;
    const col = {
      assigned: r.column('assigned', `the arm assigned: ${arms.join(', ')}`),
      received: r.column('received', `the arm taken at the start: ${arms.join(', ')}`),
      switched: r.column('switched_at', 'months after entry when the patient switched arm (NA: never)'),
      time: r.column('time', 'months from entry to the event or censoring'),
      event: r.column('event', '1 for an event, 0 for censoring'),
      entry: r.column('entry', 'months from the trial\'s start to the patient\'s entry'),
    };
    clear(out);
    records.n = 0;
    const n = Math.min(N, table.rows.length);
    // the RPSFTM's recensoring reads every randomised patient's potential follow-up: the data must hold the design's
    if (table.rows.length !== N) r.note(`expected the ${N} patients the design randomises (design.sampleSize), found ${table.rows.length} rows`);
    const end = e.accrualDuration + e.followUp;
    for (let i = 0; i < n && r.ok; i++) {
      const z = r.level(i, col.assigned, arms, 'an arm') === setup.treatment ? 1 : 0;
      const before = r.level(i, col.received, arms, 'an arm') === setup.treatment ? 1 : 0;
      const text = table.rows[i][col.switched];
      const switchAt = text === 'NA' || text === '' ? Infinity : r.number(i, col.switched);
      const time = r.number(i, col.time), event = r.integer(i, col.event, 0, 1), entry = r.number(i, col.entry);
      if (switchAt < 0) r.problem(i, col.switched, `expected months after entry (0 or more) or NA, found ${text}`);
      if (time < 0) r.problem(i, col.time, `expected months from entry (0 or more), found ${table.rows[i][col.time]}`);
      if (entry < 0 || entry > end) r.problem(i, col.entry, `expected an entry month from 0 to ${end} (accrual plus follow-up), found ${table.rows[i][col.entry]}`);
      else if (time > end - entry) r.problem(i, col.time, `expected at most ${+(end - entry).toPrecision(6)} months (follow-up ends at month ${end}), found ${table.rows[i][col.time]}`);
      records.push(time, event, z, before, switchAt, e.accrualDuration + e.followUp - entry);
      keep(i, z, before);
    }
    r.done();
    cohort.n = n;
    finish(out);
    for (let t = 0; t < 4; t++) out.metric[5 + t] = NaN;
    return { patients: n, events: out.metric[4] };
  }
}
