/**
 * Builds the umbrella simulator: the population, routing and, per run (the
 * umbrella itself and, when asked for, the same patients as separate
 * two-arm trials), the targets, allocation, look sizes and testing plan.
 */
import type { UmbrellaScenario } from './schema.js';
import { compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { umbrellaSetup, lookSizes, type UmbrellaSetup } from './setup.js';
import type { Calibration } from './calibration.js';
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

/** The umbrella simulator over a prepared calibration (see prepare.ts). */
export function buildUmbrella(s: UmbrellaScenario, calibration: Calibration) {
  const setup = umbrellaSetup(s);
  const configs = trialConfigs(setup);
  const model = buildOutcomeModel(s);
  const ctx: TrialContext = { scenario: s, setup, model, router: buildRouter(setup.design.overlap, calibration.prevalence) };
  const screening = buildScreening(setup, compilePopulation(s.population), model, s.population.biomarkers.length);
  return { setup, calibration, ctx, screening, trials: configs.map((c) => buildTrial(ctx, c)), configs };
}
