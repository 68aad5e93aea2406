/**
 * Schema of the population section: biomarkers, their correlations (a
 * Gaussian copula) and latent profiles.
 */
import { z } from 'zod';
import { identifier, probability, positive, unitScale, UNIT_SCALE_LIMIT } from './common.js';

const binaryBiomarker = z.strictObject({
  id: identifier,
  type: z.literal('binary'),
  prevalence: probability.describe('Proportion of patients with the marker (value 1)'),
  label: z.string().optional(),
});

const continuousBiomarker = z.strictObject({
  id: identifier,
  type: z.literal('continuous'),
  mean: unitScale.describe(`Mean, in the biomarker's unit; |value| <= ${UNIT_SCALE_LIMIT}`),
  sd: positive.max(UNIT_SCALE_LIMIT).describe(`Standard deviation; at most ${UNIT_SCALE_LIMIT}`),
  label: z.string().optional(),
  unit: z.string().optional(),
});

const categoricalBiomarker = z.strictObject({
  id: identifier,
  type: z.literal('categorical'),
  levels: z
    .record(identifier, probability)
    .describe('Level name -> probability; the probabilities sum to 1; the first level is the reference'),
  label: z.string().optional(),
});

export const biomarkerSchema = z.discriminatedUnion('type', [binaryBiomarker, continuousBiomarker, categoricalBiomarker]);

const correlation = z.strictObject({
  between: z.tuple([identifier, identifier]),
  rho: z.number().min(-1).max(1).describe('Correlation of the two latent normal variables (Gaussian copula)'),
});

/** How a latent profile shifts a biomarker's distribution within that profile. */
const profileBiomarker = z.strictObject({
  prevalence: probability.optional(),
  mean: unitScale.optional(),
  sd: positive.max(UNIT_SCALE_LIMIT).optional(),
  levels: z.record(identifier, probability).optional(),
});

const profile = z.strictObject({
  id: identifier,
  prevalence: probability,
  label: z.string().optional(),
  biomarkers: z
    .record(identifier, profileBiomarker)
    .optional()
    .describe('Biomarker distributions within this profile, overriding the population-level ones'),
});

export const populationSchema = z.strictObject({
  biomarkers: z.array(biomarkerSchema).default([]),
  correlations: z.array(correlation).default([]),
  profiles: z
    .array(profile)
    .optional()
    .describe('Latent profiles (mixture classes): unobserved subtypes with their own biomarker distributions and effects'),
});

export type BiomarkerSpec = z.infer<typeof biomarkerSchema>;
export type PopulationSpec = z.infer<typeof populationSchema>;
