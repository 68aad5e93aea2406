/**
 * The sequential (STAR*D-style) design's summary sections (what `describe`
 * returns), as summary.json's schema reads them: every embedded sequence's
 * true values and the best sequences; the cancellation of profile-specific
 * differences; the expected flow of participants through the levels.
 */
import { z } from 'zod';
import { cancellationRowSchema } from '../../stats/cancellation.js';

/** Rounded values: null where not finite (a profile with no one). */
const value = z.number().nullable();

const best = z.strictObject({
  sequence: z.string().describe('The best sequence'),
  value: value.describe('Its probability of remission'),
  tiedWith: z.array(z.string()).describe('Sequences tied with it (the first 10)'),
  tiedCount: z.number().describe('How many sequences are tied with it'),
});

const sequences = z.strictObject({
  definition: z.string().describe('What each value means'),
  rows: z.array(z.strictObject({
    sequence: z.string().describe('Embedded sequence, options by level'),
    levels: z.number().describe('Levels it spans'),
    analysed: z.boolean().describe('Whether the design analyses it'),
    value: value.describe('Remission if every participant followed it'),
    valueMcse: value.describe('Monte Carlo error of value'),
    valueAmongAcceptors: value.describe('The same among those who would accept it at every level they reach'),
    ipwTarget: value.describe('What the IPW estimate converges to'),
    shareAccepting: value.describe('Share who would accept it'),
    expectedConsistent: value.describe('Expected participants whose treatments match it'),
    byProfile: z.record(z.string(), value).describe('value per latent profile'),
  })).describe('Every embedded sequence'),
  best: z.strictObject({
    overall: best.describe('The best single sequence for everybody'),
    byProfile: z.array(best.omit({ sequence: true }).extend({
      profile: z.string().describe('Latent profile'),
      prevalence: z.number().describe('Its prevalence'),
      best: z.string().describe('Its best sequence'),
      valueOfBestOverall: value.describe('What the best sequence for everybody gives it'),
    })).optional().describe('With latent profiles: the best sequence per profile'),
    profileMatchedValue: value.optional().describe('With latent profiles: remission when each profile follows its best sequence'),
    gain: value.optional().describe('With latent profiles: its gain over the best single sequence'),
    statement: z.string().describe('The above in words'),
  }).describe('The best sequence for everybody against the best for each profile'),
});

const level = z.strictObject({
  level: z.string().describe('Level'),
  startWeek: z.number().describe('Week it starts'),
  endWeek: z.number().describe('Week it ends'),
  entering: value.describe('Expected participants entering it'),
  remitting: value.describe('... who remit'),
  droppingOut: value.describe('... who drop out'),
  notRemitting: value.describe('... who neither remit nor drop out (subtotal of the next three)'),
  notRemittingIntolerant: value.describe('... of whom stopped for intolerance'),
  decliningNext: value.describe('... who decline the next level'),
  movingOn: value.describe('... who move on to the next level'),
  endingWithoutRemission: value.describe('... who end the last level without remission'),
  relapsing: value.describe('Remitters who relapse in follow-up'),
  options: z.record(z.string(), value).describe('Expected participants per option of the level'),
});

export const sequentialSections = z.strictObject({
  sequences: sequences.describe('Every embedded sequence\'s true values, and the best sequences'),
  cancellation: z.array(cancellationRowSchema.extend({
    cancels: z.boolean().describe('Whether profile-specific differences cancel in the average (opposite signs, more than half cancelling)'),
  })).describe('Per compared pair of sequences (and the pair of profile-best ones): per-profile and average differences in remission'),
  flow: z.strictObject({
    sampleSize: z.number().describe('Participants'),
    followUpWeeks: z.number().describe('Follow-up of remitters, in weeks'),
    levels: z.array(level).describe('Expected participants per level: entering splits exactly into remitting, droppingOut, decliningNext, movingOn and endingWithoutRemission'),
    remitted: value.describe('Expected participants remitting at some level'),
    cumulativeRemission: value.describe('Probability of remission at some level'),
    cumulativeRemissionIfNoDropout: value.describe('The same if no one dropped out'),
    sustainedRemission: value.describe('Probability of remission without relapse in follow-up'),
  }).describe('Expected flow of participants through the levels'),
});

export type SequentialSections = z.input<typeof sequentialSections>;
