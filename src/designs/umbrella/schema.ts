/**
 * Schema of the umbrella design: one disease, every patient's biomarkers
 * screened, each routed to the substudy whose targeted drug matches, and each
 * substudy's drug compared with control (shared or separate).
 */
import { z } from 'zod';
import type { Scenario } from '../../scenario/schema.js';
import { sampleSize, identifier, positive, positiveInteger, probability, alpha, sided } from '../../scenario/common.js';
import { testNames, randomisationSchema } from '../../scenario/design-parts.js';

const allocation = z
  .record(identifier, positive)
  .describe('Allocation ratio within the substudy by arm, e.g. { osimertinib: 2, control: 1 } (default 1:1)');

const substudy = z.strictObject({
  id: identifier.describe('Substudy name (used in result ids)'),
  eligibility: z.string().min(1).describe('Rule over biomarkers, e.g. "egfr and not alk", "pdl1 >= 0.5", "site == colon"'),
  drug: identifier.describe('The targeted arm this substudy tests'),
  control: identifier.optional().describe('This substudy\'s own control arm (separate controls only; default design.control.arm)'),
  sampleSize: sampleSize.describe('Target number of patients enrolled (drug + control) in this substudy'),
  events: positiveInteger.optional().describe('Time-to-event with interims: events in this substudy\'s comparison at its final analysis (default interims.events)'),
  allocation: allocation.optional(),
  label: z.string().optional(),
});

const nonMatch = z.strictObject({
  id: identifier.default('non-match'),
  drug: identifier.describe('The arm tested in patients who match no substudy'),
  control: identifier.optional(),
  sampleSize: sampleSize,
  events: positiveInteger.optional().describe('Time-to-event with interims: events in this substudy\'s comparison at its final analysis (default interims.events)'),
  allocation: allocation.optional(),
  screenFailures: z.boolean().default(true).describe('Whether patients whose biomarker test failed also enrol here'),
  label: z.string().optional(),
});

const screening = z.strictObject({
  ratePerMonth: positive.describe('Patients screened per month'),
  arrivals: z
    .enum(['poisson', 'regular'])
    .default('poisson')
    .describe('poisson: exponential gaps between screened patients; regular: one every 1/ratePerMonth months'),
  testFailure: probability.default(0).describe('Proportion of screened patients whose biomarker test fails'),
  cap: z
    .strictObject({
      patients: positiveInteger.optional().describe('Stop screening after this many patients'),
      months: positive.optional().describe('Stop screening after this many months'),
    })
    .optional()
    .describe('Screening cap; substudies still open then are analysed with the patients they have'),
});

const futility = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('effect'),
    threshold: z.number().describe('Stop for futility when the estimated effect (risk or mean difference, positive = benefit) is below this'),
  }),
  z.strictObject({
    type: z.literal('conditional-power'),
    threshold: probability.describe('Stop for futility when conditional power under the current trend is below this'),
  }),
]);

const interims = z.strictObject({
  informationFractions: z
    .array(z.number().gt(0).max(1))
    .min(1)
    .describe('Fractions of each substudy\'s information at which it is analysed, increasing, ending with 1: of its target sample size (binary, continuous) or of its planned events (time-to-event)'),
  events: z
    .number().int().positive().optional()
    .describe('Time-to-event only: events in each substudy\'s comparison at the final analysis (a substudy may set its own); looks come when the events reach the information fractions of it (event-driven), the final analysis at these events or at the end of follow-up, whichever is first'),
  efficacy: z
    .strictObject({ spending: z.enum(['obrien-fleming', 'pocock', 'none']).default('obrien-fleming') })
    .default({ spending: 'obrien-fleming' })
    .describe('Lan-DeMets alpha spending of the efficacy boundary ("none": no early efficacy stop)'),
  futility: futility.optional().describe('Non-binding futility rule at interim looks'),
  adjusted: z.boolean().optional().describe('Also report each substudy\'s adjusted inference after stopping: the median-unbiased estimate and the stage-wise ordering confidence interval at level 1 - 2 alpha (one-sided alpha of the boundaries), beside the naive estimate at the stopping look (binary and continuous endpoints)'),
});

const sideBySide = z.union([
  z.boolean(),
  z.strictObject({
    allocation: z
      .strictObject({ drug: positive.default(1), control: positive.default(1) })
      .default({ drug: 1, control: 1 })
      .describe('Drug:control ratio of each separate two-arm trial'),
  }),
]);

export const umbrellaDesignSchema = z.strictObject({
  type: z.literal('umbrella'),
  screening,
  overlap: z
    .enum(['priority', 'random', 'rarest-first'])
    .default('priority')
    .describe('Patients matching several open substudies go to the first listed (priority), one at random, or the one with the rarest eligibility'),
  control: z
    .strictObject({
      arm: identifier.optional().describe('The control arm (default: the arm named "control")'),
      sharing: z.enum(['shared', 'separate']).default('shared'),
      compareWith: z
        .enum(['matched', 'all-concurrent'])
        .default('matched')
        .describe('Compare each drug with controls randomised in its own substudy (matched) or with every control enrolled while it enrolled'),
    })
    .default({ sharing: 'shared', compareWith: 'matched' }),
  substudies: z.array(substudy).min(1).max(12),
  nonMatch: nonMatch.optional().describe('A substudy for patients who match no substudy (and, by default, screen failures)'),
  randomisation: randomisationSchema.omit({ strata: true }).default({ method: 'permuted-block' }).describe('Randomisation within each substudy'),
  interims: interims.optional().describe('Group-sequential looks per substudy (default: one final analysis)'),
  analysis: z.strictObject({
    test: z.enum(testNames),
    alpha: alpha.default(0.05),
    sided: sided.default('two'),
    multiplicity: z.enum(['none', 'bonferroni', 'holm', 'hochberg', 'dunnett']).default('none'),
    confidence: z.number().gt(0).lt(1).default(0.95).describe('Confidence level of the intervals'),
  }),
  sideBySide: sideBySide
    .default(false)
    .describe('Also run the same patients as separate two-arm trials (own control each, no multiplicity adjustment) and report patients saved'),
});

export type UmbrellaDesignSpec = z.infer<typeof umbrellaDesignSchema>;

/** A checked scenario with an umbrella design. */
export type UmbrellaScenario = Scenario<UmbrellaDesignSpec>;
