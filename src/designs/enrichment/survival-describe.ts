/**
 * The enrichment design's summary section for a time-to-event endpoint:
 * the plan of describe.ts with the event targets, screening rate and
 * follow-up, the analysis (stratified log-rank, stage-wise increments,
 * naive Cox estimates) and how the truth was obtained.
 */
import type { EnrichmentScenario } from './schema.js';
import { enrichmentDescribe } from './describe.js';
import type { EnrichmentSections } from './sections.js';
import { survivalSetup } from './survival-setup.js';
import { SURVIVAL_TRUTH_CAP } from './survival-truth.js';

export function enrichmentSurvivalDescribe(s: EnrichmentScenario): EnrichmentSections {
  const { enrichment } = enrichmentDescribe(s);
  const d = s.design, tte = survivalSetup(s), re = d.reestimate;
  const several = d.subpopulations !== undefined && d.subpopulations.length > 1;
  const sel = d.selection;
  const scale = sel.rule === 'posterior' ? ' (the prior and estimates on the log hazard ratio)'
    : sel.measure === 'estimate' ? ' (the estimate: the log hazard ratio, signed so that larger is more benefit)' : sel.measure === 'statistic' ? ' (the statistic: the cumulative log-rank z for benefit)' : '';
  const strata = d.stratified ? `stratified by ${several ? 'membership in the subpopulations' : 'S and R'}` : 'pooled';
  return {
    enrichment: {
      ...enrichment,
      selection: `${enrichment.selection}${scale}`,
      events: tte.events,
      accrualPerMonth: tte.rate,
      followUp: tte.followUp,
      ...(re ? { reestimate: `each later stage's events re-estimated for conditional power ${re.conditionalPower} under the interim log hazard ratio, between ${re.min ?? 'the planned'} and ${re.max} new events` } : {}),
      analysis: `log-rank tests on each population's cumulative data, ${strata}, turned into stage-wise statistics by independent increments of the events; naive estimates: two-group Cox log hazard ratios at the last analysis`,
      truth: `from ${Math.min(s.truth.patients, SURVIVAL_TRUTH_CAP)} virtual patients followed under both arms (two-group Cox log hazard ratio, censored as the endpoint's accrual and follow-up describe)`,
    },
  };
}
