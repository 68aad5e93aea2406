/**
 * Cross-section checks of the enrichment design: two arms, a binary or
 * continuous endpoint, a subpopulation given by a binary or categorical
 * biomarker value with a prevalence strictly between 0 and 1, inverse
 * normal weights whose squares sum to one, and selection rules that have
 * their parameter and can select.
 */
import type { ScenarioIssue } from '../../scenario/errors.js';
import { checkPopulation, checkOutcomeModel, checkTwoArms, levelProbabilities } from '../../scenario/check-model.js';
import { didYouMean } from '../../scenario/zod-issues.js';
import type { EnrichmentScenario } from './schema.js';
import { subpopulationValue } from './setup.js';

type Path = (string | number)[];
const at = (...p: Path): Path => ['design', ...p];

export function checkEnrichment(s: EnrichmentScenario): ScenarioIssue[] {
  const model = [...checkPopulation(s), ...checkOutcomeModel(s)];
  if (model.length > 0) return model;
  return [...checkArms(s), ...checkSubpopulation(s), ...checkTesting(s)];
}

function checkArms(s: EnrichmentScenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const type = s.endpoint?.type;
  if (type !== 'binary' && type !== 'continuous') issues.push({ path: ['endpoint', 'type'], message: `an enrichment design compares means or proportions: expected a continuous or binary endpoint, found ${type ?? 'none'}` });
  issues.push(...checkTwoArms(s, s.design));
  if (s.design.variance === 'known' && type !== 'continuous') issues.push({ path: at('variance'), message: 'a known variance applies to continuous endpoints only' });
  return issues;
}

function checkSubpopulation(s: EnrichmentScenario): ScenarioIssue[] {
  const { biomarker, value } = s.design.subpopulation;
  const ids = s.population.biomarkers.map((b) => b.id);
  const b = s.population.biomarkers.find((m) => m.id === biomarker);
  if (!b) return [{ path: at('subpopulation', 'biomarker'), message: `expected a biomarker (${ids.join(', ') || 'none defined'}), found "${biomarker}"${didYouMean(biomarker, ids)}` }];
  if (b.type === 'continuous') return [{ path: at('subpopulation', 'biomarker'), message: `"${biomarker}" is continuous: define S by a binary or categorical biomarker (dichotomise it as a binary biomarker)` }];
  if (!subpopulationValue(s)) {
    const allowed = b.type === 'binary' ? ['0', '1'] : Object.keys(b.levels);
    return [{ path: at('subpopulation', 'value'), message: `expected one of ${allowed.join(', ')}, found ${JSON.stringify(value)}${didYouMean(String(value), allowed)}` }];
  }
  const probs = levelProbabilities(s, biomarker)!;
  const key = b.type === 'categorical' ? String(value) : String(Number(value));
  const prevalence = probs[key];
  if (!(prevalence > 0 && prevalence < 1)) return [{ path: at('subpopulation'), message: `the subpopulation ${biomarker} = ${value} has prevalence ${prevalence}: expected strictly between 0 and 1 (else S is empty or is F)` }];
  return [];
}

function checkTesting(s: EnrichmentScenario): ScenarioIssue[] {
  const d = s.design;
  const issues: ScenarioIssue[] = [];
  if (d.weights) {
    const sum = d.weights.reduce((a, w) => a + w * w, 0);
    if (Math.abs(sum - 1) > 1e-9) issues.push({ path: at('weights'), message: `expected weights whose squares sum to 1, found ${+sum.toPrecision(6)} (${d.weights.join(', ')})` });
  }
  const sel = d.selection;
  if (sel.rule === 'epsilon' && sel.epsilon === undefined) issues.push({ path: at('selection', 'epsilon'), message: 'the epsilon rule needs epsilon: the tolerance on the measure\'s scale' });
  if (sel.rule === 'threshold' && sel.threshold === undefined) issues.push({ path: at('selection', 'threshold'), message: 'the threshold rule needs threshold: the least measure a population needs to go on' });
  if (sel.measure === 'conditional-power' && sel.rule === 'threshold' && sel.threshold !== undefined && !(sel.threshold >= 0 && sel.threshold <= 1)) {
    issues.push({ path: at('selection', 'threshold'), message: `conditional power is a probability: expected a threshold from 0 to 1, found ${sel.threshold}` });
  } else if (sel.rule === 'threshold' && sel.threshold !== undefined && sel.measure !== 'conditional-power') {
    const most = sel.measure === 'statistic' ? 37 : s.endpoint?.type === 'binary' ? 1 : Infinity;
    if (sel.threshold >= most) issues.push({ path: at('selection', 'threshold'), message: `a threshold of ${sel.threshold} can never be reached (${sel.measure === 'statistic' ? 'z statistics' : 'risk differences'} stay below ${most}): no population would ever be selected` });
  }
  return issues;
}
