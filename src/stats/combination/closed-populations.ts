/**
 * The closed combination test of an adaptive enrichment design over G
 * populations (subpopulations S1..S3, overlapping or nested, and the full
 * population F) and K stages (Wassmer & Brannath 2016, Group Sequential and
 * Confirmatory Adaptive Designs in Clinical Trials, ch. 11; Brannath et al.
 * 2009; Jenkins, Stone & Jennison 2011; the closed testing principle of
 * Marcus, Peritz & Gabriel 1976):
 *
 * - every non-empty intersection H_J of the populations' null hypotheses is
 *   tested at every stage with a stage-wise p-value from the p-values of the
 *   members of J still tested at that stage: Bonferroni m min(p), Simes
 *   min_j m p_(j) / j, Šidák 1 − (1 − min p)^m, or (two populations)
 *   Spiessens & Debois (2010), P(max(Z_S, Z_F) ≥ max(z_S, z_F)) under the
 *   correlation √(n_S / n_F) of the two statistics;
 * - a population not selected at a stage has no p-value there (NaN), so an
 *   intersection of dropped populations has none either and can no longer
 *   be rejected (a rejection at an earlier stage stands);
 * - inverse normal: the stages' p-values combine as Σ w_j Φ⁻¹(1 − p_j) /
 *   √(Σ w_j²) over the stages so far, compared with the stage's
 *   group-sequential critical value (Infinity: no efficacy stop there);
 *   Fisher's product: P(χ²_2k ≥ −2 Σ log p_j) ≤ alpha at the last stage
 *   (Bauer & Köhne 1994; no earlier stop);
 * - a population is rejected once every intersection containing it has been
 *   rejected at some stage so far.
 */
import { normalQuantile, chiSquareUpper } from '../distributions.js';
import { normalExceedance } from '../multiplicity/dunnett-probability.js';

export type IntersectionTest = 'bonferroni' | 'simes' | 'sidak' | 'spiessens-debois';
export type Combination = 'inverse-normal' | 'fisher';

/** Most populations a closed test is built over (15 intersections). */
export const MAX_POPULATIONS = 4;

/** The largest |Φ⁻¹(1 − p)| used: that of p = 1e-100, as rpact clamps (p = 0 and 1 stay finite). */
const Z_LIMIT = -normalQuantile(1e-100);

/** Φ⁻¹(1 − p), clamped to ±Φ⁻¹(1 − 1e-100) ≈ ±21.27 as rpact does. */
export function zOf(p: number): number {
  if (p <= 1e-100) return Z_LIMIT;
  if (p >= 1) return -Z_LIMIT;
  return Math.max(-Z_LIMIT, Math.min(Z_LIMIT, -normalQuantile(p)));
}

/** The inverse normal combination Σ w_j Φ⁻¹(1 − p_j) / √(Σ w_j²) over the stages with a p-value. */
export function inverseNormal(ps: readonly number[], weights: readonly number[]): number {
  let z = 0, w2 = 0;
  ps.forEach((p, j) => { if (!Number.isNaN(p)) { z += weights[j] * zOf(p); w2 += weights[j] ** 2; } });
  return w2 > 0 ? z / Math.sqrt(w2) : NaN;
}

/** Fisher's combination: P(χ²_2k ≥ −2 Σ log p_j) over the k stages with a p-value. */
export function fisherCombination(ps: readonly number[]): number {
  const tested = ps.filter((p) => !Number.isNaN(p));
  const statistic = -2 * tested.reduce((sum, p) => sum + Math.log(Math.max(p, 1e-300)), 0);
  return chiSquareUpper(statistic, 2 * tested.length);
}

/** Correlation of two populations' statistics at a stage (symmetric, 1 on the diagonal). */
export type Correlation = (i: number, j: number) => number;

/**
 * The stage-wise p-value of an intersection from its tested members' p-values
 * (in population order; one member: its own p-value; none: NaN).
 */
export function intersectionP(test: IntersectionTest, ps: readonly number[], members: readonly number[], correlation: Correlation): number {
  const m = ps.length;
  if (m === 0) return NaN;
  if (m === 1) return ps[0];
  let lo = Infinity;
  for (const p of ps) lo = Math.min(lo, p);
  switch (test) {
    case 'bonferroni': return Math.min(1, m * lo);
    case 'simes': return simes(ps);
    case 'sidak': return 1 - (1 - lo) ** m;
    case 'spiessens-debois': return spiessensDebois(lo, members, correlation);
  }
}

/** Simes: min_j m p_(j) / j (for two, min(2 p_(1), p_(2))). */
function simes(ps: readonly number[]): number {
  const sorted = [...ps].sort((a, b) => a - b);
  let best = Infinity;
  sorted.forEach((p, j) => { best = Math.min(best, (sorted.length * p) / (j + 1)); });
  return best;
}

/**
 * P(max(Z_1, Z_2) ≥ Φ⁻¹(1 − min p)) for two statistics with correlation ρ,
 * through the product form λ = √ρ (Dunnett's integral). Spiessens & Debois
 * (2010) defined the test for a subpopulation nested in the full one; like
 * rpact, it is offered for two populations only (the design refuses more).
 */
function spiessensDebois(lo: number, members: readonly number[], correlation: Correlation): number {
  if (members.length !== 2) throw new RangeError(`the Spiessens-Debois test takes two populations, got ${members.length}`);
  if (lo <= 0) return 0;
  if (lo >= 1) return 1;
  const r = Math.sqrt(Math.max(0, Math.min(correlation(members[0], members[1]), 1 - 1e-12)));
  return Math.min(1, normalExceedance(zOf(lo), [r, r], 1));
}

export interface ClosedTestDesign {
  populations: number;
  test: IntersectionTest;
  combination: Combination;
  /** Inverse normal weights per stage (their squares summing to 1). */
  weights: readonly number[];
  /** Inverse normal critical value per stage (z scale; Infinity where there is no efficacy stop). */
  critical: readonly number[];
  /** Fisher: the one-sided level of the final test. */
  alpha: number;
}

/**
 * The closed test carried through the stages of one trial: `addStage` takes
 * each population's stage-wise p-value (NaN when not selected) and updates
 * every intersection's combined statistic and rejection.
 */
export class ClosedCombinationTest {
  /** Per intersection mask (1 .. 2^G − 1): its stage-wise p-values so far. */
  private readonly history: number[][];
  private readonly rejectedMask: Uint8Array;
  /** Per intersection: its combined statistic after the last stage (z for inverse normal, p for Fisher; NaN if untested). */
  readonly combined: Float64Array;
  /** The same after each stage: index mask × stages + stage (NaN if untested there or not reached). */
  private readonly combinedByStage: Float64Array;
  /** Per intersection: its p-value at the last stage. */
  readonly stageP: Float64Array;
  /** Per intersection: the stage (0-based) it was first rejected at, -1 while it is not. */
  readonly rejectedAt: Int32Array;
  private stage = 0;
  private readonly tested: number[] = [];
  private readonly members: number[] = [];

  constructor(readonly design: ClosedTestDesign) {
    const masks = 1 << design.populations;
    this.history = Array.from({ length: masks }, () => []);
    this.rejectedMask = new Uint8Array(masks);
    this.combined = new Float64Array(masks).fill(NaN);
    this.combinedByStage = new Float64Array(masks * design.weights.length).fill(NaN);
    this.stageP = new Float64Array(masks).fill(NaN);
    this.rejectedAt = new Int32Array(masks).fill(-1);
  }

  reset(): void {
    for (const h of this.history) h.length = 0;
    this.rejectedMask.fill(0);
    this.combined.fill(NaN);
    this.combinedByStage.fill(NaN);
    this.stageP.fill(NaN);
    this.rejectedAt.fill(-1);
    this.stage = 0;
  }

  /** The stages added so far. */
  get stages(): number { return this.stage; }

  /** Adds a stage: each population's one-sided p-value (NaN: not tested), and their statistics' correlation. */
  addStage(p: ArrayLike<number>, correlation: Correlation = () => 0): void {
    const d = this.design, k = this.stage++;
    const last = k === d.weights.length - 1;
    for (let mask = 1; mask < this.history.length; mask++) {
      this.tested.length = 0; this.members.length = 0;
      for (let g = 0; g < d.populations; g++) if (mask & (1 << g) && !Number.isNaN(p[g])) { this.tested.push(p[g]); this.members.push(g); }
      const q = intersectionP(d.test, this.tested, this.members, correlation);
      this.stageP[mask] = q;
      this.history[mask].push(q);
      const ps = this.history[mask];
      if (d.combination === 'fisher') {
        this.combined[mask] = Number.isNaN(q) ? NaN : fisherCombination(ps);
        if (last && this.combined[mask] <= d.alpha) this.rejectedMask[mask] = 1;
      } else {
        this.combined[mask] = Number.isNaN(q) ? NaN : inverseNormal(ps, d.weights);
        if (this.combined[mask] >= d.critical[k]) this.rejectedMask[mask] = 1;
      }
      if (this.rejectedMask[mask] === 1 && this.rejectedAt[mask] < 0) this.rejectedAt[mask] = k;
      this.combinedByStage[mask * d.weights.length + k] = this.combined[mask];
    }
  }

  /** Fisher's statistic −2 Σ log p_j of an intersection's stage-wise p-values so far (χ² with 2k df under its null). */
  fisherStatistic(mask: number): number {
    let x = 0;
    for (const p of this.history[mask]) if (!Number.isNaN(p)) x -= 2 * Math.log(Math.max(p, 1e-300));
    return x;
  }

  /** An intersection's combined statistic (as `combined`) after stage k (0-based); NaN when it was not tested there. */
  combinedAt(mask: number, k: number): number {
    return k >= 0 && k < this.stage ? this.combinedByStage[mask * this.design.weights.length + k] : NaN;
  }

  /**
   * The closed-test adjusted p-value of population g, tested up to stage
   * `upTo` (0-based): the largest, over the intersections containing it, of
   * the intersection's p-value at the stage its decision stood at by then,
   * the one it was rejected at or else `upTo`: `pAt(stage, combined,
   * rejected)` (e.g. the stage-wise ordering p-value of its inverse normal
   * statistic, or Fisher's combination p itself). An intersection rejected
   * only after g left does not count for g, as in `rejected`'s use.
   */
  adjustedP(g: number, upTo: number, pAt: (stage: number, combined: number, rejected: boolean) => number): number {
    const bit = 1 << g;
    let p = -Infinity;
    for (let mask = 1; mask < this.history.length; mask++) {
      if (!(mask & bit)) continue;
      const r = this.rejectedAt[mask], rejected = r >= 0 && r <= upTo, k = rejected ? r : upTo;
      p = Math.max(p, pAt(k, this.combinedAt(mask, k), rejected));
      if (Number.isNaN(p)) return NaN;
    }
    return p;
  }

  /** Whether an intersection (bit mask of populations) has been rejected at some stage so far. */
  intersectionRejected(mask: number): boolean { return this.rejectedMask[mask] === 1; }

  /** Whether population g is rejected: every intersection containing it rejected at some stage so far. */
  rejected(g: number): boolean {
    const bit = 1 << g;
    for (let mask = 1; mask < this.history.length; mask++) if (mask & bit && this.rejectedMask[mask] === 0) return false;
    return true;
  }
}
