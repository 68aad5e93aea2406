/**
 * Facts about the population that the design needs before simulating, from a
 * fixed calibration sample (stream `calibration` of the run's seed, so every
 * worker computes the same values):
 * - how often each pattern of eligibility occurs (for rarest-first routing);
 * - whether each substudy's drug is under its sharp null: no eligible patient
 *   has a different outcome probability, mean or hazard under the drug than
 *   under the control (Fisher's sharp null). Family-wise error and
 *   disjunctive/conjunctive power are counted over these.
 */
import type { UmbrellaScenario } from './schema.js';
import type { RunStreams } from '../../random/stream.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import type { UmbrellaSetup } from './setup.js';

export const CALIBRATION_PATIENTS = 100_000;

export interface Calibration {
  patients: number;
  /** Patients (test not considered) by the bit pattern of rule-based substudies they match. */
  patternCounts: Float64Array;
  /** Share of patients matching each rule-based substudy's rule. */
  prevalence: number[];
  /** Per substudy (non-match included): whether the drug is under the sharp null in its eligible population. */
  sharpNull: boolean[];
  /** Per substudy: whether any calibration patient was eligible. */
  reachable: boolean[];
}

/** The bit pattern of rule-based substudies patient i matches. */
export function matchPattern(setup: UmbrellaSetup, c: Cohort, i: number): number {
  let mask = 0;
  for (let k = 0; k < setup.ruleCount; k++) if (setup.substudies[k].eligible!(c, i)) mask |= 1 << k;
  return mask;
}

export function calibrate(s: UmbrellaScenario, streams: RunStreams, setup: UmbrellaSetup, patients = CALIBRATION_PATIENTS): Calibration {
  const source = streams.calibration();
  const normal = normalSampler(source);
  const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
  const model = buildOutcomeModel(s);
  const cohort = new Cohort(1, s.population.biomarkers.length);
  const S = setup.substudies.length;
  const patternCounts = new Float64Array(1 << setup.ruleCount);
  const maxGap = new Float64Array(S);
  const eligibleCount = new Float64Array(S);
  const failure = setup.design.screening.testFailure;
  for (let n = 0; n < patients; n++) {
    draw(cohort, 0);
    model.drawLatent(source, normal, cohort, 0);
    const mask = matchPattern(setup, cohort, 0);
    patternCounts[mask]++;
    for (let k = 0; k < S; k++) {
      const isNonMatch = k === setup.nonMatch;
      const member = isNonMatch ? mask === 0 || (setup.screenFailuresToNonMatch && failure > 0) : (mask >> k) & 1;
      if (!member) continue;
      eligibleCount[k]++;
      const sub = setup.substudies[k];
      const gap = Math.abs(model.mean(cohort, 0, sub.drug) - model.mean(cohort, 0, sub.control));
      if (gap > maxGap[k]) maxGap[k] = gap;
    }
  }
  const prevalence = setup.substudies.slice(0, setup.ruleCount).map((_, k) => {
    let m = 0;
    for (let p = 0; p < patternCounts.length; p++) if ((p >> k) & 1) m += patternCounts[p];
    return m / patients;
  });
  return {
    patients, patternCounts, prevalence,
    sharpNull: Array.from(maxGap, (g) => g <= 1e-12),
    reachable: Array.from(eligibleCount, (n) => n > 0),
  };
}
