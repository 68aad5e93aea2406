/**
 * What the enrichment design needs, resolved once: the arms; the
 * populations (F first, then the subpopulations) and the strata they are
 * made of (a stratum is a pattern of membership in the subpopulations: with
 * one subpopulation, S and R = F minus S); each stratum's prevalence where
 * it can be computed (for fixed quotas); the stage sizes, inverse normal
 * weights (default √(n_k / N), or √((D_k − D_{k−1}) / D_K) with events) and
 * critical values per stage.
 */
import type { EnrichmentScenario } from './schema.js';
import { controlArm } from '../../scenario/design-parts.js';
import { discretePatterns } from '../../population/patterns.js';
import { normalQuantile } from '../../stats/distributions.js';
import { efficacyBoundaries } from '../../stats/group-sequential/boundaries.js';

type Spec = EnrichmentScenario['design'];
type SubpopulationSpec = NonNullable<Spec['subpopulation']>;

/** A condition on one biomarker: its cohort column and the stored values (0/1 or level indices) that meet it. */
export interface Condition { column: number; values: number[] }

export interface Subpopulation {
  id: string;
  label: string;
  conditions: Condition[];
}

export interface EnrichmentSetup {
  armNames: string[];
  control: number;
  treatment: number;
  /** Population names: F, then the subpopulations' ids (one subpopulation: F, S). */
  populations: string[];
  /** Words for each population. */
  labels: string[];
  subpopulations: Subpopulation[];
  /** Number of strata, 2^(subpopulations). */
  strata: number;
  /** The strata each population is made of (F: all, in order). */
  strataOf: number[][];
  /** P(stratum) in the population (null when it cannot be computed: then quotas are refused). */
  stratumPrevalence: number[] | null;
  /** P(population), F first (null where unknown). */
  prevalence: (number | null)[];
  stages: number[];
  weights: number[];
  /** Inverse normal critical value per stage (Infinity: no efficacy stop there). */
  critical: number[];
}

/** The subpopulations as written (one `subpopulation`, or the `subpopulations` list). */
export function subpopulationSpecs(d: Spec): SubpopulationSpec[] {
  return d.subpopulations ?? (d.subpopulation ? [d.subpopulation] : []);
}

/** A subpopulation's id: as given, else S (alone) or S1, S2, S3. */
export function subpopulationId(d: Spec, k: number): string {
  const specs = subpopulationSpecs(d);
  return specs[k]?.id ?? (specs.length === 1 ? 'S' : `S${k + 1}`);
}

/** A subpopulation's conditions as written: `where`, or the shorthand biomarker and value. */
export function conditionsOf(spec: SubpopulationSpec): { biomarker: string; value: number | string | (number | string)[] }[] {
  if (spec.where) return spec.where;
  return spec.biomarker === undefined ? [] : [{ biomarker: spec.biomarker, value: spec.value ?? 1 }];
}

/** The stored value of a biomarker's written value (0/1, or a level's index), or null if it takes no such value. */
export function storedValue(s: EnrichmentScenario, biomarker: string, value: number | string): { column: number; value: number } | null {
  const column = s.population.biomarkers.findIndex((b) => b.id === biomarker);
  const b = s.population.biomarkers[column];
  if (!b || b.type === 'continuous') return null;
  if (b.type === 'binary') return value === 0 || value === 1 || value === '0' || value === '1' ? { column, value: Number(value) } : null;
  const level = Object.keys(b.levels).indexOf(String(value));
  return level < 0 ? null : { column, value: level };
}

/** A subpopulation's conditions resolved to cohort columns, or null when one names what the population lacks. */
export function resolveConditions(s: EnrichmentScenario, spec: SubpopulationSpec): Condition[] | null {
  const out: Condition[] = [];
  for (const c of conditionsOf(spec)) {
    const values: number[] = [];
    let column = -1;
    for (const v of Array.isArray(c.value) ? c.value : [c.value]) {
      const stored = storedValue(s, c.biomarker, v);
      if (!stored) return null;
      column = stored.column;
      values.push(stored.value);
    }
    out.push({ column, values });
  }
  return out.length > 0 ? out : null;
}

function conditionWords(spec: SubpopulationSpec): string {
  return conditionsOf(spec).map((c) => `${c.biomarker} ${Array.isArray(c.value) ? `in {${c.value.join(', ')}}` : `= ${c.value}`}`).join(' and ');
}

/**
 * A patient's stratum: with m subpopulations and membership bits b_i (bit i
 * set when in subpopulation i), 2^m − 1 − b, so the stratum in every
 * subpopulation comes first and the one in none (R) last.
 */
export function stratumOf(subpopulations: readonly Subpopulation[], markers: readonly ArrayLike<number>[], i: number): number {
  let bits = 0;
  for (let k = 0; k < subpopulations.length; k++) {
    let inside = true;
    for (const c of subpopulations[k].conditions) {
      const v = markers[c.column][i];
      let met = false;
      for (const x of c.values) if (x === v) { met = true; break; }
      if (!met) { inside = false; break; }
    }
    if (inside) bits |= 1 << k;
  }
  return (1 << subpopulations.length) - 1 - bits;
}

/** Whether stratum g lies in subpopulation k. */
export const stratumIn = (m: number, g: number, k: number): boolean => (((1 << m) - 1 - g) & (1 << k)) !== 0;

/**
 * Each stratum's prevalence, by enumerating the patterns of the biomarkers
 * the subpopulations are defined on (the others, continuous or not, are
 * marginalised out: the Gaussian copula restricted to those biomarkers,
 * each profile with its own distributions); null when it cannot be computed.
 */
function stratumPrevalences(s: EnrichmentScenario, subs: Subpopulation[]): number[] | null {
  const pop = s.population;
  const columns = [...new Set(subs.flatMap((x) => x.conditions.map((c) => c.column)))].sort((a, b) => a - b);
  const ids = new Set(columns.map((j) => pop.biomarkers[j].id));
  const reduced = {
    biomarkers: columns.map((j) => pop.biomarkers[j]),
    correlations: pop.correlations.filter((c) => ids.has(c.between[0]) && ids.has(c.between[1])),
    ...(pop.profiles ? { profiles: pop.profiles.map((p) => ({ ...p, ...(p.biomarkers ? { biomarkers: Object.fromEntries(Object.entries(p.biomarkers).filter(([id]) => ids.has(id))) } : {}) })) } : {}),
  };
  const patterns = discretePatterns({ ...s, population: reduced } as EnrichmentScenario);
  if (!patterns) return null;
  const out = new Array<number>(1 << subs.length).fill(0);
  const markers = pop.biomarkers.map(() => new Float64Array(1));
  for (const p of patterns) {
    p.values.forEach((v, r) => { markers[columns[r]][0] = v; });
    out[stratumOf(subs, markers, 0)] += p.weight;
  }
  return out;
}

/** The inverse normal combination's information fractions Σ_{j≤k} w_j² / Σ w_j² (the last exactly 1). */
export function informationRates(weights: readonly number[]): number[] {
  const total = weights.reduce((a, w) => a + w * w, 0);
  let cumulative = 0;
  return weights.map((w, k) => (k === weights.length - 1 ? 1 : (cumulative += w * w) / total));
}

/** Critical values per stage: none (only the last stage, at Φ⁻¹(1 − alpha)), Lan-DeMets spending, or as given. */
function criticalValues(d: Spec, weights: number[]): number[] {
  const K = d.stages.length;
  const last = -normalQuantile(d.alpha);
  if (d.efficacy === 'none' || d.combination === 'fisher') return d.stages.map((_, k) => (k === K - 1 ? last : Infinity));
  if (typeof d.efficacy === 'object') return d.efficacy.criticalValues.map((c) => (c === null ? Infinity : c));
  return efficacyBoundaries({ informationRates: informationRates(weights), spending: { type: d.efficacy === 'pocock' ? 'asP' : 'asOF' }, alpha: d.alpha }).criticalValues;
}

export function enrichmentSetup(s: EnrichmentScenario): EnrichmentSetup {
  const d = s.design;
  const armNames = Object.keys(s.arms ?? {});
  const control = armNames.indexOf(controlArm(d, armNames));
  const specs = subpopulationSpecs(d);
  const subpopulations = specs.map((spec, k) => ({ id: subpopulationId(d, k), label: spec.label ?? conditionWords(spec), conditions: resolveConditions(s, spec)! }));
  const m = subpopulations.length, strata = 1 << m;
  const all = Array.from({ length: strata }, (_, g) => g);
  const strataOf = [all, ...subpopulations.map((_, k) => all.filter((g) => stratumIn(m, g, k)))];
  const stratumPrevalence = stratumPrevalences(s, subpopulations);
  const sizes = stageInformation(d);
  const total = sizes.reduce((a, n) => a + n, 0);
  const weights = d.weights ?? sizes.map((n) => Math.sqrt(n / total));
  return {
    armNames, control, treatment: control === 0 ? 1 : 0,
    populations: ['F', ...subpopulations.map((x) => x.id)],
    labels: ['full population', ...subpopulations.map((x) => x.label)],
    subpopulations, strata, strataOf, stratumPrevalence,
    prevalence: strataOf.map((list) => (stratumPrevalence ? list.reduce((a, g) => a + stratumPrevalence[g], 0) : null)),
    stages: d.stages,
    weights,
    critical: criticalValues(d, weights),
  };
}

/** Each stage's planned information: its patients, or (time-to-event) its new events D_k − D_{k−1}. */
export function stageInformation(d: Spec): number[] {
  const events = d.events;
  return events ? events.map((e, k) => e - (k === 0 ? 0 : events[k - 1])) : d.stages;
}

/** The most patients a trial can enrol: stage 1, then each later stage at its planned size or its re-estimation cap. */
export function enrichmentCapacity(s: EnrichmentScenario): number {
  const d = s.design;
  const cap = (k: number) => (d.reestimate ? Math.max(d.stages[k], perStage(d.reestimate.max, k)) : d.stages[k]);
  return d.stages.reduce((sum, _, k) => sum + (k === 0 ? d.stages[0] : cap(k)), 0);
}

/** A per-later-stage bound written as a number or a list (entry k − 1 for stage k). */
export function perStage(bound: number | number[], k: number): number {
  return Array.isArray(bound) ? bound[Math.min(k - 1, bound.length - 1)] : bound;
}
