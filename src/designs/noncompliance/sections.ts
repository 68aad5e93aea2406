/**
 * The non-compliance design's summary section (what `describe` returns),
 * as summary.json's schema reads it: the estimands' true values, the
 * estimators and what each is judged against, the compliance types.
 */
import { z } from 'zod';

export const noncomplianceSections = z.strictObject({
  noncompliance: z.strictObject({
    scale: z.enum(['risk difference', 'mean difference', 'log hazard ratio']).describe('Scale of every estimand and estimate'),
    exact: z.boolean().describe('Whether the estimands are exact (enumerated) rather than from a virtual population'),
    estimands: z.array(z.strictObject({
      id: z.string().describe('Estimand, e.g. ate, itt, late, effect:complier'),
      label: z.string().describe('The estimand in words'),
      value: z.number().describe('Its true value'),
      mcse: z.number().describe('Its Monte Carlo error (0 when exact)'),
    })).describe('Every estimand with a finite true value'),
    estimators: z.array(z.strictObject({
      id: z.string().describe('Estimator, the id of its estimate and hypothesis'),
      label: z.string().describe('The estimator in words'),
      target: z.string().describe('The estimand its power or type I error is judged against'),
    })).describe('The estimators the design runs'),
    shares: z.record(z.string(), z.number()).describe('Share of each compliance type (complier, never-taker, always-taker, defier) at every biomarker 0 and no benefit'),
    monotonicity: z.boolean().describe('Whether there are no defiers'),
    adherence: z.strictObject({
      mean: z.number().describe('Mean fraction of the dose taken, at every biomarker 0 and no benefit'),
      concentration: z.number().describe('Concentration of the Beta distribution of the fraction taken'),
      doseResponse: z.string().describe('The dose-response in words'),
      adherent: z.number().describe('Fraction of the dose above which a patient counts as adherent'),
    }).optional().describe('With partial adherence: the fraction of the dose taken'),
  }).describe('Estimands and estimators: who benefits'),
});

export type NoncomplianceSections = z.input<typeof noncomplianceSections>;
export type NoncomplianceSection = z.output<typeof noncomplianceSections>['noncompliance'];
