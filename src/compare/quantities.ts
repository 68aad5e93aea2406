/**
 * The trialist's headline quantities, found among a design's metrics by id:
 * expected sample size, duration and patients screened. Designs name their
 * metrics differently, so each quantity is the first match of a short list
 * of conventions; a design with none of them simply lacks that row.
 *
 * - sample size: a metric `sample-size`, `enrolled` or `n`; else the sum of
 *   the per-arm metrics `n:<arm>` (parallel designs); else the sum of
 *   `enrolled:<substudy>` (umbrella designs); else the first `entering:<level>`
 *   (sequential designs: everyone enters the first level).
 * - duration: a metric `duration`, or the first whose id starts with
 *   `duration` or `months`.
 * - screened: a metric `screened`, or the first whose id starts with `screened`.
 */
import type { MetricInfo } from '../designs/types.js';

export interface Quantity {
  id: 'sample-size' | 'duration' | 'screened';
  label: string;
  unit?: string;
  /** Indices of the metrics whose per-replicate sum is the quantity. */
  metrics: number[];
}

function exact(metrics: readonly MetricInfo[], ids: string[]): number[] {
  for (const id of ids) {
    const k = metrics.findIndex((m) => m.id === id);
    if (k >= 0) return [k];
  }
  return [];
}

function firstPrefixed(metrics: readonly MetricInfo[], prefixes: string[]): number[] {
  const k = metrics.findIndex((m) => prefixes.some((p) => m.id.startsWith(p)));
  return k >= 0 ? [k] : [];
}

function sampleSize(metrics: readonly MetricInfo[], arms: readonly string[]): number[] {
  const total = exact(metrics, ['sample-size', 'sampleSize', 'enrolled', 'n']);
  if (total.length) return total;
  const perArm = arms.map((a) => metrics.findIndex((m) => m.id === `n:${a}`)).filter((k) => k >= 0);
  if (perArm.length) return perArm;
  const substudies = metrics.flatMap((m, k) => (m.id.startsWith('enrolled:') ? [k] : []));
  if (substudies.length) return substudies;
  return firstPrefixed(metrics, ['entering:']);
}

export function keyQuantities(metrics: readonly MetricInfo[], arms: readonly string[]): Quantity[] {
  const out: Quantity[] = [];
  const n = sampleSize(metrics, arms);
  if (n.length) out.push({ id: 'sample-size', label: 'expected sample size', unit: 'patients', metrics: n });
  const d = exact(metrics, ['duration']).length ? exact(metrics, ['duration']) : firstPrefixed(metrics, ['duration', 'months']);
  if (d.length) out.push({ id: 'duration', label: 'expected duration', unit: metrics[d[0]].unit ?? 'months', metrics: d });
  const s = exact(metrics, ['screened']).length ? exact(metrics, ['screened']) : firstPrefixed(metrics, ['screened']);
  if (s.length) out.push({ id: 'screened', label: 'patients screened', unit: 'patients', metrics: s });
  return out;
}

/** The mean of a quantity from a summary's metric means (a sum of means is the mean of the sum). */
export function quantityMean(q: Quantity, metricMeans: readonly number[]): number {
  return q.metrics.reduce((a, k) => a + metricMeans[k], 0);
}

/** The family of hypotheses to show first: "primary" where a design has it, else the family of its first hypothesis (e.g. an umbrella's substudies). */
export function headlineFamily(hypotheses: readonly { family: string }[]): string | undefined {
  return hypotheses.some((h) => h.family === 'primary') ? 'primary' : hypotheses[0]?.family;
}
