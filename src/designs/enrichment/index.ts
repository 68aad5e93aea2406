/**
 * The adaptive enrichment design: a treatment against control in a full
 * population and a biomarker-defined subpopulation over two stages, the
 * populations to go on in chosen at the interim, and a closed inverse
 * normal combination test that controls the family-wise error over H_F and
 * H_S whatever was selected (Wassmer & Brannath 2016, ch. 11; rpact's
 * enrichment simulations). Reports the rejection and selection
 * probabilities, power given each selection, patients per stratum, and the
 * naive estimates' bias after selection.
 */
import { defineDesign } from '../types.js';
import { enrichmentDesignSchema } from './schema.js';
import { checkEnrichment } from './check.js';
import { planEnrichment } from './trial.js';
import { enrichmentTruth } from './truth.js';
import { enrichmentCapacity } from './setup.js';
import { enrichmentDescribe } from './describe.js';
import { selectionSection, selectionMarkdown } from './report.js';

export const enrichmentDesign = defineDesign({
  schema: enrichmentDesignSchema,
  check: checkEnrichment,
  prepare: () => null,
  plan: (s) => planEnrichment(s),
  truth: (s, _prepared, streams) => enrichmentTruth(s, streams),
  describe: (s) => enrichmentDescribe(s),
  report: [{ title: 'Selection at the interim', html: selectionSection, markdown: selectionMarkdown }],
  patients: (s, _prepared, streams) => planEnrichment(s, true).patients(streams),
  analyse: (s, _prepared, table, out) => planEnrichment(s).analyseObserved(table, out),
  patientsPerReplicate: (s) => enrichmentCapacity(s),
});
