/**
 * The enrichment design's own summary section: the plan (populations and
 * prevalence, stage sizes, inverse normal weights, critical value,
 * intersection test, selection rule) and how the truth was obtained.
 */
import type { EnrichmentScenario } from './schema.js';
import { enrichmentSetup } from './setup.js';
import { discretePatterns } from '../../population/patterns.js';

export interface EnrichmentPlanSection {
  planned: true;
  subpopulation: string;
  prevalence: number | null;
  prevalenceMode: 'random' | 'fixed';
  stages: number[];
  weights: number[];
  critical: number;
  alpha: number;
  intersection: string;
  selection: string;
  futility: number | null;
  analysis: string;
  truth: string;
}

export function enrichmentDescribe(s: EnrichmentScenario): { enrichment: EnrichmentPlanSection } {
  const d = s.design;
  const setup = enrichmentSetup(s);
  const sel = d.selection;
  const rule = {
    best: `the population with the larger stage-1 ${sel.measure}`,
    epsilon: `every population within ${sel.epsilon} of the best stage-1 ${sel.measure}`,
    threshold: `every population whose stage-1 ${sel.measure} reaches ${sel.threshold}`,
    all: 'both populations',
    posterior: `by the posterior probability of benefit (normal prior, sd ${sel.priorSd ?? 1}): F and S when P(benefit in R) ≥ ${sel.probability ?? 0.8}, S alone when only P(benefit in S) ≥ ${sel.probability ?? 0.8}, else stop`,
  }[sel.rule];
  return {
    enrichment: {
      planned: true,
      subpopulation: `${d.subpopulation.biomarker} = ${d.subpopulation.value}`,
      prevalence: setup.prevalence,
      prevalenceMode: d.prevalence,
      stages: setup.stages,
      weights: setup.weights,
      critical: setup.critical,
      alpha: d.alpha,
      intersection: `${{ simes: 'Simes', bonferroni: 'Bonferroni', sidak: 'Šidák', 'spiessens-debois': 'Spiessens-Debois' }[d.intersection]}; stages combined by ${d.combination === 'fisher' ? 'Fisher\'s product' : 'the inverse normal function'}`,
      selection: rule,
      futility: d.futility ?? null,
      analysis: `${s.endpoint?.type === 'binary' ? 'risk differences, pooled-variance z' : d.variance === 'known' ? 'mean differences, z with the known sd' : 'mean differences, t with the pooled sd'}; F ${d.stratified ? 'stratified by S and R' : 'pooled'}`,
      truth: discretePatterns(s) ? 'exact (biomarker patterns enumerated)' : `from ${s.truth.patients} virtual patients`,
    },
  };
}
