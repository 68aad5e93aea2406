/**
 * Cross-reference checks of the basket design: unique names, where each
 * basket's response rate comes from (given, or the population model), null
 * and target rates, Simon designs that exist, interim rules that can act.
 */
import { didYouMean } from '../../scenario/zod-issues.js';
import { componentsLimit, MAX_EFFECT_BASKETS } from '../../stats/basket/index.js';
import type { ScenarioIssue } from '../../scenario/errors.js';
import type { BasketScenario, BasketDesignSpec, BasketAnalysisSpec } from './schema.js';
import { checkPopulation, checkOutcomeModel } from '../../scenario/check-model.js';
import { compileRule, ruleMessage } from '../../scenario/rules/compile.js';
import { findSimonDesign } from './simon-designs.js';

type Path = (string | number)[];
const at = (...p: Path): Path => ['design', ...p];

/** The analysis' name in result ids: its id, else its method. */
export function analysisId(a: BasketAnalysisSpec): string {
  return a.id ?? a.method;
}

function duplicates(names: string[], path: (k: number) => Path, what: string): ScenarioIssue[] {
  return names.flatMap((n, k) => (names.indexOf(n) < k ? [{ path: path(k), message: `duplicate ${what} "${n}"${what === 'analysis id' ? ' (give repeated methods an id)' : ''}` }] : []));
}

function checkRates(d: BasketDesignSpec): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  d.baskets.forEach((b, k) => {
    const p0 = b.p0 ?? d.p0;
    const p1 = b.p1 ?? d.p1;
    if (p0 === undefined) issues.push({ path: at('baskets', k, 'p0'), message: 'required: expected a null response rate p0 here or as design.p0, found nothing' });
    if (p0 !== undefined && p1 !== undefined && p1 <= p0) {
      const path = b.p1 !== undefined ? at('baskets', k, 'p1') : b.p0 !== undefined ? at('baskets', k, 'p0') : at('p1');
      if (!issues.some((i) => i.path.join() === path.join())) issues.push({ path, message: `expected p1 > p0, found p0 = ${p0}, p1 = ${p1}` });
    }
    if (d.population) {
      if (b.responseRate !== undefined) issues.push({ path: at('baskets', k, 'responseRate'), message: 'with design.population the rate comes from the population model: expected no responseRate, found one' });
      if (b.control?.responseRate !== undefined) issues.push({ path: at('baskets', k, 'control', 'responseRate'), message: 'with design.population the control rate comes from design.population.control: expected no responseRate, found one' });
    } else {
      if (b.responseRate === undefined) issues.push({ path: at('baskets', k, 'responseRate'), message: 'required: expected the true response rate (or design.population to derive it), found nothing' });
      if (b.level !== undefined) issues.push({ path: at('baskets', k, 'level'), message: 'a level needs design.population (the biomarker whose levels are the baskets), found none' });
      if (b.control && b.control.responseRate === undefined) issues.push({ path: at('baskets', k, 'control', 'responseRate'), message: 'required: expected the true control response rate, found nothing' });
    }
  });
  const withAccrual = d.baskets.filter((b) => b.accrualPerMonth !== undefined).length;
  if (withAccrual > 0 && withAccrual < d.baskets.length) {
    issues.push({ path: at('baskets'), message: `expected accrualPerMonth for every basket or none, found it for ${withAccrual} of ${d.baskets.length}` });
  }
  return issues;
}

function checkPopulationSource(s: BasketScenario, d: BasketDesignSpec): ScenarioIssue[] {
  const pop = d.population;
  if (!pop) return [];
  const issues = [...checkPopulation(s), ...checkOutcomeModel(s)];
  if (issues.length > 0) return issues;
  if (s.endpoint!.type !== 'binary') issues.push({ path: ['endpoint', 'type'], message: `a basket trial's response is binary: expected type binary, found ${s.endpoint!.type}` });
  const arms = Object.keys(s.arms!);
  if (!arms.includes(pop.arm)) issues.push({ path: at('population', 'arm'), message: `expected an arm (${arms.join(', ')}), found "${pop.arm}"` });
  const randomised = d.baskets.some((b) => b.control);
  if (pop.control !== undefined && !arms.includes(pop.control)) issues.push({ path: at('population', 'control'), message: `expected an arm (${arms.join(', ')}), found "${pop.control}"` });
  if (randomised && pop.control === undefined) issues.push({ path: at('population', 'control'), message: 'required for randomised baskets: expected the control arm, found nothing' });
  const marker = s.population.biomarkers.find((m) => m.id === pop.basketBy);
  if (!marker || marker.type !== 'categorical') {
    const cats = s.population.biomarkers.filter((m) => m.type === 'categorical').map((m) => m.id);
    issues.push({ path: at('population', 'basketBy'), message: `expected a categorical biomarker (${cats.join(', ') || 'none defined'}), found "${pop.basketBy}"` });
  } else {
    const levels = Object.keys(marker.levels);
    d.baskets.forEach((b, k) => {
      const level = b.level ?? b.id;
      if (!levels.includes(level)) issues.push({ path: at('baskets', k, b.level !== undefined ? 'level' : 'id'), message: `expected a level of "${pop.basketBy}" (${levels.join(', ')}), found "${level}"` });
    });
    issues.push(...duplicates(d.baskets.map((b) => b.level ?? b.id), (k) => at('baskets', k, 'level'), 'basket level'));
  }
  if (pop.eligibility !== undefined) {
    const r = compileRule(pop.eligibility, s.population.biomarkers, (s.population.profiles ?? []).map((p) => p.id));
    if (!r.ok) issues.push(...r.problems.map((p) => ({ path: at('population', 'eligibility'), message: ruleMessage(pop.eligibility!, p) })));
  }
  return issues;
}

function checkSimon(d: BasketDesignSpec, a: Extract<BasketAnalysisSpec, { method: 'simon' }>, k: number): ScenarioIssue[] {
  const where = at('analyses', k, 'design');
  if (typeof a.design === 'object') {
    const { r1, n1, r, n } = a.design;
    if (!(n1 < n && r1 < n1 && r1 <= r && r < n)) return [{ path: where, message: `expected 0 <= r1 < n1 < n and r1 <= r < n, found r1 = ${r1}, n1 = ${n1}, r = ${r}, n = ${n}` }];
    return [];
  }
  const kind = a.design;
  const issues: ScenarioIssue[] = [];
  const seen = new Set<string>();
  d.baskets.forEach((b) => {
    const p0 = b.p0 ?? d.p0;
    const p1 = b.p1 ?? d.p1;
    if (p0 === undefined) return;
    if (p1 === undefined) {
      if (!issues.some((i) => i.path.join() === at('p1').join())) issues.push({ path: at('p1'), message: `required by the Simon ${kind} design search: expected a target rate p1 here or in every basket, found nothing` });
      return;
    }
    if (p1 <= p0 || seen.has(`${p0},${p1}`)) return;
    seen.add(`${p0},${p1}`);
    if (!findSimonDesign({ p0, p1, alpha: a.alpha, power: a.power, maxN: a.maxN }, kind)) {
      issues.push({ path: where, message: `expected a Simon ${kind} design for p0 = ${p0}, p1 = ${p1}, alpha = ${a.alpha}, power = ${a.power} with n <= ${a.maxN}, found none (raise maxN)` });
    }
  });
  return issues;
}

/** Per-basket EXNEX priors name baskets of the design (every basket, for the weights). */
function checkPerBasket(d: BasketDesignSpec, a: Extract<BasketDesignSpec['analyses'][number], { method: 'exnex' }>, k: number): ScenarioIssue[] {
  const ids = d.baskets.map((b) => b.id);
  const issues: ScenarioIssue[] = [];
  for (const [key, value] of [['exWeight', a.exWeight], ['nexPrior', a.nexPrior]] as const) {
    if (typeof value !== 'object' || value === null || 'mean' in value) continue;
    for (const id of Object.keys(value)) {
      if (!ids.includes(id)) issues.push({ path: at('analyses', k, key, id), message: `expected a basket id (${ids.join(', ')}), found "${id}"${didYouMean(id, ids)}` });
    }
    if (key === 'exWeight') {
      // own keys only: a basket named like an Object method (valueOf) must still be named here
      const missing = ids.filter((id) => !Object.hasOwn(value, id));
      if (missing.length > 0) issues.push({ path: at('analyses', k, key), message: `expected a weight for every basket, found none for ${missing.join(', ')}` });
    }
  }
  return [...issues, ...checkComponents(d, a, k)];
}

/** With several exchangeable components, each basket's weights are a list, one per component, summing to at most 1. */
function checkComponents(d: BasketDesignSpec, a: Extract<BasketDesignSpec['analyses'][number], { method: 'exnex' }>, k: number): ScenarioIssue[] {
  const C = a.components?.length ?? 1;
  const where = at('analyses', k, 'exWeight');
  const lists: [(string | number)[], number | number[]][] = typeof a.exWeight === 'number' || Array.isArray(a.exWeight)
    ? [[where, a.exWeight]]
    : Object.entries(a.exWeight).map(([id, w]) => [[...where, id], w]);
  const issues: ScenarioIssue[] = [];
  const limit = a.components ? componentsLimit(C, d.baskets.length) : null;
  if (limit) issues.push({ path: at('analyses', k, 'components'), message: limit });
  for (const key of ['muPrior', 'tauPrior'] as const) {
    if (a.components && a[key]) issues.push({ path: at('analyses', k, key), message: `with components each has its own ${key}: expected it inside components[i], found it beside them` });
  }
  for (const [path, w] of lists) {
    if (C === 1 && Array.isArray(w)) issues.push({ path, message: `a list of weights, one per exchangeable component, needs components: expected one probability, found ${w.length}` });
    if (C > 1 && !Array.isArray(w)) issues.push({ path, message: `expected a list of ${C} probabilities, one per component (NEX takes the rest), found ${w}` });
    if (C > 1 && Array.isArray(w) && w.length !== C) issues.push({ path, message: `expected ${C} probabilities, one per component, found ${w.length}` });
    if (Array.isArray(w) && w.reduce((x, y) => x + y, 0) > 1 + 1e-12) issues.push({ path, message: `expected probabilities summing to at most 1 (NEX takes the rest), found ${+w.reduce((x, y) => x + y, 0).toPrecision(12)}` });
  }
  return issues;
}

function checkAnalyses(d: BasketDesignSpec): ScenarioIssue[] {
  const issues = duplicates(d.analyses.map(analysisId), (k) => at('analyses', k, 'id'), 'analysis id');
  d.analyses.forEach((a, k) => {
    if (a.method === 'simon') issues.push(...checkSimon(d, a, k));
    if (a.method === 'exnex') issues.push(...checkPerBasket(d, a, k));
    if ((a.method === 'hierarchical' || a.method === 'exnex' || a.method === 'fujikawa') && a.interim) {
      const { futility, efficacy } = a.interim;
      const where = at('analyses', k, 'interim');
      if (futility === undefined && efficacy === undefined) issues.push({ path: where, message: 'expected a futility or efficacy threshold (or both), found neither' });
      if (futility !== undefined && efficacy !== undefined && futility >= efficacy) issues.push({ path: where, message: `expected futility < efficacy, found ${futility} and ${efficacy}` });
      if (efficacy !== undefined && efficacy < a.threshold) issues.push({ path: [...where, 'efficacy'], message: `expected an early-efficacy threshold at least the final threshold ${a.threshold}, found ${efficacy}` });
    }
  });
  return issues;
}

/** Borrowing on the log odds ratio needs randomised baskets whose true rates have one (strictly between 0 and 1), and distinct ids. */
function checkBorrowing(d: BasketDesignSpec): ScenarioIssue[] {
  const specs = d.comparison.borrowing ?? [];
  if (specs.length === 0) return [];
  const issues = duplicates(specs.map((b) => b.id ?? b.method), (k) => at('comparison', 'borrowing', k, 'id'), 'borrowing id');
  const randomised = d.baskets.filter((b) => b.control);
  if (randomised.length < 2) issues.push({ path: at('comparison', 'borrowing'), message: `borrowing needs at least two randomised baskets (each with a control), found ${randomised.length}` });
  if (specs.some((b) => b.method === 'exnex') && randomised.length > MAX_EFFECT_BASKETS) issues.push({ path: at('comparison', 'borrowing'), message: `EXNEX on the effect takes at most ${MAX_EFFECT_BASKETS} randomised baskets, found ${randomised.length}` });
  d.baskets.forEach((b, k) => {
    for (const [where, rate] of [[['baskets', k, 'responseRate'], b.responseRate], [['baskets', k, 'control', 'responseRate'], b.control?.responseRate]] as const) {
      if (b.control && rate !== undefined && !(rate > 0 && rate < 1)) issues.push({ path: at(...where), message: `with borrowing on the log odds ratio the true rates of randomised baskets must lie strictly between 0 and 1, found ${rate}` });
    }
  });
  return issues;
}

export function checkBasketDesign(s: BasketScenario): ScenarioIssue[] {
  const d = s.design;
  const issues = [
    ...checkBorrowing(d),
    ...duplicates(d.baskets.map((b) => b.id), (k) => at('baskets', k, 'id'), 'basket id'),
    ...checkRates(d),
    ...checkPopulationSource(s, d),
  ];
  // Rates given directly use no population, but a population section that is there must still make sense.
  if (!d.population) issues.push(...checkPopulation(s));
  if (!d.population && (s.endpoint || s.arms)) {
    issues.push({ path: [s.endpoint ? 'endpoint' : 'arms'], message: 'not used by a basket design with rates given directly: remove it, or add design.population to derive the rates from it' });
  }
  if (issues.length > 0) return issues;
  return checkAnalyses(d);
}
