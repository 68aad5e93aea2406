/**
 * The enrichment design's own summary section: the plan (populations and
 * prevalence, stage sizes, inverse normal weights, critical value,
 * intersection test, selection rule) and how the truth was obtained.
 */
import type { EnrichmentScenario } from './schema.js';
import { enrichmentSetup } from './setup.js';
import { discretePatterns } from '../../population/patterns.js';
import type { EnrichmentSections } from './sections.js';

function ruleWords(s: EnrichmentScenario): string {
  const sel = s.design.selection;
  const when = s.design.stages.length > 2 ? 'interim' : 'stage-1';
  const c = sel.probability ?? 0.8;
  const words: Record<typeof sel.rule, string> = {
    best: `the population with the ${s.design.subpopulations && s.design.subpopulations.length > 1 ? 'largest' : 'larger'} ${when} ${sel.measure}`,
    'r-best': `the ${sel.r ?? 1} populations with the largest ${when} ${sel.measure}`,
    epsilon: `every population within ${sel.epsilon} of the best ${when} ${sel.measure}`,
    threshold: `every population whose ${when} ${sel.measure} reaches ${sel.threshold}`,
    all: s.design.subpopulations && s.design.subpopulations.length > 1 ? 'every population' : 'both populations',
    posterior: s.design.subpopulations && s.design.subpopulations.length > 1
      ? `by the posterior probability of benefit (normal prior, sd ${sel.priorSd ?? 1}) in each population's own part: a population goes on, with those nested in it, when it is ≥ ${c}`
      : `by the posterior probability of benefit (normal prior, sd ${sel.priorSd ?? 1}): F and S when P(benefit in R) ≥ ${c}, S alone when only P(benefit in S) ≥ ${c}, else stop`,
    table: `the first row of the table (${(sel.table ?? []).map((row) => `${Object.entries(row.when).map(([h, r]) => [r.above === undefined ? '' : `${h} ≥ ${r.above}`, r.below === undefined ? '' : `${h} < ${r.below}`].filter(Boolean).join(' and ')).join(' and ') || 'always'} → ${row.select.join(', ') || 'stop'}`).join('; ')}; otherwise ${(sel.otherwise ?? []).join(', ') || 'stop'}) by the ${when} ${sel.measure}`,
  };
  return words[sel.rule];
}

export function enrichmentDescribe(s: EnrichmentScenario): EnrichmentSections {
  const d = s.design;
  const setup = enrichmentSetup(s);
  const several = setup.subpopulations.length > 1;
  const early = setup.critical.slice(0, -1).some(Number.isFinite);
  const re = d.reestimate;
  return {
    enrichment: {
      planned: true,
      subpopulation: several ? setup.subpopulations.map((x) => `${x.id}: ${x.label}`).join('; ') : setup.subpopulations[0].label,
      ...(several ? { subpopulations: setup.subpopulations.map((x, k) => ({ id: x.id, label: x.label, prevalence: setup.prevalence[k + 1], within: d.subpopulations?.[k].within ?? null })) } : {}),
      prevalence: setup.prevalence[1],
      prevalenceMode: d.prevalence,
      stages: setup.stages,
      weights: setup.weights,
      critical: setup.critical[setup.critical.length - 1],
      ...(early ? { criticalValues: setup.critical.map((c) => (Number.isFinite(c) ? c : null)) } : {}),
      alpha: d.alpha,
      intersection: `${{ simes: 'Simes', bonferroni: 'Bonferroni', sidak: 'Šidák', 'spiessens-debois': 'Spiessens-Debois' }[d.intersection]}; stages combined by ${d.combination === 'fisher' ? 'Fisher\'s product' : 'the inverse normal function'}`,
      selection: ruleWords(s),
      futility: d.futility ?? null,
      ...(re ? { reestimate: `each later stage's size re-estimated for conditional power ${re.conditionalPower} under the interim estimate, between ${re.min ?? 'the planned size'} and ${re.max} patients` } : {}),
      analysis: `${s.endpoint?.type === 'binary' ? 'risk differences, pooled-variance z' : d.variance === 'known' ? 'mean differences, z with the known sd' : 'mean differences, t with the pooled sd'}; ${several ? (d.stratified ? 'populations stratified by membership in the subpopulations' : 'populations pooled') : `F ${d.stratified ? 'stratified by S and R' : 'pooled'}`}`,
      truth: discretePatterns(s) ? 'exact (biomarker patterns enumerated)' : `from ${s.truth.patients} virtual patients`,
    },
  };
}
