/**
 * What the sequential design needs to know about a scenario, resolved once
 * per worker into flat arrays: per level its options (randomisation weight,
 * intolerance, remission predictor), which options may follow which, the
 * acceptable sets as option masks with their probabilities per profile, and
 * the analyses (within-level comparisons, embedded sequences, subgroups).
 */
import type { SequentialScenario } from './schema.js';
import type { SequentialDesignSpec } from './schema.js';
import { compilePredictor, evaluate, type Predictor } from '../../population/predictor.js';
import { Cohort } from '../../population/cohort.js';
import { logistic, logit } from '../../stats/distributions.js';
import { maskOfName, availableAfter, analysedSequences, fullSequences, countFullSequences, sequenceId } from './names.js';

/** Above this many full-length sequences the truth tables cover the analysed ones only. */
export const MAX_DESCRIBED_SEQUENCES = 2000;

export interface LevelSetup {
  id: string;
  weeks: number;
  dropout: number;
  declineNext: number;
  relapse: number;
  optionIds: string[];
  /** Randomisation weight and intolerance probability of each option. */
  weight: Float64Array;
  intolerance: Float64Array;
  /** Remission log-odds predictor of each option (resistance excluded). */
  predictors: Predictor[];
  /** Options available after each option of the previous level (one entry, index 0, at level 0). */
  availableAfter: Int32Array;
  /** Acceptable sets as option masks, and their probabilities: [profile][set]. */
  setMasks: Int32Array;
  setProbability: Float64Array[];
  /** Remission probability by option and profile, when nothing else matters. */
  byProfile?: Float64Array;
}

export interface ComparisonSetup {
  id: string;
  level: number;
  names: [string, string];
  masks: [number, number];
}

export interface SequenceSetup {
  id: string;
  /** Option index at each level the sequence covers (its length may be below the number of levels). */
  options: Int32Array;
}

export interface Subgrouping {
  name: string;
  /** Level labels such as "profile=typical" or "anxious=1". */
  levels: string[];
  levelOf(c: Cohort, i: number): number;
  /** Whether membership depends on biomarkers (not only on the latent profile). */
  usesBiomarkers: boolean;
}

export interface SequentialSetup {
  design: SequentialDesignSpec;
  sampleSize: number;
  levels: LevelSetup[];
  profileIds: string[];
  /** Number of profile indices (1 when the population has none). */
  profileCount: number;
  resistance: number;
  baselineColumn: number;
  comparisons: ComparisonSetup[];
  sequences: SequenceSetup[];
  sequenceComparisons: [number, number][];
  subgroups: Subgrouping[];
  /** Whether any remission probability depends on biomarkers (else only on profile and level). */
  usesBiomarkers: boolean;
}

/** Remission probability of option o at level k for patient i of the cohort. */
export function remissionProbability(setup: SequentialSetup, k: number, o: number, c: Cohort, i: number): number {
  const table = setup.levels[k].byProfile;
  if (table) return table[o * setup.profileCount + c.profile[i]];
  const base = setup.baselineColumn >= 0 ? c.markers[setup.baselineColumn][i] : 0;
  return logistic(evaluate(setup.levels[k].predictors[o], c, i) + setup.resistance * (base + k));
}

/** When remission depends on the profile alone: [option * profiles + profile] -> probability, per level. */
function tabulate(setup: SequentialSetup, s: SequentialScenario): void {
  const one = new Cohort(1, s.population.biomarkers.length);
  setup.levels.forEach((l, k) => {
    const table = new Float64Array(l.optionIds.length * setup.profileCount);
    for (let o = 0; o < l.optionIds.length; o++) {
      for (let g = 0; g < setup.profileCount; g++) { one.profile[0] = g; table[o * setup.profileCount + g] = remissionProbability(setup, k, o, one, 0); }
    }
    l.byProfile = table;
  });
}

function remissionPredictor(s: SequentialScenario, o: SequentialDesignSpec['levels'][number]['options'][number]): Predictor {
  const r = o.remission;
  if (r.logOdds !== undefined) return compilePredictor(s, r.logOdds, r.effects);
  if (typeof r.rate === 'number') return compilePredictor(s, logit(r.rate!), r.effects);
  const byProfile = Object.fromEntries(Object.entries(r.rate!).map(([g, p]) => [g, logit(p)]));
  return compilePredictor(s, 0, byProfile, r.effects);
}

function levelSetup(s: SequentialScenario, d: SequentialDesignSpec, k: number, profiles: string[]): LevelSetup {
  const level = d.levels[k];
  const previous = k === 0 ? 1 : d.levels[k - 1].options.length;
  const sets = level.acceptance ?? [{ accepts: level.options.map((o) => o.id), probability: 1 }];
  const groups = profiles.length ? profiles : [undefined];
  return {
    id: level.id, weeks: level.weeks, dropout: level.dropout, declineNext: level.declineNext, relapse: level.relapse,
    optionIds: level.options.map((o) => o.id),
    weight: Float64Array.from(level.options.map((o) => o.weight)),
    intolerance: Float64Array.from(level.options.map((o) => o.intolerance)),
    predictors: level.options.map((o) => remissionPredictor(s, o)),
    availableAfter: Int32Array.from({ length: previous }, (_, j) => availableAfter(d.levels, k, j)),
    setMasks: Int32Array.from(sets.map((set) => set.accepts.reduce((acc, name) => acc | maskOfName(level, name), 0))),
    setProbability: groups.map((g) => Float64Array.from(sets.map((set) => (typeof set.probability === 'number' ? set.probability : set.probability[g!])))),
  };
}

function subgrouping(s: SequentialScenario, name: string): Subgrouping {
  if (name === 'profile') {
    const ids = (s.population.profiles ?? []).map((p) => p.id);
    return { name, levels: ids.map((g) => `profile=${g}`), levelOf: (c, i) => c.profile[i], usesBiomarkers: false };
  }
  const column = s.population.biomarkers.findIndex((b) => b.id === name);
  const m = s.population.biomarkers[column];
  const levels = m.type === 'categorical' ? Object.keys(m.levels).map((l) => `${name}=${l}`) : [`${name}=0`, `${name}=1`];
  return { name, levels, levelOf: (c, i) => c.markers[column][i], usesBiomarkers: true };
}

export function sequentialSetup(s: SequentialScenario): SequentialSetup {
  const d = s.design;
  const profileIds = (s.population.profiles ?? []).map((p) => p.id);
  const levels = d.levels.map((_, k) => levelSetup(s, d, k, profileIds));
  const sequences = analysedSequences(d).map((q) => ({ id: q.id, options: Int32Array.from(q.options) }));
  const indexOf = (text: string) => sequences.findIndex((q) => q.id === text.split('>').map((t) => t.trim()).join('>'));
  const baseline = d.resistance?.baselineFailures;
  const baselineColumn = baseline === undefined ? -1 : s.population.biomarkers.findIndex((b) => b.id === baseline);
  const usesBiomarkers = baselineColumn >= 0 || levels.some((l) => l.predictors.some((p) => p.valueColumns.length + p.levelColumns.length > 0));
  const setup: SequentialSetup = {
    design: d, sampleSize: d.sampleSize, levels, profileIds, profileCount: Math.max(1, profileIds.length),
    resistance: d.resistance?.logOddsPerFailure ?? 0, baselineColumn,
    comparisons: d.analysis.comparisons.map((c) => {
      const k = d.levels.findIndex((l) => l.id === c.level);
      return { id: `${c.level}:${c.compare[0]} vs ${c.compare[1]}`, level: k, names: c.compare, masks: [maskOfName(d.levels[k], c.compare[0]), maskOfName(d.levels[k], c.compare[1])] };
    }),
    sequences,
    sequenceComparisons: d.analysis.sequenceComparisons.map(([a, b]) => [indexOf(a), indexOf(b)]),
    subgroups: d.analysis.subgroups.map((g) => subgrouping(s, g)),
    usesBiomarkers,
  };
  if (!usesBiomarkers) tabulate(setup, s);
  return setup;
}

/** Every full-length sequence, for the truth's best-sequence tables (with the analysed ones). */
export function describedSequences(setup: SequentialSetup): SequenceSetup[] {
  const d = setup.design;
  const all = countFullSequences(d.levels) <= MAX_DESCRIBED_SEQUENCES ? fullSequences(d.levels) : [];
  const out = new Map(setup.sequences.map((q) => [q.id, q]));
  for (const options of all) {
    const id = sequenceId(options.map((j, k) => d.levels[k].options[j].id));
    if (!out.has(id)) out.set(id, { id, options: Int32Array.from(options) });
  }
  return [...out.values()];
}
