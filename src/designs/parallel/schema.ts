/**
 * Schema of the parallel-group design: two arms, or several arms each
 * compared with a control.
 */
import { z } from 'zod';
import type { Scenario } from '../../scenario/schema.js';
import { sampleSize, identifier, positive, positiveInteger, alpha, sided, MAX_SAMPLE_SIZE } from '../../scenario/common.js';
import { testNames, randomisationSchema } from '../../scenario/design-parts.js';

/** Adjustment of the overall comparisons (two or more arms against control) for multiplicity. */
export const multiplicitySchema = z.strictObject({
  method: z.enum(['bonferroni', 'holm', 'hochberg', 'hommel', 'sidak', 'sidak-step-down', 'dunnett', 'dunnett-step-down', 'fixed-sequence', 'graphical'])
    .describe('hommel is closed testing with Simes tests; dunnett uses the z statistics and arm sizes (normal approximation); graphical is Bretz et al. (2009) with Bonferroni tests'),
  order: z.array(identifier).optional().describe('fixed-sequence: the arms in testing order (default: arm order)'),
  weights: z.record(identifier, z.number().min(0).max(1)).optional().describe('graphical: initial share of alpha by arm, summing to 1'),
  transitions: z.record(identifier, z.record(identifier, z.number().min(0).max(1))).optional()
    .describe('graphical: arm -> { arm: share of its alpha passed on when it is rejected }; each row sums to at most 1'),
});

const primaryAnalysis = z.strictObject({
  test: z.enum(testNames),
  alpha: alpha.default(0.05),
  sided: sided.default('two'),
  correct: z.boolean().default(false).describe('Yates continuity correction (chi-square only)'),
  confidence: z.number().gt(0).lt(1).default(0.95).describe('Confidence level of the intervals'),
  multiplicity: multiplicitySchema.optional().describe('Family-wise control across the overall comparisons with control (two or more)'),
  events: positiveInteger.max(MAX_SAMPLE_SIZE).optional().describe('Time-to-event: analyse when this many events have occurred, cutting follow-up there (the calendar time is reported); default: at the end of follow-up'),
});

const subgroup = z.union([
  identifier,
  z.strictObject({ biomarker: identifier, cutpoint: z.number().describe('Patients with value >= cutpoint form the "high" subgroup') }),
]);

/**
 * A regression model fitted to every replicate: treatment, biomarker main
 * effects, treatment x biomarker interactions and adjustment covariates
 * (outcome ~ treatment * (biomarkers) + adjust, in R's notation).
 */
export const modelSchema = z.strictObject({
  id: identifier.optional().describe('Name of the model in result ids (default: its type, numbered if several share one)'),
  type: z.enum(['logistic', 'linear', 'cox']).optional().describe('Default by endpoint: logistic (binary), linear (continuous), cox (time-to-event)'),
  biomarkers: z.array(identifier).default([]).describe('Biomarkers entering with a main effect'),
  interactions: z.array(identifier).optional().describe('Biomarkers (among biomarkers) entering with a treatment x biomarker interaction (default: all of them)'),
  adjust: z.array(identifier).default([]).describe('Adjustment covariates: main effect only'),
  test: z.enum(['wald', 'lr', 'both']).default('both').describe('Test of each interaction: Wald, likelihood ratio, or both'),
  ties: z.enum(['efron', 'breslow']).optional().describe('Tie handling of the Cox model (default efron)'),
  alpha: alpha.optional().describe('Two-sided level of the model tests (default: the primary alpha)'),
  at: z.record(identifier, z.array(z.number()).min(1)).optional()
    .describe('Biomarker values at which to estimate the conditional treatment effect (default: 0 and 1 for binary, the 10/25/50/75/90% quantiles for continuous, every level for categorical)'),
});

export const parallelDesignSchema = z.strictObject({
  type: z.enum(['two-arm', 'parallel']),
  sampleSize: sampleSize,
  control: identifier.optional().describe('The control arm (default: the arm named "control", else the first arm)'),
  allocation: z.record(identifier, positive).optional().describe('Allocation ratio by arm (default 1:1:...)'),
  randomisation: randomisationSchema.default({ method: 'permuted-block', strata: [] }),
  simulate: z.enum(['patients', 'counts']).optional()
    .describe('patients (default): every patient is drawn; counts: a binary endpoint\'s numbers of patients and responders per arm and subgroup are drawn directly (the same distribution, other replicates; discrete biomarkers only, no regression models or quotas); much faster'),
  quotas: z.strictObject({
    biomarker: identifier.describe('A binary or categorical biomarker'),
    sizes: z.record(z.string(), z.number().int().min(0).max(MAX_SAMPLE_SIZE))
      .describe('Patients to enrol at each level (binary: "0" and "1"; categorical: level names), adding up to sampleSize'),
  }).optional().describe('Enrol exactly these numbers per biomarker level (patients of a full level are screened out) instead of as they come'),
  analysis: z.strictObject({
    primary: primaryAnalysis,
    subgroups: z.array(subgroup).default([]).describe('Prespecified subgroup analyses'),
    models: z.array(modelSchema).max(20).default([]).describe('Regression models with treatment x biomarker interactions, fitted to every replicate'),
  }),
});

export type ParallelDesignSpec = z.infer<typeof parallelDesignSchema>;
export type ModelSpec = z.infer<typeof modelSchema>;
export type MultiplicitySpec = z.infer<typeof multiplicitySchema>;

/** A checked scenario with a parallel-group design. */
export type ParallelScenario = Scenario<ParallelDesignSpec>;
