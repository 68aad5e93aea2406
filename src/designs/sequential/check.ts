/**
 * Cross-reference checks of the sequential design: treatments and options
 * that exist, remission models that name real profiles and biomarkers,
 * acceptance probabilities that sum to one, and, above all, that no patient
 * can be left with no acceptable option at a level (every acceptable set,
 * after every previous option, keeps at least one option).
 */
import type { ScenarioIssue } from '../../scenario/errors.js';
import type { SequentialScenario } from './schema.js';
import type { SequentialDesignSpec, SequentialLevelSpec } from './schema.js';
import { checkPopulation } from '../../scenario/check-model.js';
import { resolveTerm } from '../../scenario/terms.js';
import {
  MAX_OPTIONS_PER_LEVEL, MAX_ALL_SEQUENCES, maskOfName, namesAt, availableAfter, resolveSequence, countFullSequences,
} from './names.js';

type Path = (string | number)[];
const sumsToOne = (xs: number[]) => Math.abs(xs.reduce((a, b) => a + b, 0) - 1) < 1e-9;

export function checkSequentialDesign(s: SequentialScenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = checkPopulation(s);
  const d = s.design;
  for (const key of ['endpoint', 'arms'] as const) {
    if (s[key]) issues.push({ path: [key], message: `not used by the sequential design: expected remission models under design.levels[].options[].remission, found ${key}` });
  }
  if (d.randomisation.method === 'permuted-block') {
    d.levels.forEach((level, k) => level.options.forEach((o, j) => {
      if (!Number.isInteger(o.weight)) issues.push({ path: ['design', 'levels', k, 'options', j, 'weight'], message: `permuted blocks need whole-number weights, found ${o.weight}` });
    }));
  }
  const profiles = (s.population.profiles ?? []).map((p) => p.id);
  const at = (...p: Path): Path => ['design', ...p];
  const ids = new Set<string>();
  d.levels.forEach((level, k) => {
    if (ids.has(level.id)) issues.push({ path: at('levels', k, 'id'), message: `duplicate level id "${level.id}"` });
    ids.add(level.id);
    issues.push(...checkLevel(s, d, level, k, profiles, (...p) => at('levels', k, ...p)));
  });
  if (issues.length > 0) return issues;
  issues.push(...checkAcceptance(d, profiles));
  issues.push(...checkModifiers(s, d));
  if (issues.length > 0) return issues;
  return checkAnalysis(s, d, profiles);
}

/** A probability given as one number or per profile: the per-profile form needs every profile, exactly. */
function checkByProfile(value: number | Record<string, number>, profiles: string[], path: Path): ScenarioIssue[] {
  if (typeof value === 'number') return [];
  if (profiles.length === 0) return [{ path, message: 'a probability per profile needs population.profiles: expected a number, found a mapping' }];
  const keys = Object.keys(value);
  const unknown = keys.filter((k) => !profiles.includes(k)).map((k) => ({ path: [...path, k], message: `expected a profile (${profiles.join(', ')}), found "${k}"` }));
  const missing = profiles.filter((p) => !keys.includes(p)).map((p) => ({ path, message: `expected a probability for profile "${p}", found none` }));
  return [...unknown, ...missing];
}

function checkLevel(s: SequentialScenario, d: SequentialDesignSpec, level: SequentialLevelSpec, k: number, profiles: string[], at: (...p: Path) => Path): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const treatments = Object.keys(d.treatments);
  if (level.options.length > MAX_OPTIONS_PER_LEVEL) issues.push({ path: at('options'), message: `expected at most ${MAX_OPTIONS_PER_LEVEL} options, found ${level.options.length}` });
  const seen = new Set<string>();
  level.options.forEach((o, j) => {
    const where = (...p: Path) => at('options', j, ...p);
    if (seen.has(o.id)) issues.push({ path: where('id'), message: `duplicate option id "${o.id}" in level ${level.id}` });
    seen.add(o.id);
    if (!treatments.includes(o.treatment)) issues.push({ path: where('treatment'), message: `expected a treatment (${treatments.join(', ') || 'none defined in design.treatments'}), found "${o.treatment}"` });
    if (k === 0 && o.strategy === 'augment') issues.push({ path: where('strategy'), message: 'expected switch at the first level (there is no current treatment to augment), found augment' });
    if (k === 0 && o.after) issues.push({ path: where('after'), message: 'the first level has no previous options: remove "after"' });
    (k > 0 ? o.after ?? [] : []).forEach((id, m) => {
      const prev = d.levels[k - 1].options.map((p) => p.id);
      if (!prev.includes(id)) issues.push({ path: where('after', m), message: `expected an option of level ${d.levels[k - 1].id} (${prev.join(', ')}), found "${id}"` });
    });
    const r = o.remission;
    if ((r.rate === undefined) === (r.logOdds === undefined)) issues.push({ path: where('remission'), message: 'expected exactly one of rate or logOdds' });
    if (r.rate !== undefined) issues.push(...checkByProfile(r.rate, profiles, where('remission', 'rate')));
    for (const key of Object.keys(r.effects ?? {})) {
      const t = resolveTerm(key, s);
      if (typeof t === 'string') issues.push({ path: where('remission', 'effects', key), message: t });
    }
  });
  (level.acceptance ?? []).forEach((set, m) => {
    set.accepts.forEach((name, n) => {
      if (maskOfName(level, name) === 0) issues.push({ path: at('acceptance', m, 'accepts', n), message: `expected an option or group of level ${level.id} (${namesAt(level).join(', ')}), found "${name}"` });
    });
    issues.push(...checkByProfile(set.probability, profiles, at('acceptance', m, 'probability')));
  });
  return issues;
}

/** The probability of acceptable set m for profile g. */
function setProbability(level: SequentialLevelSpec, m: number, profile: string | undefined): number {
  const p = level.acceptance![m].probability;
  return typeof p === 'number' ? p : p[profile!];
}

function checkAcceptance(d: SequentialDesignSpec, profiles: string[]): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const groups = profiles.length ? profiles : [undefined];
  d.levels.forEach((level, k) => {
    const sets = level.acceptance ?? [{ accepts: level.options.map((o) => o.id), probability: 1 }];
    if (level.acceptance) {
      const perProfile = level.acceptance.some((set) => typeof set.probability !== 'number');
      for (const g of perProfile ? groups : [groups[0]]) {
        const ps = sets.map((_, m) => setProbability(level, m, g));
        if (!sumsToOne(ps)) issues.push({ path: ['design', 'levels', k, 'acceptance'], message: `expected acceptance probabilities summing to 1${perProfile ? ` for profile ${g}` : ''}, found ${+ps.reduce((a, b) => a + b, 0).toPrecision(6)}` });
      }
    }
    const previous = k === 0 ? [0] : d.levels[k - 1].options.map((_, j) => j);
    const offered = sets.reduce((acc, set, m) => (level.acceptance && groups.every((g) => setProbability(level, m, g) === 0) ? acc
      : acc | set.accepts.reduce((a, name) => a | maskOfName(level, name), 0)), 0);
    level.options.forEach((o, j) => {
      if (!((offered >>> j) & 1)) issues.push({ path: ['design', 'levels', k, 'options', j], message: `option "${o.id}" is never offered: expected an acceptable set with positive probability that includes it or its group, found none` });
    });
    sets.forEach((set, m) => {
      if (level.acceptance && groups.every((g) => setProbability(level, m, g) === 0)) return;
      const mask = set.accepts.reduce((acc, name) => acc | maskOfName(level, name), 0);
      for (const prev of previous) {
        if ((mask & availableAfter(d.levels, k, prev)) !== 0) continue;
        const after = k === 0 ? '' : ` after option "${d.levels[k - 1].options[prev].id}" of level ${d.levels[k - 1].id}`;
        const path = level.acceptance ? ['design', 'levels', k, 'acceptance', m, 'accepts'] : ['design', 'levels', k, 'options'];
        issues.push({ path, message: `leaves patients with no option at level ${level.id}${after}: expected at least one accepted option available there, found none (accepts ${set.accepts.join(', ')})` });
      }
    });
  });
  return issues;
}

function checkModifiers(s: SequentialScenario, d: SequentialDesignSpec): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const base = d.resistance?.baselineFailures;
  if (base !== undefined) {
    const m = s.population.biomarkers.find((b) => b.id === base);
    if (!m || m.type === 'categorical') issues.push({ path: ['design', 'resistance', 'baselineFailures'], message: `expected a binary or continuous biomarker counting prior failures, found "${base}"` });
  }
  d.levels.forEach((level, k) => {
    if (level.relapse > 0 && d.followUpWeeks === 0) issues.push({ path: ['design', 'levels', k, 'relapse'], message: 'relapse happens during follow-up: expected design.followUpWeeks > 0, found 0' });
  });
  return issues;
}

function checkAnalysis(s: SequentialScenario, d: SequentialDesignSpec, profiles: string[]): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const at = (...p: Path): Path => ['design', 'analysis', ...p];
  d.analysis.comparisons.forEach((c, i) => {
    const k = d.levels.findIndex((l) => l.id === c.level);
    if (k < 0) { issues.push({ path: at('comparisons', i, 'level'), message: `expected a level (${d.levels.map((l) => l.id).join(', ')}), found "${c.level}"` }); return; }
    const masks = c.compare.map((name) => maskOfName(d.levels[k], name));
    masks.forEach((mask, n) => {
      if (mask === 0) issues.push({ path: at('comparisons', i, 'compare', n), message: `expected an option or group of level ${c.level} (${namesAt(d.levels[k]).join(', ')}), found "${c.compare[n]}"` });
    });
    if (masks[0] & masks[1]) issues.push({ path: at('comparisons', i, 'compare'), message: `expected two groups with no option in common, found "${c.compare[0]}" and "${c.compare[1]}" overlapping` });
  });
  if (d.analysis.sequences === 'all') {
    const n = countFullSequences(d.levels);
    if (n > MAX_ALL_SEQUENCES) issues.push({ path: at('sequences'), message: `"all" would estimate ${n} embedded sequences: expected at most ${MAX_ALL_SEQUENCES}; list the sequences to estimate` });
  } else {
    d.analysis.sequences.forEach((text, i) => {
      const r = resolveSequence(d.levels, text);
      if (typeof r === 'string') issues.push({ path: at('sequences', i), message: r });
    });
  }
  d.analysis.sequenceComparisons.forEach((pair, i) => {
    pair.forEach((text, n) => {
      const r = resolveSequence(d.levels, text);
      if (typeof r === 'string') issues.push({ path: at('sequenceComparisons', i, n), message: r });
    });
    if (pair[0].replace(/\s/g, '') === pair[1].replace(/\s/g, '')) issues.push({ path: at('sequenceComparisons', i), message: `expected two different sequences, found "${pair[0]}" twice` });
  });
  d.analysis.subgroups.forEach((id, i) => {
    if (id === 'profile') {
      if (profiles.length < 2) issues.push({ path: at('subgroups', i), message: `"profile" needs at least 2 latent profiles in population.profiles, found ${profiles.length}` });
      return;
    }
    const m = s.population.biomarkers.find((b) => b.id === id);
    if (!m || m.type === 'continuous') issues.push({ path: at('subgroups', i), message: `expected "profile" or a binary or categorical biomarker, found "${id}"` });
  });
  return issues;
}
