/**
 * Schema of the parallel-group design: two arms, or several arms each
 * compared with a control.
 */
import { z } from 'zod';
import { identifier, positive, positiveInteger, alpha, sided } from '../common.js';

export const testNames = ['z-pooled', 'z-unpooled', 'chi-square', 'fisher', 'welch-t', 't', 'log-rank'] as const;

const primaryAnalysis = z.strictObject({
  test: z.enum(testNames),
  alpha: alpha.default(0.05),
  sided: sided.default('two'),
  correct: z.boolean().default(false).describe('Yates continuity correction (chi-square only)'),
  confidence: z.number().gt(0).lt(1).default(0.95).describe('Confidence level of the intervals'),
});

const subgroup = z.union([
  identifier,
  z.strictObject({ biomarker: identifier, cutpoint: z.number().describe('Patients with value >= cutpoint form the "high" subgroup') }),
]);

export const randomisationSchema = z.strictObject({
  method: z.enum(['simple', 'permuted-block']).default('permuted-block'),
  blockSize: positiveInteger.optional().describe('Patients per block; a multiple of the sum of the allocation ratios'),
  strata: z.array(identifier).default([]).describe('Binary or categorical biomarkers to stratify the blocks by'),
});

export const parallelDesignSchema = z.strictObject({
  type: z.enum(['two-arm', 'parallel']),
  sampleSize: positiveInteger,
  control: identifier.optional().describe('The control arm (default: the arm named "control", else the first arm)'),
  allocation: z.record(identifier, positive).optional().describe('Allocation ratio by arm (default 1:1:...)'),
  randomisation: randomisationSchema.default({ method: 'permuted-block', strata: [] }),
  analysis: z.strictObject({
    primary: primaryAnalysis,
    subgroups: z.array(subgroup).default([]).describe('Prespecified subgroup analyses'),
  }),
});

export type ParallelDesignSpec = z.infer<typeof parallelDesignSchema>;
export type RandomisationSpec = z.infer<typeof randomisationSchema>;
