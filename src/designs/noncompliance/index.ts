/**
 * The non-compliance design: a two-arm randomised trial whose patients have
 * compliance types (compliers, never-takers, always-takers, defiers) that
 * may depend on biomarkers and on their own benefit. Reports the ITT,
 * as-treated, per-protocol and instrumental-variable (Wald, 2SLS) estimates
 * against the exact estimands (ATE, ITT, LATE, the effect in the treated and
 * per type): the average over compliance types can hide who benefits.
 */
import { defineDesign } from '../types.js';
import { noncomplianceDesignSchema } from './schema.js';
import { checkNoncompliance } from './check.js';
import { planNoncompliance } from './trial.js';
import { noncomplianceEstimands } from './truth.js';
import { noncomplianceDescribe } from './describe.js';
import { noncomplianceSections } from './sections.js';
import { noncompliancePatients } from './patients.js';
import { noncomplianceSetup } from './setup.js';
import { targetOf } from './layout.js';
import { estimandsSection, estimandsMarkdown } from './report.js';

export const noncomplianceDesign = defineDesign({
  schema: noncomplianceDesignSchema,
  check: checkNoncompliance,
  // The estimands are computed once here (exact, or over the virtual population) and shared by truth and describe.
  prepare: (s, streams) => noncomplianceEstimands(s, streams),
  plan: (s) => planNoncompliance(s),
  truth(s, prepared) {
    // Each estimator against the estimand a trialist reads it as (the IV ones against the LATE even with
    // defiers, where it is not identified: the bias then shows it).
    const adherence = s.design.adherence !== undefined;
    return Object.fromEntries(noncomplianceSetup(s).estimators.map((e) => [e, prepared.values[targetOf(e, adherence)]]));
  },
  sections: noncomplianceSections,
  describe: (s, prepared) => noncomplianceDescribe(s, prepared),
  patients: (s, _prepared, streams) => noncompliancePatients(s, streams),
  analyse: (s, _prepared, table, out) => planNoncompliance(s).analyseObserved(table, out),
  report: [{ title: 'Estimands and estimators: who benefits', html: estimandsSection, markdown: estimandsMarkdown }],
  patientsPerReplicate: (s) => s.design.sampleSize,
});
