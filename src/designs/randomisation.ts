/**
 * Randomisation of patients to arms: simple (independent draws with the
 * allocation probabilities), permuted blocks, and permuted blocks within
 * strata defined by binary or categorical biomarkers (Rosenberger & Lachin
 * 2016, ch. 3 and 7).
 */
import type { RandomSource } from '../random/stream.js';
import { categoricalSampler } from '../random/samplers.js';
import type { Cohort } from '../population/cohort.js';
import { tableByType, type DiscreteKey } from '../population/discrete-table.js';

export interface RandomisationPlan {
  method: 'simple' | 'permuted-block';
  /** Whole-number (block) or any positive (simple) ratio per arm, in arm order. */
  ratios: number[];
  blockSize?: number;
  /** Biomarker columns and their number of levels, for strata. */
  strata: { column: number; levels: number }[];
}

export interface Randomiser {
  /** Clears the blocks before a new trial. */
  reset(): void;
  /** The arm of patient i, whose biomarkers are already drawn. */
  assign(source: RandomSource, cohort: Cohort, i: number): number;
  /** The arm of a patient of a known type (population/discrete-table): present when the randomiser was given the types (or needs no stratum). */
  assignType?(source: RandomSource, type: number): number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The smallest permuted block that balances whole-number allocation ratios:
 * their sum once divided by their greatest common divisor (2:2 -> 2, 2:1 ->
 * 3). It is the default block, and any block must be a multiple of it.
 */
export function smallestBalancedBlock(ratios: readonly number[]): number {
  const d = ratios.reduce((g, r) => gcd(g, r), 0) || 1;
  return ratios.reduce((t, r) => t + r / d, 0);
}

/**
 * @param types the population's patient types, if any, so the stratum of a
 *   patient is looked up by type.
 */
export function buildRandomiser(plan: RandomisationPlan, types: DiscreteKey | null = null): Randomiser {
  if (plan.method === 'simple') {
    const pick = categoricalSampler(plan.ratios);
    return { reset() {}, assign: (source) => pick(source()), assignType: (source) => pick(source()) };
  }
  const smallest = smallestBalancedBlock(plan.ratios);
  const blockSize = plan.blockSize ?? smallest;
  const reduced = plan.ratios.map((r) => (r * smallest) / plan.ratios.reduce((a, b) => a + b, 0));
  const template = new Int32Array(blockSize);
  let k = 0;
  for (let rep = 0; rep < blockSize / smallest; rep++) {
    reduced.forEach((r, arm) => { for (let j = 0; j < r; j++) template[k++] = arm; });
  }
  const strataCount = plan.strata.reduce((acc, s) => acc * s.levels, 1);
  const strataColumns = Int32Array.from(plan.strata.map((s) => s.column));
  const strataLevels = Int32Array.from(plan.strata.map((s) => s.levels));
  // All strata's blocks in one array: stratum s uses [s * blockSize, (s + 1) * blockSize).
  const blocks = new Int32Array(strataCount * blockSize);
  const position = new Int32Array(strataCount).fill(blockSize);
  const single = strataColumns.length === 1 ? strataColumns[0] : -1;
  const stratumOfMarkers = strataColumns.length === 0 ? () => 0
    : single >= 0 ? (cohort: Cohort, i: number) => cohort.markers[single][i]
    : (cohort: Cohort, i: number) => {
      let stratum = 0;
      for (let q = 0; q < strataColumns.length; q++) stratum = stratum * strataLevels[q] + cohort.markers[strataColumns[q]][i];
      return stratum;
    };
  // With patient types the stratum is one look-up by type (patients of unknown type fall back to their markers),
  // in an integer table: the stratum indexes the blocks, and a double index costs a conversion per patient.
  const byType = types && strataColumns.length > 0 ? Int32Array.from(tableByType(types, 1, (c, i) => stratumOfMarkers(c, i))) : null;
  const stratumOf = byType
    ? (cohort: Cohort, i: number) => { const t = cohort.type[i]; return t >= 0 ? byType[t] : stratumOfMarkers(cohort, i); }
    : stratumOfMarkers;
  /**
   * A fresh block for a stratum: the template shuffled by Fisher-Yates. Kept
   * out of `assign` so the per-patient path stays small enough for V8 to
   * inline into the enrolment loop (the refill runs once per block).
   */
  function refill(source: RandomSource, stratum: number): void {
    const start = stratum * blockSize;
    // An element loop, not blocks.set: for a short block the builtin call costs more than the copy.
    for (let j = 0; j < blockSize; j++) blocks[start + j] = template[j];
    for (let j = blockSize - 1; j > 0; j--) {
      const r = start + Math.floor(source() * (j + 1));
      const t = blocks[start + j]; blocks[start + j] = blocks[r]; blocks[r] = t;
    }
    position[stratum] = 0;
  }
  /** The next arm of a stratum's block (a new block when it is used up). */
  function assignInStratum(source: RandomSource, stratum: number): number {
    if (position[stratum] === blockSize) refill(source, stratum);
    return blocks[stratum * blockSize + position[stratum]++];
  }
  const assignType = byType ? (source: RandomSource, type: number) => assignInStratum(source, byType[type]) : (source: RandomSource) => assignInStratum(source, 0);
  return {
    reset() { position.fill(blockSize); },
    assign: (source, cohort, i) => assignInStratum(source, stratumOf(cohort, i)),
    ...(types ? { assignType } : {}),
  };
}
