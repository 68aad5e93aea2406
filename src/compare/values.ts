/**
 * The values a sweep takes for one scenario key, as written on the command
 * line: `design.sampleSize=100:600:50` (a range, both ends included),
 * `arms.drug.effect=0.2,0.4` (a list) or `design.analysis.primary.test=z-pooled,fisher`
 * (words). Ranges are built from an integer count of steps, not by repeated
 * addition, so 0:1:0.1 gives 0.1·k exactly as written (0.3, not 0.30000000000000004).
 */
import { UserError } from '../scenario/errors.js';

export type SweepValue = number | string | boolean;

export interface Variation {
  /** The key path as written, e.g. "arms.drug.effect". */
  key: string;
  values: SweepValue[];
}

/** Most grid points a single `--vary` may produce; a guard against a mistyped step. */
const MAX_VALUES = 10_000;

/** Rounds away the binary noise of k·step (e.g. 0.30000000000000004 → 0.3). */
export function tidyNumber(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

function parseNumber(text: string, what: string): number {
  const x = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(x)) throw new UserError(`${what}: expected a number, found "${text}"`);
  return x;
}

/** `from:to[:step]`, both ends included; step 1 when omitted. */
export function parseRange(text: string, what: string): number[] {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3) throw new UserError(`${what}: expected a range from:to or from:to:step, found "${text}"`);
  const [from, to] = [parseNumber(parts[0], what), parseNumber(parts[1], what)];
  const step = parts.length === 3 ? parseNumber(parts[2], what) : 1;
  if (!(step > 0)) throw new UserError(`${what}: expected a positive step, found ${step}`);
  if (to < from) throw new UserError(`${what}: expected the range's end (${to}) to be at least its start (${from})`);
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_VALUES) throw new UserError(`${what}: expected at most ${MAX_VALUES} values, found ${count} (is the step right?)`);
  return Array.from({ length: count }, (_, k) => tidyNumber(from + k * step));
}

function parseListItem(text: string): SweepValue {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  const x = Number(t);
  return t !== '' && Number.isFinite(x) ? x : t;
}

/** `from:to` as two numbers, from < to (the range a search covers). */
export function parseInterval(text: string, what: string): [number, number] {
  const parts = text.split(':');
  if (parts.length !== 2) throw new UserError(`${what}: expected from:to (e.g. 50:2000), found "${text}"`);
  const [from, to] = [parseNumber(parts[0], what), parseNumber(parts[1], what)];
  if (!(to > from)) throw new UserError(`${what}: expected the end (${to}) to exceed the start (${from})`);
  return [from, to];
}

/** The values of one `--vary KEY=VALUES` option. */
export function parseVariation(option: string): Variation {
  const eq = option.indexOf('=');
  if (eq <= 0) throw new UserError(`--vary: expected KEY=VALUES (e.g. design.sampleSize=100:600:50), found "${option}"`);
  const key = option.slice(0, eq).trim();
  const text = option.slice(eq + 1).trim();
  const what = `--vary ${key}`;
  if (text === '') throw new UserError(`${what}: expected values after "=", found none`);
  const values = /^[^,]*:[^,]*$/.test(text) && !/[a-df-z]/i.test(text)
    ? parseRange(text, what)
    : text.split(',').map(parseListItem);
  if (values.some((v) => v === '')) throw new UserError(`${what}: expected a comma-separated list without empty items, found "${text}"`);
  return { key, values };
}

/** Every `--vary` option, refusing a key given twice. */
export function parseVariations(options: readonly string[]): Variation[] {
  const out = options.map(parseVariation);
  const seen = new Set<string>();
  for (const v of out) {
    if (seen.has(v.key)) throw new UserError(`--vary: expected each key once, found "${v.key}" twice`);
    seen.add(v.key);
  }
  return out;
}
