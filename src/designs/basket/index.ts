/**
 * The basket design: one targeted drug in several baskets (tumour types
 * sharing a biomarker), each single-arm against a null response rate p0 or
 * randomised against a control, analysed by several methods on the same
 * simulated patients: independent exact tests, Simon two-stage designs, a
 * pooled test, and Bayesian borrowing (Berry hierarchical model, EXNEX,
 * Fujikawa similarity weights), whose posteriors are cached by the count
 * vector (cache.ts).
 */
import type { Design, SimulationPlan } from '../types.js';
import type { Scenario } from '../../scenario/schema.js';
import type { CacheStats } from './cache.js';
import { basketLayout } from './layout.js';
import { buildTrial, type TrialOptions } from './trial.js';
import { writeReplicate } from './record.js';
import { basketTruth } from './truth.js';
import { basketDescribe } from './describe.js';
import { basketSetup } from './setup.js';
import { basketPatientTable } from './patients.js';

/** A basket plan also reports its analysis caches (per worker; not part of the results). */
export interface BasketPlan extends SimulationPlan {
  cacheStats(): Record<string, CacheStats>;
}

export function planBasket(s: Scenario, options: TrialOptions = {}): BasketPlan {
  const trial = buildTrial(s, options);
  const layout = basketLayout(trial.setup);
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

export const basketDesign: Design = {
  types: ['basket'],
  plan: (s) => planBasket(s),
  truth: basketTruth,
  describe: basketDescribe,
  patients: (s, streams) => basketPatientTable(s, basketSetup(s), streams.patients),
};
