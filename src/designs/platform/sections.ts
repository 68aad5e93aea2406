/**
 * The platform design's summary section (what `describe` returns), as
 * summary.json's schema reads it: the planned timeline (a fluid
 * approximation at the expected recruitment, every arm run to its size),
 * the time trend, the analyses and how the truth was obtained.
 */
import { z } from 'zod';
import { analysisMethods } from './schema.js';

const arm = z.strictObject({
  name: z.string().describe('Experimental arm'),
  entry: z.number().nullable().describe('Planned entry time; null when the plan never opens it'),
  exit: z.number().nullable().describe('Planned exit time; null when the plan never opens it'),
  patients: z.number().describe('Planned patients'),
  concurrentControls: z.number().describe('Control patients randomised while the arm is open'),
  pooledControls: z.number().describe('Control patients from the start to the arm\'s exit'),
  problem: z.enum(['after-end', 'no-control']).nullable().describe('Why the plan could not open the arm, if it could not'),
  sampleSize: z.number().describe('The arm\'s sample size as given'),
});

const period = z.strictObject({
  start: z.number().describe('Start time'),
  end: z.number().describe('End time'),
  open: z.array(z.string()).describe('Arms open, control first'),
  shares: z.array(z.number()).describe('Share of arriving patients randomised to each open arm'),
});

export const platformSections = z.strictObject({
  platform: z.strictObject({
    planned: z.literal(true).describe('Planning values (fluid approximation), not simulated ones'),
    control: z.string().describe('The control arm'),
    arms: z.array(arm).min(1).describe('Each experimental arm\'s planned window and patients'),
    periods: z.array(period).describe('The planned periods between entries and exits'),
    duration: z.number().describe('Planned duration, in time units'),
    patients: z.number().describe('Planned patients'),
    controlPatients: z.number().describe('Planned control patients'),
    recruitment: z.string().describe('Recruitment in words'),
    allocation: z.string().describe('Allocation in words'),
    trend: z.string().describe('The time trend in words'),
    methods: z.array(z.strictObject({
      id: z.enum(analysisMethods).describe('Analysis'),
      label: z.string().describe('The analysis in words'),
      decision: z.boolean().describe('Whether it carries the interim decisions'),
    })).describe('The analyses compared'),
    alpha: z.number().describe('One-sided level of each comparison'),
    interim: z.string().nullable().describe('The interim rule in words; null without interims'),
    scale: z.string().describe('Scale of the effects'),
    truth: z.string().describe('How the true concurrent effects were obtained'),
  }).describe('The planned timeline and the analyses'),
});

export type PlatformSections = z.input<typeof platformSections>;
export type PlatformPlanSection = z.output<typeof platformSections>['platform'];
