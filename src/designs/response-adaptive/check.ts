/**
 * Cross-section checks of the response-adaptive design: a binary endpoint,
 * a control among the arms, analyses increasing within the sample size,
 * thresholds in order, and caps the active arms can meet.
 */
import type { ScenarioIssue } from '../../scenario/errors.js';
import { checkPopulation, checkOutcomeModel } from '../../scenario/check-model.js';
import type { ResponseAdaptiveScenario } from './schema.js';
import { adaptiveControl } from './setup.js';

type Path = (string | number)[];
const at = (...p: Path): Path => ['design', ...p];

export function checkResponseAdaptive(s: ResponseAdaptiveScenario): ScenarioIssue[] {
  const model = [...checkPopulation(s), ...checkOutcomeModel(s)];
  if (model.length > 0) return model;
  const d = s.design;
  const issues: ScenarioIssue[] = [];
  const arms = Object.keys(s.arms ?? {});
  if (s.endpoint?.type !== 'binary') issues.push({ path: ['endpoint', 'type'], message: `a response-adaptive design analyses a binary endpoint (beta-binomial posteriors), found ${s.endpoint?.type}` });
  const control = adaptiveControl(s);
  if (control === null) issues.push({ path: at('control'), message: `expected a control arm (name one, or call an arm "control"), found none among ${arms.join(', ')}` });
  else if (!arms.includes(control)) issues.push({ path: at('control'), message: `expected an arm (${arms.join(', ')}), found "${control}"` });
  if (arms.length < 2) issues.push({ path: ['arms'], message: `expected a control and at least one other arm, found ${arms.length}` });
  d.analyses.forEach((n, i) => {
    if (i > 0 && !(n > d.analyses[i - 1])) issues.push({ path: at('analyses', i), message: `expected analyses in increasing order, found ${n} after ${d.analyses[i - 1]}` });
    if (n > d.sampleSize) issues.push({ path: at('analyses', i), message: `expected at most the sample size ${d.sampleSize}, found ${n}` });
  });
  issues.push(...checkThresholds(s));
  issues.push(...checkCaps(s, arms.length));
  if (d.delay >= d.sampleSize) issues.push({ path: at('delay'), message: `expected an outcome lag shorter than the trial (fewer than ${d.sampleSize} patients), found ${d.delay}` });
  if (d.allocation.burnIn > d.sampleSize) issues.push({ path: at('allocation', 'burnIn'), message: `expected at most the sample size ${d.sampleSize}, found ${d.allocation.burnIn}` });
  return issues;
}

/** Caps must leave room: K arms at min cannot exceed 1, K arms at max cannot fall short of 1. */
function checkCaps(s: ResponseAdaptiveScenario, arms: number): ScenarioIssue[] {
  const a = s.design.allocation;
  const share = typeof a.controlShare === 'number' ? a.controlShare : 0;
  const competing = a.controlShare === undefined ? arms : arms - 1;
  const room = 1 - share;
  const issues: ScenarioIssue[] = [];
  if (a.min > a.max) issues.push({ path: at('allocation', 'min'), message: `expected min at most max (${a.max}), found ${a.min}` });
  if (competing * a.min > room + 1e-12) issues.push({ path: at('allocation', 'min'), message: `${competing} arms at least ${a.min} each need ${+(competing * a.min).toPrecision(6)} of the ${+room.toPrecision(6)} to share: lower min` });
  if (competing * a.max < room - 1e-12) issues.push({ path: at('allocation', 'max'), message: `${competing} arms at most ${a.max} each cannot take the ${+room.toPrecision(6)} to share: raise max` });
  return issues;
}

/** Threshold lists have one entry per analysis (the final one included); inferiority stays below superiority at every analysis. */
function checkThresholds(s: ResponseAdaptiveScenario): ScenarioIssue[] {
  const d = s.design;
  const count = [...d.analyses.filter((n) => n < d.sampleSize), d.sampleSize].length;
  const issues: ScenarioIssue[] = [];
  const { superiority, inferiority, futility } = d.stopping;
  for (const [key, t] of Object.entries({ superiority, inferiority, futility })) {
    if (Array.isArray(t) && t.length !== count) issues.push({ path: at('stopping', key), message: `expected one threshold per analysis (${count}, the final one included), found ${t.length}` });
  }
  const valueAt = (t: number | number[] | undefined, j: number) => (Array.isArray(t) ? t[j] : t);
  for (let j = 0; j < count && issues.length === 0; j++) {
    const sup = valueAt(superiority, j), inf = valueAt(inferiority, j);
    if (sup !== undefined && inf !== undefined && !(inf < sup)) {
      issues.push({ path: Array.isArray(inferiority) ? at('stopping', 'inferiority', j) : at('stopping', 'inferiority'), message: `expected an inferiority threshold below the superiority threshold ${sup}, found ${inf}` });
    }
  }
  return issues;
}
