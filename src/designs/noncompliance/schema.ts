/**
 * Schema of the non-compliance design: a two-arm randomised trial in which
 * not every patient takes the arm they were assigned. Each virtual patient
 * has a compliance type (Angrist, Imbens & Rubin 1996): complier (takes what
 * they are assigned), never-taker, always-taker, or defier; its probability
 * may depend on biomarkers and on the patient's own benefit (selection on
 * gains). Outcomes follow the arm received (exclusion restriction), so the
 * intention-to-treat effect, the complier average causal effect (LATE) and
 * the average treatment effect differ when effects vary between patients.
 */
import { z } from 'zod';
import type { Scenario } from '../../scenario/schema.js';
import { identifier, alpha, sided, sampleSize, probability, coefficients, positive, TIME_LIMIT, RATE_LIMIT } from '../../scenario/common.js';
import { randomisationSchema } from '../../scenario/design-parts.js';

export const complianceTypes = ['never-taker', 'always-taker', 'defier'] as const;
export type ComplianceType = 'complier' | (typeof complianceTypes)[number];

const typeModel = z.strictObject({
  share: probability.describe('Probability of this type for a patient with every biomarker at 0 and no benefit (the intercept of a multinomial logit against compliers)'),
  biomarkers: coefficients.optional().describe('Log odds ratios of this type against complier per unit of a biomarker (key as in prognostic coefficients)'),
  benefit: z.number().min(-1000).max(1000).optional()
    .describe('Log odds ratio against complier per unit of the patient\'s own benefit (treatment minus control mean, in the outcome\'s unit or as a probability difference; for time-to-event minus the log hazard ratio): selection on gains'),
});

/**
 * Cross-over at a time (time-to-event endpoints): patients who start on one
 * arm switch to the other during follow-up, at a fixed time after entry or
 * at an exponential time, if still event-free and followed; the hazard then
 * becomes the new arm's (Latimer et al. 2014, NICE DSU TSD 16).
 */
const crossoverSchema = z.strictObject({
  to: z.enum(['treatment', 'control']).default('treatment')
    .describe('The arm patients switch to: treatment (control patients start the treatment, e.g. at progression) or control (treated patients stop it)'),
  share: probability.describe('Probability that a patient starting on the other arm switches when their time comes, at every biomarker 0 and no benefit (the intercept of a logistic model)'),
  biomarkers: coefficients.optional().describe('Log odds ratios of switching per unit of a biomarker'),
  benefit: z.number().min(-1000).max(1000).optional().describe('Log odds ratio of switching per unit of the patient\'s own benefit (minus the log hazard ratio)'),
  after: positive.max(TIME_LIMIT).optional().describe('Months after entry at which switchers switch'),
  hazard: positive.max(RATE_LIMIT).optional().describe('Or: switch times exponential with this rate per month'),
}).describe('Cross-over at a time during follow-up (time-to-event endpoints)');

/**
 * Partial adherence (Efron & Feldman 1991; Angrist & Imbens 1995): instead
 * of a compliance type, each patient takes a fraction A of the dose if
 * assigned the treatment (none on control), Beta-distributed with mean
 * logistic(logit(mean) + β'x + γ · benefit) and a + b = concentration; the
 * outcome follows the control mean plus f(A) times the patient's full-dose
 * effect, f a dose-response with f(0) = 0 and f(1) = 1.
 */
const doseResponse = z.discriminatedUnion('shape', [
  z.strictObject({ shape: z.literal('linear') }).describe('Effect proportional to the fraction of the dose taken'),
  z.strictObject({
    shape: z.literal('emax'),
    ed50: z.number().gt(0).max(100).describe('Fraction of the full dose giving half the maximal effect (before rescaling so the full dose gives the full effect)'),
  }).describe('Emax curve f(a) = a (1 + ED50) / (a + ED50): most of the effect from part of the dose when ED50 is small'),
]);

const adherenceSchema = z.strictObject({
  mean: probability.gt(0).describe('Mean fraction of the dose taken by a patient assigned the treatment, at every biomarker 0 and no benefit (1: everyone takes it all)'),
  concentration: z.number().positive().max(1000).default(10)
    .describe('a + b of the Beta distribution of the fraction taken, at most 1000 (then the fraction varies by about ±0.03 around its mean): large puts everyone near the mean, 1 or less makes most take almost all or almost none'),
  biomarkers: coefficients.optional().describe('Log odds ratios of the mean fraction taken per unit of a biomarker'),
  benefit: z.number().min(-1000).max(1000).optional()
    .describe('Log odds ratio of the mean fraction taken per unit of the patient\'s own full-dose benefit: selection on gains'),
  doseResponse: doseResponse.default({ shape: 'linear' }).describe('How the effect grows with the fraction of the dose taken'),
  adherent: probability.gt(0).default(0.8).describe('Fraction of the dose at or above which a patient assigned the treatment counts as adherent (the per-protocol set)'),
}).describe('Partial adherence: a continuous fraction of the dose taken, instead of compliance types');

export type AdherenceSpec = z.infer<typeof adherenceSchema>;

export const estimators = ['itt', 'as-treated', 'per-protocol', 'iv-wald', 'iv-2sls', 'ipw-itt', 'rpsft'] as const;
export type Estimator = (typeof estimators)[number];
/** Without covariates 2SLS is the Wald ratio, so it is asked for by name. */
export const defaultEstimators: Estimator[] = ['itt', 'as-treated', 'per-protocol', 'iv-wald'];
/** Time-to-event: the RPSFTM in place of the Wald ratio. */
export const defaultSurvivalEstimators: Estimator[] = ['itt', 'as-treated', 'per-protocol', 'rpsft'];

export const noncomplianceDesignSchema = z.strictObject({
  type: z.literal('noncompliance'),
  control: identifier.optional().describe('The control arm (assignment Z = 0; default: the arm named "control", else the first); the other arm is the treatment'),
  sampleSize: sampleSize.describe('Patients randomised'),
  allocation: z.record(identifier, z.number().positive().max(1000)).optional().describe('Arm -> allocation ratio (default 1:1)'),
  randomisation: randomisationSchema.default({ method: 'permuted-block', strata: [] }),
  compliance: z.strictObject({
    complier: z.strictObject({ share: probability }).optional().describe('Optional: the compliers\' share, which must then make the shares sum to 1 (by default it is what the others leave)'),
    'never-taker': typeModel.optional().describe('Takes the control whatever the assignment'),
    'always-taker': typeModel.optional().describe('Takes the treatment whatever the assignment'),
    defier: typeModel.optional().describe('Takes the opposite of the assignment (breaks monotonicity: LATE is then not identified)'),
  }).optional().describe('Compliance types and their probabilities (or give adherence instead)'),
  adherence: adherenceSchema.optional(),
  dropout: z.strictObject({
    share: probability.optional().describe('Binary and continuous endpoints: probability that a patient\'s outcome is missing, at every biomarker 0, on control and (MNAR) an outcome of 0: the intercept of a logistic model'),
    hazard: positive.max(RATE_LIMIT).optional().describe('Time-to-event endpoints: hazard of loss to follow-up per month, at every biomarker 0, on control and at the baseline event hazard (censoring at the dropout time)'),
    biomarkers: coefficients.optional().describe('Log odds (time-to-event: log hazard) ratios of dropping out per unit of a biomarker (missing at random given it)'),
    treatment: z.number().min(-50).max(50).default(0).describe('Log odds (hazard) ratio of dropping out for patients who took the treatment (at the start, for time-to-event)'),
    outcome: z.number().min(-50).max(50).default(0).describe('Log odds ratio per unit of the patient\'s own outcome, unobserved when missing (time-to-event: log hazard ratio of dropping out per unit of the patient\'s own log event hazard, so those at higher risk are lost more often): missing not at random, informative censoring'),
  }).optional().describe('Missing outcomes (dropout): every estimator then uses the complete cases (time-to-event: censored at dropout); ipw-itt reweights them'),
  crossover: crossoverSchema.optional(),
  analysis: z.strictObject({
    estimators: z.array(z.enum(estimators)).min(1).max(estimators.length).optional()
      .describe('itt (by assignment), as-treated (by arm received; with adherence the least-squares slope of the outcome on the fraction taken), per-protocol (those who took their assignment; with adherence the adherent against control), iv-wald (the Wald ratio: 2SLS with assignment as instrument; with adherence per full dose), iv-2sls (2SLS with covariates), ipw-itt (with dropout: ITT on the complete cases weighted by the inverse of each one\'s fitted probability of being observed given assignment, arm received and the covariates), rpsft (time-to-event: the rank-preserving structural failure time model, g-estimated, as a hazard ratio). Default: itt, as-treated, per-protocol and iv-wald (time-to-event: rpsft)'),
    covariates: z.array(identifier).default([]).describe('Biomarkers entering the 2SLS as exogenous covariates (binary or continuous)'),
    alpha: alpha.default(0.05),
    sided: sided.default('two'),
    confidence: probability.gt(0).lt(1).default(0.95),
    ivWithDefiers: z.boolean().default(false)
      .describe('Report IV estimates although defiers break monotonicity (they then estimate ITT / (P(complier) − P(defier)), not the LATE); refused otherwise'),
  }).default({ covariates: [], alpha: 0.05, sided: 'two', confidence: 0.95, ivWithDefiers: false }),
});

export type NoncomplianceDesignSpec = z.infer<typeof noncomplianceDesignSchema>;
export type NoncomplianceScenario = Scenario<NoncomplianceDesignSpec>;
