/**
 * Schema of the response-adaptive design: a binary, continuous or
 * time-to-event endpoint with conjugate posteriors (beta-binomial, normal,
 * gamma-exponential), adaptive
 * analyses after given numbers of patients, allocation by Thompson sampling
 * (the posterior probability of being best raised to a power) with caps and
 * a burn-in, and stopping for superiority or dropping for inferiority on the
 * probability of being best (as in adaptr: Granholm et al. 2022; REMAP-CAP).
 */
import { z } from 'zod';
import type { Scenario } from '../../scenario/schema.js';
import { identifier, positiveInteger, sampleSize, probability, positive, MAX_SAMPLE_SIZE, UNIT_SCALE_LIMIT, LOG_SCALE_LIMIT } from '../../scenario/common.js';

const threshold = z.number().gt(0).lt(1);
/** One threshold for every analysis, or one per analysis (the final one included). */
const thresholds = z.union([threshold, z.array(threshold).min(1).max(201)]);

export const responseAdaptiveDesignSchema = z.strictObject({
  type: z.literal('response-adaptive'),
  control: identifier.optional().describe('A common control (default: the arm named "control", else none: every arm competes)'),
  sampleSize: sampleSize.describe('Maximum patients'),
  analyses: z.array(positiveInteger.max(MAX_SAMPLE_SIZE)).min(1).max(200)
    .describe('Adaptive analyses after this many patients have outcomes, increasing; the last is at most sampleSize (a final analysis at sampleSize is added)'),
  delay: z.number().int().min(0).max(MAX_SAMPLE_SIZE).default(0)
    .describe('Outcome lag, as the number of patients randomised while one awaits their outcome (lag x accrual rate); 0: outcomes known at once'),
  prior: z.strictObject({ a: z.number().min(1).max(1000), b: z.number().min(1).max(1000) }).default({ a: 1, b: 1 })
    .describe('Binary endpoint: Beta(a, b) prior on every arm\'s response rate (a, b >= 1)'),
  posterior: z.strictObject({
    variance: z.enum(['known', 'estimated']).optional()
      .describe('Continuous endpoint: known (the residual SD below, or the endpoint\'s) or estimated (the arm\'s sample SD plugged in; an arm needs 2 outcomes); default estimated'),
    sd: positive.max(UNIT_SCALE_LIMIT).optional().describe('Continuous endpoint, known variance: the residual SD the analysis assumes (default: the endpoint\'s sd)'),
    priorMean: z.number().min(-UNIT_SCALE_LIMIT).max(UNIT_SCALE_LIMIT).optional().describe('Continuous endpoint: mean of a normal prior on every arm\'s mean (default: a flat prior)'),
    priorSd: positive.max(UNIT_SCALE_LIMIT).optional().describe('Continuous endpoint: SD of that normal prior'),
    priorEvents: z.number().gt(0).max(1000).optional().describe('Time-to-event endpoint: a Gamma(events, exposure) prior on every arm\'s hazard, worth this many events (default 0.5, with exposure 0: Jeffreys\' prior)'),
    priorExposure: z.number().min(0).max(1e6).optional().describe('Time-to-event endpoint: ... in this many patient-months (default 0)'),
  }).optional().describe('Posterior of a continuous or time-to-event endpoint (a binary one uses prior)'),
  allocation: z.strictObject({
    rule: z.enum(['thompson', 'fixed']).default('thompson').describe('thompson: allocation proportional to P(best)^power; fixed: equal'),
    power: z.union([z.number().min(0).max(10), z.literal('n/N')]).default(1)
      .describe('Thompson power c: a number, or n/N (the share of the maximum sample size with outcomes; Thall & Wathen 2007)'),
    burnIn: z.number().int().min(0).max(MAX_SAMPLE_SIZE).default(0).describe('Patients allocated equally before adapting'),
    min: probability.default(0).describe('Least allocation probability of an arm still in the trial'),
    max: probability.default(1).describe('Largest allocation probability of an arm'),
    belowMinToZero: z.boolean().default(false).describe('Arms whose Thompson probability falls below min get 0 (restricted RAR) instead of min (capped)'),
    controlShare: z.union([probability, z.enum(['match-best', 'sqrt-arms'])]).optional()
      .describe('With a control: its fixed allocation probability, match-best (as the most likely best arm), or sqrt-arms (√K : 1 : ... ); default: the control competes like any arm'),
  }).default({ rule: 'thompson', power: 1, burnIn: 0, min: 0, max: 1, belowMinToZero: false }),
  stopping: z.strictObject({
    superiority: thresholds.optional().describe('Stop and declare an arm best when its P(best) reaches this (a number, or one per analysis including the final one)'),
    inferiority: thresholds.optional().describe('Drop an arm (never the control) when its P(best) falls below this'),
    futility: thresholds.optional().describe('Drop an arm when the probability that it beats the control by more than futilityMargin falls below this'),
    futilityMargin: z.number().min(0).max(LOG_SCALE_LIMIT).optional()
      .describe('The margin of futility, on the effect scale (response rate difference, mean difference, log hazard ratio); default 0'),
    equivalence: thresholds.optional()
      .describe('With a control: drop an arm whose probability of lying within equivalenceMargin of the control reaches this; without: stop when all active arms lie within it of each other'),
    equivalenceMargin: z.number().gt(0).max(LOG_SCALE_LIMIT).optional()
      .describe('The margin of practical equivalence, on the effect scale (required with equivalence)'),
    onSuperiority: z.enum(['stop', 'graduate']).optional()
      .describe('stop (default): an arm reaching superiority is declared best and the trial stops; graduate: it leaves the trial declared superior and the others go on (I-SPY 2)'),
    onDrop: z.enum(['drop', 'stop']).optional()
      .describe('drop (default): an arm meeting the inferiority, equivalence (with a control) or futility rule is dropped; stop: the trial stops'),
  }).default({}),
  drift: z.strictObject({
    shape: z.enum(['linear', 'step']).describe('linear: the shift grows evenly from 0 at the first patient to size at the last; step: size from the patient at fraction at onwards'),
    size: z.number().min(-LOG_SCALE_LIMIT).max(LOG_SCALE_LIMIT).describe('Change in every arm\'s outcome over the trial, on the linear-predictor scale (log odds for binary, outcome units for continuous, log hazard for time-to-event)'),
    at: z.number().gt(0).lt(1).default(0.5).describe('step: the fraction of the maximum sample size where the step happens'),
  }).optional().describe('A drift in the outcome over enrolment, common to every arm (e.g. a changing patient mix or standard of care)'),
  periodAdjusted: z.boolean().optional()
    .describe('Also report each arm\'s naive estimate stratified by the period of randomisation (between adaptive analyses), which removes a drift common to the arms'),
});

export type ResponseAdaptiveDesignSpec = z.infer<typeof responseAdaptiveDesignSchema>;
export type ResponseAdaptiveScenario = Scenario<ResponseAdaptiveDesignSpec>;
