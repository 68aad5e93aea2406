/**
 * CSV that R's read.csv and pandas read without options: a header row,
 * comma-separated, quoted only where needed, NA for missing numbers.
 */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return 'NA';
  if (typeof v === 'number') return Number.isFinite(v) ? finiteText(v) : Number.isNaN(v) ? 'NA' : v > 0 ? 'Inf' : '-Inf';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * A finite number as text, exactly as String(x) writes it: JSON.stringify
 * of a finite number is the same Number::toString (ECMA-262, SerializeJSONProperty).
 * String(x) keeps its recent results in V8's number-string cache, which
 * carries them out of the young generation: a worker writing replicates.csv
 * rows (some 35 numbers a row) grew its old space by megabytes a chunk
 * until a full collection, and that set a run's peak memory; these strings
 * die young.
 */
export function finiteText(x: number): string {
  return JSON.stringify(x);
}

export function toCsv(columns: string[], rows: (string | number | null)[][]): string {
  return [columns, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
