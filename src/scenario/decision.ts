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

export const decisionSchema = z.strictObject({
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
}).describe('A decision after the trial, on the truth and on each trial\'s estimates');

export type DecisionSpec = z.infer<typeof decisionSchema>;
