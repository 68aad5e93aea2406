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
import { identifier, alpha, sided, sampleSize, probability, coefficients } from '../../scenario/common.js';
import { randomisationSchema } from '../../scenario/design-parts.js';

export const complianceTypes = ['never-taker', 'always-taker', 'defier'] as const;
export type ComplianceType = 'complier' | (typeof complianceTypes)[number];

const typeModel = z.strictObject({
  share: probability.describe('Probability of this type for a patient with every biomarker at 0 and no benefit (the intercept of a multinomial logit against compliers)'),
  biomarkers: coefficients.optional().describe('Log odds ratios of this type against complier per unit of a biomarker (key as in prognostic coefficients)'),
  benefit: z.number().min(-1000).max(1000).optional()
    .describe('Log odds ratio against complier per unit of the patient\'s own benefit (treatment minus control mean, in the outcome\'s unit or as a probability difference): selection on gains'),
});

export const estimators = ['itt', 'as-treated', 'per-protocol', 'iv-wald', 'iv-2sls', 'ipw-itt'] as const;
export type Estimator = (typeof estimators)[number];
/** Without covariates 2SLS is the Wald ratio, so it is asked for by name. */
const defaultEstimators: Estimator[] = ['itt', 'as-treated', 'per-protocol', 'iv-wald'];

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
  }).describe('Compliance types and their probabilities'),
  dropout: z.strictObject({
    share: probability.describe('Probability that a patient\'s outcome is missing, at every biomarker 0, on control and (MNAR) an outcome of 0: the intercept of a logistic model'),
    biomarkers: coefficients.optional().describe('Log odds ratios of a missing outcome per unit of a biomarker (missing at random given it)'),
    treatment: z.number().min(-50).max(50).default(0).describe('Log odds ratio of a missing outcome for patients who took the treatment (missing at random given the arm received)'),
    outcome: z.number().min(-50).max(50).default(0).describe('Log odds ratio per unit of the patient\'s own outcome, unobserved when missing: missing not at random'),
  }).optional().describe('Missing outcomes (dropout): every estimator then uses the complete cases; ipw-itt reweights them'),
  analysis: z.strictObject({
    estimators: z.array(z.enum(estimators)).min(1).max(estimators.length).default(defaultEstimators)
      .describe('itt (by assignment), as-treated (by arm received), per-protocol (those who took their assignment), iv-wald (the Wald ratio: 2SLS with assignment as instrument), iv-2sls (2SLS with covariates), ipw-itt (with dropout: ITT on the complete cases weighted by the inverse of each one\'s fitted probability of being observed given assignment, arm received and the covariates)'),
    covariates: z.array(identifier).default([]).describe('Biomarkers entering the 2SLS as exogenous covariates (binary or continuous)'),
    alpha: alpha.default(0.05),
    sided: sided.default('two'),
    confidence: probability.gt(0).lt(1).default(0.95),
    ivWithDefiers: z.boolean().default(false)
      .describe('Report IV estimates although defiers break monotonicity (they then estimate ITT / (P(complier) − P(defier)), not the LATE); refused otherwise'),
  }).default({ estimators: defaultEstimators, covariates: [], alpha: 0.05, sided: 'two', confidence: 0.95, ivWithDefiers: false }),
});

export type NoncomplianceDesignSpec = z.infer<typeof noncomplianceDesignSchema>;
export type NoncomplianceScenario = Scenario<NoncomplianceDesignSpec>;
