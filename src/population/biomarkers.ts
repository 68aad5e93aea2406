/**
 * Draws a patient's latent profile and biomarkers.
 *
 * Correlated biomarkers come from a Gaussian copula (Nelsen 2006, ch. 2): a
 * latent normal vector Z = L e with L the Cholesky factor of the latent
 * correlation matrix; a binary marker is 1 when Z > Φ⁻¹(1 - prevalence), a
 * categorical one takes the level whose cumulative probability interval holds
 * Φ(Z), and a continuous one is mean + sd Z. Biomarkers outside every
 * correlation are drawn directly. Latent profiles (mixture classes) are drawn
 * first and may change each biomarker's distribution within the class.
 */
import type { RandomSource } from '../random/stream.js';
import { categoricalSampler } from '../random/samplers.js';
import { normalCdf, normalQuantile } from '../stats/distributions.js';
import type { PopulationSpec } from '../scenario/population.js';
import { choleskyOfCorrelations, correlatedBiomarkers } from '../scenario/correlation.js';
import type { Cohort } from './cohort.js';
import { patientTypes, keyOf, type DiscreteKey } from './discrete-table.js';

/** One biomarker's distribution within one profile. */
export interface MarkerLaw {
  kind: 0 | 1 | 2; // binary, categorical, continuous
  prevalence: number;
  threshold: number; // Φ⁻¹(1 - prevalence): the marker is present above it, so a positive rho means positive association
  cumulative: Float64Array; // categorical
  mean: number;
  sd: number;
}

function lawsFor(population: PopulationSpec, profileIndex: number): MarkerLaw[] {
  const over = population.profiles?.[profileIndex]?.biomarkers ?? {};
  return population.biomarkers.map((m) => {
    const o = over[m.id] ?? {};
    const prevalence = m.type === 'binary' ? (o.prevalence ?? m.prevalence) : 0;
    const levels = m.type === 'categorical' ? Object.values(o.levels ?? m.levels) : [];
    const cumulative = new Float64Array(levels.length);
    levels.reduce((acc, p, k) => (cumulative[k] = acc + p), 0);
    if (levels.length) cumulative[levels.length - 1] = 1;
    return {
      kind: m.type === 'binary' ? 0 : m.type === 'categorical' ? 1 : 2,
      prevalence,
      threshold: normalQuantile(1 - prevalence),
      cumulative,
      mean: m.type === 'continuous' ? (o.mean ?? m.mean) : 0,
      sd: m.type === 'continuous' ? (o.sd ?? m.sd) : 1,
    };
  });
}

function levelOf(cumulative: Float64Array, u: number): number {
  const last = cumulative.length - 1;
  let k = 0;
  while (k < last && u >= cumulative[k]) k++;
  return k;
}

/** Draws patient i's profile and biomarkers into the cohort and returns their type (-1 if untyped). */
export type PatientSampler = (cohort: Cohort, i: number) => number;

/** Independent biomarkers of one profile, grouped by kind so each loop is monomorphic. */
interface IndependentLaws {
  binaryColumns: Int32Array;
  prevalence: Float64Array;
  categoricalColumns: Int32Array;
  cumulative: Float64Array[];
  continuousColumns: Int32Array;
  mean: Float64Array;
  sd: Float64Array;
}

/** The population's laws, compiled once per worker: per-profile marker laws and the copula's Cholesky factor. */
export interface CompiledPopulation {
  profilePrevalence: number[];
  laws: MarkerLaw[][];
  independent: IndependentLaws[];
  members: number[];
  L: Float64Array[];
  /** The patient types, when every biomarker is discrete (see discrete-table). */
  types: DiscreteKey | null;
}

function independentLaws(laws: MarkerLaw[], inCopula: Uint8Array): IndependentLaws {
  const pick = (kind: number) => laws.flatMap((m, j) => (m.kind === kind && !inCopula[j] ? [j] : []));
  const bin = pick(0), cat = pick(1), con = pick(2);
  return {
    binaryColumns: Int32Array.from(bin), prevalence: Float64Array.from(bin.map((j) => laws[j].prevalence)),
    categoricalColumns: Int32Array.from(cat), cumulative: cat.map((j) => laws[j].cumulative),
    continuousColumns: Int32Array.from(con), mean: Float64Array.from(con.map((j) => laws[j].mean)), sd: Float64Array.from(con.map((j) => laws[j].sd)),
  };
}

export function compilePopulation(population: PopulationSpec): CompiledPopulation {
  const profiles = population.profiles ?? [];
  const members = correlatedBiomarkers(population);
  const inCopula = new Uint8Array(population.biomarkers.length);
  for (const j of members) inCopula[j] = 1;
  const laws = (profiles.length ? profiles : [null]).map((_, k) => lawsFor(population, k));
  return {
    profilePrevalence: profiles.map((p) => p.prevalence),
    laws,
    independent: laws.map((l) => independentLaws(l, inCopula)),
    members,
    L: (choleskyOfCorrelations(population) ?? []).map((row) => Float64Array.from(row)),
    types: patientTypes(population),
  };
}

/**
 * A patient is only their arm: no biomarkers and at most one profile, so
 * drawing a patient takes no random numbers (biomarkerSampler draws nothing)
 * and every patient on an arm has the same outcome law.
 */
export function patientFree(population: PopulationSpec): boolean {
  return population.biomarkers.length === 0 && (population.profiles?.length ?? 0) <= 1;
}

/** Builds the sampler of profile + biomarkers over a random source (cheap: once per replicate). */
export function biomarkerSampler(compiled: CompiledPopulation, source: RandomSource, normal: () => number): PatientSampler {
  const { laws, members, L, independent, types } = compiled;
  const pickProfile = compiled.profilePrevalence.length > 1 ? categoricalSampler(compiled.profilePrevalence) : null;
  const k = members.length;
  const e = new Float64Array(k);
  // The common case, independent binary markers and no profiles: a loop with nothing else in it.
  const only = independent[0];
  if (!pickProfile && k === 0 && only.categoricalColumns.length === 0 && only.continuousColumns.length === 0) {
    const bc = only.binaryColumns, prev = only.prevalence, count = bc.length;
    // All markers binary, so the patient has a type: Σ stride × marker, summed as they are drawn.
    const stride = Int32Array.from(bc, (column) => types ? types.strides[column] : 0);
    const typed = types !== null;
    return (cohort, i) => {
      const markers = cohort.markers;
      let type = 0;
      for (let q = 0; q < count; q++) {
        // +(u < p), not a ternary: V8 compiles the ternary to a branch, mispredicted as often as the marker is uncertain.
        const m = +(source() < prev[q]);
        markers[bc[q]][i] = m;
        type += stride[q] * m;
      }
      if (!typed) type = -1;
      cohort.type[i] = type;
      return type;
    };
  }

  return (cohort, i) => {
    const profile = pickProfile ? pickProfile(source()) : 0;
    cohort.profile[i] = profile;
    const markers = cohort.markers;
    if (k > 0) {
      const law = laws[profile];
      for (let r = 0; r < k; r++) e[r] = normal();
      for (let r = 0; r < k; r++) {
        const row = L[r];
        let z = 0;
        for (let c = 0; c <= r; c++) z += row[c] * e[c];
        const j = members[r];
        const m = law[j];
        markers[j][i] = m.kind === 0 ? (z > m.threshold ? 1 : 0) : m.kind === 1 ? levelOf(m.cumulative, normalCdf(z)) : m.mean + m.sd * z;
      }
    }
    const ind = independent[profile];
    const bc = ind.binaryColumns, prev = ind.prevalence;
    for (let q = 0; q < bc.length; q++) markers[bc[q]][i] = source() < prev[q] ? 1 : 0;
    const cc = ind.categoricalColumns;
    for (let q = 0; q < cc.length; q++) markers[cc[q]][i] = levelOf(ind.cumulative[q], source());
    const nc = ind.continuousColumns;
    for (let q = 0; q < nc.length; q++) markers[nc[q]][i] = ind.mean[q] + ind.sd[q] * normal();
    const type = types ? keyOf(types, cohort, i) : -1;
    cohort.type[i] = type;
    return type;
  };
}
