/**
 * Cross-section checks of the enrichment design: two arms, a binary,
 * continuous or time-to-event endpoint (with its event targets:
 * check-survival.ts), subpopulations given by binary or categorical
 * biomarker values, each with a prevalence strictly between 0 and 1, nested
 * where declared so, and distinct; weights (one per stage) whose squares sum
 * to one; critical values one per stage; selection rules that have their
 * parameters and can select; re-estimation bounds in order.
 */
import type { ScenarioIssue } from '../../scenario/errors.js';
import { checkPopulation, checkOutcomeModel, checkTwoArms } from '../../scenario/check-model.js';
import { didYouMean } from '../../scenario/zod-issues.js';
import type { EnrichmentScenario } from './schema.js';
import { conditionsOf, enrichmentSetup, stageInformation, storedValue, subpopulationId, subpopulationSpecs } from './setup.js';
import { checkSelection } from './check-selection.js';
import { checkSurvival } from './check-survival.js';

type Path = (string | number)[];
const at = (...p: Path): Path => ['design', ...p];

export function checkEnrichment(s: EnrichmentScenario): ScenarioIssue[] {
  const model = [...checkPopulation(s), ...checkOutcomeModel(s)];
  if (model.length > 0) return model;
  const survival = checkSurvival(s);
  if (survival.length > 0) return [...survival, ...checkArms(s)];
  const subpopulations = checkSubpopulations(s);
  const rest = [...checkArms(s), ...checkStages(s)];
  if (subpopulations.length > 0) return [...subpopulations, ...rest];
  return [...rest, ...checkPrevalences(s), ...checkSelection(s)];
}

function checkArms(s: EnrichmentScenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const type = s.endpoint?.type;
  if (type !== 'binary' && type !== 'continuous' && type !== 'time-to-event') issues.push({ path: ['endpoint', 'type'], message: `an enrichment design compares means, proportions or survival: expected a continuous, binary or time-to-event endpoint, found ${type ?? 'none'}` });
  issues.push(...checkTwoArms(s, s.design));
  if (s.design.variance === 'known' && type !== 'continuous') issues.push({ path: at('variance'), message: 'a known variance applies to continuous endpoints only' });
  return issues;
}

/** The key path of subpopulation k: `subpopulation` alone, or an entry of `subpopulations`. */
const subPath = (s: EnrichmentScenario, k: number, ...rest: Path): Path => (s.design.subpopulations ? at('subpopulations', k, ...rest) : at('subpopulation', ...rest));

function checkSubpopulations(s: EnrichmentScenario): ScenarioIssue[] {
  const d = s.design;
  if (d.subpopulation && d.subpopulations) return [{ path: at('subpopulations'), message: 'give either subpopulation (one) or subpopulations (a list), not both' }];
  const specs = subpopulationSpecs(d);
  if (specs.length === 0) return [{ path: at('subpopulation'), message: 'expected a subpopulation (biomarker and value) or a list of subpopulations, found none' }];
  const issues = specs.flatMap((spec, k) => checkConditions(s, spec, k));
  const ids = specs.map((_, k) => subpopulationId(d, k));
  ids.forEach((id, k) => {
    if (id === 'F' || id === 'R') issues.push({ path: subPath(s, k, 'id'), message: `"${id}" names the full population or the rest of it: choose another id` });
    else if (ids.indexOf(id) !== k) issues.push({ path: subPath(s, k, 'id'), message: `expected a name not used by another subpopulation, found "${id}" again` });
  });
  if (issues.length > 0) return issues;
  return [...checkNesting(s, ids), ...checkDistinct(s, ids)];
}

function checkConditions(s: EnrichmentScenario, spec: ReturnType<typeof subpopulationSpecs>[number], k: number): ScenarioIssue[] {
  if (spec.where && spec.biomarker !== undefined) return [{ path: subPath(s, k, 'where'), message: 'give either biomarker and value, or where (a list of conditions), not both' }];
  if (!spec.where && spec.biomarker === undefined) return [{ path: subPath(s, k, 'biomarker'), message: 'expected the biomarker that defines the subpopulation (with value), or where: a list of conditions' }];
  const ids = s.population.biomarkers.map((b) => b.id);
  return conditionsOf(spec).flatMap((c, j) => {
    const path = (key: string) => (spec.where ? subPath(s, k, 'where', j, key) : subPath(s, k, key));
    const b = s.population.biomarkers.find((m) => m.id === c.biomarker);
    if (!b) return [{ path: path('biomarker'), message: `expected a biomarker (${ids.join(', ') || 'none defined'}), found "${c.biomarker}"${didYouMean(c.biomarker, ids)}` }];
    if (b.type === 'continuous') return [{ path: path('biomarker'), message: `"${c.biomarker}" is continuous: define the subpopulation by a binary or categorical biomarker (dichotomise it as a binary biomarker)` }];
    const allowed = b.type === 'binary' ? ['0', '1'] : Object.keys(b.levels);
    const values = Array.isArray(c.value) ? c.value : [c.value];
    return values.filter((v) => !storedValue(s, c.biomarker, v)).map((v) => ({ path: path('value'), message: `expected one of ${allowed.join(', ')}, found ${JSON.stringify(v)}${didYouMean(String(v), allowed)}` }));
  });
}

/** A subpopulation declared within another must meet its every condition: same biomarker, levels a subset. */
function checkNesting(s: EnrichmentScenario, ids: string[]): ScenarioIssue[] {
  const specs = subpopulationSpecs(s.design);
  return specs.flatMap((spec, k) => {
    if (spec.within === undefined) return [];
    const outer = ids.indexOf(spec.within);
    if (outer < 0 || outer === k) return [{ path: subPath(s, k, 'within'), message: `expected another subpopulation's id (${ids.filter((_, j) => j !== k).join(', ') || 'none'}), found "${spec.within}"${didYouMean(spec.within, ids)}` }];
    const inner = conditionsOf(spec);
    const missing = conditionsOf(specs[outer]).find((c) => {
      const own = inner.find((x) => x.biomarker === c.biomarker);
      const allowed = (Array.isArray(c.value) ? c.value : [c.value]).map(String);
      return !own || !(Array.isArray(own.value) ? own.value : [own.value]).every((v) => allowed.includes(String(v)));
    });
    if (!missing) return [];
    return [{ path: subPath(s, k, 'within'), message: `${ids[k]} is declared within ${spec.within}, but its conditions do not imply ${spec.within}'s ${missing.biomarker} ${Array.isArray(missing.value) ? `in {${missing.value.join(', ')}}` : `= ${missing.value}`}: some of its patients could lie outside ${spec.within}` }];
  });
}

/** Two subpopulations with the same patients test the same hypothesis twice. */
function checkDistinct(s: EnrichmentScenario, ids: string[]): ScenarioIssue[] {
  const setup = enrichmentSetup(s);
  const prev = setup.stratumPrevalence;
  if (!prev) return [];
  const mass = (g: number) => setup.strataOf[g].filter((x) => prev[x] > 0).join(',');
  const issues: ScenarioIssue[] = [];
  for (let a = 1; a < setup.populations.length; a++) {
    for (let b = 1; b < a; b++) if (mass(a) === mass(b)) issues.push({ path: subPath(s, a - 1), message: `${ids[a - 1]} holds the same patients as ${ids[b - 1]}: define subpopulations that differ` });
  }
  return issues;
}

function checkPrevalences(s: EnrichmentScenario): ScenarioIssue[] {
  const setup = enrichmentSetup(s);
  const issues: ScenarioIssue[] = [];
  setup.subpopulations.forEach((sub, k) => {
    const p = setup.prevalence[k + 1];
    if (p !== null && !(p > 1e-12 && p < 1 - 1e-12)) issues.push({ path: subPath(s, k), message: `the subpopulation ${sub.label} has prevalence ${+p.toPrecision(6)}: expected strictly between 0 and 1 (else ${sub.id} is empty or is F)` });
  });
  if (s.design.prevalence === 'fixed' && !setup.stratumPrevalence) {
    issues.push({ path: at('prevalence'), message: 'fixed quotas need each stratum\'s prevalence, which can be computed when the subpopulations are defined on one biomarker or every biomarker is binary or categorical: use prevalence: random' });
  }
  return issues;
}

function checkStages(s: EnrichmentScenario): ScenarioIssue[] {
  const d = s.design, K = d.stages.length;
  const issues: ScenarioIssue[] = [];
  if (d.weights) {
    if (d.weights.length !== K) issues.push({ path: at('weights'), message: `expected one weight per stage (${K}), found ${d.weights.length}` });
    const sum = d.weights.reduce((a, w) => a + w * w, 0);
    if (Math.abs(sum - 1) > 1e-9) issues.push({ path: at('weights'), message: `expected weights whose squares sum to 1, found ${+sum.toPrecision(6)} (${d.weights.join(', ')})` });
  }
  if (typeof d.efficacy === 'object') {
    const c = d.efficacy.criticalValues;
    if (c.length !== K) issues.push({ path: at('efficacy', 'criticalValues'), message: `expected one critical value per stage (${K}), found ${c.length}` });
    else if (c[K - 1] === null) issues.push({ path: at('efficacy', 'criticalValues', K - 1), message: 'the last stage must test: expected a critical value, found null' });
  }
  if (d.futilityBounds && d.futilityBounds.length !== K - 1) issues.push({ path: at('futilityBounds'), message: `expected one bound per interim (${K - 1}), found ${d.futilityBounds.length}` });
  if (d.futilityBounds && d.combination === 'fisher') issues.push({ path: at('futilityBounds'), message: 'futility bounds apply to the inverse normal combination\'s z statistics: use combination: inverse-normal, or futility' });
  if (d.intersection === 'spiessens-debois' && (d.subpopulations?.length ?? 1) > 1) issues.push({ path: at('intersection'), message: `Spiessens-Debois is defined for one subpopulation nested in the full population (Spiessens & Debois 2010), found ${d.subpopulations!.length} subpopulations: use simes, bonferroni or sidak` });
  if (d.combination === 'fisher' && d.efficacy !== 'none') issues.push({ path: at('efficacy'), message: 'Fisher\'s combination is tested at the last stage only here: early efficacy stops need combination: inverse-normal' });
  const re = d.reestimate;
  if (re) {
    if (d.combination === 'fisher') issues.push({ path: at('reestimate'), message: 'sample-size re-estimation by conditional power uses the inverse normal combination: set combination: inverse-normal' });
    for (const key of ['min', 'max'] as const) {
      const v = re[key];
      if (Array.isArray(v) && v.length !== K - 1) issues.push({ path: at('reestimate', key), message: `expected one bound per later stage (${K - 1}), found ${v.length}` });
    }
    for (let k = 1; k < K; k++) {
      const lo = re.min === undefined ? stageInformation(d)[k] : Array.isArray(re.min) ? re.min[k - 1] : re.min;
      const hi = Array.isArray(re.max) ? re.max[k - 1] : re.max;
      if (lo !== undefined && hi !== undefined && lo > hi) { issues.push({ path: at('reestimate', 'max'), message: `stage ${k + 1}: expected max at least min (${lo}${re.min === undefined ? ', the planned size' : ''}), found ${hi}` }); break; }
    }
  }
  return issues;
}
