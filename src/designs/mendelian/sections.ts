/**
 * The Mendelian randomisation design's summary section (what `describe`
 * returns), as summary.json's schema reads it: the plan in brief.
 */
import { z } from 'zod';

export const mendelianSections = z.strictObject({
  mendelian: z.strictObject({
    planned: z.literal(true).describe('Planning values, not simulated ones'),
    variants: z.number().describe('Genetic variants used as instruments'),
    samples: z.enum(['one', 'two']).describe('One sample, or two independent samples (exposure and outcome GWAS)'),
    sampleSize: z.number().describe('People in the cohort, or in each of the two samples'),
    effect: z.number().describe('The true causal effect of the exposure on the outcome'),
    pleiotropy: z.enum(['present', 'none']).describe('Whether any variant acts on the outcome other than through the exposure'),
    truth: z.string().describe('How the true effect was obtained'),
  }).describe('The plan'),
});

export type MendelianSections = z.input<typeof mendelianSections>;
