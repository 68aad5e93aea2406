/**
 * Schema of the multi-arm multi-stage (MAMS) design: K experimental arms
 * against one shared control over J stages, with efficacy and futility
 * boundaries on the z scale that hold the family-wise error under the global
 * null at alpha (Magirr, Jaki & Whitehead 2012).
 */
import { z } from 'zod';
import type { Scenario } from '../../scenario/schema.js';
import { identifier, positiveInteger, alpha, MAX_SAMPLE_SIZE } from '../../scenario/common.js';

/** Computing boundaries integrates over J control increments: beyond 4 stages it takes minutes. */
export const MAX_STAGES = 4;

const stageSizes = z.array(positiveInteger.max(MAX_SAMPLE_SIZE)).min(1).max(MAX_STAGES);
const zValue = z.number().min(-20).max(20);

const efficacy = z.union([
  z.enum(['pocock', 'obrien-fleming', 'triangular']).describe('A shape scaled so that the family-wise error under the global null is alpha'),
  z.strictObject({
    shape: z.literal('power'),
    delta: z.number().min(-0.5).max(0.5).describe('Wang-Tsiatis power: u_j = C (r_j/r_J)^(delta - 1/2); 0 is O\'Brien-Fleming, 0.5 Pocock'),
  }),
  z.strictObject({
    shape: z.literal('fixed'),
    value: zValue.describe('Efficacy bound at every interim; the final bound is solved for'),
  }),
  z.array(zValue).min(1).max(MAX_STAGES).describe('Efficacy bounds on the z scale, one per stage, used as given (their family-wise error is reported)'),
  z.strictObject({
    spending: z.enum(['obrien-fleming', 'pocock', 'kim-demets', 'hwang-shih-decani'])
      .describe('Lan-DeMets error spending across the stages: the family-wise error spent by stage j is alpha*(n_j/n_J)'),
    parameter: z.number().min(-40).max(40).optional().describe('kim-demets: rho (> 0, e.g. 3); hwang-shih-decani: gamma (not 0, e.g. -4)'),
  }),
]);

const futility = z.union([
  z.enum(['none', 'pocock', 'obrien-fleming', 'triangular']).describe('No futility stop, or a shape scaled with the efficacy bound (triangular needs a triangular efficacy bound)'),
  zValue.describe('One futility bound on the z scale at every interim (e.g. 0)'),
  z.array(zValue).max(MAX_STAGES - 1).describe('Futility bounds on the z scale, one per interim (the last stage\'s bound is its efficacy bound)'),
]);

export const mamsDesignSchema = z.strictObject({
  type: z.literal('mams'),
  control: identifier.optional().describe('The shared control arm (default: the arm named "control", else the first arm)'),
  stages: z.strictObject({
    arm: stageSizes.describe('New patients per experimental arm at each stage (its length is the number of stages, at most 4)'),
    control: stageSizes.optional().describe('New control patients at each stage (default: as arm)'),
  }).describe('Patients enrolled at each stage, before its analysis'),
  alpha: alpha.default(0.025).describe('One-sided family-wise error under the global null'),
  efficacy: efficacy.default('obrien-fleming'),
  futility: futility.default('none'),
  stopping: z.enum(['simultaneous', 'separate']).default('simultaneous')
    .describe('simultaneous: the trial stops when any arm crosses its efficacy bound; separate: that arm stops and the others go on'),
  selection: z.strictObject({
    keep: positiveInteger.describe('Arms kept after each selection stage: the best by z statistic (1 = drop-the-losers to a single winner)'),
    after: z.array(positiveInteger).min(1).max(MAX_STAGES - 1).describe('Stages (1-based interims) after which only the best arms go on'),
  }).optional().describe('Treatment selection at interims; it can only lower the family-wise error, so the boundaries stay valid'),
  variance: z.enum(['known', 'estimated']).default('known')
    .describe('Continuous endpoints: z test with the endpoint\'s sd as the known standard deviation, or with the pooled sample variance'),
  confidence: z.number().gt(0).lt(1).default(0.95).describe('Confidence level of the (naive) intervals'),
});

export type MamsDesignSpec = z.infer<typeof mamsDesignSchema>;

/** A checked scenario with a MAMS design. */
export type MamsScenario = Scenario<MamsDesignSpec>;
