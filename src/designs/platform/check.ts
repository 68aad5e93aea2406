/**
 * Cross-section checks of the platform design: a continuous or binary
 * endpoint, one entry in `design.arms` for every experimental arm, weights
 * that permuted blocks can hold, recruitment pieces in order, interim rules
 * that fit the arms' sizes, and a planned timeline in which every arm opens
 * before the platform ends and while the control is still randomised.
 */
import type { ScenarioIssue } from '../../scenario/errors.js';
import { checkPopulation, checkOutcomeModel } from '../../scenario/check-model.js';
import { didYouMean } from '../../scenario/zod-issues.js';
import { controlArm } from '../../scenario/design-parts.js';
import type { PlatformScenario } from './schema.js';
import { platformSetup, eligibilityClasses, eligibleClasses } from './setup.js';

type Path = (string | number)[];
const at = (...p: Path): Path => ['design', ...p];

export function checkPlatform(s: PlatformScenario): ScenarioIssue[] {
  const model = [...checkPopulation(s), ...checkOutcomeModel(s)];
  if (model.length > 0) return model;
  const issues = [...checkEndpoint(s), ...checkArms(s), ...checkEligibility(s), ...checkAllocation(s), ...checkRecruitment(s), ...checkTrend(s), ...checkInterim(s), ...checkAnalyses(s)];
  if (issues.length > 0) return issues;
  return checkTimeline(s);
}

function checkEndpoint(s: PlatformScenario): ScenarioIssue[] {
  const type = s.endpoint?.type;
  if (type === 'continuous' || type === 'binary' || type === 'time-to-event') return [];
  return [{ path: ['endpoint', 'type'], message: `a platform design analyses a continuous (lm), binary (logistic) or time-to-event (Cox) endpoint, found ${type ?? 'none'}` }];
}

function checkArms(s: PlatformScenario): ScenarioIssue[] {
  const names = Object.keys(s.arms ?? {});
  const control = controlArm(s.design, names);
  const issues: ScenarioIssue[] = [];
  if (!names.includes(control)) issues.push({ path: at('control'), message: `expected one of the arms (${names.join(', ')}), found "${control}"${didYouMean(control, names)}` });
  for (const name of Object.keys(s.design.arms)) {
    if (name === control) issues.push({ path: at('arms', name), message: `"${name}" is the control, which is open throughout; list only experimental arms here` });
    else if (!names.includes(name)) issues.push({ path: at('arms', name), message: `expected an arm of the arms section (${names.join(', ')}), found "${name}"${didYouMean(name, names)}` });
  }
  for (const name of names) {
    if (name !== control && !(name in s.design.arms)) issues.push({ path: at('arms'), message: `arm "${name}" has no entry and sample size here: add design.arms.${name}` });
  }
  if (Object.keys(s.design.arms).length === 0) issues.push({ path: at('arms'), message: 'expected at least one experimental arm, found none' });
  return issues;
}

/** Biomarker-driven arms: one discrete biomarker named in design.eligibility, values it takes, classes that occur. */
function checkEligibility(s: PlatformScenario): ScenarioIssue[] {
  const d = s.design;
  const restricted = Object.entries(d.arms).filter(([, a]) => a.eligible);
  const issues: ScenarioIssue[] = [];
  if (d.eligibility === undefined) {
    for (const [name] of restricted) issues.push({ path: at('arms', name, 'eligible'), message: 'name the biomarker the arms select on in design.eligibility' });
    return issues;
  }
  const ids = s.population.biomarkers.map((b) => b.id);
  const b = s.population.biomarkers.find((m) => m.id === d.eligibility);
  if (!b) return [{ path: at('eligibility'), message: `expected a biomarker (${ids.join(', ') || 'none defined'}), found "${d.eligibility}"${didYouMean(d.eligibility, ids)}` }];
  if (b.type === 'continuous') return [{ path: at('eligibility'), message: `"${b.id}" is continuous: biomarker-driven arms select on a binary or categorical biomarker` }];
  const classes = eligibilityClasses(s);
  for (const [name, a] of restricted) {
    a.eligible!.forEach((v, j) => {
      if (!classes.labels.includes(String(v))) issues.push({ path: at('arms', name, 'eligible', j), message: `expected a value of ${b.id} (${classes.labels.join(', ')}), found ${JSON.stringify(v)}${didYouMean(String(v), classes.labels)}` });
    });
    const share = eligibleClasses(classes, a.eligible).reduce((t, g) => t + (classes.probabilities[g] ?? 0), 0);
    if (issues.length === 0 && !(share > 0)) issues.push({ path: at('arms', name, 'eligible'), message: `no patient has these values of ${b.id} (prevalence 0): the arm could never enrol` });
  }
  return issues;
}

function checkAllocation(s: PlatformScenario): ScenarioIssue[] {
  const d = s.design;
  if (d.randomisation.method !== 'permuted-block') return [];
  const issues: ScenarioIssue[] = [];
  if (d.controlRatio === 'sqrt-arms') issues.push({ path: at('controlRatio'), message: 'sqrt-arms gives weights that are not whole numbers, which permuted blocks cannot hold: use randomisation.method: simple, or a whole-number controlRatio' });
  else if (!Number.isInteger(d.controlRatio)) issues.push({ path: at('controlRatio'), message: `permuted blocks need whole-number weights, found ${d.controlRatio}` });
  for (const [name, a] of Object.entries(d.arms)) {
    if (!Number.isInteger(a.ratio)) issues.push({ path: at('arms', name, 'ratio'), message: `permuted blocks need whole-number weights, found ${a.ratio}` });
  }
  return issues;
}

function checkRecruitment(s: PlatformScenario): ScenarioIssue[] {
  const rate = s.design.recruitment.rate;
  if (!Array.isArray(rate)) return [];
  const issues: ScenarioIssue[] = [];
  if (rate[0].from !== 0) issues.push({ path: at('recruitment', 'rate', 0, 'from'), message: `expected the first piece to start at 0, found ${rate[0].from}` });
  rate.forEach((piece, j) => {
    if (j > 0 && !(piece.from > rate[j - 1].from)) issues.push({ path: at('recruitment', 'rate', j, 'from'), message: `expected pieces in increasing order, found ${piece.from} after ${rate[j - 1].from}` });
  });
  return issues;
}

function checkTrend(s: PlatformScenario): ScenarioIssue[] {
  const tr = s.design.trend;
  const names = Object.keys(s.arms ?? {});
  const issues: ScenarioIssue[] = [];
  for (const name of Object.keys(tr.arms ?? {})) {
    if (!names.includes(name)) issues.push({ path: at('trend', 'arms', name), message: `expected an arm (${names.join(', ')}), found "${name}"${didYouMean(name, names)}` });
  }
  if (tr.peak !== undefined && tr.shape !== 'inverse-u') issues.push({ path: at('trend', 'peak'), message: `peak applies to the inverse-u trend only, found shape ${tr.shape}` });
  if (s.endpoint?.type === 'binary' && Math.max(0, ...Object.values(tr.arms ?? {}).map(Math.abs)) > 50) {
    issues.push({ path: at('trend', 'arms'), message: 'expected strengths of at most 50 on the log-odds scale' });
  }
  return issues;
}

function checkInterim(s: PlatformScenario): ScenarioIssue[] {
  const it = s.design.interim;
  if (!it) return [];
  const issues: ScenarioIssue[] = [];
  it.at.forEach((n, j) => {
    if (j > 0 && !(n > it.at[j - 1])) issues.push({ path: at('interim', 'at', j), message: `expected interims in increasing order, found ${n} after ${it.at[j - 1]}` });
  });
  for (const [name, a] of Object.entries(s.design.arms)) {
    const last = it.at[it.at.length - 1];
    if (last >= a.sampleSize) issues.push({ path: at('arms', name, 'sampleSize'), message: `expected more patients than the last interim (${last}), found ${a.sampleSize}` });
  }
  for (const key of ['efficacy', 'futility'] as const) {
    const v = it[key];
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v];
    if (Array.isArray(v) && v.length !== it.at.length) issues.push({ path: at('interim', key), message: `expected one value per interim (${it.at.length}), found ${v.length}` });
    if (it.scale === 'posterior') {
      values.forEach((x, j) => {
        if (!(x > 0 && x < 1)) issues.push({ path: Array.isArray(v) ? at('interim', key, j) : at('interim', key), message: `expected a posterior probability strictly between 0 and 1, found ${x}` });
      });
    }
  }
  if (it.efficacy === undefined && it.futility === undefined) issues.push({ path: at('interim'), message: 'expected an efficacy or a futility rule (or no interim section)' });
  const valueAt = (v: number | number[] | undefined, j: number) => (Array.isArray(v) ? v[j] : v);
  for (let j = 0; j < it.at.length && issues.length === 0; j++) {
    const e = valueAt(it.efficacy, j), f = valueAt(it.futility, j);
    if (e !== undefined && f !== undefined && !(f < e)) issues.push({ path: at('interim', 'futility'), message: `expected the futility bound below the efficacy bound at interim ${j + 1} (${e}), found ${f}` });
  }
  return issues;
}

function checkAnalyses(s: PlatformScenario): ScenarioIssue[] {
  const compare = s.design.analysis.compare;
  const seen = new Set<string>();
  const issues: ScenarioIssue[] = [];
  compare.forEach((m, j) => {
    if (seen.has(m)) issues.push({ path: at('analysis', 'compare', j), message: `"${m}" is listed twice` });
    seen.add(m);
  });
  return issues;
}

/** Every arm must open in the plan: before the platform's end, and while the control is still randomised. */
function checkTimeline(s: PlatformScenario): ScenarioIssue[] {
  const setup = platformSetup(s);
  return setup.timeline.arms.flatMap((a, k): ScenarioIssue[] => {
    const e = setup.experimental[k];
    const when = e.entryTime !== null ? `at time ${e.entryTime}` : `after ${e.entryPatients} patients`;
    if (a.problem === 'after-end') return [{ path: at('arms', a.name, 'entry'), message: `${a.name} would enter ${when}, after the platform ends at ${s.design.duration}: enter earlier or extend design.duration` }];
    if (a.problem === 'no-control') {
      const lastExit = Math.max(...setup.timeline.arms.map((b) => b.exit ?? 0));
      return [{ path: at('arms', a.name, 'entry'), message: `${a.name} would enter ${when}, but every other arm has left by time ${+lastExit.toPrecision(6)} (planned), so no control is randomised then: enter earlier, or keep another arm open` }];
    }
    return [];
  });
}
