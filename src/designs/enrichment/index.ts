/**
 * The adaptive enrichment design: a treatment against control in a full
 * population and a biomarker-defined subpopulation over two stages, the
 * populations to go on in chosen at the interim, and a closed inverse
 * normal combination test that controls the family-wise error over H_F and
 * H_S whatever was selected (Wassmer & Brannath 2016, ch. 11; rpact's
 * enrichment simulations). Reports the rejection and selection
 * probabilities, power given each selection, patients per stratum, and the
 * naive estimates' bias after selection. Binary and continuous endpoints
 * (trial.ts) or time-to-event with event-driven stages (survival-trial.ts).
 */
import { defineDesign } from '../types.js';
import { enrichmentDesignSchema } from './schema.js';
import { checkEnrichment } from './check.js';
import { planEnrichment } from './trial.js';
import { enrichmentTruth } from './truth.js';
import { enrichmentCapacity } from './setup.js';
import { enrichmentDescribe } from './describe.js';
import { enrichmentSections } from './sections.js';
import { selectionSection, selectionMarkdown } from './report.js';
import { isTimeToEvent } from './survival-setup.js';
import { planEnrichmentSurvival, survivalCapacity } from './survival-trial.js';
import { enrichmentSurvivalTruth } from './survival-truth.js';
import { enrichmentSurvivalDescribe } from './survival-describe.js';

// Time-to-event endpoints have event-driven stages in calendar time (survival-*.ts).
export const enrichmentDesign = defineDesign({
  schema: enrichmentDesignSchema,
  check: checkEnrichment,
  prepare: () => null,
  plan: (s) => (isTimeToEvent(s) ? planEnrichmentSurvival(s) : planEnrichment(s)),
  truth: (s, _prepared, streams) => (isTimeToEvent(s) ? enrichmentSurvivalTruth(s, streams) : enrichmentTruth(s, streams)),
  sections: enrichmentSections,
  describe: (s) => (isTimeToEvent(s) ? enrichmentSurvivalDescribe(s) : enrichmentDescribe(s)),
  report: [{ title: 'Selection at the interim', html: selectionSection, markdown: selectionMarkdown }],
  patients: (s, _prepared, streams) => (isTimeToEvent(s) ? planEnrichmentSurvival(s) : planEnrichment(s, true)).patients(streams),
  analyse: (s, _prepared, table, out) => (isTimeToEvent(s) ? planEnrichmentSurvival(s) : planEnrichment(s)).analyseObserved(table, out),
  patientsPerReplicate: (s) => (isTimeToEvent(s) ? survivalCapacity(s) : enrichmentCapacity(s)),
});
