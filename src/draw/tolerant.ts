/**
 * Reading design-specific summary sections whose exact shape belongs to
 * another design's author: numbers may come bare or as { value | mean |
 * expected | estimate }, rows as a list or as a mapping keyed by name. A
 * section that cannot be read is skipped, never an error: the report must
 * open whatever a design puts in its summary.
 */
export type Json = Record<string, unknown>;

export function isObject(x: unknown): x is Json {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** A number, bare or wrapped as { value | mean | expected | estimate }. */
export function numberOf(x: unknown): number | undefined {
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (isObject(x)) {
    for (const k of ['value', 'mean', 'expected', 'estimate']) {
      const v = x[k];
      if (typeof v === 'number' && Number.isFinite(v)) return v;
    }
  }
  return undefined;
}

/** The first of several keys that holds a number. */
export function pickNumber(row: Json, keys: string[]): number | undefined {
  for (const k of keys) {
    const v = numberOf(row[k]);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The first of several keys that holds a string (or number, as text). */
export function pickName(row: Json, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = row[k];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

/**
 * Rows of a section given as a list of objects, a mapping name -> object
 * (the name becomes `nameKey`), or an object holding such a list under one
 * of `listKeys`.
 */
export function rowsOf(section: unknown, nameKey: string, listKeys: string[]): Json[] {
  if (Array.isArray(section)) return section.filter(isObject);
  if (!isObject(section)) return [];
  for (const k of listKeys) {
    const v = section[k];
    if (Array.isArray(v)) return v.filter(isObject);
  }
  const entries = Object.entries(section).filter(([, v]) => isObject(v));
  return entries.length > 0 && entries.length === Object.keys(section).length
    ? entries.map(([k, v]) => ({ [nameKey]: k, ...(v as Json) }))
    : [];
}

/** "screenFailures" / "screen-failures" / "screen_failures" → "screen failures". */
export function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
}
