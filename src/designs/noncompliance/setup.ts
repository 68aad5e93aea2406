/**
 * What the non-compliance design needs, resolved once: the control and
 * treatment arms, the estimators reported, and the compliance model — a
 * multinomial logit of each non-complier type against compliers,
 *   log P(type) / P(complier) = log(share_type / share_complier) + β'x + γ · benefit,
 * where benefit is the patient's own treatment-minus-control mean. With no
 * biomarker or benefit terms the shares are the probabilities.
 */
import type { NoncomplianceScenario, Estimator, ComplianceType } from './schema.js';
import { complianceTypes, defaultEstimators, defaultSurvivalEstimators } from './schema.js';
import { controlArm } from '../../scenario/design-parts.js';
import { compilePredictor, evaluate, type Predictor } from '../../population/predictor.js';
import type { Cohort } from '../../population/cohort.js';
import { logistic, logit } from '../../stats/distributions.js';

/** Type indices: 0 complier, 1 never-taker, 2 always-taker, 3 defier. */
export const TYPES: readonly ComplianceType[] = ['complier', ...complianceTypes];
export const COMPLIER = 0, NEVER = 1, ALWAYS = 2, DEFIER = 3;

export interface ComplianceModel {
  /** Writes the four type probabilities of patient i (benefit: their treatment-minus-control mean) into `out`. */
  probabilities(c: Cohort, i: number, benefit: number, out: Float64Array): void;
  /** Whether any type's probability depends on the patient (biomarkers or benefit). */
  varies: boolean;
}

export interface NoncomplianceSetup {
  armNames: string[];
  control: number;
  treatment: number;
  estimators: Estimator[];
  compliance: ComplianceModel;
  /** Shares of the types as given (complier: what the others leave); all compliers with adherence. */
  shares: number[];
  /** Partial adherence instead of compliance types, or null. */
  adherence: AdherenceModel | null;
  /** Time-to-event endpoint. */
  survival: boolean;
  /**
   * A patient's own benefit from their means under treatment and control:
   * the difference (binary, continuous), or minus the log hazard ratio
   * (time-to-event), so that positive is better for the patient.
   */
  benefitOf(treated: number, control: number): number;
  /** Cross-over at a time, or null. */
  crossover: CrossoverModel | null;
}

export interface CrossoverModel {
  /** The arm index switched to; patients starting on the other arm may switch. */
  to: number;
  /** P(patient i switches when their time comes). */
  probability(c: Cohort, i: number, benefit: number): number;
  /** Months after entry at which switchers switch, or NaN with `hazard`. */
  after: number;
  /** Rate of exponential switch times, or NaN with `after`. */
  hazard: number;
}

/** The estimators reported: as listed, or the defaults (with the RPSFTM in place of the Wald ratio for time-to-event). */
export function estimatorsOf(s: NoncomplianceScenario): Estimator[] {
  return s.design.analysis.estimators ?? (s.endpoint?.type === 'time-to-event' ? defaultSurvivalEstimators : defaultEstimators);
}

function crossoverModel(s: NoncomplianceScenario, control: number, treatment: number): CrossoverModel | null {
  const x = s.design.crossover;
  if (!x) return null;
  const predictor = compilePredictor(s, logit(x.share), x.biomarkers);
  const gain = x.benefit ?? 0;
  return {
    to: x.to === 'control' ? control : treatment,
    probability: (c, i, benefit) => logistic(evaluate(predictor, c, i) + gain * benefit),
    after: x.after ?? NaN,
    hazard: x.hazard ?? NaN,
  };
}

export interface AdherenceModel {
  /** Mean fraction of the dose patient i takes if assigned the treatment (benefit: their full-dose effect). */
  mean(c: Cohort, i: number, benefit: number): number;
  /** a + b of the Beta distribution of the fraction taken. */
  concentration: number;
  /** f(a): the share of the full-dose effect a patient taking fraction a gets (f(0) = 0, f(1) = 1). */
  response(a: number): number;
  /** Whether the dose-response is linear (moments in closed form). */
  linear: boolean;
  /** The fraction at or above which a patient counts as adherent. */
  adherent: number;
}

function adherenceModel(s: NoncomplianceScenario): AdherenceModel | null {
  const a = s.design.adherence;
  if (!a) return null;
  const predictor = compilePredictor(s, logit(a.mean), a.biomarkers);
  const gain = a.benefit ?? 0;
  const dr = a.doseResponse;
  return {
    mean: (c, i, benefit) => logistic(evaluate(predictor, c, i) + gain * benefit),
    concentration: a.concentration,
    response: dr.shape === 'linear' ? (x) => x : (x) => (x * (1 + dr.ed50)) / (x + dr.ed50),
    linear: dr.shape === 'linear',
    adherent: a.adherent,
  };
}

export function complierShare(s: NoncomplianceScenario): number {
  const c = s.design.compliance ?? {};
  return c.complier?.share ?? 1 - complianceTypes.reduce((t, k) => t + (c[k]?.share ?? 0), 0);
}

export function noncomplianceSetup(s: NoncomplianceScenario): NoncomplianceSetup {
  const armNames = Object.keys(s.arms ?? {});
  const control = armNames.indexOf(controlArm(s.design, armNames));
  const treatment = control === 0 ? 1 : 0;
  const spec = s.design.compliance ?? {};
  const survival = s.endpoint?.type === 'time-to-event';
  const base = complierShare(s);
  const shares = [base, ...complianceTypes.map((k) => spec[k]?.share ?? 0)];
  const models: { type: number; predictor: Predictor; benefit: number }[] = complianceTypes.flatMap((k, j) => {
    const m = spec[k];
    if (!m || m.share === 0) return [];
    return [{ type: j + 1, predictor: compilePredictor(s, Math.log(m.share / base), m.biomarkers), benefit: m.benefit ?? 0 }];
  });
  const varies = models.some((m) => m.benefit !== 0 || Object.keys(spec[TYPES[m.type] as (typeof complianceTypes)[number]]?.biomarkers ?? {}).length > 0);
  return {
    armNames, control, treatment, shares, adherence: adherenceModel(s),
    estimators: estimatorsOf(s),
    survival,
    benefitOf: survival ? (treated, untreated) => Math.log(untreated / treated) : (treated, untreated) => treated - untreated,
    crossover: crossoverModel(s, control, treatment),
    compliance: {
      varies,
      probabilities(c, i, benefit, out) {
        // A softmax with the complier's log odds 0, shifted by the largest so that no exponential overflows.
        out.fill(-Infinity);
        out[COMPLIER] = 0;
        let top = 0;
        for (const m of models) { out[m.type] = evaluate(m.predictor, c, i) + m.benefit * benefit; top = Math.max(top, out[m.type]); }
        let total = 0;
        for (let t = 0; t < 4; t++) { out[t] = Math.exp(out[t] - top); total += out[t]; }
        for (let t = 0; t < 4; t++) out[t] /= total;
      },
    },
  };
}
