/**
 * How a summary's numbers were obtained, in the words every report uses:
 * "exact" (every outcome enumerated with its probability: no Monte Carlo
 * error to show) or "N simulated trials" (with Monte Carlo errors), and a
 * run that asked for exact but fell back to simulation says why.
 */
import type { Summary } from '../summary/summarise.js';
import type { ReportSummary } from '../run/summary-schema.js';

export const isExactSummary = (s: Pick<Summary, 'method'>): boolean => s.method === 'exact';

type Computed = Pick<ReportSummary, 'method' | 'replicates' | 'exact'>;

/** Outcomes an exact computation enumerated, if it was done. */
export function exactOutcomes(s: Computed): number | null {
  return s.exact && 'outcomes' in s.exact ? s.exact.outcomes : null;
}

/** "exact: every outcome enumerated (1,234 outcomes)", or "10000 replicates" (or another word for them). */
export function computedAs(s: Computed, replicates = 'replicates'): string {
  if (!isExactSummary(s)) return `${s.replicates} ${replicates}`;
  const outcomes = exactOutcomes(s);
  return `exact: every outcome enumerated${outcomes ? ` (${outcomes.toLocaleString('en-GB')} outcomes)` : ''}`;
}

/** The reason an exact computation was not done (the run simulated instead), if any. */
export function exactFallback(s: Pick<ReportSummary, 'exact'>): string | null {
  return s.exact && 'fallback' in s.exact ? s.exact.fallback : null;
}

/** A design's notes on its estimates (e.g. naive inference after early stopping), from its summary section `notes`. */
export function notesOf(s: Pick<ReportSummary, 'notes'>): readonly string[] {
  return s.notes ?? [];
}

/** A Monte Carlo error cell: "exact" in an exact summary. */
export function errorCell(s: Pick<Summary, 'method'>, text: string): string {
  return isExactSummary(s) ? 'exact' : text;
}

/**
 * A metric that is a share of trials (a 0/1 per trial, e.g. "stopped early"):
 * its label says so and its values stay in [0, 1]. Its mean is shown as a
 * percentage, the way a reader takes a probability.
 */
export function isShareOfTrials(m: { label: string; min: number; max: number }): boolean {
  return /\(share of (all )?trials\)/.test(m.label) && m.min >= 0 && m.max <= 1;
}

/** A metric's mean as shown: a percentage for a share of trials, else to `digits` decimals. */
export function metricMean(m: { label: string; mean: number; min: number; max: number }, format: (x: number, digits: number) => string, percent: (x: number) => string, digits = 1): string {
  return isShareOfTrials(m) ? percent(m.mean) : format(m.mean, digits);
}
