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

const strataPairs = (strata: number): number[][] => Array.from({ length: strata }, () => [0, 0]);

const EMPTY: Comparison = { estimate: NaN, se: NaN, z: NaN, p: NaN, df: NaN };

/** The comparison in a population (its strata) over the given stages. */
export function compare(cells: StageCells, stages: readonly number[], strata: readonly number[], o: StatisticOptions): Comparison {
  // Merge the stages per stratum and arm (count, mean, m2 by the parallel-update formula).
  const n = strataPairs(cells.strata), mean = strataPairs(cells.strata), m2 = strataPairs(cells.strata);
  for (const g of strata) for (const t of [0, 1]) for (const j of stages) {
    const k = cells.index(j, g, t), nk = cells.count[k];
    if (nk === 0) continue;
    const total = n[g][t] + nk, delta = cells.mean[k] - mean[g][t];
    mean[g][t] += (delta * nk) / total;
    m2[g][t] += cells.m2[k] + (delta * delta * n[g][t] * nk) / total;
    n[g][t] = total;
  }
  const groups = o.stratified || strata.length === 1 ? strata.map((g) => [g]) : [strata as number[]];
  // Pooled analysis: one group holding all the population's strata.
  const cell = (grp: number[], t: number) => {
    let cn = 0, cm = 0, c2 = 0;
    for (const g of grp) {
      if (n[g][t] === 0) continue;
      const total = cn + n[g][t], delta = mean[g][t] - cm;
      cm += (delta * n[g][t]) / total;
      c2 += m2[g][t] + (delta * delta * cn * n[g][t]) / total;
      cn = total;
    }
    return { n: cn, mean: cm, m2: c2 };
  };
  let patients = 0, within = 0, cellsUsed = 0;
  // A stratum with no patient at this stage (a membership pattern nobody has, or one screened out) has no weight.
  const parts = groups.map((grp) => {
    const c = cell(grp, 0), tr = cell(grp, 1);
    patients += c.n + tr.n; within += c.m2 + tr.m2; cellsUsed += c.n + tr.n > 0 ? 2 : 0;
    return { c, tr, size: c.n + tr.n };
  }).filter((x) => x.size > 0);
  if (parts.length === 0 || parts.some((x) => x.c.n === 0 || x.tr.n === 0)) return EMPTY;
  const df = o.binary || o.sd !== null ? Infinity : patients - cellsUsed;
  if (!(df > 0)) return EMPTY;
  const sigma2 = o.binary ? NaN : o.sd !== null ? o.sd * o.sd : within / df;
  let estimate = 0, variance = 0, nullVariance = 0;
  for (const x of parts) {
    const nu = x.size / patients;
    const d = x.tr.mean - x.c.mean;
    const inverse = 1 / x.tr.n + 1 / x.c.n;
    // Binary: the unpooled variance for the interval, the pooled one (under no difference) for the test, as rpact.
    const pooled = (x.tr.mean * x.tr.n + x.c.mean * x.c.n) / x.size;
    const v = o.binary ? (x.tr.mean * (1 - x.tr.mean)) / x.tr.n + (x.c.mean * (1 - x.c.mean)) / x.c.n : sigma2 * inverse;
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
