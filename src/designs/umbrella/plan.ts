/**
 * Builds the umbrella simulator: the population, routing and, per run (the
 * umbrella itself and, when asked for, the same patients as separate
 * two-arm trials), the targets, allocation, look sizes and testing plan.
 */
import type { Scenario } from '../../scenario/schema.js';
import { UserError } from '../../scenario/errors.js';
import { compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { umbrellaSetup, lookSizes, type UmbrellaSetup } from './setup.js';
import { calibrate, type Calibration } from './calibration.js';
import { buildRouter } from './route.js';
import { testingPlan } from './testing.js';
import { buildTrial, type TrialConfig, type TrialContext } from './trial.js';
import { buildScreening } from './screen.js';

/** Planned drug and control patients of a substudy with this target and ratio. */
export function plannedArms(target: number, [d, c]: [number, number]) {
  return { drug: (target * d) / (d + c), control: (target * c) / (d + c) };
}

/** The separate two-arm trials' targets: the umbrella's planned drug patients, with their own controls at ratio d:c. */
export function separateTargets(setup: UmbrellaSetup, [d, c]: [number, number]): number[] {
  return setup.substudies.map((sub) => Math.max(2, Math.round((plannedArms(sub.target, sub.ratios).drug * (d + c)) / d)));
}

export function trialConfigs(setup: UmbrellaSetup): TrialConfig[] {
  const d = setup.design;
  const allConcurrent = d.control.sharing === 'shared' && d.control.compareWith === 'all-concurrent';
  const umbrella: TrialConfig = {
    targets: setup.substudies.map((x) => x.target),
    ratios: setup.substudies.map((x) => x.ratios),
    looks: setup.substudies.map((x) => lookSizes(x.target, setup.fractions)),
    allConcurrent,
    testing: testingPlan(d, setup.fractions, d.analysis.multiplicity, setup.substudies.map((x) => plannedArms(x.target, x.ratios)), allConcurrent),
  };
  if (!setup.sideBySide) return [umbrella];
  const ratio = setup.sideBySide;
  const targets = separateTargets(setup, ratio);
  const separate: TrialConfig = {
    targets,
    ratios: targets.map(() => ratio),
    looks: targets.map((t) => lookSizes(t, setup.fractions)),
    allConcurrent: false,
    testing: testingPlan(d, setup.fractions, 'none', targets.map((t) => plannedArms(t, ratio)), false),
  };
  return [umbrella, separate];
}

/** Refuses a trial that could never end: an unreachable substudy and no screening cap. */
function checkReachable(setup: UmbrellaSetup, cal: Calibration): void {
  const cap = setup.design.screening.cap;
  if (cap?.patients !== undefined || cap?.months !== undefined) return;
  setup.substudies.forEach((sub, k) => {
    if (cal.reachable[k]) return;
    const what = k === setup.nonMatch ? 'no patient left unmatched' : `no patient matching "${sub.rule}"`;
    throw new UserError(`design.substudies: substudy "${sub.id}" can never fill: ${what} among ${cal.patients.toLocaleString('en')} simulated screened patients; add design.screening.cap (patients or months) or change its eligibility`);
  });
}

export function buildUmbrella(s: Scenario) {
  const setup = umbrellaSetup(s);
  const calibration = calibrate(s, setup);
  checkReachable(setup, calibration);
  const configs = trialConfigs(setup);
  const model = buildOutcomeModel(s);
  const ctx: TrialContext = { scenario: s, setup, model, router: buildRouter(setup.design.overlap, calibration.prevalence) };
  const screening = buildScreening(setup, compilePopulation(s.population), model, s.population.biomarkers.length);
  return { setup, calibration, ctx, screening, trials: configs.map((c) => buildTrial(ctx, c)), configs };
}
