/**
 * The enrichment design's summary section (what `describe` returns), as
 * summary.json's schema reads it: the plan (populations and prevalence,
 * stage sizes, inverse normal weights, critical values, intersection test,
 * selection rule) and how the truth was obtained.
 */
import { z } from 'zod';

export const enrichmentSections = z.strictObject({
  enrichment: z.strictObject({
    planned: z.literal(true).describe('Planning values, not simulated ones'),
    subpopulation: z.string().describe('The subpopulation (S) in words; with several, each one\'s id and words'),
    subpopulations: z.array(z.strictObject({
      id: z.string().describe('Subpopulation'),
      label: z.string().describe('Its definition in words'),
      prevalence: z.number().nullable().describe('Its prevalence; null when drawn per patient'),
      within: z.string().nullable().describe('The subpopulation it is declared within; null: the full population'),
    })).optional().describe('With more than one subpopulation: each one'),
    prevalence: z.number().nullable().describe('Prevalence of S; null when drawn per patient'),
    prevalenceMode: z.enum(['random', 'fixed']).describe('Biomarkers random per patient, or fixed quotas per stratum and stage'),
    stages: z.array(z.number()).describe('New patients (both arms) planned at each stage'),
    weights: z.array(z.number()).describe('Inverse normal weights of the stages'),
    critical: z.number().describe('The last stage\'s critical value'),
    criticalValues: z.array(z.number().nullable()).optional().describe('With early efficacy stops: the critical value per stage (null: no stop there)'),
    alpha: z.number().describe('One-sided family-wise level'),
    intersection: z.string().describe('Intersection tests of the closed test and how stages are combined, in words'),
    selection: z.string().describe('The selection rule at the interim, in words'),
    futility: z.number().nullable().describe('The futility bound on the z scale; null: none'),
    reestimate: z.string().optional().describe('With sample-size re-estimation: the rule in words'),
    events: z.array(z.number()).optional().describe('Time-to-event: cumulative events triggering each stage\'s analysis'),
    accrualPerMonth: z.number().optional().describe('Time-to-event: patients screened per month'),
    followUp: z.number().optional().describe('Time-to-event: months of follow-up after a stage\'s last entry'),
    analysis: z.string().describe('The analysis in words'),
    truth: z.string().describe('How the true effects were obtained'),
  }).describe('The adaptive enrichment plan'),
});

export type EnrichmentSections = z.input<typeof enrichmentSections>;
export type EnrichmentPlanSection = z.output<typeof enrichmentSections>['enrichment'];
