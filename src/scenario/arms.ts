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

/** Far beyond any platform trial's arms, short of designs whose comparisons could not be reported. */
export const MAX_ARMS = 100;

export const armsSchema = z
  .record(identifier, armSchema)
  .refine((a) => Object.keys(a).length <= MAX_ARMS, { message: `expected at most ${MAX_ARMS} arms` })
  .describe(`Treatment arms by name (at most ${MAX_ARMS}); each patient has a potential outcome under every arm`);

export type ArmSpec = z.infer<typeof armSchema>;
