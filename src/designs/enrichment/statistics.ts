/**
 * The stage-wise comparisons of an enrichment trial, from the running cells
 * (stage x stratum x arm: count, mean and within-cell sum of squares; for
 * binary outcomes the mean is the proportion), strata S (0) and R (1):
 *
 * - in S: the treatment-minus-control difference in S;
 * - in F, stratified: Σ_g ν_g d_g with ν_g the stratum's share of the
 *   stage's patients, variance Σ ν_g² Var d_g; or pooled: one difference
 *   over all patients of F;
 * - continuous: Var d_g = σ² (1/n_T + 1/n_C), σ the endpoint's sd (known:
 *   rpact's simulation) or the pooled within-cell sd (estimated: a t
 *   statistic with its degrees of freedom); binary: the test uses the pooled
 *   variance p̄(1 − p̄)(1/n_T + 1/n_C) of each stratum (rpact's
 *   getSimulationEnrichmentRates), the interval the unpooled Wald variance.
 *
 * One-sided p-values of benefit (the endpoint's better direction).
 */
import { normalCdf, tCdf } from '../../stats/distributions.js';

export const S = 0, R = 1;

/** Cells [stage][stratum][arm role: 0 control, 1 treatment], flattened. */
export class StageCells {
  readonly count = new Float64Array(8);
  readonly mean = new Float64Array(8);
  readonly m2 = new Float64Array(8);
  clear(): void { this.count.fill(0); this.mean.fill(0); this.m2.fill(0); }
  static index(stage: number, stratum: number, treated: number): number { return stage * 4 + stratum * 2 + treated; }
  /** Copies another table's cells of one stage and the given strata into the same stage here. */
  copyStage(from: StageCells, stage: number, strata: readonly number[]): void {
    for (const g of strata) for (const t of [0, 1]) {
      const j = StageCells.index(stage, g, t);
      this.count[j] = from.count[j]; this.mean[j] = from.mean[j]; this.m2[j] = from.m2[j];
    }
  }
  add(stage: number, stratum: number, treated: number, y: number): void {
    const j = StageCells.index(stage, stratum, treated);
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

/** The comparison in S (strata [S]) or F (strata [S, R]) over the given stages. */
export function compare(cells: StageCells, stages: readonly number[], strata: readonly number[], o: StatisticOptions): Comparison {
  // Merge the stages per stratum and arm (count, mean, m2 by the parallel-update formula).
  const n = [[0, 0], [0, 0]], mean = [[0, 0], [0, 0]], m2 = [[0, 0], [0, 0]];
  for (const g of strata) for (const t of [0, 1]) for (const j of stages) {
    const k = StageCells.index(j, g, t), nk = cells.count[k];
    if (nk === 0) continue;
    const total = n[g][t] + nk, delta = cells.mean[k] - mean[g][t];
    mean[g][t] += (delta * nk) / total;
    m2[g][t] += cells.m2[k] + (delta * delta * n[g][t] * nk) / total;
    n[g][t] = total;
  }
  const groups = o.stratified || strata.length === 1 ? strata.map((g) => [g]) : [strata as number[]];
  // Pooled analysis of F: one group holding both strata.
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
  const parts = groups.map((grp) => {
    const c = cell(grp, 0), tr = cell(grp, 1);
    patients += c.n + tr.n; within += c.m2 + tr.m2; cellsUsed += 2;
    return { c, tr, size: c.n + tr.n };
  });
  if (parts.some((x) => x.c.n === 0 || x.tr.n === 0)) return EMPTY;
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
