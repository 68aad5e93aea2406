/**
 * How a summary's numbers were obtained, in the words every report uses:
 * "exact" (every outcome enumerated with its probability: no Monte Carlo
 * error to show) or "N simulated trials" (with Monte Carlo errors), and a
 * run that asked for exact but fell back to simulation says why.
 */
import type { Summary } from '../summary/summarise.js';

export const isExactSummary = (s: Pick<Summary, 'method'>): boolean => s.method === 'exact';

/** "exact: every outcome enumerated (1,234 outcomes)", or "10000 replicates" (or another word for them). */
export function computedAs(s: Summary, replicates = 'replicates'): string {
  if (!isExactSummary(s)) return `${s.replicates} ${replicates}`;
  const outcomes = (s.exact as { outcomes?: number } | undefined)?.outcomes;
  return `exact: every outcome enumerated${outcomes ? ` (${outcomes.toLocaleString('en-GB')} outcomes)` : ''}`;
}

/** The reason an exact computation was not done (the run simulated instead), if any. */
export function exactFallback(s: Summary): string | null {
  const fallback = (s.exact as { fallback?: unknown } | undefined)?.fallback;
  return typeof fallback === 'string' ? fallback : null;
}

/** A design's notes on its estimates (e.g. naive inference after early stopping), from its summary section `notes`. */
export function notesOf(s: Summary): string[] {
  return Array.isArray(s.notes) ? s.notes.filter((n): n is string => typeof n === 'string') : [];
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
