/**
 * Cross-section checks of the non-compliance design: two arms, a binary or
 * continuous endpoint, compliance shares that sum to one and leave an effect
 * of assignment on the treatment taken (else the IV estimate divides by
 * zero), defiers only with the IV estimates' bias acknowledged (they break
 * monotonicity, so the LATE is not identified), covariates that are
 * biomarkers with one column each.
 */
import type { ScenarioIssue } from '../../scenario/errors.js';
import { checkPopulation, checkOutcomeModel, checkTwoArms, checkTerms } from '../../scenario/check-model.js';
import { didYouMean } from '../../scenario/zod-issues.js';
import type { NoncomplianceScenario } from './schema.js';
import { complianceTypes } from './schema.js';
import { complierShare, estimatorsOf } from './setup.js';
import type { Estimator } from './schema.js';

type Path = (string | number)[];
const at = (...p: Path): Path => ['design', ...p];

export function checkNoncompliance(s: NoncomplianceScenario): ScenarioIssue[] {
  const model = [...checkPopulation(s), ...checkOutcomeModel(s)];
  if (model.length > 0) return model;
  return [...checkArms(s), ...checkCompliance(s), ...checkAnalysis(s)];
}

function checkArms(s: NoncomplianceScenario): ScenarioIssue[] {
  const names = Object.keys(s.arms ?? {});
  const issues: ScenarioIssue[] = [];
  const type = s.endpoint?.type;
  if (type !== 'binary' && type !== 'continuous' && type !== 'time-to-event') issues.push({ path: ['endpoint', 'type'], message: `a non-compliance design estimates mean or risk differences or hazard ratios: expected a continuous, binary or time-to-event endpoint, found ${type ?? 'none'}` });
  if (type === 'time-to-event' && s.design.adherence) issues.push({ path: at('adherence'), message: 'a fraction of the dose taken has no dose-response on the hazard here: with a time-to-event endpoint use compliance types and crossover' });
  if (type !== 'time-to-event' && s.design.crossover) issues.push({ path: at('crossover'), message: `cross-over at a time needs a time-to-event endpoint, found ${type}: for a ${type} outcome, compliance types (never-takers, always-takers) say who takes what` });
  issues.push(...checkTwoArms(s, s.design));
  for (const a of Object.keys(s.design.allocation ?? {})) {
    if (!names.includes(a)) issues.push({ path: at('allocation', a), message: `expected an arm (${names.join(', ')}), found "${a}"${didYouMean(a, names)}` });
  }
  return issues;
}

function checkCompliance(s: NoncomplianceScenario): ScenarioIssue[] {
  const { compliance: c, adherence } = s.design;
  if (c && adherence) return [{ path: at('adherence'), message: 'expected either compliance types (design.compliance) or a fraction of the dose taken (design.adherence), found both' }];
  if (!c && !adherence) return [{ path: at('compliance'), message: 'expected compliance types (design.compliance) or a fraction of the dose taken (design.adherence), found neither' }];
  const issues: ScenarioIssue[] = c ? checkTypes(s, c) : checkTerms(s, adherence!.biomarkers, at('adherence', 'biomarkers'));
  issues.push(...checkDropout(s));
  return issues;
}

function checkTypes(s: NoncomplianceScenario, c: NonNullable<NoncomplianceScenario['design']['compliance']>): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const others = complianceTypes.reduce((t, k) => t + (c[k]?.share ?? 0), 0);
  const complier = complierShare(s);
  if (c.complier && Math.abs(complier + others - 1) > 1e-9) {
    issues.push({ path: at('compliance'), message: `expected the compliance shares to sum to 1, found ${+(complier + others).toPrecision(6)} (complier ${complier}${complianceTypes.map((k) => (c[k] ? `, ${k} ${c[k]!.share}` : '')).join('')})` });
  } else if (!(complier > 0)) {
    issues.push({ path: at('compliance'), message: `the shares of ${complianceTypes.filter((k) => c[k]).join(', ')} add to ${+others.toPrecision(6)}, leaving no compliers: expected them to sum to less than 1` });
  } else if (Math.abs(complier - (c.defier?.share ?? 0)) < 1e-9) {
    issues.push({ path: at('compliance', 'defier', 'share'), message: `as many defiers as compliers (${complier}): assignment does not change the treatment taken on average, so the IV estimate would divide by zero` });
  }
  for (const k of complianceTypes) issues.push(...checkTerms(s, c[k]?.biomarkers, at('compliance', k, 'biomarkers')));
  return issues;
}

function checkDropout(s: NoncomplianceScenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const dropout = s.design.dropout;
  const survival = s.endpoint?.type === 'time-to-event';
  if (dropout) {
    issues.push(...checkTerms(s, dropout.biomarkers, at('dropout', 'biomarkers')));
    if (survival) {
      if (dropout.share !== undefined) issues.push({ path: at('dropout', 'share'), message: 'a time-to-event endpoint loses patients over time: give dropout.hazard (per month) instead of a share of missing outcomes' });
      else if (dropout.hazard === undefined) issues.push({ path: at('dropout', 'hazard'), message: 'expected the hazard of loss to follow-up per month' });
    } else if (dropout.hazard !== undefined) {
      issues.push({ path: at('dropout', 'hazard'), message: `a hazard of loss to follow-up needs a time-to-event endpoint: for a ${s.endpoint?.type} outcome give dropout.share, the probability it is missing` });
    } else if (!(dropout.share !== undefined && dropout.share > 0 && dropout.share < 1)) {
      issues.push({ path: at('dropout', 'share'), message: `expected a share of missing outcomes strictly between 0 and 1 (leave dropout out for none), found ${dropout.share ?? 'none'}` });
    }
  }
  if (estimatorsOf(s).includes('ipw-itt') && !dropout) issues.push({ path: at('analysis', 'estimators'), message: 'ipw-itt reweights the complete cases when outcomes are missing: add design.dropout, or leave ipw-itt out (it would be the ITT estimate)' });
  return issues;
}

function checkAnalysis(s: NoncomplianceScenario): ScenarioIssue[] {
  const a = { ...s.design.analysis, estimators: estimatorsOf(s) };
  const issues: ScenarioIssue[] = [...checkCrossover(s), ...checkSurvivalEstimators(s, a.estimators)];
  const ids = s.population.biomarkers.map((b) => b.id);
  a.covariates.forEach((id, j) => {
    const b = s.population.biomarkers.find((m) => m.id === id);
    if (!b) issues.push({ path: at('analysis', 'covariates', j), message: `expected a biomarker (${ids.join(', ') || 'none defined'}), found "${id}"${didYouMean(id, ids)}` });
    else if (b.type === 'categorical') issues.push({ path: at('analysis', 'covariates', j), message: `"${id}" is categorical; a 2SLS covariate enters as one column: use a binary or continuous biomarker` });
  });
  if (a.estimators.includes('iv-2sls') && a.covariates.length === 0) {
    issues.push({ path: at('analysis', 'estimators'), message: 'iv-2sls without covariates is the Wald ratio (iv-wald) again: add analysis.covariates, or leave iv-2sls out' });
  }
  a.estimators.forEach((e, j) => { if (a.estimators.indexOf(e) !== j) issues.push({ path: at('analysis', 'estimators', j), message: `"${e}" is listed twice` }); });
  const iv = a.estimators.filter((e) => e.startsWith('iv-'));
  if ((s.design.compliance?.defier?.share ?? 0) > 0 && iv.length > 0 && !a.ivWithDefiers) {
    issues.push({ path: at('compliance', 'defier'), message: `defiers break monotonicity, so ${iv.join(' and ')} would not estimate the LATE (it is not identified): leave them out of analysis.estimators, or set analysis.ivWithDefiers: true to see their bias` });
  }
  return issues;
}

function checkCrossover(s: NoncomplianceScenario): ScenarioIssue[] {
  const x = s.design.crossover;
  if (!x) return [];
  const issues = checkTerms(s, x.biomarkers, at('crossover', 'biomarkers'));
  if ((x.after === undefined) === (x.hazard === undefined)) {
    issues.push({ path: at('crossover'), message: `expected when switchers switch: either after (months after entry) or hazard (exponential switch times), found ${x.after === undefined ? 'neither' : 'both'}` });
  }
  return issues;
}

/** Which estimators each kind of endpoint has: the IV estimators and IPW for means, the RPSFTM for time-to-event. */
function checkSurvivalEstimators(s: NoncomplianceScenario, list: Estimator[]): ScenarioIssue[] {
  const survival = s.endpoint?.type === 'time-to-event';
  return list.flatMap((e, j): ScenarioIssue[] => {
    if (survival && (e === 'iv-wald' || e === 'iv-2sls' || e === 'ipw-itt')) {
      return [{ path: at('analysis', 'estimators', j), message: `${e} estimates a mean or risk difference; for a time-to-event endpoint use rpsft (the rank-preserving structural failure time model) to undo switching` }];
    }
    if (!survival && e === 'rpsft') return [{ path: at('analysis', 'estimators', j), message: `rpsft undoes treatment switching in event times: for a ${s.endpoint?.type} endpoint use iv-wald or iv-2sls` }];
    return [];
  });
}
