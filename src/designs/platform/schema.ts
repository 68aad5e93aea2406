/**
 * Schema of the platform design: experimental arms that enter at staggered
 * times and leave when they reach their sample size (or stop at an interim,
 * or when the platform ends), one shared control, recruitment over calendar
 * time, allocation among the arms open at each moment, a time trend in the
 * outcome, and the analyses that differ in which control patients they use
 * (concurrent only, all pooled, regression with period as a factor):
 * the questions of Bofill Roig et al. 2022 and Krotka et al. 2023 (the NCC
 * R package), and of Lee & Wason 2020 on non-concurrent controls.
 */
import { z } from 'zod';
import type { Scenario } from '../../scenario/schema.js';
import { identifier, positiveInteger, alpha, probability, MAX_SAMPLE_SIZE, TIME_LIMIT, RATE_LIMIT, LOG_SCALE_LIMIT, UNIT_SCALE_LIMIT } from '../../scenario/common.js';

/** The analyses of each arm against control on the arm x period cells, by which control patients they use. */
export const cellMethods = ['concurrent', 'pooled', 'period-adjusted', 'concurrent-period-adjusted'] as const;
/** Every analysis: the cell ones and the calendar-time spline, fitted patient by patient (NCC's splines_cont). */
export const analysisMethods = [...cellMethods, 'calendar-spline'] as const;
export type AnalysisMethod = (typeof analysisMethods)[number];
export type CellMethod = (typeof cellMethods)[number];

export const trendShapes = ['none', 'linear', 'stepwise', 'stepwise-entry', 'inverse-u'] as const;

const time = z.number().min(0).max(TIME_LIMIT);
const zValue = z.number().min(-20).max(20);

const entry = z.union([
  z.strictObject({ time: time.describe('Calendar time the arm opens (the scenario\'s time unit, e.g. months)') }),
  z.strictObject({ patients: z.number().int().min(0).max(10 * MAX_SAMPLE_SIZE).describe('The arm opens once this many patients have entered the platform') }),
]).describe('When the arm opens: at a calendar time, or after a number of patients in the platform');

const platformArm = z.strictObject({
  entry: entry.default({ time: 0 }),
  sampleSize: positiveInteger.max(MAX_SAMPLE_SIZE).describe('Patients randomised to this arm, at most; it leaves the platform when it has them'),
  ratio: z.number().gt(0).max(1000).default(1).describe('Allocation weight of this arm against the other open arms (a positive number; whole numbers for permuted blocks)'),
  eligible: z.array(z.union([z.number(), z.string()])).min(1).max(100).optional()
    .describe('Biomarker-driven arm: the values of design.eligibility it enrols (e.g. [EGFR] or [1]); its analyses use the control patients of those values only'),
});

const recruitmentPiece = z.strictObject({
  from: time.describe('Start of this piece (the first piece starts at 0)'),
  rate: z.number().gt(0).max(RATE_LIMIT).describe('Patients entering the platform per time unit'),
});

const thresholdList = z.union([zValue, z.array(zValue).min(1).max(50)]);
const probabilityList = z.union([z.number().gt(0).lt(1), z.array(z.number().gt(0).lt(1)).min(1).max(50)]);

const interim = z.strictObject({
  at: z.array(positiveInteger.max(MAX_SAMPLE_SIZE)).min(1).max(50)
    .describe('Interim analyses of each arm after this many of its own patients, increasing and below its sample size'),
  scale: z.enum(['z', 'posterior']).default('z')
    .describe('z: bounds on the z statistic of the decision analysis; posterior: thresholds on the posterior probability of benefit (flat prior)'),
  efficacy: z.union([thresholdList, probabilityList]).optional()
    .describe('Graduate the arm at an interim when its statistic reaches this (one value, or one per interim)'),
  futility: z.union([thresholdList, probabilityList]).optional()
    .describe('Stop the arm at an interim when its statistic falls below this (one value, or one per interim)'),
});

const trend = z.strictObject({
  shape: z.enum(trendShapes).default('none')
    .describe('none; linear (rises by strength over the planned platform duration); stepwise (jumps by strength at each new period); stepwise-entry (jumps at each arm entry after the first); inverse-u (rises as linear to peak, then falls at the same slope)'),
  strength: z.number().min(-LOG_SCALE_LIMIT).max(LOG_SCALE_LIMIT).default(0)
    .describe('Size of the trend on the linear-predictor scale (mean for continuous, log-odds for binary), common to every arm'),
  arms: z.record(identifier, z.number().min(-UNIT_SCALE_LIMIT).max(UNIT_SCALE_LIMIT)).optional()
    .describe('Arm -> its own strength, for arms whose trend differs (the control included); the others keep strength'),
  peak: time.optional().describe('inverse-u: the calendar time of the peak'),
}).describe('A change of the outcome over calendar time, added to every patient\'s linear predictor');

export const platformDesignSchema = z.strictObject({
  type: z.literal('platform'),
  control: identifier.optional().describe('The shared control arm (default: the arm named "control", else the first arm)'),
  arms: z.record(identifier, platformArm)
    .describe('Each experimental arm\'s entry, sample size and allocation weight (every arm of the arms section but the control)'),
  eligibility: identifier.optional().describe('The binary or categorical biomarker that biomarker-driven arms select on (arms with `eligible`); a patient eligible for no open arm is not enrolled'),
  controlRatio: z.union([z.number().gt(0).max(1000), z.literal('sqrt-arms')]).default(1)
    .describe('Allocation weight of the control against each open arm: a number, or sqrt-arms (√k with k open arms; simple randomisation only)'),
  randomisation: z.strictObject({
    method: z.enum(['permuted-block', 'simple']).default('permuted-block')
      .describe('permuted-block: blocks of the open arms\' weights, started afresh whenever an arm enters or leaves; simple: each patient drawn with the weights'),
    blocks: positiveInteger.max(100).default(1).describe('Copies of the weights in each block (block size = blocks x the sum of the open arms\' weights)'),
  }).default({ method: 'permuted-block', blocks: 1 }),
  recruitment: z.strictObject({
    rate: z.union([z.number().gt(0).max(RATE_LIMIT), z.array(recruitmentPiece).min(1).max(100)])
      .describe('Patients entering the platform per time unit: one rate, or pieces [{ from, rate }] starting at 0'),
    arrivals: z.enum(['poisson', 'uniform']).default('poisson')
      .describe('poisson: random arrivals at the rate; uniform: evenly spaced (patient j enters when the expected count reaches j)'),
  }).default({ rate: 1, arrivals: 'poisson' }),
  duration: time.gt(0).optional().describe('The platform ends at this calendar time; arms still open are analysed then (default: when the last arm leaves)'),
  trend: trend.default({ shape: 'none', strength: 0 }),
  analysis: z.strictObject({
    decision: z.enum(analysisMethods).default('concurrent')
      .describe('The analysis behind interim decisions and the primary hypotheses'),
    compare: z.array(z.enum(analysisMethods)).max(analysisMethods.length).default([...cellMethods])
      .describe('Analyses reported beside it at each arm\'s last analysis: concurrent (controls randomised while the arm was open), pooled (every control up to then), period-adjusted (every arm and control up to then, period as a factor), concurrent-period-adjusted (concurrent controls, period as a factor), calendar-spline (every arm and control up to then, a cubic spline of calendar time with knots at the period changes)'),
    alpha: alpha.default(0.025).describe('One-sided level of each arm\'s final test'),
    confidence: probability.gt(0).lt(1).default(0.95).describe('Confidence level of the intervals'),
  }).default({ decision: 'concurrent', compare: [...cellMethods], alpha: 0.025, confidence: 0.95 }),
  interim: interim.optional().describe('Interim decisions per arm on the decision analysis'),
});

export type PlatformDesignSpec = z.infer<typeof platformDesignSchema>;
export type PlatformScenario = Scenario<PlatformDesignSpec>;
