/**
 * Schema of the adaptive enrichment design: a treatment against control in a
 * full population F with one to three biomarker-defined subpopulations
 * (nested or overlapping), two to four stages, a choice at each interim of
 * the populations to go on in (or a stop), optional sample-size
 * re-estimation, and a confirmatory closed combination test that controls
 * the family-wise error over every population's hypothesis whatever was
 * selected (Wassmer & Brannath 2016, ch. 11; rpact's
 * getSimulationEnrichmentMeans / Rates / Survival); time-to-event endpoints
 * have event-driven stages (`events`, `accrual`).
 */
import { z } from 'zod';
import type { Scenario } from '../../scenario/schema.js';
import { identifier, alpha, positive, positiveInteger, MAX_SAMPLE_SIZE } from '../../scenario/common.js';

export const intersectionTests = ['simes', 'bonferroni', 'sidak', 'spiessens-debois'] as const;

const condition = z.strictObject({
  biomarker: identifier.describe('A binary or categorical biomarker'),
  value: z.union([z.number(), z.string(), z.array(z.union([z.number(), z.string()])).min(1).max(50)]).default(1)
    .describe('The value (binary 1 or 0, or a level) that puts a patient in the subpopulation, or a list of levels any of which does'),
});

const subpopulation = z.strictObject({
  id: identifier.optional().describe('Name of the subpopulation in the outputs (default S with one subpopulation, else S1, S2, S3)'),
  biomarker: identifier.optional().describe('A binary or categorical biomarker (with value): the subpopulation is the patients with that value'),
  value: condition.shape.value.optional().describe('The value (binary 1 or 0, or a level) that defines the subpopulation, or a list of levels (default 1)'),
  where: z.array(condition).min(1).max(5).optional().describe('Instead of biomarker and value: conditions on several biomarkers, all of which a patient meets (e.g. positive = 1 and grade = high)'),
  within: identifier.optional().describe('The subpopulation this one is declared nested in (checked: its conditions must imply the other\'s)'),
  label: z.string().max(200).optional().describe('Words for the reports (default: the conditions)'),
});

const measureNames = z.enum(['estimate', 'statistic', 'conditional-power']);

const range = z.strictObject({
  above: z.number().min(-1e6).max(1e6).optional().describe('The measure is at least this'),
  below: z.number().min(-1e6).max(1e6).optional().describe('The measure is below this'),
});

const tableRow = z.strictObject({
  when: z.record(identifier, range).describe('Population -> the range its interim measure must lie in (every condition must hold; populations not named are unconstrained)'),
  select: z.array(identifier).max(4).describe('The populations to go on in when the row matches (empty: stop)'),
});

const selection = z.strictObject({
  rule: z.enum(['best', 'r-best', 'epsilon', 'threshold', 'all', 'posterior', 'table']).default('best')
    .describe('best: the population with the largest interim measure; r-best: the r largest; epsilon: every population within epsilon of the best; threshold: every population whose measure reaches threshold; all: every population still in; posterior: by the posterior probability of benefit in each population\'s own part (with one subpopulation: F and S when R benefits, S alone when only S does, else stop); table: the first row of a user-given table whose conditions hold'),
  measure: measureNames.default('estimate')
    .describe('Compare the populations by their effect estimates, their test statistics, or their conditional power (the chance, under the interim estimate, that the population\'s own combination test rejects if it alone takes the later patients; Wassmer & Brannath 2016, section 7.2)'),
  epsilon: z.number().min(0).max(1e6).optional().describe('epsilon rule: the tolerance on the measure\'s scale'),
  threshold: z.number().min(-1e6).max(1e6).optional().describe('threshold rule: the least measure a population needs to go on'),
  r: positiveInteger.max(4).optional().describe('r-best rule: how many populations go on'),
  probability: z.number().gt(0).lt(1).optional().describe('posterior rule: the least posterior probability of benefit in a population\'s own part for it to go on (default 0.8)'),
  priorSd: z.number().gt(0).max(1e6).optional().describe('posterior rule: sd of the normal prior, centred on no effect, of each part\'s effect (mean or risk difference; default 1)'),
  table: z.array(tableRow).min(1).max(50).optional().describe('table rule: rows tried in order at each interim; the first whose conditions hold gives the populations to go on in (among those still in)'),
  otherwise: z.array(identifier).max(4).optional().describe('table rule: the populations to go on in when no row matches (default: none, a stop)'),
});

const efficacy = z.union([
  z.enum(['none', 'obrien-fleming', 'pocock']),
  z.strictObject({ criticalValues: z.array(z.number().min(-40).max(40).nullable()).min(2).max(4).describe('z-scale critical values of the inverse normal test per stage (null: no efficacy stop at that stage), e.g. copied from rpact or East') }),
]).describe('Early efficacy stops of the inverse normal combination test: none (only the last stage tests), Lan-DeMets alpha spending shaped like O\'Brien-Fleming or Pocock at the information fractions Σ_{j≤k} w_j², or given critical values');

const reestimate = z.strictObject({
  conditionalPower: z.number().gt(0).lt(1).describe('The conditional power the next stage\'s size aims at, under the interim estimate of the selected populations\' best standardised effect'),
  min: z.union([positiveInteger.max(MAX_SAMPLE_SIZE), z.array(positiveInteger.max(MAX_SAMPLE_SIZE)).min(1).max(3)]).optional().describe('The fewest new patients at each later stage (time-to-event: new events; a number, or one per later stage; default the planned stage size or events)'),
  max: z.union([positiveInteger.max(MAX_SAMPLE_SIZE), z.array(positiveInteger.max(MAX_SAMPLE_SIZE)).min(1).max(3)]).describe('The most new patients at each later stage (time-to-event: new events; a number, or one per later stage)'),
});

export const enrichmentDesignSchema = z.strictObject({
  type: z.literal('enrichment'),
  control: identifier.optional().describe('The control arm (default: the arm named "control", else the first); the other arm is the treatment'),
  subpopulation: subpopulation.optional().describe('One subpopulation S: the patients with this biomarker value; F is everyone, R = F minus S'),
  subpopulations: z.array(subpopulation).min(1).max(3).optional().describe('Instead of subpopulation: one to three subpopulations, nested or overlapping; the hypotheses are each subpopulation\'s and F\'s'),
  stages: z.array(positiveInteger.max(MAX_SAMPLE_SIZE)).min(2).max(4).describe('New patients (both arms) planned at each stage; after an interim they come only from the populations still in'),
  events: z.array(positiveInteger.max(MAX_SAMPLE_SIZE)).min(2).max(4).optional()
    .describe('Time-to-event endpoints (required there): the cumulative events that trigger each stage\'s analysis, one per stage, counted over the populations still in at each stage (a stage\'s new events are those of its populations\' patients, whenever they entered); an analysis comes once the stage\'s patients are in and its events are reached, or at the end of follow-up (the stage\'s last entry plus the endpoint\'s followUp)'),
  accrual: positive.max(MAX_SAMPLE_SIZE).optional()
    .describe('Time-to-event: patients screened per month, arriving at regular intervals (those outside the populations still in, or over a quota, are turned away); default the planned patients over the endpoint\'s accrualDuration. Recruitment pauses from a stage\'s last patient to its analysis'),
  prevalence: z.enum(['random', 'fixed']).default('random')
    .describe('random: each patient\'s biomarkers drawn from the population; fixed: each stratum (pattern of membership in the subpopulations) gets exactly its share of each stage\'s patients, as quotas (rpact\'s fixed prevalences)'),
  alpha: alpha.default(0.025).describe('One-sided family-wise error over the populations\' hypotheses'),
  intersection: z.enum(intersectionTests).default('simes').describe('Test of each intersection of the populations\' hypotheses at each stage'),
  weights: z.array(z.number().gt(0).max(1)).min(2).max(4).optional().describe('Inverse normal weights, one per stage (their squares summing to 1); default √(stage size / total)'),
  efficacy: efficacy.default('none'),
  successCriterion: z.enum(['all', 'at-least-one']).default('all').describe('With early efficacy stops: stop when every population still in is rejected, or when at least one is'),
  selection: selection.default({ rule: 'best', measure: 'estimate' }),
  combination: z.enum(['inverse-normal', 'fisher']).default('inverse-normal').describe('How the stages\' p-values combine: the weighted inverse normal function, or Fisher\'s product (Bauer & Köhne 1994; tested at the last stage only)'),
  futility: z.number().min(-20).max(20).optional().describe('Stop at an interim when every population still in has a statistic below this (at the first interim the stage-1 z or t statistic; later, the population\'s own inverse normal combination so far)'),
  futilityBounds: z.array(z.number().min(-40).max(40).nullable()).min(1).max(3).optional().describe('Binding-free futility bounds per interim on the closed test\'s combined intersection statistics (z scale; null: none at that interim), as rpact\'s futilityBounds: a population is futile when any intersection containing it is at or below the bound, and the trial stops when every population still in is futile'),
  reestimate: reestimate.optional().describe('Sample-size re-estimation: each later stage\'s size (time-to-event: its events) from the conditional power under the interim estimate, within min and max (rpact\'s conditionalPower with minNumberOfSubjectsPerStage and maxNumberOfSubjectsPerStage); without it, the selected populations share the planned stage size'),
  variance: z.enum(['known', 'estimated']).default('estimated').describe('Continuous endpoints: z tests with the endpoint\'s sd, or t-type statistics with the pooled sample variance'),
  stratified: z.boolean().default(true).describe('Analyse a population made of several strata stratified by them (combining the strata\'s estimates) rather than pooled'),
  compareFixed: z.boolean().default(true).describe('Also run a fixed full-population trial and a fixed trial enrolling only each subpopulation, of the same planned total size, beside each trial (on its patients where they match, with new ones where they differ): their power is reported beside the adaptive design\'s'),
  allocation: positiveInteger.max(10).default(1).describe('Patients on treatment per patient on control (randomised in permuted blocks per stratum)'),
});

export type EnrichmentDesignSpec = z.infer<typeof enrichmentDesignSchema>;
export type EnrichmentScenario = Scenario<EnrichmentDesignSpec>;
