/**
 * Cross-reference checks of the umbrella design: eligibility rules against
 * the biomarkers, substudy arms and allocation ratios against the arms,
 * information fractions, and which analysis options go together.
 */
import { smallestBalancedBlock } from '../randomisation.js';
import { eventTargets } from '../../stats/group-sequential/index.js';
import type { ScenarioIssue } from '../../scenario/errors.js';
import type { UmbrellaScenario, UmbrellaDesignSpec } from './schema.js';
import { checkPopulation, checkOutcomeModel, residualSdProblem } from '../../scenario/check-model.js';
import { compileRule, ruleMessage } from '../../scenario/rules/compile.js';

const TESTS_BY_ENDPOINT: Record<string, readonly string[]> = {
  binary: ['z-pooled', 'z-unpooled', 'chi-square', 'fisher'],
  continuous: ['welch-t', 't', 'z-known'],
  'time-to-event': ['log-rank'],
};

type Path = (string | number)[];
const at = (...p: Path): Path => ['design', ...p];

/** The umbrella's control arm: named in the design, else the arm called "control". */
export function umbrellaControl(d: UmbrellaDesignSpec): string {
  return d.control.arm ?? 'control';
}

interface Arm { drug: string; control?: string; allocation?: Record<string, number>; sampleSize: number }

function checkArms(s: UmbrellaScenario, d: UmbrellaDesignSpec, sub: Arm, where: Path): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const arms = Object.keys(s.arms ?? {});
  const control = sub.control ?? umbrellaControl(d);
  if (!arms.includes(sub.drug)) issues.push({ path: [...where, 'drug'], message: `expected an arm (${arms.join(', ')}), found "${sub.drug}"` });
  if (sub.control !== undefined && d.control.sharing === 'shared') {
    issues.push({ path: [...where, 'control'], message: 'a substudy names its own control only with control.sharing "separate"; the shared control is design.control.arm' });
  } else if (sub.control !== undefined && !arms.includes(sub.control)) {
    issues.push({ path: [...where, 'control'], message: `expected an arm (${arms.join(', ')}), found "${sub.control}"` });
  }
  if (sub.drug === control) issues.push({ path: [...where, 'drug'], message: `expected a drug other than the control arm, found "${sub.drug}"` });
  if (sub.allocation) {
    for (const a of Object.keys(sub.allocation)) {
      if (a !== sub.drug && a !== control) issues.push({ path: [...where, 'allocation', a], message: `a ratio for an arm this substudy does not randomise to: expected ${sub.drug} or ${control}, found "${a}"` });
    }
    for (const a of [sub.drug, control]) if (!(a in sub.allocation)) issues.push({ path: [...where, 'allocation'], message: `expected a ratio for arm "${a}", found none` });
    const ratios = Object.values(sub.allocation);
    if (d.randomisation.method === 'permuted-block') {
      if (ratios.some((x) => !Number.isInteger(x))) issues.push({ path: [...where, 'allocation'], message: 'permuted blocks need whole-number allocation ratios (e.g. 2:1), found fractions; use randomisation method "simple" for ratios such as sqrt(3):1' });
      else if (d.randomisation.blockSize !== undefined && d.randomisation.blockSize % smallestBalancedBlock([sub.allocation[sub.drug], sub.allocation[control]]) !== 0) {
        issues.push({ path: [...where, 'allocation'], message: `expected ratios whose smallest balanced block (${smallestBalancedBlock([sub.allocation[sub.drug], sub.allocation[control]])}) divides the block size ${d.randomisation.blockSize}, found ${sub.allocation[sub.drug]}:${sub.allocation[control]}` });
      }
    }
  } else if (d.randomisation.blockSize !== undefined && d.randomisation.blockSize % 2 !== 0) {
    issues.push({ path: at('randomisation', 'blockSize'), message: `expected a multiple of the allocation total 2, found ${d.randomisation.blockSize}` });
  }
  if (sub.sampleSize < 2) issues.push({ path: [...where, 'sampleSize'], message: `expected at least 2 patients (one per arm), found ${sub.sampleSize}` });
  return issues;
}

function checkRules(s: UmbrellaScenario, d: UmbrellaDesignSpec): ScenarioIssue[] {
  const profiles = (s.population.profiles ?? []).map((p) => p.id);
  return d.substudies.flatMap((sub, k) => {
    const r = compileRule(sub.eligibility, s.population.biomarkers, profiles);
    return r.ok ? [] : r.problems.map((p) => ({ path: at('substudies', k, 'eligibility'), message: ruleMessage(sub.eligibility, p) }));
  });
}

function checkIds(d: UmbrellaDesignSpec): ScenarioIssue[] {
  const seen = new Set<string>();
  const issues: ScenarioIssue[] = [];
  d.substudies.forEach((sub, k) => {
    if (seen.has(sub.id)) issues.push({ path: at('substudies', k, 'id'), message: `duplicate substudy id "${sub.id}"` });
    seen.add(sub.id);
  });
  if (d.nonMatch && seen.has(d.nonMatch.id)) issues.push({ path: at('nonMatch', 'id'), message: `expected an id different from every substudy's, found "${d.nonMatch.id}"` });
  return issues;
}

function checkInterims(s: UmbrellaScenario, d: UmbrellaDesignSpec): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const i = d.interims;
  if (!i) return issues;
  const t = i.informationFractions;
  const where = at('interims', 'informationFractions');
  for (let k = 1; k < t.length; k++) {
    if (!(t[k] > t[k - 1])) issues.push({ path: [...where, k], message: `expected information fractions in increasing order, found ${t[k]} after ${t[k - 1]}` });
  }
  if (t[t.length - 1] !== 1) issues.push({ path: [...where, t.length - 1], message: `expected the last information fraction to be 1 (the final analysis), found ${t[t.length - 1]}` });
  // Lan-DeMets spending of a one-sided level above 1/2 spends (nearly) everything at the first look: no boundary exists.
  const oneSided = d.analysis.sided === 'two' ? d.analysis.alpha / 2 : d.analysis.alpha;
  if ((i.efficacy?.spending ?? 'obrien-fleming') !== 'none' && oneSided > 0.5) {
    issues.push({ path: at('analysis', 'alpha'), message: `group-sequential efficacy boundaries need a one-sided level of at most 0.5, found ${+oneSided.toPrecision(12)}` });
  }
  const tte = s.endpoint?.type === 'time-to-event';
  issues.push(...checkEventLooks(d, s.endpoint?.type ?? 'binary', t));
  if (tte && i.futility?.type === 'effect') {
    issues.push({ path: at('interims', 'futility', 'type'), message: 'an effect threshold is on the risk or mean difference scale: for time-to-event substudies expected "conditional-power", found "effect"' });
  }
  if (t.length > 1 && ['hochberg', 'dunnett'].includes(d.analysis.multiplicity)) {
    const why = d.analysis.multiplicity === 'dunnett'
      ? 'Dunnett across looks needs the joint law of every substudy\'s statistics at every look; for arms against one shared control over several stages use type "mams", whose boundaries control the family-wise error by that integral (Magirr et al. 2012)'
      : 'Hochberg\'s step-up does not carry over to group-sequential looks';
    issues.push({ path: at('analysis', 'multiplicity'), message: `with interim analyses expected multiplicity "none", "bonferroni" or "holm" (alpha passed on across substudies and looks, Maurer & Bretz 2013), found "${d.analysis.multiplicity}": ${why}` });
  }
  if (i.futility && t.length < 2) issues.push({ path: at('interims', 'futility'), message: 'a futility rule needs at least one interim look: expected informationFractions such as [0.5, 1], found [1]' });
  if (i.adjusted && tte) issues.push({ path: at('interims', 'adjusted'), message: 'adjusted inference after stopping is computed for binary and continuous substudies: expected no adjusted key with a time-to-event endpoint, found adjusted: true' });
  if (i.adjusted && t.length < 2) issues.push({ path: at('interims', 'adjusted'), message: 'adjusted inference after stopping needs at least one interim look: expected informationFractions such as [0.5, 1], found [1]' });
  return issues;
}

/**
 * Event-driven looks (time-to-event with interims): every substudy needs its
 * final events (its own `events`, else `interims.events`), with a distinct
 * count at every look and, with matched controls, no more than its patients.
 */
function checkEventLooks(d: UmbrellaDesignSpec, endpointType: string, fractions: number[]): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const shared = d.interims?.events;
  const sharedPath = at('interims', 'events');
  const units = [
    ...d.substudies.map((x, k) => ({ id: x.id, n: x.sampleSize, events: x.events, path: at('substudies', k, 'events') })),
    ...(d.nonMatch ? [{ id: d.nonMatch.id, n: d.nonMatch.sampleSize, events: d.nonMatch.events, path: at('nonMatch', 'events') }] : []),
  ];
  const given = [...(shared !== undefined ? [{ path: sharedPath, events: shared }] : []), ...units.flatMap((u) => (u.events !== undefined ? [{ path: u.path, events: u.events }] : []))];
  if (endpointType !== 'time-to-event') {
    for (const g of given) issues.push({ path: g.path, message: `events applies to time-to-event endpoints (looks of a ${endpointType} endpoint come at fractions of the target sample size): expected no events, found ${g.events}` });
    return issues;
  }
  if (fractions.length === 1) {
    for (const g of given) issues.push({ path: g.path, message: 'events sets when interim looks come: expected informationFractions with an interim look such as [0.5, 1], found [1] (without looks the final analysis is followUp months after a substudy closes)' });
    return issues;
  }
  if (given.length === 0) {
    issues.push({ path: sharedPath, message: 'time-to-event looks are event-driven: expected the events at the final analysis (a whole number), found none' });
    return issues;
  }
  for (const g of given) {
    const targets = eventTargets(fractions, g.events);
    for (let k = 1; k < targets.length; k++) {
      if (targets[k] <= targets[k - 1]) issues.push({ path: g.path, message: `expected enough events for a distinct count at every look, found ${g.events}: looks ${k} and ${k + 1} would both come at ${targets[k]} events` });
    }
  }
  for (const u of units) {
    const events = u.events ?? shared;
    const path = u.events !== undefined ? u.path : sharedPath;
    if (events === undefined) {
      issues.push({ path: u.path, message: `time-to-event looks are event-driven: expected the events at ${u.id}'s final analysis (here, or interims.events for every substudy), found none` });
    } else if (d.control.compareWith === 'matched' && u.n < events) {
      // With matched controls a substudy's comparison holds only its own patients.
      issues.push({ path, message: `expected at most the patients of every substudy's comparison: ${u.id} has ${u.n}, so ${events} events could never come, found ${events}` });
    }
  }
  return issues;
}

function checkOptions(s: UmbrellaScenario, d: UmbrellaDesignSpec): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (d.control.sharing === 'separate' && d.control.compareWith === 'all-concurrent') {
    issues.push({ path: at('control', 'compareWith'), message: 'separate controls are compared within their own substudy: expected "matched", found "all-concurrent"' });
  }
  const ok = TESTS_BY_ENDPOINT[s.endpoint!.type];
  if (!ok.includes(d.analysis.test)) issues.push({ path: at('analysis', 'test'), message: `expected a test for a ${s.endpoint!.type} endpoint (${ok.join(', ')}), found "${d.analysis.test}"` });
  const sdProblem = d.analysis.test === 'z-known' ? residualSdProblem(s) : null;
  if (sdProblem) issues.push({ path: at('analysis', 'test'), message: `z-known takes the endpoint's sd as the outcome's standard deviation, which is wrong when outcomes have ${sdProblem} terms (biomarkers add variance); use t or welch-t` });
  const side = d.sideBySide;
  if (typeof side === 'object' && d.randomisation.method === 'permuted-block' && !(Number.isInteger(side.allocation.drug) && Number.isInteger(side.allocation.control))) {
    issues.push({ path: at('sideBySide', 'allocation'), message: `permuted blocks need whole-number allocation ratios, found ${side.allocation.drug}:${side.allocation.control}` });
  }
  const cap = d.screening.cap;
  if (cap && cap.patients === undefined && cap.months === undefined) issues.push({ path: at('screening', 'cap'), message: 'expected patients or months, found neither' });
  return issues;
}

export function checkUmbrellaDesign(s: UmbrellaScenario): ScenarioIssue[] {
  const model = [...checkPopulation(s), ...checkOutcomeModel(s)];
  if (model.length > 0) return model;
  if (s.endpoint?.type === 'count') return [{ path: ['endpoint', 'type'], message: 'an umbrella design analyses binary, continuous or time-to-event endpoints; count endpoints are not supported yet' }];
  const d = s.design;
  const arms = Object.keys(s.arms ?? {});
  const issues: ScenarioIssue[] = [...checkIds(d), ...checkRules(s, d), ...checkInterims(s, d)];
  const control = umbrellaControl(d);
  // With separate controls named by every substudy, no design-wide control is needed.
  const everyOwnControl = d.control.sharing === 'separate' && d.substudies.every((x) => x.control) && (!d.nonMatch || d.nonMatch.control);
  if (!arms.includes(control) && !everyOwnControl) {
    issues.push({ path: d.control.arm ? at('control', 'arm') : ['arms'], message: `expected a control arm (${d.control.arm ? arms.join(', ') : 'an arm named "control", or name one in design.control.arm'}), found "${control}"` });
    return issues;
  }
  d.substudies.forEach((sub, k) => issues.push(...checkArms(s, d, sub, at('substudies', k))));
  if (d.nonMatch) issues.push(...checkArms(s, d, d.nonMatch, at('nonMatch')));
  issues.push(...checkOptions(s, d));
  // An unused arm is reported only once everything else is right (a misspelt drug would otherwise be reported twice).
  const used = new Set([...(everyOwnControl ? [] : [control]), ...d.substudies.flatMap((x) => [x.drug, x.control ?? control]), ...(d.nonMatch ? [d.nonMatch.drug, d.nonMatch.control ?? control] : [])]);
  if (issues.length === 0) for (const a of arms) if (!used.has(a)) issues.push({ path: ['arms', a], message: `expected every arm to be a substudy's drug or a control, found "${a}" used by none` });
  return issues;
}
