/**
 * Schema of the adaptive enrichment design: a treatment against control in a
 * full population F with a biomarker-defined subpopulation S, two stages,
 * a choice at the interim of the populations to go on in (F and S, F only,
 * S only, or none: a futility stop), and a confirmatory closed combination
 * test that controls the family-wise error over H_F and H_S whatever was
 * selected (Wassmer & Brannath 2016, ch. 11; rpact's
 * getSimulationEnrichmentMeans / Rates).
 */
import { z } from 'zod';
import type { Scenario } from '../../scenario/schema.js';
import { identifier, alpha, positiveInteger, MAX_SAMPLE_SIZE } from '../../scenario/common.js';

export const intersectionTests = ['simes', 'bonferroni', 'sidak', 'spiessens-debois'] as const;

const selection = z.strictObject({
  rule: z.enum(['best', 'epsilon', 'threshold', 'all', 'posterior']).default('best')
    .describe('best: the population with the larger interim measure; epsilon: every population within epsilon of the best; threshold: every population whose measure reaches threshold; all: both; posterior: by the posterior probability of benefit in S and in its complement R (F and S when R benefits, S alone when only S does, else stop)'),
  measure: z.enum(['estimate', 'statistic', 'conditional-power']).default('estimate')
    .describe('Compare the populations by their effect estimates, their test statistics, or their conditional power (the chance, under the interim estimate, that the population\'s own combination test rejects if it alone takes the stage-2 patients; Wassmer & Brannath 2016, section 7.2)'),
  epsilon: z.number().min(0).max(1e6).optional().describe('epsilon rule: the tolerance on the measure\'s scale'),
  threshold: z.number().min(-1e6).max(1e6).optional().describe('threshold rule: the least measure a population needs to go on'),
  probability: z.number().gt(0).lt(1).optional().describe('posterior rule: the least posterior probability of benefit in a stratum for it to go on (default 0.8)'),
  priorSd: z.number().gt(0).max(1e6).optional().describe('posterior rule: sd of the normal prior, centred on no effect, of each stratum\'s effect (mean or risk difference; default 1)'),
});

export const enrichmentDesignSchema = z.strictObject({
  type: z.literal('enrichment'),
  control: identifier.optional().describe('The control arm (default: the arm named "control", else the first); the other arm is the treatment'),
  subpopulation: z.strictObject({
    biomarker: identifier.describe('A binary or categorical biomarker'),
    value: z.union([z.number(), z.string()]).default(1).describe('The value (binary 1 or 0, or a level) that defines S'),
  }).describe('The subpopulation S: the patients with this biomarker value; F is everyone, R = F minus S'),
  stages: z.array(positiveInteger.max(MAX_SAMPLE_SIZE)).length(2).describe('New patients (both arms) at each of the two stages'),
  prevalence: z.enum(['random', 'fixed']).default('random')
    .describe('random: each patient\'s biomarker drawn from the population; fixed: S patients in each stage exactly round(prevalence x stage size), as quotas (rpact\'s fixed prevalences)'),
  alpha: alpha.default(0.025).describe('One-sided family-wise error over H_F and H_S'),
  intersection: z.enum(intersectionTests).default('simes').describe('Test of the intersection H_F and H_S at each stage'),
  weights: z.array(z.number().gt(0).max(1)).length(2).optional().describe('Inverse normal weights (their squares summing to 1); default √(stage size / total)'),
  selection: selection.default({ rule: 'best', measure: 'estimate' }),
  combination: z.enum(['inverse-normal', 'fisher']).default('inverse-normal').describe('How the stages\' p-values combine: the weighted inverse normal function, or Fisher\'s product (Bauer & Köhne 1994)'),
  futility: z.number().min(-20).max(20).optional().describe('Stop at the interim when every population\'s stage-1 z statistic is below this'),
  variance: z.enum(['known', 'estimated']).default('estimated').describe('Continuous endpoints: z tests with the endpoint\'s sd, or t-type statistics with the pooled sample variance'),
  stratified: z.boolean().default(true).describe('Analyse F stratified by S and R (combining the strata\'s estimates) rather than pooled'),
  compareFixed: z.boolean().default(true).describe('Also run a fixed full-population trial and a fixed enriched trial of the same total size beside each trial (on its stage-1 patients, with new ones where they differ): their power is reported beside the adaptive design\'s'),
  allocation: positiveInteger.max(10).default(1).describe('Patients on treatment per patient on control (randomised in permuted blocks per stratum)'),
});

export type EnrichmentDesignSpec = z.infer<typeof enrichmentDesignSchema>;
export type EnrichmentScenario = Scenario<EnrichmentDesignSpec>;
