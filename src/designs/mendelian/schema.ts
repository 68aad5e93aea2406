/**
 * Schema of the Mendelian randomisation design: genetic variants (additive
 * allele counts) that shift an exposure, the exposure's causal effect on an
 * outcome, an unmeasured confounder of both, and optional pleiotropy (a
 * variant's direct effect on the outcome), observed in one cohort or in two
 * independent samples (exposure and outcome GWAS). Estimators: per-variant
 * ratios, IVW, MR-Egger, weighted median, and the confounded observational
 * regression for contrast (Davey Smith & Ebrahim 2003; Burgess &
 * Thompson, Mendelian Randomization, 2nd ed. 2021).
 */
import { z } from 'zod';
import type { Scenario } from '../../scenario/schema.js';
import { identifier, alpha, positiveInteger, MAX_SAMPLE_SIZE } from '../../scenario/common.js';

const effect = z.number().min(-100).max(100);

export const mrEstimators = ['ivw', 'egger', 'weighted-median', 'observational'] as const;
export type MrEstimator = (typeof mrEstimators)[number];

const variant = z.strictObject({
  id: identifier,
  frequency: z.number().gt(0).lt(1).describe('Effect-allele frequency (Hardy-Weinberg: 0, 1, 2 copies)'),
  exposure: effect.describe('Change in the exposure per allele (in the exposure\'s unit)'),
  pleiotropy: effect.default(0).describe('Direct change in the outcome per allele, not through the exposure (violates the exclusion restriction)'),
});

export const mendelianDesignSchema = z.strictObject({
  type: z.literal('mendelian'),
  variants: z.array(variant).min(1).max(1000).describe('The genetic variants used as instruments'),
  effect: effect.describe('Causal effect of one unit of exposure on the outcome: the estimand'),
  exposureSd: z.number().gt(0).max(1e6).default(1).describe('Residual sd of the exposure'),
  outcomeSd: z.number().gt(0).max(1e6).default(1).describe('Residual sd of the outcome'),
  confounder: z.strictObject({
    exposure: effect.default(0).describe('Effect of a standard normal confounder on the exposure'),
    outcome: effect.default(0).describe('Its effect on the outcome'),
  }).default({ exposure: 0, outcome: 0 }),
  sampleSize: positiveInteger.max(MAX_SAMPLE_SIZE).describe('People in the cohort (one sample) or in each of the two samples'),
  samples: z.enum(['one', 'two']).default('two').describe('one: exposure and outcome measured on the same people; two: variant-exposure and variant-outcome associations from independent samples'),
  estimators: z.array(z.enum(mrEstimators)).min(1).max(mrEstimators.length).default([...mrEstimators])
    .describe('ivw (multiplicative random effects), egger (with its intercept test of directional pleiotropy), weighted-median (bootstrap SE), observational (regression of outcome on exposure: confounded)'),
  bootstraps: positiveInteger.max(100_000).default(1000).describe('Parametric bootstrap draws for the weighted median\'s standard error'),
  alpha: alpha.default(0.05).describe('Two-sided level of each test'),
});

export type MendelianDesignSpec = z.infer<typeof mendelianDesignSchema>;
export type MendelianScenario = Scenario<MendelianDesignSpec>;
