/**
 * Schema of the endpoint section: binary (logit model or a rates table),
 * continuous (normal) and time-to-event (exponential or Weibull).
 */
import { z } from 'zod';
import { coefficients, positive, probability, unitScale, logScale, duration, rate, TIME_LIMIT, RATE_LIMIT, UNIT_SCALE_LIMIT, LOG_SCALE_LIMIT } from './common.js';

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
  intercept: logScale.optional().describe(`Control log-odds at all covariates 0 (logit model); |value| <= ${LOG_SCALE_LIMIT}`),
  prognostic: coefficients.optional(),
  rates: z.array(rateRow).optional().describe('Response rates by subgroup x arm (rates model)'),
  better,
  label: z.string().optional(),
});

const continuousEndpoint = z.strictObject({
  type: z.literal('continuous'),
  intercept: unitScale.default(0).describe(`Control mean at all covariates 0; |value| <= ${UNIT_SCALE_LIMIT}`),
  prognostic: coefficients.optional(),
  sd: positive.max(UNIT_SCALE_LIMIT).describe(`Residual standard deviation; at most ${UNIT_SCALE_LIMIT}`),
  better,
  unit: z.string().optional(),
  label: z.string().optional(),
});

const timeToEventEndpoint = z.strictObject({
  type: z.literal('time-to-event'),
  distribution: z.enum(['exponential', 'weibull']).default('exponential'),
  baselineHazard: positive.max(RATE_LIMIT).optional().describe(`Control hazard (events per month) at all covariates 0, at most ${RATE_LIMIT}; or give median`),
  median: positive.max(TIME_LIMIT).optional().describe(`Control median time (months) at all covariates 0, at most ${TIME_LIMIT}; alternative to baselineHazard`),
  // Shapes of real event times lie between about 0.3 and 5; outside [0.1, 10] powers such as median^(1/shape) leave the double range.
  shape: z.number().min(0.1).max(10).default(1).describe('Weibull shape (1 = exponential), from 0.1 to 10'),
  prognostic: coefficients.optional(),
  accrualDuration: positive.max(TIME_LIMIT).describe(`Months over which patients enter, uniformly; at most ${TIME_LIMIT}`),
  followUp: duration.describe(`Months of follow-up after the last patient enters; at most ${TIME_LIMIT}`),
  dropoutHazard: rate.min(0).default(0).describe(`Hazard of loss to follow-up (per month); at most ${RATE_LIMIT}`),
  better: z.enum(['higher', 'lower']).default('higher')
    .describe('higher: longer times are better (survival, time to progression); lower: shorter times are better (time to recovery); one-sided tests test benefit'),
  label: z.string().optional(),
});

/** Largest mean count per unit of exposure: counts are drawn by inverse cdf, walking from the mode. */
export const COUNT_RATE_LIMIT = 1000;

const countEndpoint = z.strictObject({
  type: z.literal('count'),
  distribution: z.enum(['poisson', 'negative-binomial']).default('poisson'),
  rate: positive.max(COUNT_RATE_LIMIT).describe(`Control events per unit of exposure (e.g. exacerbations per patient-year) at all covariates 0; at most ${COUNT_RATE_LIMIT}`),
  dispersion: positive.max(100).optional().describe('Negative binomial: Var(Y) = μ + dispersion μ² (dispersion = 1/θ, the gamma frailty\'s variance); required for negative-binomial'),
  exposure: z.union([
    positive.max(100).describe('Every patient followed for this long (e.g. 1 year)'),
    z.strictObject({ min: positive.max(100), max: positive.max(100) }).describe('Follow-up uniform between min and max (e.g. staggered entry to a common end)'),
  ]).default(1).describe('Each patient\'s exposure time, the offset of the rate model'),
  prognostic: coefficients.optional(),
  better: z.enum(['higher', 'lower']).default('lower').describe('Fewer events are better by default (exacerbations, relapses); one-sided tests test benefit'),
  unit: z.string().optional(),
  label: z.string().optional(),
});

export const endpointSchema = z.discriminatedUnion('type', [binaryEndpoint, continuousEndpoint, timeToEventEndpoint, countEndpoint]);
export type EndpointSpec = z.infer<typeof endpointSchema>;
