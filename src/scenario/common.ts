/**
 * Building blocks shared by the scenario schema's sections.
 */
import { z } from 'zod';

/** An identifier a trialist types: biomarker, arm, profile or substudy name. */
export const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a name of letters, digits, "_" or "-", starting with a letter');

/**
 * Bounds of continuous parameters: far beyond any trial, close enough that no
 * value can overflow a double inside the simulation.
 * - Log-odds and log-hazard scale, |x| <= 50: e^50 is about 5e21, an odds or
 *   hazard ratio no biology gives, and logistic(50) is 1 to double precision,
 *   so a larger value changes no simulated outcome; it is a typo (an intercept
 *   of 1e308 ran and wrote summaries full of nulls).
 * - The user's own unit (continuous endpoints and biomarkers), |x| <= 1e9:
 *   room for counts and costs, while sums of squares over millions of
 *   patients stay far below the double range.
 * - Time (months or whatever unit the scenario uses), <= 1e4: 833 years of
 *   accrual or follow-up; rate x time stays finite (follow-up of 1e160
 *   overflowed an exact sum in a worker).
 * - Rates (events per time unit), <= 1e4: a median below 1e-4 time units.
 */
export const LOG_SCALE_LIMIT = 50;
export const UNIT_SCALE_LIMIT = 1e9;
export const TIME_LIMIT = 1e4;
export const RATE_LIMIT = 1e4;

/** A coefficient, mean or difference in the user's own unit (a continuous endpoint), or on a log scale (checked tighter against the endpoint). */
export const unitScale = z.number().min(-UNIT_SCALE_LIMIT).max(UNIT_SCALE_LIMIT);
/** A value on the log-odds or log-hazard scale. */
export const logScale = z.number().min(-LOG_SCALE_LIMIT).max(LOG_SCALE_LIMIT);
/** A duration in the scenario's time unit (months in the shipped scenarios). */
export const duration = z.number().min(0).max(TIME_LIMIT);
/** Events (or losses to follow-up) per time unit. */
export const rate = z.number().max(RATE_LIMIT);

/** The largest seed: every whole number up to it is exact in a double, so no two seeds share streams. */
export const MAX_SEED = 2 ** 53 - 1;

export const probability = z.number().min(0).max(1);
export const positive = z.number().positive();
export const nonNegative = z.number().min(0);
export const positiveInteger = z.number().int().positive();

/** Most patients one trial (or one basket, substudy or arm of it) may plan: far beyond any trial run, short of arrays that cannot be allocated. */
export const MAX_SAMPLE_SIZE = 1_000_000;
export const sampleSize = positiveInteger.max(MAX_SAMPLE_SIZE);

/**
 * Coefficients of a linear predictor keyed by term: a binary or continuous
 * biomarker id (`age`), a categorical level (`site=colon`) or a latent
 * profile id (`valve`).
 */
export const coefficients = z
  .record(z.string(), unitScale)
  .describe(`Coefficients on the linear-predictor scale, keyed by biomarker id, "biomarker=level" for a categorical level, or latent profile id; |value| <= ${LOG_SCALE_LIMIT} on the log-odds or log-hazard scale, <= ${UNIT_SCALE_LIMIT} in a continuous endpoint's unit`);

export const alpha = z.number().gt(0).lt(1);
export const sided = z.enum(['one', 'two']);
