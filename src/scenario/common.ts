/**
 * Building blocks shared by the scenario schema's sections.
 */
import { z } from 'zod';

/** An identifier a trialist types: biomarker, arm, profile or substudy name. */
export const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a name of letters, digits, "_" or "-", starting with a letter');

export const probability = z.number().min(0).max(1);
export const positive = z.number().positive();
export const nonNegative = z.number().min(0);
export const positiveInteger = z.number().int().positive();

/**
 * Coefficients of a linear predictor keyed by term: a binary or continuous
 * biomarker id (`age`), a categorical level (`site=colon`) or a latent
 * profile id (`valve`).
 */
export const coefficients = z
  .record(z.string(), z.number())
  .describe('Coefficients on the linear-predictor scale, keyed by biomarker id, "biomarker=level" for a categorical level, or latent profile id');

export const alpha = z.number().gt(0).lt(1);
export const sided = z.enum(['one', 'two']);
