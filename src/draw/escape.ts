/**
 * Text for HTML and SVG: escaping, and numbers formatted the way a trialist
 * reads them (percentages for rates, fixed decimals for effects).
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** x with d decimals, never "-0.000": a value that rounds to zero prints unsigned. */
export function fixed(x: number, d: number): string {
  const s = x.toFixed(d);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** A number with d decimals, or an en dash when missing. */
export function num(x: number | null | undefined, d = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : fixed(x, d);
}

/** A rate as a percentage, e.g. 0.8123 → "81.2%". */
export function pct(x: number | null | undefined, d = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${fixed(100 * x, d)}%`;
}

/** A count with thousands separators, e.g. 12345.6 → "12,346". */
export function count(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return Math.round(x).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A number in general, to `sig` significant digits, without trailing noise. */
export function short(x: number, sig = 4): string {
  if (!Number.isFinite(x)) return '–';
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-4)) return x.toExponential(2);
  return String(Number.parseFloat(x.toPrecision(sig)));
}

/** A key in words: "screenFailures" / "screen-failures" / "screen_failures" → "screen failures". */
export function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
}
