/**
 * CSV that R's read.csv and pandas read without options: a header row,
 * comma-separated, quoted only where needed, NA for missing numbers.
 */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return 'NA';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NA' : v > 0 ? 'Inf' : '-Inf';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(columns: string[], rows: (string | number | null)[][]): string {
  return [columns, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
