/**
 * The screening process that feeds one or more trials (the umbrella and,
 * side by side, the same patients as separate two-arm trials). Arrivals are
 * a Poisson process at `ratePerMonth` (exponential gaps), or regular gaps
 * of 1/ratePerMonth; each screened patient's biomarker test fails with
 * probability `testFailure`. Screening goes on while any trial has an open
 * substudy, until the cap (patients or months) or a safety limit.
 *
 * Every screened patient draws the same things from the patients stream
 * (arrival gap, test failure, biomarkers, the outcome draw) whether enrolled
 * or not, so designs over the same population screen the same patients in
 * the same order (common random numbers), and each trial sees the same
 * patients whether or not the other runs beside it.
 */
import type { RandomSource } from '../../random/stream.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, type CompiledPopulation } from '../../population/biomarkers.js';
import type { OutcomeModel } from '../../population/outcomes.js';
import type { UmbrellaSetup } from './setup.js';
import type { Trial } from './trial.js';
import { matchPattern } from './calibration.js';

/** Safety limit on patients screened in one trial when no cap stops it. */
export const SCREENING_LIMIT = 10_000_000;

export interface Screening {
  /** Screens patients for the trials, each randomising from its own allocation stream; returns whether the safety limit stopped it. */
  run(trials: readonly Trial[], patients: RandomSource, allocations: readonly RandomSource[]): boolean;
}

export function buildScreening(setup: UmbrellaSetup, population: CompiledPopulation, model: OutcomeModel, biomarkerCount: number): Screening {
  const { ratePerMonth: rate, testFailure: failure, arrivals, cap } = setup.design.screening;
  const poisson = arrivals === 'poisson';
  const capPatients = Math.min(cap?.patients ?? Infinity, SCREENING_LIMIT);
  const capMonths = cap?.months ?? Infinity;
  const row = new Cohort(1, biomarkerCount);
  return {
    run(trials, patients, allocations) {
      const normal = normalSampler(patients);
      const draw = biomarkerSampler(population, patients, normal);
      for (const t of trials) t.begin();
      let time = 0, screened = 0, capped = false;
      for (;;) {
        let anyOpen = false;
        for (const t of trials) anyOpen ||= t.isOpen();
        if (!anyOpen) break;
        if (screened >= capPatients) { capped = true; break; }
        // Regular arrivals are timed by multiplication, so the cap is not missed by rounding.
        const next = poisson ? time - Math.log(1 - patients()) / rate : (screened + 1) / rate;
        if (next > capMonths) { time = capMonths; capped = true; break; }
        time = next;
        screened++;
        const failed = patients() < failure;
        draw(row, 0);
        model.drawLatent(patients, normal, row, 0);
        const mask = failed ? 0 : matchPattern(setup, row, 0);
        for (let k = 0; k < trials.length; k++) if (trials[k].isOpen()) trials[k].offer(row, time, failed, mask, allocations[k]);
      }
      for (const t of trials) t.finish(capped, time);
      return screened >= SCREENING_LIMIT;
    },
  };
}
