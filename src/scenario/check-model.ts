/**
 * Checks that reach across sections of a scenario (what a schema alone cannot
 * say): unique names, probabilities that sum to one, a positive-definite
 * correlation matrix, terms that name real biomarkers, a complete rates table.
 */
import { formatPath, type ScenarioIssue } from './errors.js';
import type { Scenario } from './schema.js';
import { resolveTerm } from './terms.js';
import { controlArm } from './design-parts.js';
import { didYouMean } from './zod-issues.js';
import { choleskyOfCorrelations } from './correlation.js';
import { LOG_SCALE_LIMIT } from './common.js';

function sumsToOne(values: number[]): boolean {
  return Math.abs(values.reduce((a, b) => a + b, 0) - 1) < 1e-9;
}

export function checkPopulation(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const { biomarkers, correlations, profiles = [] } = s.population;
  const seen = new Set<string>();
  biomarkers.forEach((m, i) => {
    if (seen.has(m.id)) issues.push({ path: ['population', 'biomarkers', i, 'id'], message: `duplicate biomarker id "${m.id}"` });
    seen.add(m.id);
    if (m.type === 'categorical') {
      const p = Object.values(m.levels);
      if (p.length < 2) issues.push({ path: ['population', 'biomarkers', i, 'levels'], message: `expected at least 2 levels, found ${p.length}` });
      else if (!sumsToOne(p)) issues.push({ path: ['population', 'biomarkers', i, 'levels'], message: `expected probabilities summing to 1, found ${+p.reduce((a, b) => a + b, 0).toPrecision(6)}` });
    }
  });
  correlations.forEach((c, i) => {
    c.between.forEach((id, j) => {
      if (!biomarkers.some((m) => m.id === id)) {
        issues.push({ path: ['population', 'correlations', i, 'between', j], message: `expected a biomarker id (${biomarkers.map((m) => m.id).join(', ')}), found "${id}"` });
      }
    });
    if (c.between[0] === c.between[1]) issues.push({ path: ['population', 'correlations', i, 'between'], message: 'a biomarker cannot be correlated with itself' });
  });
  issues.push(...duplicatePairs(correlations));
  if (issues.length === 0 && correlations.length > 0 && !choleskyOfCorrelations(s.population)) {
    issues.push({ path: ['population', 'correlations'], message: 'expected a positive-definite correlation matrix, found one that is not (the correlations contradict each other)' });
  }
  profiles.forEach((p, i) => {
    if (seen.has(p.id)) issues.push({ path: ['population', 'profiles', i, 'id'], message: `duplicate id "${p.id}" (biomarker and profile names share one namespace)` });
    seen.add(p.id);
    for (const [id, over] of Object.entries(p.biomarkers ?? {})) {
      const m = biomarkers.find((b) => b.id === id);
      const where = ['population', 'profiles', i, 'biomarkers', id];
      if (!m) { issues.push({ path: where, message: `expected a biomarker id, found "${id}"` }); continue; }
      const allowed = m.type === 'binary' ? ['prevalence'] : m.type === 'continuous' ? ['mean', 'sd'] : ['levels'];
      for (const k of Object.keys(over)) {
        if (!allowed.includes(k)) issues.push({ path: [...where, k], message: `a ${m.type} biomarker takes ${allowed.join(' or ')} here, found "${k}"` });
      }
      if (m.type === 'categorical' && over.levels) {
        const names = Object.keys(m.levels);
        if (Object.keys(over.levels).join() !== names.join() || !sumsToOne(Object.values(over.levels))) {
          issues.push({ path: [...where, 'levels'], message: `expected probabilities for ${names.join(', ')} summing to 1` });
        }
      }
    }
  });
  if (profiles.length > 0 && !sumsToOne(profiles.map((p) => p.prevalence))) {
    issues.push({ path: ['population', 'profiles'], message: `expected profile prevalences summing to 1, found ${+profiles.reduce((a, p) => a + p.prevalence, 0).toPrecision(6)}` });
  }
  return issues;
}

/** A pair listed twice, in either order, would have one entry silently overwrite the other in the matrix. */
function duplicatePairs(correlations: Scenario['population']['correlations']): ScenarioIssue[] {
  const first = new Map<string, number>();
  return correlations.flatMap((c, i) => {
    const pair = [...c.between].sort().join('\u0000');
    const earlier = first.get(pair);
    if (earlier === undefined) { first.set(pair, i); return []; }
    const where = formatPath(['population', 'correlations', earlier]);
    return [{ path: ['population', 'correlations', i, 'between'], message: `the pair ${c.between.join(', ')} is already given at ${where}; give each pair once` }];
  });
}

/** Coefficient keys that name no biomarker, level or profile, each with its key path. */
export function checkTerms(s: Scenario, terms: Record<string, number> | undefined, path: (string | number)[]): ScenarioIssue[] {
  return Object.keys(terms ?? {}).flatMap((key) => {
    const t = resolveTerm(key, s);
    return typeof t === 'string' ? [{ path: [...path, key], message: t }] : [];
  });
}

/** Checks the endpoint and arms, for designs that simulate patients from them. */
export function checkOutcomeModel(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (!s.endpoint) issues.push({ path: ['endpoint'], message: 'required: expected an endpoint (binary, continuous, time-to-event or count), found nothing' });
  if (!s.arms || Object.keys(s.arms).length === 0) {
    issues.push({ path: ['arms'], message: `required: expected at least one arm, found ${s.arms ? 'none' : 'nothing'}` });
  }
  if (issues.length > 0) return issues;
  const e = s.endpoint!;
  const arms = s.arms!;
  if ('prognostic' in e) issues.push(...checkTerms(s, e.prognostic, ['endpoint', 'prognostic']));
  for (const [name, arm] of Object.entries(arms)) issues.push(...checkTerms(s, arm.interactions, ['arms', name, 'interactions']));
  if (e.type === 'binary' && e.model === 'logit' && e.intercept === undefined) {
    issues.push({ path: ['endpoint', 'intercept'], message: 'required for the logit model: expected the control log-odds, found nothing' });
  }
  if (e.type === 'binary' && e.model === 'rates') issues.push(...checkRatesTable(s));
  issues.push(...checkLogScale(s));
  if (e.type === 'time-to-event' && (e.baselineHazard === undefined) === (e.median === undefined)) {
    issues.push({ path: ['endpoint'], message: 'expected exactly one of baselineHazard or median' });
  }
  if (e.type === 'count') issues.push(...checkCountEndpoint(e));
  return issues;
}

/** A count endpoint: dispersion goes with the negative binomial only, and an exposure range runs upwards. */
function checkCountEndpoint(e: Extract<Scenario['endpoint'], { type: 'count' }>): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (e.distribution === 'negative-binomial' && e.dispersion === undefined) {
    issues.push({ path: ['endpoint', 'dispersion'], message: 'required for negative-binomial counts: expected the dispersion k (Var = μ + k μ²), found nothing' });
  }
  if (e.distribution === 'poisson' && e.dispersion !== undefined) {
    issues.push({ path: ['endpoint', 'dispersion'], message: 'applies to negative-binomial counts only: use distribution: negative-binomial, or remove it' });
  }
  if (typeof e.exposure === 'object' && !(e.exposure.max >= e.exposure.min)) {
    issues.push({ path: ['endpoint', 'exposure', 'max'], message: `expected at least min (${e.exposure.min}), found ${e.exposure.max}` });
  }
  return issues;
}

/**
 * The schema bounds coefficients in a continuous endpoint's unit; on the
 * log-odds and log-hazard scales the tighter LOG_SCALE_LIMIT applies (see
 * common.ts for why), which only the endpoint type can tell.
 */
function checkLogScale(s: Scenario): ScenarioIssue[] {
  const e = s.endpoint!;
  const scale = e.type === 'binary' ? 'log-odds' : e.type === 'time-to-event' ? 'log-hazard' : e.type === 'count' ? 'log-rate' : undefined;
  if (!scale) return [];
  const values: [(string | number)[], number][] = [
    ...Object.entries(('prognostic' in e && e.prognostic) || {}).map(([k, v]): [(string | number)[], number] => [['endpoint', 'prognostic', k], v]),
    ...Object.entries(s.arms!).flatMap(([name, arm]): [(string | number)[], number][] => [
      [['arms', name, 'effect'], arm.effect],
      ...Object.entries(arm.interactions ?? {}).map(([k, v]): [(string | number)[], number] => [['arms', name, 'interactions', k], v]),
    ]),
  ];
  return values.filter(([, v]) => Math.abs(v) > LOG_SCALE_LIMIT)
    .map(([path, v]) => ({ path, message: `expected a number from -${LOG_SCALE_LIMIT} to ${LOG_SCALE_LIMIT} on the ${scale} scale, found ${v}` }));
}

function checkRatesTable(s: Scenario): ScenarioIssue[] {
  const e = s.endpoint as Extract<Scenario['endpoint'], { type: 'binary' }>;
  const arms = Object.keys(s.arms ?? {});
  const issues: ScenarioIssue[] = [];
  if (!e.rates || e.rates.length === 0) return [{ path: ['endpoint', 'rates'], message: 'required for the rates model: expected a list of { subgroup, rates } rows, found nothing' }];
  if (e.prognostic) issues.push({ path: ['endpoint', 'prognostic'], message: 'not used by the rates model: put subgroup differences in the rates table' });
  for (const [name, arm] of Object.entries(s.arms ?? {})) {
    if (arm.effect !== 0 || arm.interactions) issues.push({ path: ['arms', name], message: 'with the rates model, arm effects come from the rates table: remove effect and interactions' });
  }
  e.rates.forEach((row, i) => {
    for (const a of arms) if (!(a in row.rates)) issues.push({ path: ['endpoint', 'rates', i, 'rates'], message: `expected a rate for arm "${a}", found none` });
    for (const a of Object.keys(row.rates)) if (!arms.includes(a)) issues.push({ path: ['endpoint', 'rates', i, 'rates', a], message: `expected an arm (${arms.join(', ')}), found "${a}"` });
    for (const [id, value] of Object.entries(row.subgroup)) {
      const m = s.population.biomarkers.find((b) => b.id === id);
      const where = ['endpoint', 'rates', i, 'subgroup', id];
      if (!m || m.type === 'continuous') issues.push({ path: where, message: `expected a binary or categorical biomarker, found "${id}"` });
      else if (m.type === 'binary' && value !== 0 && value !== 1) issues.push({ path: where, message: `expected 0 or 1, found ${JSON.stringify(value)}` });
      else if (m.type === 'categorical' && !(String(value) in m.levels)) issues.push({ path: where, message: `expected a level of "${id}" (${Object.keys(m.levels).join(', ')}), found ${JSON.stringify(value)}` });
    }
  });
  return issues.length > 0 ? issues : checkRatesCover(s, e.rates);
}

/** Most subgroup patterns a rates table may span: each needs a row, so more is no practical way to write a model. */
const MAX_RATE_PATTERNS = 4096;

/** Every patient falls in some row: each pattern of the table's subgroup biomarkers is covered (the first row that matches applies). */
function checkRatesCover(s: Scenario, rows: { subgroup: Record<string, unknown> }[]): ScenarioIssue[] {
  const ids = [...new Set(rows.flatMap((r) => Object.keys(r.subgroup)))];
  const levels = ids.map((id) => {
    const m = s.population.biomarkers.find((b) => b.id === id)!;
    return m.type === 'categorical' ? Object.keys(m.levels) : [0, 1];
  });
  const patterns = levels.reduce((n, l) => n * l.length, 1);
  if (patterns > MAX_RATE_PATTERNS) {
    return [{ path: ['endpoint', 'rates'], message: `expected subgroups over at most ${MAX_RATE_PATTERNS} patterns of biomarkers, found ${patterns} (${ids.join(', ')}); use the logit model for many biomarkers` }];
  }
  for (let p = 0; p < patterns; p++) {
    let rest = p;
    const pattern = ids.map((id, q) => { const v = levels[q][rest % levels[q].length]; rest = Math.floor(rest / levels[q].length); return [id, v] as const; });
    const covered = rows.some((r) => Object.entries(r.subgroup).every(([id, v]) => String(pattern.find(([x]) => x === id)![1]) === String(v)));
    if (!covered) {
      return [{ path: ['endpoint', 'rates'], message: `expected a row for every subgroup pattern, found none for ${pattern.map(([id, v]) => `${id}=${v}`).join(', ')}` }];
    }
  }
  return [];
}

/**
 * Why the endpoint's sd is not the outcome's standard deviation within an
 * arm (prognostic or predictive terms make the biomarkers add variance), or
 * null when it is: a known-variance z test is only right when it is.
 */
export function residualSdProblem(s: Scenario): string | null {
  const e = s.endpoint;
  if (e?.type !== 'continuous') return null;
  if (Object.keys(e.prognostic ?? {}).length > 0) return 'prognostic';
  if (Object.values(s.arms ?? {}).some((a) => Object.keys(a.interactions ?? {}).length > 0)) return 'predictive';
  return null;
}

/**
 * The marginal probability of each level of a binary ("0", "1") or
 * categorical biomarker, averaging over latent profiles; null for a
 * continuous one or an unknown id.
 */
export function levelProbabilities(s: Scenario, id: string): Record<string, number> | null {
  const b = s.population.biomarkers.find((m) => m.id === id);
  if (!b || b.type === 'continuous') return null;
  const profiles = s.population.profiles ?? [];
  const mixture = profiles.length > 0 ? profiles.map((p) => ({ weight: p.prevalence, own: p.biomarkers?.[id] })) : [{ weight: 1, own: undefined }];
  const out: Record<string, number> = {};
  for (const { weight, own } of mixture) {
    if (b.type === 'binary') {
      const p = own?.prevalence ?? b.prevalence;
      out['0'] = (out['0'] ?? 0) + weight * (1 - p);
      out['1'] = (out['1'] ?? 0) + weight * p;
    } else {
      const levels = own?.levels ?? b.levels;
      for (const level of Object.keys(b.levels)) out[level] = (out[level] ?? 0) + weight * (levels[level] ?? 0);
    }
  }
  return out;
}

/** A design of one treatment against a control: exactly two arms, and the control (named, "control", or the first) among them. */
export function checkTwoArms(s: Scenario, design: { control?: string }): ScenarioIssue[] {
  const names = Object.keys(s.arms ?? {});
  const issues: ScenarioIssue[] = [];
  if (names.length !== 2) issues.push({ path: ['arms'], message: `expected two arms (control and treatment), found ${names.length}` });
  const control = controlArm(design, names);
  if (!names.includes(control)) issues.push({ path: ['design', 'control'], message: `expected one of the arms (${names.join(', ')}), found "${control}"${didYouMean(control, names)}` });
  return issues;
}
