/**
 * Schema of the arms section: each arm's effect on the linear predictor and
 * its interactions with biomarkers (predictive effects).
 */
import { z } from 'zod';
import { identifier, coefficients, unitScale, LOG_SCALE_LIMIT, UNIT_SCALE_LIMIT } from './common.js';

export const armSchema = z.strictObject({
  effect: unitScale
    .default(0)
    .describe(`Main effect on the linear-predictor scale (log-odds, mean, or log-hazard) against the reference arm; |value| <= ${LOG_SCALE_LIMIT} on the log scales, <= ${UNIT_SCALE_LIMIT} for a mean`),
  interactions: coefficients
    .optional()
    .describe('Arm x biomarker interaction coefficients: the predictive part of the effect'),
  label: z.string().optional(),
});

export const armsSchema = z
  .record(identifier, armSchema)
  .describe('Treatment arms by name; each patient has a potential outcome under every arm');

export type ArmSpec = z.infer<typeof armSchema>;
