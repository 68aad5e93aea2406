/**
 * The sweep's tidy table: one row per grid point x hypothesis, the varied
 * keys as columns, so R (`read.csv`) or pandas can plot power curves directly.
 */
import { toCsv } from '../util/csv.js';
import { keyQuantities, quantityMean } from './quantities.js';
import type { SweepResult } from './sweep.js';

const QUANTITY_COLUMNS: Record<string, string> = {
  'sample-size': 'expected_sample_size',
  duration: 'expected_duration',
  screened: 'expected_screened',
};

export function sweepTable(result: SweepResult): { columns: string[]; rows: (string | number | null)[][] } {
  const keys = result.vary.map((v) => v.key);
  const perPoint = result.points.map((p) => {
    const means = p.summary.metrics.map((m) => m.mean);
    return new Map<string, number>(keyQuantities(p.summary.metrics, p.arms).map((q) => [q.id, quantityMean(q, means)]));
  });
  // The quantity columns any grid point has, in a fixed order.
  const quantityIds = Object.keys(QUANTITY_COLUMNS).filter((id) => id === 'sample-size' || perPoint.some((m) => m.has(id)));
  const columns = [...keys, 'hypothesis', 'family', 'meaning', 'true_effect', 'rejections', 'replicates', 'rate', 'mcse', 'ci_low', 'ci_high', ...quantityIds.map((id) => QUANTITY_COLUMNS[id])];
  const rows = result.points.flatMap((p, k) => p.summary.hypotheses.map((h) => [
    ...keys.map((key) => { const v = p.values[key]; return typeof v === 'boolean' ? String(v) : v; }),
    h.id, h.family, h.meaning, h.trueEffect, h.rejections, p.summary.replicates, h.rate, h.mcse, h.ci95[0], h.ci95[1],
    ...quantityIds.map((id) => perPoint[k].get(id) ?? null),
  ]));
  return { columns, rows };
}

export function sweepCsv(result: SweepResult): string {
  const t = sweepTable(result);
  return toCsv(t.columns, t.rows);
}
