/**
 * The response-adaptive design's summary section (what `describe`
 * returns), as summary.json's schema reads it: the adaptive plan in words
 * and numbers.
 */
import { z } from 'zod';

const thresholds = z.union([z.number(), z.array(z.number())]).describe('A posterior probability threshold, or one per analysis');

const withMargin = z.strictObject({
  threshold: thresholds,
  margin: z.number().optional().describe('The margin on the effect scale'),
});

export const responseAdaptiveSections = z.strictObject({
  adaptive: z.strictObject({
    planned: z.literal(true).describe('Planning values, not simulated ones'),
    analyses: z.array(z.number()).describe('Patients at each analysis (the last at the sample size)'),
    analysesCount: z.string().describe('What the analysis sizes count'),
    allocation: z.string().describe('The allocation rule in words'),
    control: z.string().describe('The control arm, or that every arm competes'),
    controlShare: z.union([z.number(), z.string()]).nullable().describe('The control\'s allocation (a probability or a rule); null without a control'),
    superiority: thresholds.nullable().describe('P(best) at which an arm is declared best; null: no such stop'),
    inferiority: thresholds.nullable().describe('P(best) below which an arm is dropped; null: no such rule'),
    equivalence: withMargin.nullable().describe('The equivalence rule; null: none'),
    futility: withMargin.nullable().describe('The futility rule; null: none'),
    onSuperiority: z.string().describe('What follows a superiority stop'),
    onDrop: z.string().describe('What follows a dropping rule'),
    drift: z.string().nullable().describe('The time drift in words; null: none'),
    periodAdjusted: z.boolean().describe('Whether the analysis adjusts for period'),
    posterior: z.string().describe('The posterior and how its probabilities are computed'),
    truth: z.string().describe('How the true effects were obtained'),
  }).describe('The adaptive plan'),
});

export type ResponseAdaptiveSections = z.input<typeof responseAdaptiveSections>;
