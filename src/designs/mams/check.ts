/**
 * Cross-section checks of the MAMS design: arms and control, stage sizes,
 * boundaries that a trialist could not have meant (efficacy bounds rising,
 * futility above efficacy), selection stages, and the variance assumption.
 */
import type { ScenarioIssue } from '../../scenario/errors.js';
import { checkPopulation, checkOutcomeModel, residualSdProblem } from '../../scenario/check-model.js';
import type { MamsScenario, MamsDesignSpec } from './schema.js';
import { mamsControl } from './setup.js';

type Path = (string | number)[];
const at = (...p: Path): Path => ['design', ...p];

export function checkMams(s: MamsScenario): ScenarioIssue[] {
  const issues = [...checkPopulation(s), ...checkOutcomeModel(s)];
  if (issues.length > 0) return issues;
  return [...checkArmsAndEndpoint(s), ...checkStages(s.design), ...checkBoundaries(s.design), ...checkSelection(s)];
}

function checkArmsAndEndpoint(s: MamsScenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const arms = Object.keys(s.arms ?? {});
  const control = mamsControl(s);
  if (arms.length < 2) issues.push({ path: ['arms'], message: `a mams design needs a control and at least one experimental arm, found ${arms.length} arm(s)` });
  else if (!arms.includes(control)) issues.push({ path: at('control'), message: `expected an arm (${arms.join(', ')}), found "${control}"` });
  const e = s.endpoint;
  if (e?.type === 'time-to-event' || e?.type === 'count') {
    issues.push({ path: ['endpoint', 'type'], message: `a mams design analyses binary or continuous endpoints (z statistics of differences); ${e.type} MAMS is not supported yet` });
  }
  const problem = s.design.variance === 'known' ? residualSdProblem(s) : null;
  if (problem) issues.push({ path: at('variance'), message: `a known variance is the endpoint's sd only when outcomes have no ${problem} terms (biomarkers add variance); use variance: estimated` });
  if (e?.type === 'binary' && s.design.variance === 'estimated') {
    issues.push({ path: at('variance'), message: 'variance applies to continuous endpoints; a binary endpoint is tested with the pooled-variance z statistic' });
  }
  return issues;
}

function checkStages(d: MamsDesignSpec): ScenarioIssue[] {
  const J = d.stages.arm.length;
  if (d.stages.control && d.stages.control.length !== J) {
    return [{ path: at('stages', 'control'), message: `expected one control size per stage (${J}, as stages.arm), found ${d.stages.control.length}` }];
  }
  return [];
}

function checkBoundaries(d: MamsDesignSpec): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const J = d.stages.arm.length;
  const e = d.efficacy, f = d.futility;
  if (Array.isArray(e)) {
    if (e.length !== J) issues.push({ path: at('efficacy'), message: `expected one efficacy bound per stage (${J}), found ${e.length}` });
    e.forEach((u, j) => {
      if (j > 0 && u > e[j - 1]) issues.push({ path: at('efficacy', j), message: `efficacy bounds must not rise from stage to stage: expected at most ${e[j - 1]}, found ${u}` });
    });
    if (typeof f === 'string' && f !== 'none') {
      issues.push({ path: at('futility'), message: `a listed efficacy boundary is used as given, so the futility boundary must be given too (a number, a list or none), found "${f}"` });
    }
  }
  if (typeof e === 'object' && !Array.isArray(e) && 'spending' in e) {
    if (typeof f === 'string' && f !== 'none') issues.push({ path: at('futility'), message: `error-spending efficacy bounds take a futility bound given as a number, a list or none, found "${f}"` });
    if (e.spending === 'kim-demets' && e.parameter !== undefined && !(e.parameter > 0)) issues.push({ path: at('efficacy', 'parameter'), message: `kim-demets spending needs rho > 0, found ${e.parameter}` });
    if (e.spending === 'hwang-shih-decani' && e.parameter === 0) issues.push({ path: at('efficacy', 'parameter'), message: 'hwang-shih-decani spending needs gamma other than 0 (0 is linear: use kim-demets with rho 1)' });
    if ((e.spending === 'obrien-fleming' || e.spending === 'pocock') && e.parameter !== undefined) issues.push({ path: at('efficacy', 'parameter'), message: `${e.spending} spending takes no parameter, found ${e.parameter}` });
  }
  if (f === 'triangular' && e !== 'triangular') {
    issues.push({ path: at('futility'), message: `a triangular futility boundary goes with a triangular efficacy boundary, found efficacy ${JSON.stringify(e)}` });
  }
  if (Array.isArray(f)) {
    if (f.length !== J - 1) issues.push({ path: at('futility'), message: `expected one futility bound per interim (${J - 1}; the last stage's is its efficacy bound), found ${f.length}` });
    f.forEach((l, j) => {
      if (j > 0 && l < f[j - 1]) issues.push({ path: at('futility', j), message: `futility bounds must not fall from stage to stage: expected at least ${f[j - 1]}, found ${l}` });
      if (Array.isArray(e) && j < e.length && l >= e[j]) issues.push({ path: at('futility', j), message: `the futility bound must lie below the efficacy bound at stage ${j + 1} (${e[j]}), found ${l}` });
    });
  }
  if (typeof f === 'number' && Array.isArray(e)) {
    e.slice(0, J - 1).forEach((u, j) => {
      if (f >= u) issues.push({ path: at('futility'), message: `the futility bound must lie below the efficacy bound at stage ${j + 1} (${u}), found ${f}` });
    });
  }
  if (typeof e === 'object' && !Array.isArray(e) && 'shape' in e && e.shape === 'fixed' && typeof f === 'number' && f >= e.value) {
    issues.push({ path: at('futility'), message: `the futility bound must lie below the interim efficacy bound (${e.value}), found ${f}` });
  }
  if (J === 1 && f !== 'none' && !(Array.isArray(f) && f.length === 0)) {
    issues.push({ path: at('futility'), message: 'a single-stage design has no interim, so no futility boundary: use none' });
  }
  return issues;
}

function checkSelection(s: MamsScenario): ScenarioIssue[] {
  const sel = s.design.selection;
  if (!sel) return [];
  const issues: ScenarioIssue[] = [];
  const J = s.design.stages.arm.length;
  const K = Object.keys(s.arms ?? {}).length - 1;
  if (sel.keep >= K) issues.push({ path: at('selection', 'keep'), message: `expected fewer arms kept than the ${K} experimental arms, found ${sel.keep}` });
  sel.after.forEach((j, i) => {
    if (j >= J) issues.push({ path: at('selection', 'after', i), message: `expected an interim stage (1 to ${J - 1}), found ${j}` });
    else if (sel.after.indexOf(j) !== i) issues.push({ path: at('selection', 'after', i), message: `expected each stage once, found ${j} again` });
  });
  return issues;
}
