/**
 * Cross-section checks of the response-adaptive design: a binary,
 * continuous or time-to-event endpoint with posterior settings that fit it,
 * a named control among the arms (or none), analyses increasing within the
 * sample size, thresholds in order, margins where rules need them, and
 * caps the active arms can meet.
 */
import type { ScenarioIssue } from '../../scenario/errors.js';
import { checkPopulation, checkOutcomeModel } from '../../scenario/check-model.js';
import type { ResponseAdaptiveScenario } from './schema.js';
import { adaptiveControl } from './setup.js';
import { didYouMean } from '../../scenario/zod-issues.js';

type Path = (string | number)[];
const at = (...p: Path): Path => ['design', ...p];

export function checkResponseAdaptive(s: ResponseAdaptiveScenario): ScenarioIssue[] {
  const model = [...checkPopulation(s), ...checkOutcomeModel(s)];
  if (model.length > 0) return model;
  const d = s.design;
  const issues: ScenarioIssue[] = [];
  const arms = Object.keys(s.arms ?? {});
  const type = s.endpoint?.type;
  if (type !== 'binary' && type !== 'continuous' && type !== 'time-to-event') issues.push({ path: ['endpoint', 'type'], message: `a response-adaptive design analyses a binary, continuous or time-to-event endpoint (conjugate posteriors), found ${type}` });
  if (type === 'time-to-event' && s.endpoint?.type === 'time-to-event' && s.endpoint.distribution !== 'exponential') issues.push({ path: ['endpoint', 'distribution'], message: `the gamma-exponential posterior needs exponential event times, found ${s.endpoint.distribution}` });
  const control = adaptiveControl(s);
  if (control !== null && !arms.includes(control)) issues.push({ path: at('control'), message: `expected an arm (${arms.join(', ')}), found "${control}"${didYouMean(control, arms)}` });
  if (arms.length < 2) issues.push({ path: ['arms'], message: `expected at least two arms, found ${arms.length}` });
  issues.push(...checkPosterior(s));
  issues.push(...checkRulesNeedingControl(s, control !== null, arms.length));
  if (type === 'time-to-event' && d.delay > 0) issues.push({ path: at('delay'), message: `a time-to-event trial's outcome lag is its follow-up (analyses read every patient's follow-up so far): expected no delay, found ${d.delay}` });
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

/** Posterior settings fit the endpoint: a normal prior needs both its keys; gamma keys belong to time-to-event, normal ones to continuous. */
function checkPosterior(s: ResponseAdaptiveScenario): ScenarioIssue[] {
  const post = s.design.posterior;
  const type = s.endpoint?.type;
  if (!post) return [];
  const issues: ScenarioIssue[] = [];
  const normalKeys = ['variance', 'sd', 'priorMean', 'priorSd'] as const, gammaKeys = ['priorEvents', 'priorExposure'] as const;
  const owned = type === 'continuous' ? normalKeys : type === 'time-to-event' ? gammaKeys : [];
  for (const key of [...normalKeys, ...gammaKeys]) {
    if (post[key] !== undefined && !(owned as readonly string[]).includes(key)) {
      issues.push({ path: at('posterior', key), message: `${key} belongs to ${(normalKeys as readonly string[]).includes(key) ? 'a continuous' : 'a time-to-event'} endpoint, found a ${type} one${type === 'binary' ? ' (its prior is design.prior)' : ''}` });
    }
  }
  if ((post.priorMean === undefined) !== (post.priorSd === undefined)) issues.push({ path: at('posterior', post.priorMean === undefined ? 'priorMean' : 'priorSd'), message: 'expected priorMean and priorSd together (a normal prior), found one of them' });
  if (post.sd !== undefined && post.variance !== 'known') issues.push({ path: at('posterior', 'sd'), message: 'sd is the known residual SD: expected variance: known with it' });
  return issues;
}

/** Futility and a control share compare with the control; equivalence needs its margin; without a control inferiority must leave an arm. */
function checkRulesNeedingControl(s: ResponseAdaptiveScenario, hasControl: boolean, arms: number): ScenarioIssue[] {
  const d = s.design, stop = d.stopping;
  const issues: ScenarioIssue[] = [];
  if (!hasControl && stop.futility !== undefined) issues.push({ path: at('stopping', 'futility'), message: 'futility compares an arm with the control: expected a control (design.control or an arm called "control"), found none' });
  if (!hasControl && d.allocation.controlShare !== undefined) issues.push({ path: at('allocation', 'controlShare'), message: 'expected a control for a control share, found none' });
  if (!hasControl && d.periodAdjusted) issues.push({ path: at('periodAdjusted'), message: 'the period-stratified estimate compares each arm with the control: expected a control, found none' });
  if (stop.equivalence !== undefined && stop.equivalenceMargin === undefined) issues.push({ path: at('stopping', 'equivalenceMargin'), message: 'expected the margin of practical equivalence with equivalence, found none' });
  if (stop.equivalenceMargin !== undefined && stop.equivalence === undefined) issues.push({ path: at('stopping', 'equivalence'), message: 'expected the probability threshold of equivalence with equivalenceMargin, found none' });
  if (stop.futilityMargin !== undefined && stop.futility === undefined) issues.push({ path: at('stopping', 'futility'), message: 'expected the probability threshold of futility with futilityMargin, found none' });
  const inferiority = Array.isArray(stop.inferiority) ? Math.max(...stop.inferiority) : stop.inferiority;
  if (!hasControl && inferiority !== undefined && inferiority >= 1 / arms) {
    issues.push({ path: at('stopping', 'inferiority'), message: `without a control, arms equally likely best (P(best) = 1/${arms}) must not all be dropped: expected inferiority below ${+(1 / arms).toPrecision(6)}, found ${inferiority}` });
  }
  return issues;
}
