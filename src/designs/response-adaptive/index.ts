/**
 * The response-adaptive design: a binary, continuous or time-to-event
 * endpoint, arms with or without a common control, allocation updated at adaptive analyses by Thompson
 * sampling with caps and a burn-in, arms dropped for inferiority and the
 * trial stopped for superiority on the posterior probability of being best
 * (adaptr, Granholm et al. 2022; REMAP-CAP). Reports how often each arm is
 * declared best, the family-wise error of declaring a non-better arm best,
 * patients per arm, and the naive estimates' bias.
 */
import { defineDesign } from '../types.js';
import { responseAdaptiveDesignSchema } from './schema.js';
import { checkResponseAdaptive } from './check.js';
import { planAdaptive } from './trial.js';
import { adaptiveDescribe } from './describe.js';
import { responseAdaptiveSections } from './sections.js';
import { idealDesignSection, idealDesignMarkdown, rmseSection, rmseMarkdown } from './report.js';
import { adaptiveTruth } from './truth.js';

export const responseAdaptiveDesign = defineDesign({
  schema: responseAdaptiveDesignSchema,
  check: checkResponseAdaptive,
  // Nothing is costly to prepare: the plan is a few arrays.
  prepare: () => null,
  plan: (s) => planAdaptive(s),
  truth: (s, _prepared, streams) => adaptiveTruth(s, streams),
  sections: responseAdaptiveSections,
  describe: (s) => adaptiveDescribe(s),
  report: [
    { title: 'Ideal design percentage', html: idealDesignSection, markdown: idealDesignMarkdown },
    { title: 'Naive estimates: root mean squared error', html: rmseSection, markdown: rmseMarkdown },
  ],
  patients: (s, _prepared, streams) => planAdaptive(s, undefined, true).patients(streams),
  analyse: (s, _prepared, table, out) => planAdaptive(s).analyseObserved(table, out),
  patientsPerReplicate: (s) => s.design.sampleSize,
});
