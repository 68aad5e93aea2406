/**
 * Cross-reference checks of the parallel-group design against the arms,
 * endpoint and biomarkers.
 */
import { smallestBalancedBlock } from '../randomisation.js';
import { discretePatterns } from '../../population/patterns.js';
import type { ScenarioIssue } from '../../scenario/errors.js';
import type { ParallelScenario, ParallelDesignSpec, ModelSpec } from './schema.js';
import { checkPopulation, checkOutcomeModel, residualSdProblem, levelProbabilities } from '../../scenario/check-model.js';
import { checkMultiplicity } from './multiplicity.js';
import { controlArm } from '../../scenario/design-parts.js';

const TESTS_BY_ENDPOINT: Record<string, readonly string[]> = {
  binary: ['z-pooled', 'z-unpooled', 'chi-square', 'fisher'],
  continuous: ['welch-t', 't', 'z-known'],
  count: ['poisson-wald', 'poisson-lr', 'nb-wald', 'nb-lr'],
  'time-to-event': ['log-rank'],
};


/** The population and outcome model, then the design against them. */
export function checkParallel(s: ParallelScenario): ScenarioIssue[] {
  const issues = [...checkPopulation(s), ...checkOutcomeModel(s)];
  return issues.length > 0 ? issues : checkParallelDesign(s, s.design);
}

/** What count-level simulation needs: a binary endpoint, only discrete biomarkers, no regression models, quotas or event target. */
function checkCounts(s: ParallelScenario, d: ParallelDesignSpec): ScenarioIssue[] {
  if (d.simulate !== 'counts') return [];
  const at = ['design', 'simulate'];
  const why = (found: string) => ({ path: at, message: `simulate: counts draws the numbers of patients and responders of a binary endpoint; found ${found} (use simulate: patients)` });
  const issues: ScenarioIssue[] = [];
  if (s.endpoint?.type !== 'binary') issues.push(why(`a ${s.endpoint?.type} endpoint`));
  const continuous = s.population.biomarkers.find((b) => b.type === 'continuous');
  if (continuous) issues.push(why(`the continuous biomarker "${continuous.id}" (counts need discrete patterns)`));
  if ((d.analysis.models ?? []).length > 0) issues.push(why('regression models, which need each patient'));
  if (d.quotas) issues.push(why('quotas, which screen patients one by one'));
  if (issues.length === 0 && discretePatterns(s) === null) issues.push(why('more biomarker patterns than can be enumerated'));
  return issues;
}

function checkParallelDesign(s: ParallelScenario, d: ParallelDesignSpec): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [...checkCounts(s, d)];
  const arms = Object.keys(s.arms ?? {});
  const at = (...p: (string | number)[]) => ['design', ...p];
  if (arms.length < 2) issues.push({ path: ['arms'], message: `a ${d.type} design needs at least 2 arms, found ${arms.length}` });
  if (d.type === 'two-arm' && arms.length > 2) issues.push({ path: at('type'), message: `"two-arm" takes exactly 2 arms, found ${arms.length}; use type "parallel" for more` });
  const control = controlArm(d, arms);
  if (!arms.includes(control)) issues.push({ path: at('control'), message: `expected an arm (${arms.join(', ')}), found "${control}"` });
  const allocation = d.allocation ?? Object.fromEntries(arms.map((a) => [a, 1]));
  for (const a of Object.keys(allocation)) {
    if (!arms.includes(a)) issues.push({ path: at('allocation', a), message: `allocation to an arm that does not exist: expected one of ${arms.join(', ')}, found "${a}"` });
  }
  for (const a of arms) if (!(a in allocation)) issues.push({ path: at('allocation'), message: `expected a ratio for arm "${a}", found none` });
  const r = d.randomisation;
  if (r.method === 'permuted-block') {
    const ratios = Object.values(allocation);
    if (ratios.some((x) => !Number.isInteger(x))) {
      issues.push({ path: at('allocation'), message: 'permuted blocks need whole-number allocation ratios (e.g. 2:1), found fractions' });
    } else if (r.blockSize !== undefined) {
      const smallest = smallestBalancedBlock(ratios);
      if (r.blockSize % smallest !== 0) issues.push({ path: at('randomisation', 'blockSize'), message: `expected a multiple of ${smallest}, the smallest block that balances the allocation ${ratios.join(':')}, found ${r.blockSize}` });
    }
  } else if (r.blockSize !== undefined || r.strata.length > 0) {
    issues.push({ path: at('randomisation'), message: 'blockSize and strata apply to permuted-block randomisation only' });
  }
  r.strata.forEach((id, i) => {
    const m = s.population.biomarkers.find((b) => b.id === id);
    if (!m || m.type === 'continuous') issues.push({ path: at('randomisation', 'strata', i), message: `expected a binary or categorical biomarker, found "${id}"` });
    else if (r.strata.indexOf(id) !== i && r.strata.indexOf(id, r.strata.indexOf(id) + 1) === i) issues.push({ path: at('randomisation', 'strata', i), message: `expected each biomarker once, found "${id}" again` });
  });
  if (issues.length === 0) issues.push(...checkBlockMemory(s, d, arms));
  if (s.endpoint) {
    const ok = TESTS_BY_ENDPOINT[s.endpoint.type];
    if (!ok.includes(d.analysis.primary.test)) {
      issues.push({ path: at('analysis', 'primary', 'test'), message: `expected a test for a ${s.endpoint.type} endpoint (${ok.join(', ')}), found "${d.analysis.primary.test}"` });
    }
  }
  const events = d.analysis.primary.events;
  if (events !== undefined && s.endpoint?.type !== 'time-to-event') issues.push({ path: at('analysis', 'primary', 'events'), message: `an event-driven analysis needs a time-to-event endpoint, found ${s.endpoint?.type ?? 'none'}` });
  else if (events !== undefined && events > d.sampleSize) issues.push({ path: at('analysis', 'primary', 'events'), message: `expected at most one event per patient (${d.sampleSize}), found ${events}` });
  const sdProblem = d.analysis.primary.test === 'z-known' ? residualSdProblem(s) : null;
  if (sdProblem) issues.push({ path: at('analysis', 'primary', 'test'), message: `z-known takes the endpoint's sd as the outcome's standard deviation, which is wrong when outcomes have ${sdProblem} terms (biomarkers add variance); use t or welch-t` });
  if (d.analysis.primary.correct && d.analysis.primary.test !== 'chi-square') {
    issues.push({ path: at('analysis', 'primary', 'correct'), message: 'the continuity correction applies to the chi-square test only' });
  }
  d.analysis.subgroups.forEach((g, i) => {
    const id = typeof g === 'string' ? g : g.biomarker;
    const m = s.population.biomarkers.find((b) => b.id === id);
    const where = at('analysis', 'subgroups', i);
    if (!m) issues.push({ path: where, message: `expected a biomarker (${s.population.biomarkers.map((b) => b.id).join(', ') || 'none defined'}), found "${id}"` });
    else if (m.type === 'continuous' && typeof g === 'string') issues.push({ path: where, message: `continuous biomarker "${id}" needs a cutpoint: { biomarker: ${id}, cutpoint: ... }` });
    else if (m.type !== 'continuous' && typeof g !== 'string') issues.push({ path: where, message: `a cutpoint applies to continuous biomarkers only; "${id}" is ${m.type}` });
  });
  if (d.sampleSize < arms.length) issues.push({ path: at('sampleSize'), message: `expected at least one patient per arm (${arms.length}), found ${d.sampleSize}` });
  issues.push(...checkModels(s, d.analysis.models));
  issues.push(...checkMultiplicity(s, arms.filter((a) => a !== control)));
  issues.push(...checkQuotas(s, d));
  return issues;
}

/** Quotas: a discrete biomarker, every level given, sizes adding up to the sample size, no quota on a level nobody has. */
function checkQuotas(s: ParallelScenario, d: ParallelDesignSpec): ScenarioIssue[] {
  const q = d.quotas;
  if (!q) return [];
  const at = (...p: (string | number)[]) => ['design', 'quotas', ...p];
  const probabilities = levelProbabilities(s, q.biomarker);
  if (!probabilities) return [{ path: at('biomarker'), message: `expected a binary or categorical biomarker (${s.population.biomarkers.filter((b) => b.type !== 'continuous').map((b) => b.id).join(', ') || 'none defined'}), found "${q.biomarker}"` }];
  const issues: ScenarioIssue[] = [];
  const levels = Object.keys(probabilities);
  for (const level of Object.keys(q.sizes)) if (!levels.includes(level)) issues.push({ path: at('sizes', level), message: `expected a level of ${q.biomarker} (${levels.join(', ')}), found "${level}"` });
  for (const level of levels) {
    if (!(level in q.sizes)) issues.push({ path: at('sizes'), message: `expected a quota for level "${level}" of ${q.biomarker}, found none` });
    else if (q.sizes[level] > 0 && !(probabilities[level] > 0)) issues.push({ path: at('sizes', level), message: `no patient has ${q.biomarker} = ${level} (probability 0), so its quota of ${q.sizes[level]} cannot be filled` });
  }
  const total = Object.values(q.sizes).reduce((a, b) => a + b, 0);
  if (issues.length === 0 && total !== d.sampleSize) issues.push({ path: at('sizes'), message: `expected quotas adding up to the sample size ${d.sampleSize}, found ${total}` });
  return issues;
}

/** Most block slots the randomisation keeps (strata x block size): 10^7 slots, 40 MB. */
const MAX_BLOCK_SLOTS = 1e7;

/** Every stratum keeps a block in memory: refuse strata x block size beyond MAX_BLOCK_SLOTS (e.g. 40 binary strata). */
function checkBlockMemory(s: ParallelScenario, d: ParallelDesignSpec, arms: string[]): ScenarioIssue[] {
  const r = d.randomisation;
  if (r.method !== 'permuted-block') return [];
  const strata = r.strata.reduce((n, id) => {
    const m = s.population.biomarkers.find((b) => b.id === id)!;
    return n * (m.type === 'categorical' ? Object.keys(m.levels).length : 2);
  }, 1);
  const block = r.blockSize ?? smallestBalancedBlock(arms.map((a) => d.allocation?.[a] ?? 1));
  const slots = strata * block;
  if (slots <= MAX_BLOCK_SLOTS) return [];
  return [{ path: ['design', 'randomisation'], message: `expected at most ${MAX_BLOCK_SLOTS.toExponential(0)} block slots (strata x block size), found ${slots.toExponential(2)} (${strata} strata x ${block}); stratify by fewer biomarkers or use smaller blocks` }];
}

const MODEL_BY_ENDPOINT = { binary: 'logistic', continuous: 'linear', 'time-to-event': 'cox' } as const;

/** The model's type: as given, else the one the endpoint calls for. */
export function modelType(m: ModelSpec, endpointType: keyof typeof MODEL_BY_ENDPOINT): 'logistic' | 'linear' | 'cox' {
  return m.type ?? MODEL_BY_ENDPOINT[endpointType];
}

/** Each model's name in result ids: its id, else its type (numbered when several models share a type). */
export function modelIds(models: readonly ModelSpec[], endpointType: keyof typeof MODEL_BY_ENDPOINT): string[] {
  const types = models.map((m) => modelType(m, endpointType));
  return models.map((m, i) => m.id ?? (types.filter((t) => t === types[i]).length > 1 ? `${types[i]}${types.slice(0, i + 1).filter((t) => t === types[i]).length}` : types[i]));
}

function checkModels(s: ParallelScenario, models: readonly ModelSpec[]): ScenarioIssue[] {
  if (!s.endpoint || models.length === 0) return [];
  if (s.endpoint.type === 'count') return [{ path: ['design', 'analysis', 'models'], message: 'regression models with interactions are not available for count endpoints yet; use analysis.subgroups (interaction tests on the log rate ratio)' }];
  const endpointType = s.endpoint.type;
  const issues: ScenarioIssue[] = [];
  const ids = modelIds(models, endpointType);
  const markers = s.population.biomarkers;
  const known = markers.map((b) => b.id).join(', ') || 'none defined';
  models.forEach((m, k) => {
    const at = (...p: (string | number)[]) => ['design', 'analysis', 'models', k, ...p];
    const type = modelType(m, endpointType);
    if (type !== MODEL_BY_ENDPOINT[endpointType]) issues.push({ path: at('type'), message: `expected ${MODEL_BY_ENDPOINT[endpointType]} for a ${endpointType} endpoint, found ${type}` });
    if (m.ties !== undefined && type !== 'cox') issues.push({ path: at('ties'), message: `ties apply to the cox model only, found a ${type} model` });
    if (ids.indexOf(ids[k]) !== k) issues.push({ path: at('id'), message: `expected a unique model name, found "${ids[k]}" twice` });
    const seen = new Set<string>();
    const list = (key: 'biomarkers' | 'adjust') => m[key].forEach((id, i) => {
      if (!markers.some((b) => b.id === id)) issues.push({ path: at(key, i), message: `expected a biomarker (${known}), found "${id}"` });
      else if (seen.has(id)) issues.push({ path: at(key, i), message: `expected each biomarker once in biomarkers and adjust, found "${id}" again` });
      seen.add(id);
    });
    list('biomarkers');
    list('adjust');
    const interacting = m.interactions ?? m.biomarkers;
    (m.interactions ?? []).forEach((id, i) => {
      if (!m.biomarkers.includes(id)) issues.push({ path: at('interactions', i), message: `expected a biomarker listed in biomarkers (${m.biomarkers.join(', ') || 'none'}), found "${id}"` });
      else if (m.interactions!.indexOf(id) !== i) issues.push({ path: at('interactions', i), message: `expected each biomarker once, found "${id}" again` });
    });
    for (const id of Object.keys(m.at ?? {})) {
      const b = markers.find((x) => x.id === id);
      if (!interacting.includes(id)) issues.push({ path: at('at', id), message: `expected a biomarker with an interaction in this model (${interacting.join(', ') || 'none'}), found "${id}"` });
      else if (b?.type === 'categorical') issues.push({ path: at('at', id), message: `categorical biomarker "${id}": the conditional effect is given at every level, found values` });
      else if (new Set(m.at![id]).size !== m.at![id].length) issues.push({ path: at('at', id), message: `expected distinct values, found ${m.at![id].join(', ')}` });
    }
  });
  return issues;
}
