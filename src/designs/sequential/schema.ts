/**
 * Schema of the STAR*D-style sequential design: treatment levels 1..L, each
 * with its options; patients who do not remit at one level move to the next,
 * where they are randomised among the options they find acceptable
 * (equipoise-stratified randomisation, Lavori et al. 2001).
 */
import { z } from 'zod';
import type { Scenario } from '../../scenario/schema.js';
import { sampleSize, logScale, duration, unitScale, identifier, probability, positive, positiveInteger, coefficients, alpha, sided, UNIT_SCALE_LIMIT } from '../../scenario/common.js';

/** A probability that is either one number or one number per latent profile. */
const probabilityByProfile = z
  .union([probability, z.record(identifier, probability)])
  .describe('A probability, or a mapping from every latent profile id to its probability');

const remission = z.strictObject({
  rate: probabilityByProfile
    .optional()
    .describe('Remission probability at all covariate terms 0 and no prior failures (or one per profile: a table)'),
  logOdds: logScale.optional().describe('Remission log-odds at all covariate terms 0 and no prior failures; alternative to rate'),
  effects: coefficients.optional().describe('Added to the log-odds: profile effects and covariate terms'),
});

const option = z.strictObject({
  id: identifier.describe('Name of the option, unique within its level'),
  label: z.string().optional(),
  treatment: identifier.describe('The treatment given (for augment: the treatment added to the current one); a key of design.treatments'),
  strategy: z.enum(['switch', 'augment']).default('switch').describe('switch: stop the current treatment; augment: add to it'),
  group: identifier.optional().describe('Acceptability category named in acceptance sets (default: the strategy)'),
  after: z
    .array(identifier)
    .optional()
    .describe("Options of the previous level this option may follow (default: any); e.g. augmenting only the drug it was given with"),
  weight: positive.default(1).describe('Randomisation weight among the options a patient accepts (default 1: equal)'),
  intolerance: probability.default(0).describe('Probability of stopping for side effects: no remission, moves on to the next level'),
  remission,
});

const acceptanceSet = z.strictObject({
  accepts: z.array(identifier).min(1).max(100).describe('Option ids or groups (switch, augment, ...) this set of patients accepts'),
  probability: probabilityByProfile.describe('Share of level entrants with this acceptable set (per profile if a mapping)'),
});

const level = z.strictObject({
  id: identifier,
  label: z.string().optional(),
  weeks: duration.positive().default(12).describe('Duration of the level in weeks, for the timeline'),
  dropout: probability.default(0).describe('Probability of leaving the study during the level, before the remission assessment'),
  declineNext: probability
    .default(0)
    .describe('Probability that a patient who did not remit leaves instead of entering the next level'),
  relapse: probability.default(0).describe('Probability that a patient who remits at this level relapses during follow-up'),
  acceptance: z
    .array(acceptanceSet)
    .optional()
    .describe('Acceptable sets and their probabilities, summing to 1 (per profile); default: every patient accepts every option'),
  options: z.array(option).min(1).max(50),
});

const comparison = z.strictObject({
  level: identifier,
  compare: z.tuple([identifier, identifier]).describe('Two options (or groups of options, e.g. switch and augment) randomised at this level'),
});

const analysis = z.strictObject({
  alpha: alpha.default(0.05),
  sided: sided.default('two').describe('one: the first of each pair better (higher remission)'),
  confidence: z.number().gt(0).lt(1).default(0.95),
  comparisons: z.array(comparison).max(200).default([]).describe('Within-level randomised comparisons (pooled z-test)'),
  sequences: z
    .union([z.literal('all'), z.array(z.string()).max(1000)])
    .default('all')
    .describe('Embedded sequences whose value is estimated: "all" full-length ones, or a list such as "CIT > SER > MRT"'),
  weights: z
    .enum(['acceptance-adjusted', 'randomisation'])
    .default('acceptance-adjusted')
    .describe('IPW weights: 1/(randomisation probability x estimated acceptance), for the value had everyone followed the sequence; or 1/(randomisation probability) alone, for its value among those who would accept it'),
  sequenceComparisons: z
    .array(z.tuple([z.string(), z.string()]))
    .max(200)
    .default([])
    .describe('Pairs of sequences compared by the Wald test of their IPW values (at most 200: each is a hypothesis of every replicate)'),
  subgroups: z
    .array(identifier)
    .default([])
    .describe('Repeat the comparisons within levels of "profile" (oracle: the latent profile known) or of a binary or categorical biomarker'),
});

export const sequentialDesignSchema = z.strictObject({
  type: z.literal('sequential'),
  sampleSize: sampleSize.describe('Participants entering level 1'),
  treatments: z.record(identifier, z.strictObject({ label: z.string().optional() })).describe('Treatments the options give'),
  resistance: z
    .strictObject({
      logOddsPerFailure: logScale.default(0).describe('Change in remission log-odds per prior failed level (treatment resistance)'),
      baselineFailures: identifier.optional().describe('A biomarker counting failures before the trial, added to the in-trial count'),
    })
    .optional(),
  score: z
    .strictObject({
      threshold: unitScale.describe('Remission when the exit score is at or below this (e.g. QIDS-SR <= 5)'),
      sd: positive.max(UNIT_SCALE_LIMIT).describe('Standard deviation of the exit score around its mean'),
      label: z.string().optional(),
    })
    .optional()
    .describe('A continuous exit symptom score consistent with the remission model'),
  followUpWeeks: duration.default(0).describe('Follow-up of remitters, in weeks (relapse)'),
  randomisation: z.strictObject({
    method: z.enum(['simple', 'permuted-block']).default('simple')
      .describe('simple: each participant drawn independently (as STAR*D); permuted-block: blocks within each level and set of accepted options'),
    blocks: positiveInteger.max(100).default(2).describe('permuted-block: each block holds every accepted option this many times its weight'),
  }).default({ method: 'simple', blocks: 2 }).describe('How participants are randomised among the options they accept at each level'),
  levels: z.array(level).min(1).max(20),
  analysis: analysis.default({ alpha: 0.05, sided: 'two', confidence: 0.95, comparisons: [], sequences: 'all', weights: 'acceptance-adjusted', sequenceComparisons: [], subgroups: [] }),
});

export type SequentialDesignSpec = z.infer<typeof sequentialDesignSchema>;
export type SequentialLevelSpec = SequentialDesignSpec['levels'][number];
export type SequentialOptionSpec = SequentialLevelSpec['options'][number];

/** A checked scenario with a sequential (STAR*D-style) design. */
export type SequentialScenario = Scenario<SequentialDesignSpec>;
