/**
 * Schema of the decision section a scenario may add to any design: the
 * reimbursement decision that follows the trial, evaluated on the truth and
 * on each simulated trial's estimates. First kind: a drug with a companion
 * diagnostic (treat none, treat all, or test and treat the test-positive),
 * taking the effect in biomarker-positive and -negative patients from two of
 * the design's estimates. Then the prevention paradox and equity-constrained
 * allocation.
 */
import { z } from 'zod';
import { probability, identifier } from './common.js';

const money = z.number().min(0).max(1e9);

const cutoff = z.strictObject({
  cutoff: z.number().min(-1e9).max(1e9).describe('The test is positive at or above this value of the continuous biomarker'),
  sensitivity: probability.describe('P(test positive at this cut-off | biomarker positive)'),
  specificity: probability.describe('P(test negative at this cut-off | biomarker negative)'),
});

const companionTest = z.strictObject({
  sensitivity: probability.optional().describe('P(test positive | biomarker positive), of a single test (give this and specificity, or cutoffs)'),
  specificity: probability.optional().describe('P(test negative | biomarker negative), of a single test'),
  cost: money.describe('Cost of testing one patient'),
  cutoffs: z.array(cutoff).min(1).max(20).optional()
    .describe('A continuous biomarker tested at several cut-offs, in increasing order, each with its sensitivity and specificity against the biomarker-positive status the effects refer to (sensitivity falls and specificity rises as the cut-off rises): each cut-off is a strategy test-and-treat@<cutoff>'),
  biomarker: z.string().min(1).optional().describe('What the cut-offs are of, in words (e.g. PD-L1 score)'),
});

const companionDiagnostic = z.strictObject({
  type: z.literal('companion-diagnostic'),
  effects: z.strictObject({
    positive: z.string().min(1).describe('Id of the design\'s estimate of the effect in biomarker-positive patients (e.g. rd:drug-vs-control|mplus=1): gain per patient treated'),
    negative: z.string().min(1).describe('Id of the estimate of the effect in biomarker-negative patients'),
  }),
  prevalence: probability.describe('Share of biomarker-positive patients among those the decision concerns'),
  test: companionTest,
  drugCost: money.describe('Cost of treating one patient'),
  adverseEvents: z.strictObject({
    probability: probability.describe('Probability that a treated patient has the adverse event'),
    cost: money.describe('Cost of one adverse event'),
    disutility: z.number().min(0).max(1e6).default(0).describe('Health effect lost per adverse event (e.g. QALYs; default 0)'),
  }).optional().describe('Adverse events of the drug: each patient treated adds probability x cost to the cost and loses probability x disutility of health'),
  outcomeCost: z.strictObject({
    cost: money.describe('The cost'),
    per: z.enum(['outcome', 'no-outcome']).describe('outcome: per unit of the outcome the effects count (per event, per response, per point of a continuous endpoint); no-outcome: per patient without it (e.g. per non-responder), for effects on the risk-difference scale'),
  }).optional().describe('A cost that follows the endpoint\'s outcome (care of non-responders, of events), so a strategy\'s cost depends on its effect'),
  value: z.number().min(-1e6).max(1e6).describe('Health effect (e.g. QALYs) per unit of the estimates\' effect (e.g. per response gained): how the endpoint converts to health'),
  willingnessToPay: money.describe('Willingness to pay per unit of health effect'),
  range: z.array(money).length(2).optional().describe('Willingness-to-pay range [from, to] for the acceptability curve (default 0 to twice willingnessToPay)'),
  valueOfInformation: z.strictObject({
    current: z.string().min(1).optional().describe('The strategy used without the trial (give this or prior)'),
    prior: z.strictObject({
      positive: z.number().min(-1e9).max(1e9).describe('Prior mean of the effect in biomarker-positive patients'),
      negative: z.number().min(-1e9).max(1e9).describe('Prior mean of the effect in biomarker-negative patients'),
    }).optional().describe('Prior means of the effects: without the trial, the strategy best under them is used'),
    population: z.number().min(0).max(1e12).optional().describe('Patients per year the decision concerns'),
    horizon: z.number().min(0).max(1000).default(1).describe('Years the decision holds'),
    discount: z.number().min(0).max(1).default(0).describe('Annual discount rate of later years\' patients'),
  }).optional().describe('The value of the trial\'s information given this truth: the true net benefit of the strategy each trial chooses minus that of the decision without the trial'),
}).describe('A drug with a companion diagnostic: treat none, treat all, or test and treat (at one or several cut-offs), on the truth and on each trial\'s estimates');

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
  valuePerCase: money.optional().describe('Value of one case prevented: each threshold\'s net benefit is valuePerCase x cases prevented − costPerPerson x share treated, and the threshold with the largest is chosen (on the truth, and with effect in each trial)'),
  effect: z.string().min(1).optional().describe('Id of the design\'s estimate of the treatment\'s effect on the endpoint\'s outcome (scale log odds ratio, log risk ratio or risk difference, e.g. drug-vs-control): each trial applies its estimate to everyone\'s risk without treatment and chooses the threshold by net benefit (needs valuePerCase)'),
}).describe('The prevention paradox: who to treat to prevent the most cases, on the population\'s risks');

/** Health in the decision's own unit (e.g. quality-adjusted life expectancy in years). */
const health = z.number().min(-1e6).max(1e6);

const equityGroup = z.strictObject({
  id: identifier.describe('Name of the group (e.g. deprived)'),
  label: z.string().optional().describe('Words for the group in the report'),
  share: probability.describe('The group\'s share of the population (the groups\' shares sum to 1)'),
  baseline: health.describe('Mean health of the group before any unit is given, in the decision\'s health unit (e.g. quality-adjusted life expectancy in years); positive, as Atkinson\'s index needs'),
  benefit: health.optional().describe('Health gained per unit given to someone in the group, stated (give this or effect)'),
  effect: z.string().min(1).optional().describe('Id of the design\'s estimate of the effect in this group (e.g. md:app-vs-control|deprived=1): its true value, and in each trial its estimate, times value is the health gained per unit (give this or benefit)'),
  capacity: z.number().min(0).max(1e6).default(1).describe('Units one person of the group can absorb (default 1: one licence each)'),
  minimumShare: probability.optional().describe('Least share of the group\'s capacity the constrained allocation gives it (default: the decision\'s minimumShare)'),
});

/**
 * Equity-constrained allocation (distributional cost-effectiveness
 * analysis, Asaria, Griffin & Cookson 2016): a fixed budget of units among
 * groups with different baseline health and benefit per unit; efficiency
 * only, equal shares, or a minimum share per group; Atkinson and Kolm
 * equally-distributed equivalents and the epsilon at which the preferred
 * allocation flips.
 */
const equity = z.strictObject({
  type: z.literal('equity'),
  groups: z.array(equityGroup).min(2).max(12).describe('The equity-relevant groups (2 to 12), e.g. by socioeconomic deprivation'),
  budget: z.number().min(0).max(1e9).describe('Units to give out per `per` people of the population (e.g. 400 licences per 1,000 people)'),
  per: z.number().int().min(1).max(1e9).default(1000).describe('The budget and the health gains are per this many people'),
  value: z.number().min(-1e6).max(1e6).default(1).describe('Health units (e.g. QALYs) per unit of the estimates\' effect, for groups whose benefit is an estimate'),
  minimumShare: probability.default(0).describe('Least share of each group\'s capacity the constrained allocation gives it, unless the group states its own'),
  epsilon: z.number().min(0).max(100).default(10.95)
    .describe('Atkinson inequality aversion of the decision: the allocation with the largest equally-distributed equivalent health at this epsilon is preferred, on the truth and in each trial (default 10.95, elicited from the English public for quality-adjusted life expectancy: Robson et al. 2017)'),
  epsilons: z.array(z.number().min(0).max(100)).min(1).max(20).default([0, 0.5, 1, 2, 5, 10.95]).describe('Atkinson inequality aversions at which the report gives each allocation\'s EDE and index (0: the mean, no aversion)'),
  alphas: z.array(z.number().gt(0).max(100)).max(20).default([0.05, 0.15, 0.5]).describe('Kolm absolute inequality aversions, per health unit, at which the report gives each allocation\'s EDE and index (0.15 per year of quality-adjusted life expectancy was elicited in England: Robson et al. 2017)'),
  flipRange: z.tuple([z.number().min(0).max(100), z.number().min(0).max(100)]).default([0, 50]).describe('Range [from, to] of epsilon searched for the flip between efficiency only and equal shares'),
  unit: z.string().min(1).default('unit').describe('What one unit is, in words (e.g. licence)'),
  health: z.string().min(1).default('health').describe('What health is measured in, in words (e.g. QALYs)'),
}).describe('Equity-constrained allocation of a fixed budget of units among groups: total and per-group health gain, Atkinson and Kolm EDE and indices, and the epsilon at which the preferred allocation flips; on the truth and on each trial\'s estimates');

export const decisionSchema = z.discriminatedUnion('type', [companionDiagnostic, prevention, equity])
  .describe('A decision after the trial: a companion diagnostic\'s reimbursement (on the truth and on each trial\'s estimates), the prevention paradox (on the population), or equity-constrained allocation (on the truth and on each trial\'s estimates)');

export type DecisionSpec = z.infer<typeof decisionSchema>;
export type CompanionDecisionSpec = z.infer<typeof companionDiagnostic>;
export type PreventionDecisionSpec = z.infer<typeof prevention>;
export type CompanionTestSpec = z.infer<typeof companionTest>;
export type EquityDecisionSpec = z.infer<typeof equity>;
