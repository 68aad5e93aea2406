/**
 * Schema of the population section: biomarkers, their correlations (a
 * Gaussian copula) and latent profiles.
 */
import { z } from 'zod';
import { identifier, probability, positive, unitScale, UNIT_SCALE_LIMIT } from './common.js';

/**
 * List lengths: far beyond any trial's (a genomic panel has hundreds of
 * markers), short of the sizes whose tables and correlation matrices would
 * exhaust a laptop before anything could be said.
 */
const MAX_BIOMARKERS = 1000;
export const MAX_LEVELS = 1000;
const MAX_PROFILES = 100;

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
    .refine((l) => Object.keys(l).length <= MAX_LEVELS, { message: `expected at most ${MAX_LEVELS} levels` })
    .describe(`Level name -> probability; the probabilities sum to 1; the first level is the reference; at most ${MAX_LEVELS} levels`),
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
  biomarkers: z.array(biomarkerSchema).max(MAX_BIOMARKERS).default([]).describe(`At most ${MAX_BIOMARKERS} biomarkers`),
  correlations: z.array(correlation).max(10_000).default([]).describe('Pairwise correlations on the Gaussian-copula scale (at most 10,000 pairs)'),
  profiles: z
    .array(profile)
    .max(MAX_PROFILES)
    .optional()
    .describe('Latent profiles (mixture classes): unobserved subtypes with their own biomarker distributions and effects'),
});

export type BiomarkerSpec = z.infer<typeof biomarkerSchema>;
export type PopulationSpec = z.infer<typeof populationSchema>;
