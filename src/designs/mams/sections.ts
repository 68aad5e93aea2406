/**
 * The MAMS design's summary sections (what `describe` returns), as
 * summary.json's schema reads them: the planned stages and boundaries.
 */
import { z } from 'zod';

const stage = z.strictObject({
  stage: z.number().describe('Stage, from 1'),
  armPatients: z.number().describe('Cumulative patients per experimental arm at this analysis'),
  controlPatients: z.number().describe('Cumulative control patients at this analysis'),
  efficacy: z.number().describe('Efficacy bound on the z scale'),
  futility: z.number().nullable().describe('Futility bound on the z scale; null where there is no futility stop'),
  efficacyP: z.number().describe('Nominal one-sided p-value of the efficacy bound, 1 - Φ(bound)'),
});

export const mamsSections = z.strictObject({
  mams: z.strictObject({
    planned: z.literal(true).describe('Planning values, not simulated ones'),
    alpha: z.number().describe('One-sided family-wise error the bounds are scaled to'),
    familywiseErrorUnderGlobalNull: z.number().describe('Family-wise error under the global null, by integration (Magirr, Jaki & Whitehead 2012)'),
    constant: z.number().nullable().describe('The constant the boundary shape is scaled by; null for bounds given as numbers'),
    boundaries: z.string().describe('The efficacy and futility bounds in words'),
    stopping: z.enum(['simultaneous', 'separate']).describe('Whether the trial stops when any arm crosses its efficacy bound, or only that arm'),
    selection: z.string().nullable().describe('The selection of arms at interims in words; null without selection'),
    maximumPatients: z.number().describe('Patients if no arm stops early'),
    stages: z.array(stage).min(1).describe('Each stage\'s sizes and bounds'),
    truth: z.string().describe('How the true effects were obtained'),
  }).describe('The planned stages and boundaries'),
});

export type MamsSections = z.input<typeof mamsSections>;
export type MamsPlanSection = z.output<typeof mamsSections>['mams'];
