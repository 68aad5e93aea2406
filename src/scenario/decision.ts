/**
 * Schema of the decision section a scenario may add to any design: the
 * reimbursement decision that follows the trial, evaluated on the truth and
 * on each simulated trial's estimates. First kind: a drug with a companion
 * diagnostic (treat none, treat all, or test and treat the test-positive),
 * taking the effect in biomarker-positive and -negative patients from two of
 * the design's estimates.
 */
import { z } from 'zod';
import { probability } from './common.js';

const money = z.number().min(0).max(1e9);

const companionDiagnostic = z.strictObject({
  type: z.literal('companion-diagnostic'),
  effects: z.strictObject({
    positive: z.string().min(1).describe('Id of the design\'s estimate of the effect in biomarker-positive patients (e.g. rd:drug-vs-control|mplus=1): gain per patient treated'),
    negative: z.string().min(1).describe('Id of the estimate of the effect in biomarker-negative patients'),
  }),
  prevalence: probability.describe('Share of biomarker-positive patients among those the decision concerns'),
  test: z.strictObject({
    sensitivity: probability.describe('P(test positive | biomarker positive)'),
    specificity: probability.describe('P(test negative | biomarker negative)'),
    cost: money.describe('Cost of testing one patient'),
  }),
  drugCost: money.describe('Cost of treating one patient'),
  value: z.number().min(-1e6).max(1e6).describe('Health effect (e.g. QALYs) per unit of the estimates\' effect (e.g. per response gained)'),
  willingnessToPay: money.describe('Willingness to pay per unit of health effect'),
  range: z.array(money).length(2).optional().describe('Willingness-to-pay range [from, to] for the acceptability curve (default 0 to twice willingnessToPay)'),
}).describe('A drug with a companion diagnostic: treat none, treat all, or test and treat, on the truth and on each trial\'s estimates');

/**
 * The prevention paradox (Rose 1981): treat those whose risk without
 * treatment reaches a threshold, or everyone; evaluated on the population's
 * risks (a binary endpoint whose case is the outcome patients avoid).
 */
const prevention = z.strictObject({
  type: z.literal('prevention'),
  control: z.string().min(1).optional().describe('The arm that is no treatment (default: the arm named "control", else the first)'),
  treatment: z.string().min(1).optional().describe('The preventive treatment\'s arm (default: the first other arm)'),
  thresholds: z.array(probability).min(1).max(100).optional()
    .describe('Risk thresholds: treat those whose risk without treatment is at least this (default: 0, and each distinct risk above the lowest when there are at most 12, else the 50th, 75th, 90th and 95th percentiles)'),
  costPerPerson: money.default(0).describe('Cost of treating one person'),
  per: z.number().int().min(1).max(1e9).default(1000).describe('Report cases prevented per this many people'),
}).describe('The prevention paradox: who to treat to prevent the most cases, on the population\'s risks');

export const decisionSchema = z.discriminatedUnion('type', [companionDiagnostic, prevention])
  .describe('A decision after the trial: a companion diagnostic\'s reimbursement (on the truth and on each trial\'s estimates), or the prevention paradox (on the population)');

export type DecisionSpec = z.infer<typeof decisionSchema>;
export type CompanionDecisionSpec = z.infer<typeof companionDiagnostic>;
export type PreventionDecisionSpec = z.infer<typeof prevention>;
