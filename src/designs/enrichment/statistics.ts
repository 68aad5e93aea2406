/**
 * The stage-wise comparisons of an enrichment trial, from the running cells
 * (stage x stratum x arm: count, mean and within-cell sum of squares; for
 * binary outcomes the mean is the proportion). A stratum is a pattern of
 * membership in the subpopulations (with one subpopulation: S and R = F
 * minus S); a population is the union of its strata:
 *
 * - in a population of one stratum: the treatment-minus-control difference;
 * - in a population of several, stratified: Σ_g ν_g d_g with ν_g the
 *   stratum's share of the population's patients at the stage, variance
 *   Σ ν_g² Var d_g; or pooled: one difference over all its patients;
 * - continuous: Var d_g = σ² (1/n_T + 1/n_C), σ the endpoint's sd (known:
 *   rpact's simulation) or the pooled within-cell sd (estimated: a t
 *   statistic with its degrees of freedom); binary: the test uses the pooled
 *   variance p̄(1 − p̄)(1/n_T + 1/n_C) of each stratum (rpact's
 *   getSimulationEnrichmentRates), the interval the unpooled Wald variance.
 *
 * One-sided p-values of benefit (the endpoint's better direction).
 */
import { normalCdf, tCdf } from '../../stats/distributions.js';

/** Cells [stage][stratum][arm role: 0 control, 1 treatment], flattened. */
export class StageCells {
  readonly count: Float64Array;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  constructor(readonly stages: number, readonly strata: number) {
    const size = stages * strata * 2;
    this.count = new Float64Array(size); this.mean = new Float64Array(size); this.m2 = new Float64Array(size);
  }
  clear(): void { this.count.fill(0); this.mean.fill(0); this.m2.fill(0); }
  index(stage: number, stratum: number, treated: number): number { return (stage * this.strata + stratum) * 2 + treated; }
  /** Copies another table's cells of one stage and the given strata into the same stage here. */
  copyStage(from: StageCells, stage: number, strata: readonly number[]): void {
    for (const g of strata) for (const t of [0, 1]) {
      const j = this.index(stage, g, t);
      this.count[j] = from.count[j]; this.mean[j] = from.mean[j]; this.m2[j] = from.m2[j];
    }
  }
  /** Adds `extra`'s stage-`from` cells of the given strata into this table's stage `to` (Welford's parallel merge). */
  mergeStage(extra: StageCells, from: number, to: number, strata: readonly number[]): void {
    for (const g of strata) for (const t of [0, 1]) {
      const a = this.index(to, g, t), b = extra.index(from, g, t);
      const na = this.count[a], nb = extra.count[b], n = na + nb;
      if (nb === 0) continue;
      const delta = extra.mean[b] - this.mean[a];
      this.mean[a] += (delta * nb) / n;
      this.m2[a] += extra.m2[b] + (delta * delta * na * nb) / n;
      this.count[a] = n;
    }
  }
  /** Patients of a stage in the given strata (both arms). */
  patients(stage: number, strata: readonly number[]): number {
    let n = 0;
    for (const g of strata) n += this.count[this.index(stage, g, 0)] + this.count[this.index(stage, g, 1)];
    return n;
  }
  add(stage: number, stratum: number, treated: number, y: number): void {
    const j = this.index(stage, stratum, treated);
    const n = ++this.count[j];
    const delta = y - this.mean[j];
    this.mean[j] += delta / n;
    this.m2[j] += delta * (y - this.mean[j]);
  }
}

export interface Comparison {
  estimate: number;
  se: number;
  /** Benefit statistic (sign by the better direction) and its one-sided p-value; NaN when a cell is empty. */
  z: number;
  p: number;
  df: number;
}

export interface StatisticOptions {
  binary: boolean;
  /** Known sd (continuous, variance known), or null to estimate it. */
  sd: number | null;
  stratified: boolean;
  /** +1 when higher is better, -1 when lower. */
  sign: number;
}

const EMPTY: Comparison = { estimate: NaN, se: NaN, z: NaN, p: NaN, df: NaN };

/** Most strata (three subpopulations), and scratch cells reused by every comparison (no allocation per call). */
const MAX_STRATA = 8;
const merged = { n: new Float64Array(2 * MAX_STRATA), mean: new Float64Array(2 * MAX_STRATA), m2: new Float64Array(2 * MAX_STRATA) };
/** Per analysed group (a stratum, or the pooled population) and arm: patients, mean, sum of squares. */
const group = { n: new Float64Array(2 * MAX_STRATA), mean: new Float64Array(2 * MAX_STRATA), m2: new Float64Array(2 * MAX_STRATA) };

/** Merges cells of the given strata (all at once, or only `only`) for arm t into group slot j (parallel-update formula). */
function mergeGroup(strata: readonly number[], only: number, t: number, j: number): void {
  let cn = 0, cm = 0, c2 = 0;
  for (const g of strata) {
    if (only >= 0 && g !== only) continue;
    const n = merged.n[2 * g + t];
    if (n === 0) continue;
    const total = cn + n, delta = merged.mean[2 * g + t] - cm;
    cm += (delta * n) / total;
    c2 += merged.m2[2 * g + t] + (delta * delta * cn * n) / total;
    cn = total;
  }
  group.n[2 * j + t] = cn; group.mean[2 * j + t] = cm; group.m2[2 * j + t] = c2;
}

/** The comparison in a population (its strata) over the given stages. */
export function compare(cells: StageCells, stages: readonly number[], strata: readonly number[], o: StatisticOptions): Comparison {
  // Merge the stages per stratum and arm (count, mean, m2 by the parallel-update formula).
  for (const g of strata) for (let t = 0; t < 2; t++) {
    let n = 0, mean = 0, m2 = 0;
    for (const j of stages) {
      const k = cells.index(j, g, t), nk = cells.count[k];
      if (nk === 0) continue;
      const total = n + nk, delta = cells.mean[k] - mean;
      mean += (delta * nk) / total;
      m2 += cells.m2[k] + (delta * delta * n * nk) / total;
      n = total;
    }
    merged.n[2 * g + t] = n; merged.mean[2 * g + t] = mean; merged.m2[2 * g + t] = m2;
  }
  // Stratified: one group per stratum; pooled: one group holding all the population's strata.
  const separate = o.stratified || strata.length === 1;
  const groups = separate ? strata.length : 1;
  let patients = 0, within = 0, cellsUsed = 0, used = 0;
  for (let j = 0; j < groups; j++) {
    mergeGroup(strata, separate ? strata[j] : -1, 0, used);
    mergeGroup(strata, separate ? strata[j] : -1, 1, used);
    const size = group.n[2 * used] + group.n[2 * used + 1];
    patients += size; within += group.m2[2 * used] + group.m2[2 * used + 1];
    // A stratum with no patient at this stage (a membership pattern nobody has, or one screened out) has no weight.
    if (size > 0) { cellsUsed += 2; used++; }
  }
  if (used === 0) return EMPTY;
  for (let j = 0; j < used; j++) if (group.n[2 * j] === 0 || group.n[2 * j + 1] === 0) return EMPTY;
  const df = o.binary || o.sd !== null ? Infinity : patients - cellsUsed;
  if (!(df > 0)) return EMPTY;
  const sigma2 = o.binary ? NaN : o.sd !== null ? o.sd * o.sd : within / df;
  let estimate = 0, variance = 0, nullVariance = 0;
  for (let j = 0; j < used; j++) {
    const nC = group.n[2 * j], nT = group.n[2 * j + 1], mC = group.mean[2 * j], mT = group.mean[2 * j + 1];
    const size = nC + nT;
    const nu = size / patients;
    const d = mT - mC;
    const inverse = 1 / nT + 1 / nC;
    // Binary: the unpooled variance for the interval, the pooled one (under no difference) for the test, as rpact.
    const pooled = (mT * nT + mC * nC) / size;
    const v = o.binary ? (mT * (1 - mT)) / nT + (mC * (1 - mC)) / nC : sigma2 * inverse;
    estimate += nu * d;
    variance += nu * nu * v;
    nullVariance += nu * nu * (o.binary ? pooled * (1 - pooled) * inverse : v);
  }
  const se = Math.sqrt(variance);
  if (!(nullVariance > 0)) return { estimate, se, z: NaN, p: NaN, df };
  const z = (o.sign * estimate) / Math.sqrt(nullVariance);
  return { estimate, se, z, p: Number.isFinite(df) ? tCdf(-z, df) : normalCdf(-z), df };
}

/** Each arm's patients and mean over the given stages and strata, pooled (rpact's overall rates), and the pooled within-arm variance. */
export function pooledArms(cells: StageCells, stages: readonly number[], strata: readonly number[]): { n: [number, number]; mean: [number, number]; variance: number } {
  const n: [number, number] = [0, 0], mean: [number, number] = [0, 0];
  let within = 0;
  for (const t of [0, 1]) {
    let m2 = 0;
    for (const g of strata) for (const j of stages) {
      const k = cells.index(j, g, t), nk = cells.count[k];
      if (nk === 0) continue;
      const total = n[t] + nk, delta = cells.mean[k] - mean[t];
      mean[t] += (delta * nk) / total;
      m2 += cells.m2[k] + (delta * delta * n[t] * nk) / total;
      n[t] = total;
    }
    within += m2;
  }
  return { n, mean, variance: n[0] + n[1] > 2 ? within / (n[0] + n[1] - 2) : NaN };
}
