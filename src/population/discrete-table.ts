/**
 * When a linear predictor involves only discrete covariates (binary markers,
 * categorical levels, latent profiles), a patient's outcome probability can
 * take only a few values. They are tabulated once, so the replicate loop does
 * a table look-up instead of an exponential per patient.
 */
import type { Scenario } from '../scenario/schema.js';
import { Cohort } from './cohort.js';
import type { PopulationSpec } from '../scenario/population.js';
import type { Predictor } from './predictor.js';

export interface DiscreteKey {
  /** Biomarker columns in the key, with their number of values and strides. */
  columns: Int32Array;
  strides: Int32Array;
  /** Stride of the profile index (0 if profiles do not enter). */
  profileStride: number;
  size: number;
}

/**
 * Most cells a per-covariate-pattern table may have (2^20, 8 MB a column):
 * beyond it (40 binary markers make 2^40 patterns) the table would not fit
 * and the predictor is evaluated per patient instead.
 */
export const MAX_TABLE_CELLS = 1 << 20;

/** The key over every discrete covariate the predictors use, or null if one uses a continuous biomarker or the patterns are too many. */
export function discreteKey(s: Scenario, predictors: Predictor[], extraColumns: number[] = []): DiscreteKey | null {
  const markers = s.population.biomarkers;
  const used = new Set<number>(extraColumns);
  let usesProfile = false;
  for (const p of predictors) {
    for (const c of p.valueColumns) {
      if (markers[c].type !== 'binary') return null;
      used.add(c);
    }
    for (const c of p.levelColumns) used.add(c);
    if (p.profileCoefs.some((x) => x !== 0)) usesProfile = true;
  }
  const key = mixedRadixKey(s.population, [...used].sort((a, b) => a - b), usesProfile ? s.population.profiles!.length : 0);
  return key.size > MAX_TABLE_CELLS ? null : key;
}

/** The mixed-radix key over discrete biomarker columns (in order) and, when `profiles` > 0, the profile. */
function mixedRadixKey(population: PopulationSpec, columns: number[], profiles: number): DiscreteKey {
  const strides: number[] = [];
  let size = 1;
  for (const c of columns) {
    strides.push(size);
    const m = population.biomarkers[c];
    size *= m.type === 'categorical' ? Object.keys(m.levels).length : 2;
  }
  const profileStride = profiles > 0 ? size : 0;
  if (profiles > 0) size *= profiles;
  return { columns: Int32Array.from(columns), strides: Int32Array.from(strides), profileStride, size };
}

/**
 * A key function specialised to the key's shape (none, one column, general),
 * so the replicate loop's look-up has no loop for the common one-marker case.
 */
export function keyFunction(k: DiscreteKey): (c: Cohort, i: number) => number {
  if (k.columns.length === 0 && k.profileStride === 0) return () => 0;
  if (k.columns.length === 1 && k.profileStride === 0) {
    const column = k.columns[0];
    return (c, i) => c.markers[column][i];
  }
  return (c, i) => keyOf(k, c, i);
}

export function keyOf(k: DiscreteKey, c: Cohort, i: number): number {
  let key = k.profileStride * c.profile[i];
  for (let q = 0; q < k.columns.length; q++) key += k.strides[q] * c.markers[k.columns[q]][i];
  return key;
}

/** Fills a one-patient cohort with the covariate values that a key stands for. */
export function decodeKey(k: DiscreteKey, key: number, c: Cohort): void {
  let rest = key;
  if (k.profileStride > 0) {
    c.profile[0] = Math.floor(rest / k.profileStride);
    rest %= k.profileStride;
  } else c.profile[0] = 0;
  for (let q = k.columns.length - 1; q >= 0; q--) {
    c.markers[k.columns[q]][0] = Math.floor(rest / k.strides[q]);
    rest %= k.strides[q];
  }
}

/** Beyond this many patient types, per-type tables stop paying for themselves. */
const MAX_PATIENT_TYPES = 4096;

/**
 * A patient's type: the index of their combination of every discrete
 * covariate (each biomarker's value or level, and the latent profile). When
 * every biomarker is binary or categorical, everything the replicate loop
 * looks up per patient (randomisation stratum, outcome probability by arm) is
 * a function of the type, so it is tabulated once per worker and each patient
 * costs one index instead of re-reading their biomarker columns. Null when a
 * biomarker is continuous or the types would be too many.
 */
export function patientTypes(population: PopulationSpec): DiscreteKey | null {
  const markers = population.biomarkers;
  if (markers.some((m) => m.type === 'continuous')) return null;
  const profiles = population.profiles?.length ?? 0;
  const key = mixedRadixKey(population, markers.map((_, j) => j), profiles > 1 ? profiles : 0);
  return key.size > MAX_PATIENT_TYPES ? null : key;
}

/**
 * A per-type table of a function of the patient's discrete covariates:
 * `table[type * width + k] = f(patient of that type, k)` for k < width.
 */
export function tableByType(types: DiscreteKey, width: number, f: (c: Cohort, i: number, k: number) => number): Float64Array {
  const table = new Float64Array(types.size * width);
  // Patient types cover every biomarker, so the key's columns are all of them.
  const one = new Cohort(1, types.columns.length);
  for (let t = 0; t < types.size; t++) {
    decodeKey(types, t, one);
    one.type[0] = t;
    for (let k = 0; k < width; k++) table[t * width + k] = f(one, 0, k);
  }
  return table;
}
