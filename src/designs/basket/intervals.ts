/**
 * Exact (Clopper-Pearson 1934) confidence intervals for a binomial
 * proportion, tabulated once per sample size so that a replicate looks them
 * up: lower = Beta quantile (alpha/2; y, n - y + 1), upper = Beta quantile
 * (1 - alpha/2; y + 1, n - y), with 0 and 1 at the ends.
 */
import { betaQuantile } from '../../stats/distributions.js';
import { writeEstimateOf, type EstimateColumns } from '../types.js';

export interface IntervalTable {
  lower: Float64Array;
  upper: Float64Array;
}

const memo = new Map<string, IntervalTable>();

export function clopperPearsonTable(n: number, level = 0.95): IntervalTable {
  const key = `${n}|${level}`;
  const cached = memo.get(key);
  if (cached) return cached;
  const a = (1 - level) / 2;
  const lower = new Float64Array(n + 1);
  const upper = new Float64Array(n + 1);
  for (let y = 0; y <= n; y++) {
    lower[y] = y === 0 ? 0 : betaQuantile(a, y, n - y + 1);
    upper[y] = y === n ? 1 : betaQuantile(1 - a, y + 1, n - y);
  }
  const table = { lower, upper };
  memo.set(key, table);
  return table;
}

/** Writes the MLE y/n, its binomial standard error and the exact interval into slot k. */
export function writeProportion(out: EstimateColumns, k: number, y: number, n: number, table: IntervalTable): void {
  const p = y / n;
  writeEstimateOf(out, k, p, Math.sqrt((p * (1 - p)) / n), table.lower[y], table.upper[y]);
}
