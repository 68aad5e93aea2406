/**
 * Turns zod's issues into trialsim's: each names the key path, what was
 * expected and what was found in the file.
 */
import type { z } from 'zod';
import { describeValue, type ScenarioIssue } from './errors.js';

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p as string];
  }
  return v;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number', int: 'a whole number', string: 'a string', boolean: 'true or false',
  object: 'a mapping', record: 'a mapping', array: 'a list', tuple: 'a list', literal: 'a fixed value',
};

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean; origin?: string }, small: boolean): string {
  const limit = String(small ? issue.minimum : issue.maximum);
  const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  if (issue.origin === 'array') return `a list with ${op} ${limit} items`;
  if (issue.origin === 'string') return `a string of length ${op} ${limit}`;
  return `a number ${op} ${limit}`;
}

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** "; did you mean "x"?" when one allowed value is within a third of the found text's length in edits (at least 1, at most 3). */
export function didYouMean(found: unknown, allowed: readonly unknown[]): string {
  if (typeof found !== 'string' || found.length === 0) return '';
  const limit = Math.min(3, Math.max(1, Math.floor(found.length / 3)));
  const scored = allowed.filter((v): v is string => typeof v === 'string')
    .map((v) => ({ v, d: editDistance(found.toLowerCase(), v.toLowerCase()) }))
    .filter((x) => x.v !== found && x.d <= limit)
    .sort((x, y) => x.d - y.d);
  return scored.length > 0 && (scored.length === 1 || scored[0].d < scored[1].d) ? `; did you mean ${JSON.stringify(scored[0].v)}?` : '';
}

/** A zod schema's definition as far as the key lookup below reads it (zod 4's `_zod.def`). */
interface Def { type: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown; options?: unknown[]; valueType?: unknown; element?: unknown }
const defOf = (schema: unknown): Def | null => (schema as { _zod?: { def?: Def } })?._zod?.def ?? null;

/**
 * The keys an object at `path` may have, walking the schema along the data
 * (through optional, default, pipe, record, array and union wrappers; for a
 * union, the options that accept the data's `type`, else all of them).
 */
export function allowedKeys(schema: unknown, data: unknown, path: readonly (string | number)[]): string[] {
  const def = defOf(schema);
  if (!def) return [];
  switch (def.type) {
    case 'optional': case 'default': case 'nullable': case 'readonly': case 'prefault': case 'catch':
      return allowedKeys(def.innerType, data, path);
    case 'pipe': return allowedKeys(def.in, data, path);
    case 'union': {
      const options = def.options ?? [];
      const kind = data && typeof data === 'object' ? (data as Record<string, unknown>).type : undefined;
      const matching = options.filter((o) => {
        const t = defOf(o)?.shape?.type;
        const values = (defOf(t) as { values?: unknown[] } | null)?.values;
        return kind === undefined || !values || values.includes(kind);
      });
      return [...new Set((matching.length > 0 ? matching : options).flatMap((o) => allowedKeys(o, data, path)))];
    }
    case 'object': {
      if (path.length === 0) return Object.keys(def.shape ?? {});
      const [head, ...rest] = path;
      const next = data && typeof data === 'object' ? (data as Record<string, unknown>)[head as string] : undefined;
      return allowedKeys(def.shape?.[head as string], next, rest);
    }
    case 'record': case 'array': {
      if (path.length === 0) return [];
      const [head, ...rest] = path;
      const next = data && typeof data === 'object' ? (data as Record<string, unknown>)[head as string] : undefined;
      return allowedKeys(def.type === 'record' ? def.valueType : def.element, next, rest);
    }
    default: return [];
  }
}

/**
 * Converts one zod issue (and its nested union issues) to trialsim issues;
 * `schema` (the one that raised it) lets unknown keys get a "did you mean";
 * `format` names what the data should be (the scenario format, or the summary format).
 */
export function fromZodIssue(issue: z.core.$ZodIssue, data: unknown, schema?: unknown, format = 'the scenario format'): ScenarioIssue[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[];
  const found = describeValue(valueAt(data, issue.path));
  switch (issue.code) {
    case 'invalid_type': {
      if (found === 'nothing') return [{ path, message: `required: expected ${TYPE_WORDS[issue.expected] ?? issue.expected}, found nothing` }];
      return [{ path, message: `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}, found ${found}` }];
    }
    case 'too_small':
      return [{ path, message: `expected ${bound(issue, true)}, found ${found}` }];
    case 'too_big':
      return [{ path, message: `expected ${bound(issue, false)}, found ${found}` }];
    case 'unrecognized_keys': {
      const allowed = schema ? allowedKeys(schema, data, path) : [];
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown key (not part of ${format} here${allowed.length > 0 ? `: expected one of ${allowed.join(', ')}` : '; check the spelling'})${didYouMean(key, allowed)}`,
      }));
    }
    case 'invalid_value':
      return [{ path, message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${found}${didYouMean(valueAt(data, issue.path), issue.values)}` }];
    case 'invalid_union': {
      const u = issue as { note?: string; options?: unknown[] };
      if (u.note === 'No matching discriminator' && u.options) {
        return [{ path, message: `expected one of ${u.options.map((o) => JSON.stringify(o)).join(', ')}, found ${found}${didYouMean(valueAt(data, issue.path), u.options)}` }];
      }
      // Report the branch that got furthest: the one with the fewest issues.
      const branches = issue.errors.filter((b) => b.length > 0).sort((a, b) => a.length - b.length);
      if (branches.length > 0) return branches[0].flatMap((i) => fromZodIssue({ ...i, path: [...issue.path, ...i.path] }, data, schema, format));
      return [{ path, message: `found ${found}, which matches none of the allowed forms` }];
    }
    case 'invalid_key':
      return [{ path, message: `invalid name: ${issue.issues.map((i) => i.message.replace(/^Invalid string: /, '')).join('; ')}` }];
    case 'invalid_format':
      return [{ path, message: `expected ${issue.format === 'regex' ? 'a name of letters, digits, "_" or "-", starting with a letter' : issue.format}, found ${found}` }];
    case 'not_multiple_of':
      return [{ path, message: `expected a multiple of ${String(issue.divisor)}, found ${found}` }];
    default:
      return [{ path, message: `${issue.message}, found ${found}` }];
  }
}
