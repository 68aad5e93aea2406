/**
 * True values of the regression models' estimates.
 *
 * The truth is the scenario's conditional effect on the model's scale, read
 * off the arms' linear predictors (exact, no Monte Carlo error): the
 * treatment coefficient is the arm-minus-control effect with every biomarker
 * at 0 or its reference level, an interaction coefficient is the arm's
 * interaction minus control's, a main effect is control's coefficient, and
 * the conditional effect at biomarker value v is b_t + b_int·v (other
 * interacting biomarkers at their reference). When the model contains every
 * term the scenario uses, the fit is correctly specified and these are the
 * values its estimates converge to.
 *
 * Otherwise the model is misspecified (it omits a prognostic or predictive
 * biomarker, an interaction, or latent profiles) and, for logistic and Cox
 * models, non-collapsible: omitting even an independent prognostic factor
 * shrinks the conditional coefficients toward 0 (Gail, Wieand & Piantadosi
 * 1984, Biometrika 71:431-444). Bias and coverage against the scenario's
 * values then measure that misspecification; the values the fit does
 * converge to (pseudo-true, see pseudo-true.ts) are stored as `pseudo:<id>`
 * for the summary's `models` section. A rates-table endpoint has no linear
 * predictor: its truth is the pseudo-true value.
 */
import type { ParallelScenario } from './schema.js';
import type { RunStreams } from '../../random/stream.js';
import type { TruthTable, TrueValue, EstimateInfo } from '../types.js';
import { linearCombination, type CoefficientTable, type FailedFit } from '../../stats/regression/index.js';
import { parallelSetup, type ParallelSetup } from './setup.js';
import { resolveModels, type ResolvedModel } from './model-setup.js';
import { modelLayout, normKey, type ModelSlots } from './model-layout.js';
import { armPredictors, difference, varies, type ArmPredictor } from './roles.js';
import { pseudoTrueFit } from './pseudo-true.js';

/** Every model's slots with the ids they report (a layout of the models alone). */
export function modelSlotsOf(s: ParallelScenario, setup: ParallelSetup = parallelSetup(s)): { slots: ModelSlots[]; estimates: EstimateInfo[] } {
  const lists = { hypotheses: [], estimates: [] as EstimateInfo[], warnings: [] };
  return { slots: modelLayout(s, setup, resolveModels(s, setup), lists), estimates: lists.estimates };
}

/** The scenario's coefficients in the model's columns (NaN for the intercept). */
export function scenarioCoefficients(s: ParallelScenario, model: ResolvedModel, predictors: ArmPredictor[], arm: number, control: number): Float64Array {
  const beta = new Float64Array(model.p).fill(NaN);
  const a = predictors[arm], c = predictors[control];
  let treatment = a.constant - c.constant;
  s.population.biomarkers.forEach((m, j) => { if (m.type === 'categorical') treatment += a.markers[j][0] - c.markers[j][0]; });
  beta[model.treatmentColumn] = treatment;
  for (const t of model.terms) {
    const d = difference(a.markers[t.marker], c.markers[t.marker]);
    const ctl = c.markers[t.marker];
    const shift = t.kind === 'categorical' ? 1 : 0;
    t.main.forEach((col, l) => (beta[col] = ctl[l + shift] - (shift ? ctl[0] : 0)));
    t.interaction.forEach((col, l) => (beta[col] = d[l + shift] - (shift ? d[0] : 0)));
  }
  return beta;
}

/** Why the model cannot recover the scenario's conditional coefficients (empty when it can). */
export function misspecification(s: ParallelScenario, model: ResolvedModel, predictors: ArmPredictor[] | null, arm: number, control: number): string[] {
  if (!predictors) return ['the endpoint is a rates table, which has no linear predictor'];
  const reasons: string[] = [];
  const a = predictors[arm], c = predictors[control];
  s.population.biomarkers.forEach((m, j) => {
    const categorical = m.type === 'categorical';
    const term = model.terms.find((t) => t.marker === j);
    if (!term && varies(c.markers[j], categorical)) reasons.push(`omits prognostic biomarker ${m.id}`);
    if ((!term || !term.interacts) && varies(difference(a.markers[j], c.markers[j]), categorical)) reasons.push(`omits the treatment x ${m.id} interaction`);
  });
  if (varies(c.profiles, true) || varies(difference(a.profiles, c.profiles), true)) reasons.push('latent profiles change the outcome or the effect, and are not observed');
  return reasons;
}

function fromFit(fit: CoefficientTable | FailedFit, contrast: { column: number; weight: number }[]): TrueValue {
  const e = linearCombination(fit, contrast);
  return e.ok ? { value: e.estimate, mcse: e.standardError } : { value: NaN, mcse: NaN };
}

/** Truth of every model estimate (and of the norm keys judging multi-df tests), plus `pseudo:` values for misspecified models. */
export function modelTruth(s: ParallelScenario, streams: RunStreams): TruthTable {
  const setup = parallelSetup(s);
  if (setup.design.analysis.models.length === 0) return {};
  const { slots, estimates } = modelSlotsOf(s, setup);
  const predictors = armPredictors(s);
  const truth: TruthTable = {};
  slots.forEach((slot, index) => {
    const { model, arm } = slot;
    const exact = predictors ? scenarioCoefficients(s, model, predictors, arm, setup.control) : null;
    const pseudo = misspecification(s, model, predictors, arm, setup.control).length > 0 ? pseudoTrueFit(s, streams, setup, model, arm, index) : null;
    const value = (contrast: { column: number; weight: number }[]): TrueValue =>
      exact ? { value: contrast.reduce((sum, k) => sum + k.weight * exact[k.column], 0), mcse: 0 } : fromFit(pseudo!, contrast);
    const record = (id: string, contrast: { column: number; weight: number }[]) => {
      truth[id] = value(contrast);
      if (pseudo) truth[`pseudo:${id}`] = fromFit(pseudo, contrast);
    };
    for (const k of slot.coefficients) record(estimates[k.estimate].id, [{ column: k.column, weight: 1 }]);
    slot.points.forEach((e, j) => record(estimates[e].id, model.points[j].contrast));
    const norm = (kind: 'main' | 'interaction', columns: number[], biomarker: string) => {
      if (columns.length < 2) return;
      const parts = columns.map((column) => value([{ column, weight: 1 }]));
      truth[normKey(slot.prefix, kind, biomarker)] = {
        value: Math.hypot(...parts.map((p) => p.value)), mcse: Math.hypot(...parts.map((p) => p.mcse)),
      };
    };
    for (const t of model.terms) { norm('main', t.main, t.id); norm('interaction', t.interaction, t.id); }
  });
  return truth;
}
