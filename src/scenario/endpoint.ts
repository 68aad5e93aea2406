/**
 * Schema of the endpoint section: binary (logit model or a rates table),
 * continuous (normal) and time-to-event (exponential or Weibull).
 */
import { z } from 'zod';
import { coefficients, positive, nonNegative, probability } from './common.js';

const better = z
  .enum(['higher', 'lower'])
  .default('higher')
  .describe('Which direction of the outcome is good for patients (one-sided tests test benefit)');

/** One row of a rates table: the subgroup it covers and the response rate of each arm. */
const rateRow = z.strictObject({
  subgroup: z
    .record(z.string(), z.union([z.number(), z.string()]))
    .default({})
    .describe('Biomarker values defining the row, e.g. { mplus: 1, site: colon }'),
  rates: z.record(z.string(), probability).describe('Arm -> response rate'),
});

const binaryEndpoint = z.strictObject({
  type: z.literal('binary'),
  model: z.enum(['logit', 'rates']).default('logit'),
  intercept: z.number().optional().describe('Control log-odds at all covariates 0 (logit model)'),
  prognostic: coefficients.optional(),
  rates: z.array(rateRow).optional().describe('Response rates by subgroup x arm (rates model)'),
  better,
  label: z.string().optional(),
});

const continuousEndpoint = z.strictObject({
  type: z.literal('continuous'),
  intercept: z.number().default(0).describe('Control mean at all covariates 0'),
  prognostic: coefficients.optional(),
  sd: positive.describe('Residual standard deviation'),
  better,
  unit: z.string().optional(),
  label: z.string().optional(),
});

const timeToEventEndpoint = z.strictObject({
  type: z.literal('time-to-event'),
  distribution: z.enum(['exponential', 'weibull']).default('exponential'),
  baselineHazard: positive.optional().describe('Control hazard (events per month) at all covariates 0; or give median'),
  median: positive.optional().describe('Control median time (months) at all covariates 0; alternative to baselineHazard'),
  shape: positive.default(1).describe('Weibull shape (1 = exponential)'),
  prognostic: coefficients.optional(),
  accrualDuration: positive.describe('Months over which patients enter, uniformly'),
  followUp: nonNegative.describe('Months of follow-up after the last patient enters'),
  dropoutHazard: nonNegative.default(0).describe('Hazard of loss to follow-up (per month)'),
  label: z.string().optional(),
});

export const endpointSchema = z.discriminatedUnion('type', [binaryEndpoint, continuousEndpoint, timeToEventEndpoint]);
export type EndpointSpec = z.infer<typeof endpointSchema>;
