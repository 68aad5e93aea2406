/**
 * The basket design: one targeted drug in several baskets (tumour types
 * sharing a biomarker), each single-arm against a null response rate p0 or
 * randomised against a control, analysed by several methods on the same
 * simulated patients: independent exact tests, Simon two-stage designs, a
 * pooled test, and Bayesian borrowing (Berry hierarchical model, EXNEX,
 * Fujikawa similarity weights), whose posteriors are cached by the count
 * vector (cache.ts).
 */
import { defineDesign, type SimulationPlan } from '../types.js';
import { basketDesignSchema, type BasketScenario } from './schema.js';
import { checkBasketDesign } from './check.js';
import type { CacheStats } from './cache.js';
import { basketLayout } from './layout.js';
import { buildTrial, type TrialOptions } from './trial.js';
import { writeReplicate } from './record.js';
import { basketTruth } from './truth.js';
import { basketDescribe } from './describe.js';
import { basketSections } from './sections.js';
import { basketSetup, type BasketSetup } from './setup.js';
import { basketPatientTable } from './patients.js';
import { basketsChart } from './report.js';
import { basketExact } from './exact-parts.js';
import { withSharedTables } from './shared-table.js';
import { analyseBasket } from './analyse.js';

/** A basket plan also reports its analysis caches (per worker; not part of the results). */
export interface BasketPlan extends SimulationPlan {
  cacheStats(): Record<string, CacheStats>;
}

export function planBasket(s: BasketScenario, setup: BasketSetup, options: TrialOptions = {}): BasketPlan {
  const trial = buildTrial(s, setup, options);
  const layout = basketLayout(setup);
  return {
    layout,
    simulate(streams, out) {
      trial.run(streams.patients);
      writeReplicate(trial, layout, out);
    },
    cacheStats() {
      return Object.fromEntries(trial.analysers.flatMap((a) => (a.cacheStats ? [[a.info.id, a.cacheStats()]] : [])));
    },
  };
}

export const basketDesign = defineDesign({
  schema: basketDesignSchema,
  check: checkBasketDesign,
  // The setup is plain data: population rates from the truth stream, Simon designs, interim sizes.
  prepare: (s, streams) => withSharedTables(basketSetup(s, streams)),
  plan: (s, setup) => planBasket(s, setup),
  truth: (_s, setup) => basketTruth(setup),
  sections: basketSections,
  describe: (_s, setup) => basketDescribe(setup),
  patients: (s, setup, streams) => basketPatientTable(s, setup, streams.patients),
  report: [{ title: 'Basket estimates and shrinkage', html: basketsChart }],
  // Every responder vector with its binomial probability (exact-parts.ts).
  exact: basketExact,
  // The observed trial through the same analysers (analyse.ts).
  analyse: analyseBasket,
  // Drug and control patients of every basket, at the longest any analysis enrols.
  patientsPerReplicate: (s) => s.design.baskets.reduce((n, b) => n + b.sampleSize + (b.control?.sampleSize ?? 0), 0),
});
