/**
 * One MAMS trial. Each stage enrols its planned patients on the control and
 * on every arm still in the trial (fixed quotas, as the design is analysed:
 * Magirr, Jaki & Whitehead 2012), then compares each arm with the control
 * by a z statistic on the cumulative data: an arm at or above the efficacy
 * bound is rejected, at or below the futility bound dropped; with
 * simultaneous stopping the first crossing ends the trial; at a selection
 * stage only the best arms by z go on. Estimates are naive (the arm's last
 * analysis, no correction for the looks): their bias is part of the report.
 */
import { newRecord, writeTest, type ReplicateRecord, type SimulationPlan } from '../types.js';
import { normalUpper } from '../../stats/distributions.js';
import type { ReplicateStreams } from '../../random/stream.js';
import { patientTable, type PatientTable } from '../../population/export.js';
import { cohortFromRows } from '../../population/observed-cohort.js';
import { ObservedReader, type ObservedTable } from '../../scenario/observed.js';
import type { MamsScenario } from './schema.js';
import type { MamsPrepared } from './prepare.js';
import type { RandomSource } from '../../random/stream.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { confidenceLevel } from '../../stats/proportions.js';
import { mamsSetup, type MamsSetup } from './setup.js';
import { mamsLayout } from './layout.js';
import { armComparison, type ArmSums } from './compare.js';

/**
 * One trial's stages and decisions, whatever supplies each stage's patients:
 * `addStage(arm, j, count)` adds stage j's patients of an arm to the sums
 * (drawn from the model when simulating; the observed rows of that stage
 * when analysing a trial's data).
 */
function stagesAndDecisions(s: MamsScenario, setup: MamsSetup, bounds: MamsPrepared, sums: ArmSums) {
  const compare = armComparison(s, setup, confidenceLevel(s.design.confidence));
  const { experimental, control } = setup;
  const K = experimental.length;
  const J = setup.armStage.length;
  const stopping = s.design.stopping;
  const selectAfter = new Set((s.design.selection?.after ?? []).map((j) => j - 1));
  const keep = s.design.selection?.keep ?? K;
  const active = new Uint8Array(K);
  const z = new Float64Array(K);
  const order = Array.from({ length: K }, (_, k) => k);
  const metric = { sampleSize: 0, stages: 1, ended: 2, patients: 2 + J };
  return (addStage: (arm: number, j: number, count: number) => void, out: ReplicateRecord): void => {
    out.rejected.fill(0);
    out.selected.fill(-1);
    active.fill(1);
    let remaining = K, stage = 0;
    for (let j = 0; j < J && remaining > 0; j++) {
      stage = j;
      addStage(control, j, setup.controlStage[j]);
      for (let k = 0; k < K; k++) if (active[k]) addStage(experimental[k], j, setup.armStage[j]);
      for (let k = 0; k < K; k++) {
        if (!active[k]) continue;
        z[k] = compare(sums, experimental[k], k, out);
        // The arm's test at its last analysis is the one reported: each later stage it stays for overwrites it (its p-value follows the stages, where read).
        out.statistic[k] = z[k];
        out.look[k] = j + 1;
      }
      if (j < J - 1) out.selected[1 + j] = best(active, z, K);
      let crossed = -1;
      for (let k = 0; k < K; k++) {
        if (!active[k]) continue;
        if (z[k] >= bounds.upper[j]) {
          out.rejected[k] = 1;
          if (crossed < 0 || z[k] > z[crossed]) crossed = k;
        }
        if (z[k] >= bounds.upper[j] || z[k] <= bounds.lower[j] || j === J - 1) { active[k] = 0; remaining--; }
      }
      if (crossed >= 0 && out.selected[0] < 0) out.selected[0] = crossed;
      if (crossed >= 0 && stopping === 'simultaneous') { active.fill(0); remaining = 0; }
      if (selectAfter.has(j) && remaining > keep) remaining = keepBest(active, z, order, keep);
    }
    let n = 0;
    for (let a = 0; a < setup.arms.length; a++) { out.metric[metric.patients + a] = sums.n[a]; n += sums.n[a]; }
    out.metric[metric.sampleSize] = n;
    out.metric[metric.stages] = stage + 1;
    for (let j = 0; j < J; j++) out.metric[metric.ended + j] = j === stage ? 1 : 0;
    if (out.testsRead) for (let k = 0; k < K; k++) if (out.look[k] > 0) writeTest(out, k, out.statistic[k], normalUpper(out.statistic[k]), NaN, out.look[k]);
  };
}

/** A simulated trial: its patients (with the stage each entered) and its record. */
/** `potentialOutcomes`: keep each patient's coupling draw, so an export can give their outcome under every arm (the same draws either way). */
function simulatedTrial(s: MamsScenario, bounds: MamsPrepared, potentialOutcomes = false) {
  const setup = mamsSetup(s);
  const enrol = enroller(s, setup, potentialOutcomes);
  const run = stagesAndDecisions(s, setup, bounds, enrol.sums);
  return {
    setup, enrol,
    simulate(streams: ReplicateStreams, out: ReplicateRecord): void {
      enrol.reset(streams.patients);
      run((arm, j, count) => enrol.stage(arm, j, count), out);
    },
  };
}

export function planMams(s: MamsScenario, bounds: MamsPrepared): SimulationPlan {
  const trial = simulatedTrial(s, bounds);
  return { layout: mamsLayout(trial.setup), simulate: (streams, out) => trial.simulate(streams, out) };
}

/** One replicate's patients exactly as analysed, with the stage each entered. */
export function mamsPatients(s: MamsScenario, bounds: MamsPrepared, streams: ReplicateStreams): PatientTable {
  const trial = simulatedTrial(s, bounds, true);
  trial.simulate(streams, newRecord(mamsLayout(trial.setup)));
  const table = patientTable(s, trial.enrol.model, trial.enrol.cohort);
  table.columns.push('stage');
  table.rows.forEach((row, i) => row.push(trial.enrol.stageOf[i]));
  return table;
}

/**
 * The observed trial's patient rows (with each one's `stage`) through the
 * same stages and decisions: each stage adds the rows of that stage for the
 * arms still in the trial. Rows of an arm in a stage after it left are
 * refused: the data do not follow the design's rules.
 */
export function analyseMams(s: MamsScenario, bounds: MamsPrepared, table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
  const setup = mamsSetup(s);
  const r = new ObservedReader(table);
  const cohort = cohortFromRows(s, setup.arms, r);
  const J = setup.armStage.length;
  const stageColumn = r.column('stage', `the stage each patient entered (1 to ${J})`);
  const stageOf = new Int32Array(cohort.n);
  for (let i = 0; i < cohort.n && r.ok; i++) stageOf[i] = r.integer(i, stageColumn, 1, J);
  r.done();
  const ids = table.rows.map((_, i) => i);
  const sums: ArmSums = { n: new Float64Array(setup.arms.length), sum: new Float64Array(setup.arms.length), sumSq: new Float64Array(setup.arms.length) };
  const used = new Uint8Array(cohort.n);
  stagesAndDecisions(s, setup, bounds, sums)((arm, j) => {
    for (let i = 0; i < cohort.n; i++) {
      if (cohort.arm[i] !== arm || stageOf[i] !== j + 1) continue;
      const y = cohort.outcome[i];
      sums.n[arm]++; sums.sum[arm] += y; sums.sumSq[arm] += y * y;
      used[i] = 1;
    }
  }, out);
  const unused = ids.filter((i) => !used[i]);
  for (const i of unused.slice(0, 5)) r.problem(i, stageColumn, `the patient's arm ${setup.arms[cohort.arm[i]]} was no longer in the trial at stage ${stageOf[i]} (dropped, selected out or the trial stopped): the stages cannot be replayed`);
  if (unused.length > 5) r.note(`... and ${unused.length - 5} more patients in arms no longer in the trial`);
  r.done();
  return { patients: cohort.n };
}

/** The active arm with the highest z, or -1. */
function best(active: Uint8Array, z: Float64Array, K: number): number {
  let top = -1;
  for (let k = 0; k < K; k++) if (active[k] && (top < 0 || z[k] > z[top])) top = k;
  return top;
}

/** Keeps the `keep` active arms with the highest z (ties to the earlier arm); returns how many remain. */
function keepBest(active: Uint8Array, z: Float64Array, order: number[], keep: number): number {
  order.sort((a, b) => (active[b] - active[a]) || (z[b] - z[a]) || (a - b));
  for (let i = keep; i < order.length; i++) active[order[i]] = 0;
  let n = 0;
  for (let k = 0; k < active.length; k++) n += active[k];
  return n;
}


/** Draws patients (biomarkers, then the outcome under their arm) from the replicate's patient stream. */
function enroller(s: MamsScenario, setup: MamsSetup, potentialOutcomes: boolean) {
  const model = buildOutcomeModel(s);
  const drawOutcome = potentialOutcomes ? model.drawOutcome : model.drawObserved;
  const K = setup.experimental.length;
  const total = setup.geometry.controlSizes.at(-1)! + K * setup.geometry.armSizes.at(-1)!;
  const cohort = new Cohort(total, s.population.biomarkers.length);
  let current: RandomSource = () => 0;
  const source: RandomSource = () => current();
  const normal = normalSampler(source);
  const drawPatient = biomarkerSampler(compilePopulation(s.population), source, normal);
  const A = setup.arms.length;
  const sums: ArmSums = { n: new Float64Array(A), sum: new Float64Array(A), sumSq: new Float64Array(A) };
  const stageOf = new Int32Array(total);
  // Patients who are only their arm, and no export reading them: the stage's outcomes go straight into the
  // arm's sums (the same draws and the same additions, in order), without the cohort nothing reads.
  const ofArm = potentialOutcomes ? undefined : model.observedOfArm;
  const stageOfArm = (arm: number, count: number) => {
    let n = sums.n[arm], sum = sums.sum[arm], sumSq = sums.sumSq[arm];
    for (let c = 0; c < count; c++) {
      const y = ofArm!(source, normal, arm);
      n++; sum += y; sumSq += y * y;
    }
    sums.n[arm] = n; sums.sum[arm] = sum; sums.sumSq[arm] = sumSq;
    cohort.n += count;
  };
  return {
    cohort, sums, model, stageOf,
    reset(patients: RandomSource) {
      current = patients;
      normal.reset();
      cohort.n = 0;
      sums.n.fill(0); sums.sum.fill(0); sums.sumSq.fill(0);
    },
    stage(arm: number, j: number, count: number) {
      if (ofArm) return stageOfArm(arm, count);
      for (let c = 0; c < count; c++) {
        const i = cohort.n++;
        stageOf[i] = j + 1;
        drawPatient(cohort, i);
        cohort.arm[i] = arm;
        drawOutcome(source, normal, cohort, i);
        const y = cohort.outcome[i];
        sums.n[arm]++; sums.sum[arm] += y; sums.sumSq[arm] += y * y;
      }
    },
  };
}
