/**
 * One basket trial, built once per worker: the patient drawer, one analyser
 * per analysis and the comparator of randomised baskets, all reading the
 * same replicate's patients.
 */
import type { BasketScenario } from './schema.js';
import type { RandomSource } from '../../random/stream.js';
import type { BasketAnalyser } from './analysis.js';
import { bayesianAnalyser, type ExactCoverage } from './bayesian.js';
import { comparator, type Comparator } from './comparison.js';
import { independentAnalyser, pooledAnalyser, simonAnalyser } from './frequentist.js';
import { patientDrawer, TrialData } from './patients.js';
import type { AnalysisInfo, BasketSetup, BayesSpec } from './setup.js';

export interface BasketTrial {
  setup: BasketSetup;
  data: TrialData;
  analysers: BasketAnalyser[];
  comparator: Comparator | null;
  /** Draws a replicate's patients and runs every analysis on them. */
  run(source: RandomSource): void;
}

/**
 * Options of a trial's analyses: the memory budget of each analysis' own
 * cache (default cache.ts CACHE_BYTES), and whether to use the posterior
 * tables shared between threads when the setup has them (default true).
 */
export interface TrialOptions {
  cacheBytes?: number;
  shared?: boolean;
  /** An exact run's coverage (bayesian.ts ExactCoverage). */
  exact?: ExactCoverage;
}

export function buildAnalyser(setup: BasketSetup, info: AnalysisInfo, options: TrialOptions = {}): BasketAnalyser {
  const spec = info.spec;
  switch (spec.method) {
    case 'independent-exact': return independentAnalyser(setup, { ...info, spec });
    case 'simon': return simonAnalyser(setup, info);
    case 'pooled': return pooledAnalyser(setup, { ...info, spec });
    default: return bayesianAnalyser(setup, { ...info, spec: spec as BayesSpec, ...(options.shared === false ? { shared: undefined, sharedHash: undefined } : {}) }, options.cacheBytes, options.exact);
  }
}

export function buildTrial(s: BasketScenario, setup: BasketSetup, options: TrialOptions = {}): BasketTrial {
  const drawer = patientDrawer(s, setup);
  const data = new TrialData(setup);
  const analysers = setup.analyses.map((a) => buildAnalyser(setup, a, options));
  const compare = setup.randomised ? comparator(setup) : null;
  return {
    setup, data, analysers, comparator: compare,
    run(source) {
      drawer.draw(source, data);
      for (const a of analysers) a.analyse(data);
      compare?.compare(data);
    },
  };
}
