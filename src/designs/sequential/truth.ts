/**
 * True values of a sequential scenario. Each patient's expectations are
 * exact given their profile and covariates (recursion.ts); they are averaged
 * exactly over the latent profiles when nothing else matters (Monte Carlo
 * error 0), else over `truth.patients` virtual patients (at most 200,000 when
 * a continuous covariate enters, as each then costs a full recursion; with
 * discrete covariates only, patients are counted per covariate pattern and
 * the recursion runs once per pattern). The Monte Carlo error comes from 20
 * batch means.
 *
 * Besides every estimate id, the table holds the keys describe() reads:
 * `all:<sequence>` (value if everyone followed it), `accepted-value:<sequence>`
 * (value among those who would accept it), `accepting:<sequence>`,
 * `consistent:<sequence>` (shares of participants), `flow:<level>:<slot>` and
 * `flow:<level>:option:<id>` (shares of participants entering level 1), each
 * also per cell suffix such as `|profile=typical`.
 */
import type { SequentialScenario } from './schema.js';
import type { TruthTable } from '../types.js';
import type { RunStreams } from '../../random/stream.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { sequentialSetup, describedSequences, type SequentialSetup, type SequenceSetup } from './setup.js';
import { sequentialLayout, type Cell } from './layout.js';
import { discreteKey, keyOf, decodeKey } from '../../population/discrete-table.js';
import { buildRecursion, slotMap, LEVEL_SLOTS, MASS_SLOT, type SlotMap } from './recursion.js';

const BATCHES = 20;
/** Virtual patients used when a continuous covariate enters the model (each costs a full recursion). */
export const CONTINUOUS_TRUTH_CAP = 200_000;

/** The patient's pattern of every discrete covariate the truth depends on (profile always), or null if a continuous one enters. */
function discreteKeyOf(s: SequentialScenario, setup: SequentialSetup) {
  const columns = setup.subgroups.filter((g) => g.usesBiomarkers).map((g) => s.population.biomarkers.findIndex((b) => b.id === g.name));
  if (setup.baselineColumn >= 0) columns.push(setup.baselineColumn);
  const key = discreteKey(s, setup.levels.flatMap((l) => l.predictors), columns);
  if (!key || columns.some((c) => s.population.biomarkers[c].type === 'continuous')) return null;
  const profiles = setup.profileCount;
  const own = key.profileStride === 0;
  return {
    size: own ? key.size * profiles : key.size,
    of: (c: Cohort) => (own ? c.profile[0] * key.size : 0) + keyOf(key, c, 0),
    decode(pattern: number, c: Cohort) {
      decodeKey(key, own ? pattern % key.size : pattern, c);
      if (own) c.profile[0] = Math.floor(pattern / key.size);
    },
  };
}

/** The cells truth is computed in: the analysis cells, plus each profile (for describe) when the analysis has no profile subgroups. */
export function truthCells(setup: SequentialSetup): { cells: Cell[]; levelOf: ((c: Cohort, i: number) => number)[] } {
  const cells = sequentialLayout(setup).cells;
  const levelOf = setup.subgroups.map((g) => g.levelOf);
  if (setup.profileIds.length > 1 && !setup.subgroups.some((g) => g.name === 'profile')) {
    const sg = levelOf.length;
    levelOf.push((c, i) => c.profile[i]);
    setup.profileIds.forEach((g, level) => cells.push({ subgrouping: sg, level, suffix: `|profile=${g}`, words: `profile=${g}` }));
  }
  return { cells, levelOf };
}

/** Sums of the expectation vector per batch and cell. */
function accumulate(s: SequentialScenario, streams: RunStreams, setup: SequentialSetup, sequences: SequenceSetup[], slots: SlotMap, cells: Cell[], levelOf: ((c: Cohort, i: number) => number)[]) {
  const recursion = buildRecursion(setup, sequences, slots);
  const exact = !setup.usesBiomarkers && !setup.subgroups.some((g) => g.usesBiomarkers);
  const batches = exact ? 1 : BATCHES;
  const sums = Array.from({ length: batches }, () => new Float64Array(cells.length * slots.size));
  const v = new Float64Array(slots.size);
  const one = new Cohort(1, s.population.biomarkers.length);
  const add = (batch: number, weight: number) => {
    const target = sums[batch];
    for (let cell = 0; cell < cells.length; cell++) {
      const { subgrouping, level } = cells[cell];
      if (cell > 0 && levelOf[subgrouping](one, 0) !== level) continue;
      const base = cell * slots.size;
      for (let j = 0; j < slots.size; j++) target[base + j] += weight * v[j];
    }
  };
  if (exact) {
    const prevalence = (s.population.profiles ?? []).map((p) => p.prevalence);
    (prevalence.length ? prevalence : [1]).forEach((w, g) => {
      one.profile[0] = g;
      recursion.unit(one, 0, v);
      add(0, w);
    });
    return { sums, exact };
  }
  const source = streams.truth();
  const draw = biomarkerSampler(compilePopulation(s.population), source, normalSampler(source));
  const key = discreteKeyOf(s, setup);
  const N = key ? s.truth.patients : Math.min(s.truth.patients, CONTINUOUS_TRUTH_CAP);
  if (key) {
    // Remission depends on discrete covariates only: count patients per covariate pattern, then one recursion per pattern.
    const counts = Array.from({ length: batches }, () => new Float64Array(key.size));
    for (let i = 0; i < N; i++) { draw(one, 0); counts[Math.floor((i * batches) / N)][key.of(one)]++; }
    counts.forEach((c, batch) => c.forEach((count, pattern) => {
      if (count === 0) return;
      key.decode(pattern, one);
      recursion.unit(one, 0, v);
      add(batch, (count * batches) / N);
    }));
    return { sums, exact };
  }
  for (let i = 0; i < N; i++) {
    draw(one, 0);
    recursion.unit(one, 0, v);
    add(Math.floor((i * batches) / N), batches / N);
  }
  return { sums, exact };
}

/** Every true value computable from one cell's sums. */
function quantities(setup: SequentialSetup, sequences: SequenceSetup[], slots: SlotMap, x: Float64Array, base: number, suffix: string, out: Map<string, number>): void {
  const get = (j: number) => x[base + j];
  // Shares are per participant of the cell: divide sums by the cell's mass.
  const share = (j: number) => x[base + j] / x[base + MASS_SLOT];
  let cumulative = 0, noDropout = 0, relapse = 0;
  setup.levels.forEach((l, k) => {
    const at = (slot: (typeof LEVEL_SLOTS)[number]) => get(slots.level(k, slot));
    out.set(`remission:${l.id}${suffix}`, at('remit') / at('enter'));
    out.set(`score:${l.id}${suffix}`, at('scoreSum') / at('assessed'));
    for (const slot of LEVEL_SLOTS) out.set(`flow:${l.id}:${slot}${suffix}`, share(slots.level(k, slot)));
    l.optionIds.forEach((o, j) => out.set(`flow:${l.id}:option:${o}${suffix}`, share(slots.option(k, j))));
    cumulative += share(slots.level(k, 'remit')); noDropout += share(slots.level(k, 'remitIfNoDropout')); relapse += share(slots.level(k, 'relapse'));
  });
  out.set(`cumulative-remission${suffix}`, cumulative);
  out.set(`cumulative-remission-if-no-dropout${suffix}`, noDropout);
  out.set(`sustained-remission${suffix}`, cumulative - relapse);
  setup.comparisons.forEach((c, ci) => {
    const b = slots.comparison(ci);
    out.set(`rd:${c.id}${suffix}`, get(b) / get(b + 1) - get(b + 2) / get(b + 3));
  });
  const adjust = setup.design.analysis.weights === 'acceptance-adjusted';
  sequences.forEach((q, j) => {
    let num = 0, den = 0, accepting = 0, acceptedValue = 0, scale = 1;
    for (let k = 0; k < q.options.length; k++) {
      const at = (slot: 'T' | 'U' | 'D' | 'DA') => get(slots.sequenceLevel(j, k, slot));
      const alpha = adjust && at('D') > 0 && at('DA') > 0 ? at('DA') / at('D') : 1;
      scale /= alpha;
      num += at('T') * scale; den += at('U') * scale;
      acceptedValue += at('T'); accepting += at('U');
    }
    out.set(`value:${q.id}${suffix}`, num / den);
    out.set(`accepted-value:${q.id}${suffix}`, acceptedValue / accepting);
    out.set(`all:${q.id}${suffix}`, share(slots.sequence(j, 'all')));
    out.set(`accepting:${q.id}${suffix}`, accepting / get(MASS_SLOT));
    out.set(`consistent:${q.id}${suffix}`, share(slots.sequence(j, 'consistent')));
  });
  for (const [a, b] of setup.sequenceComparisons) {
    const id = `${setup.sequences[a].id} vs ${setup.sequences[b].id}`;
    out.set(`value-difference:${id}${suffix}`, out.get(`value:${setup.sequences[a].id}${suffix}`)! - out.get(`value:${setup.sequences[b].id}${suffix}`)!);
  }
}

export function sequentialTruth(s: SequentialScenario, streams: RunStreams): TruthTable {
  const setup = sequentialSetup(s);
  const sequences = describedSequences(setup);
  const slots = slotMap(setup, sequences);
  const { cells, levelOf } = truthCells(setup);
  const { sums, exact } = accumulate(s, streams, setup, sequences, slots, cells, levelOf);
  const total = new Float64Array(sums[0].length);
  for (const b of sums) for (let j = 0; j < total.length; j++) total[j] += b[j] / sums.length;
  const values = new Map<string, number>();
  cells.forEach((cell, c) => quantities(setup, sequences, slots, total, c * slots.size, cell.suffix, values));
  const perBatch = exact ? [] : sums.map((b) => {
    const m = new Map<string, number>();
    cells.forEach((cell, c) => quantities(setup, sequences, slots, b, c * slots.size, cell.suffix, m));
    return m;
  });
  const truth: TruthTable = {};
  for (const [key, value] of values) {
    let mcse = 0;
    if (!exact) {
      const xs = perBatch.map((m) => m.get(key)!);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      mcse = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) / xs.length);
    }
    truth[key] = { value, mcse };
  }
  return truth;
}
