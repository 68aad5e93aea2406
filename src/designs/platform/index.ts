/**
 * The platform design: experimental arms entering at staggered times and
 * leaving at their sample size, at an interim decision or at the platform's
 * end, one shared control, recruitment over calendar time, a time trend in
 * the outcome, and each arm compared with control by analyses that use
 * concurrent controls only, all controls pooled, or period as a factor
 * (Bofill Roig et al. 2022; the NCC package, Krotka et al. 2023). Reports per
 * arm and analysis the rejection rate, bias against the true concurrent
 * effect, coverage and the control patients used, the family outputs across
 * arms, and the platform's patients and duration.
 */
import { defineDesign } from '../types.js';
import { platformDesignSchema } from './schema.js';
import { checkPlatform } from './check.js';
import { planPlatform } from './trial.js';
import { platformTruth } from './truth.js';
import { platformDescribe } from './describe.js';
import { platformSections } from './sections.js';
import { platformPatients } from './patients.js';
import { platformSetup } from './setup.js';
import { timelineSection, timelineMarkdown, methodsSection, methodsMarkdown } from './report.js';

export const platformDesign = defineDesign({
  schema: platformDesignSchema,
  check: checkPlatform,
  // The planned timeline is cheap; check has already refused what cannot run.
  prepare: () => null,
  plan: (s) => planPlatform(s),
  truth: (s, _prepared, streams) => platformTruth(s, streams),
  sections: platformSections,
  describe: (s) => platformDescribe(s),
  patients: (s, _prepared, streams) => platformPatients(s, streams),
  // The observed rows replayed through the same trial (trial.ts analyseObserved).
  analyse: (s, _prepared, table, out) => planPlatform(s).analyseObserved(table, out),
  report: [
    { title: 'Platform timeline', html: timelineSection, markdown: timelineMarkdown },
    { title: 'Analyses compared: which controls', html: methodsSection, markdown: methodsMarkdown },
  ],
  patientsPerReplicate: (s) => Math.ceil(platformSetup(s).timeline.patients),
});
