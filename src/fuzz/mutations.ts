/**
 * One mutation of parsed scenario data: it picks a place by its own rule,
 * changes the data in place and says what it did (or returns undefined when
 * the data has no place it applies to).
 */
import type { RandomSource } from '../random/stream.js';
import { nodesOf, getAt, setAt, deleteAt, renameKey, isRecord, formatFuzzPath, type Node, type Path } from './tree.js';
import { pick, below, isRaw, rawMarker, typo, EXTREME_NUMBERS, YAML_NUMBER_TOKENS, HOSTILE_STRINGS, UNKNOWN_KEYS } from './values.js';

export interface MutationContext {
  rng: RandomSource;
  /** The scenario data being mutated (a mapping; mutations never replace it). */
  data: Record<string, unknown>;
  format: 'yaml' | 'json';
  /** Texts written into the file in place of their markers (see `rawMarker`). */
  raw: string[];
}

/** Puts raw text at a path: the data holds its marker. */
function setRaw(ctx: MutationContext, path: Path, text: string): void {
  ctx.raw.push(text);
  setAt(ctx.data, path, rawMarker(ctx.raw.length - 1));
}

export interface Mutation {
  kind: string;
  /** Relative frequency among the kinds. */
  weight: number;
  apply(ctx: MutationContext): string | undefined;
}

/** A short rendering of a value for a mutation's description. */
export function brief(value: unknown): string {
  if (isRaw(value)) return value.raw.length > 30 ? `${value.raw.slice(0, 20)}... (${value.raw.length} chars)` : value.raw;
  if (typeof value === 'string') {
    return value.length > 30 ? `${JSON.stringify(value.slice(0, 20))}... (${value.length} chars)` : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (isRecord(value)) return `a mapping of ${Object.keys(value).length}`;
  return Object.is(value, -0) ? '-0' : String(value);
}

function pickNode(ctx: MutationContext, filter: (n: Node) => boolean = () => true, preferred?: (n: Node) => boolean): Node | undefined {
  const nodes = nodesOf(ctx.data).filter(filter);
  const better = preferred ? nodes.filter(preferred) : [];
  const from = better.length > 0 && ctx.rng() < 0.8 ? better : nodes;
  return from.length > 0 ? pick(ctx.rng, from) : undefined;
}

/** A mapping in the data (the top level included), with its path. */
function pickMapping(ctx: MutationContext): Node {
  const node = pickNode(ctx, (n) => isRecord(n.value));
  return node && ctx.rng() < 0.85 ? node : { path: [], value: ctx.data };
}

const where = (path: Path) => formatFuzzPath(path);

const TYPE_SAMPLES: readonly unknown[] = ['abc', '', 7, 0, -3.5, true, false, null, [], [1, 2], ['a'], {}, { a: 1 }];

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

const wrongType: Mutation = {
  kind: 'wrong-type', weight: 3,
  apply(ctx) {
    const node = pickNode(ctx);
    if (!node) return undefined;
    const choices = TYPE_SAMPLES.filter((s) => kindOf(s) !== kindOf(node.value));
    const value = structuredClone(pick(ctx.rng, choices));
    setAt(ctx.data, node.path, value);
    return `wrong type at ${where(node.path)}: ${brief(node.value)} -> ${brief(value)}`;
  },
};

const extremeNumber: Mutation = {
  kind: 'extreme-number', weight: 3,
  apply(ctx) {
    const node = pickNode(ctx, () => true, (n) => typeof n.value === 'number');
    if (!node) return undefined;
    const pool = ctx.format === 'yaml' ? [...EXTREME_NUMBERS, ...YAML_NUMBER_TOKENS] : EXTREME_NUMBERS;
    const value = pick(ctx.rng, pool);
    if (isRaw(value)) setRaw(ctx, node.path, value.raw);
    else setAt(ctx.data, node.path, value);
    return `extreme number at ${where(node.path)}: ${brief(node.value)} -> ${brief(value)}`;
  },
};

/** Values a checked field may well accept, at its edges: zero, one, a tenfold change, a whole number where a fraction was. */
function nearby(rng: RandomSource, x: number): number {
  return pick(rng, [0, 1, -x, x * 2, x / 2, x * 10, x / 10, x * 1000, x / 1000, Math.round(x) + 1, Math.max(0, Math.round(x) - 1), x + 1e-9, 1e-9, 1 - 1e-9, 0.999, 0.001]);
}

const edgeNumber: Mutation = {
  kind: 'edge-number', weight: 4,
  apply(ctx) {
    const node = pickNode(ctx, (n) => typeof n.value === 'number');
    if (!node) return undefined;
    const value = nearby(ctx.rng, node.value as number);
    setAt(ctx.data, node.path, value);
    return `edge number at ${where(node.path)}: ${brief(node.value)} -> ${brief(value)}`;
  },
};

const unknownKey: Mutation = {
  kind: 'unknown-key', weight: 2,
  apply(ctx) {
    const { path, value } = pickMapping(ctx);
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    const key = keys.length > 0 && ctx.rng() < 0.5 ? typo(ctx.rng, pick(ctx.rng, keys)) : pick(ctx.rng, UNKNOWN_KEYS);
    const copy = keys.length > 0 ? structuredClone(obj[pick(ctx.rng, keys)]) : 1;
    setAt(ctx.data, [...path, key], copy);
    return `unknown key at ${where([...path, key])} = ${brief(copy)}`;
  },
};

const misspeltKey: Mutation = {
  kind: 'misspelt-key', weight: 2,
  apply(ctx) {
    const node = pickNode(ctx, (n) => typeof n.path[n.path.length - 1] === 'string');
    if (!node) return undefined;
    const key = node.path[node.path.length - 1] as string;
    const to = typo(ctx.rng, key);
    const parent = getAt(ctx.data, node.path.slice(0, -1)) as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(parent, to)) return undefined;
    renameKey(parent, key, to);
    return `misspelt key ${where(node.path)} -> ${JSON.stringify(to)}`;
  },
};

const hostileKey: Mutation = {
  kind: 'hostile-key', weight: 1,
  apply(ctx) {
    const node = pickNode(ctx, (n) => typeof n.path[n.path.length - 1] === 'string');
    if (!node) return undefined;
    const to = pick(ctx.rng, HOSTILE_STRINGS);
    const parent = getAt(ctx.data, node.path.slice(0, -1)) as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(parent, to)) return undefined;
    renameKey(parent, node.path[node.path.length - 1] as string, to);
    return `key ${where(node.path)} renamed to ${brief(to)}`;
  },
};

const duplicateEntry: Mutation = {
  kind: 'duplicate-entry', weight: 2,
  apply(ctx) {
    const node = pickNode(ctx, (n) => Array.isArray(n.value) && n.value.length > 0);
    if (!node) return undefined;
    const list = node.value as unknown[];
    const k = below(ctx.rng, list.length);
    const times = ctx.rng() < 0.8 ? 1 : 1 + below(ctx.rng, 20);
    for (let t = 0; t < times; t++) list.splice(below(ctx.rng, list.length + 1), 0, structuredClone(list[k]));
    return `entry ${where([...node.path, k])} listed ${times + 1} times`;
  },
};

const removeKey: Mutation = {
  kind: 'remove', weight: 2,
  apply(ctx) {
    const node = pickNode(ctx);
    if (!node) return undefined;
    deleteAt(ctx.data, node.path);
    return `removed ${where(node.path)} (was ${brief(node.value)})`;
  },
};

const hostileString: Mutation = {
  kind: 'hostile-string', weight: 3,
  apply(ctx) {
    const node = pickNode(ctx, () => true, (n) => typeof n.value === 'string');
    if (!node) return undefined;
    const value = pick(ctx.rng, HOSTILE_STRINGS);
    setAt(ctx.data, node.path, value);
    return `hostile string at ${where(node.path)}: ${brief(node.value)} -> ${brief(value)}`;
  },
};

/** Depths of deep nesting: past the rule parser's bound, and far past any stack. */
const DEPTHS = [65, 1000, 10_000] as const;

function deepRule(rng: RandomSource, leaf: string, n: number): { rule: string; shape: string } {
  const shapes: [string, () => string][] = [
    ['parentheses', () => `${'('.repeat(n)}${leaf}${')'.repeat(n)}`],
    ['not', () => `${'not '.repeat(n)}${leaf}`],
    ['and-chain', () => Array(n).fill(leaf).join(' and ')],
    ['or-chain', () => Array(n).fill(leaf).join(' or ')],
    ['not-parentheses', () => `${'not ('.repeat(n)}${leaf}${')'.repeat(n)}`],
  ];
  const [shape, build] = pick(rng, shapes);
  return { rule: build(), shape };
}

const deepNesting: Mutation = {
  kind: 'deep-nesting', weight: 1,
  apply(ctx) {
    const node = pickNode(ctx, () => true, (n) => n.path[n.path.length - 1] === 'eligibility' && typeof n.value === 'string');
    if (!node) return undefined;
    const n = pick(ctx.rng, DEPTHS);
    if (typeof node.value === 'string' && ctx.rng() < 0.7) {
      const { rule, shape } = deepRule(ctx.rng, node.value.length < 40 ? node.value : 'alk', n);
      setAt(ctx.data, node.path, rule);
      return `rule at ${where(node.path)} nested ${n} deep (${shape})`;
    }
    const asList = ctx.rng() < 0.5;
    const key = String(node.path[node.path.length - 1]);
    const leaf = JSON.stringify(node.value) ?? 'null';
    const name = /^[A-Za-z]\w*$/.test(key) ? key : 'x';
    setRaw(ctx, node.path, asList ? `${'['.repeat(n)}${leaf}${']'.repeat(n)}` : `${`{"${name}": `.repeat(n)}${leaf}${'}'.repeat(n)}`);
    return `${where(node.path)} wrapped in ${n} nested ${asList ? 'lists' : 'mappings'}`;
  },
};

/** A copy of `entry` made distinct as the k-th: ids and names get the suffix k. */
function numbered(entry: unknown, k: number): unknown {
  const copy = structuredClone(entry);
  if (typeof copy === 'string' && /^[A-Za-z][A-Za-z0-9_-]*$/.test(copy)) return `${copy}${k}`;
  if (isRecord(copy) && typeof copy.id === 'string') copy.id = `${copy.id}${k}`;
  return copy;
}

const longList: Mutation = {
  kind: 'long-list', weight: 1,
  apply(ctx) {
    const node = pickNode(ctx, (n) => (Array.isArray(n.value) && n.value.length > 0) || (isRecord(n.value) && Object.keys(n.value).length > 0),
      (n) => Array.isArray(n.value));
    if (!node) return undefined;
    const n = pick(ctx.rng, [1000, 10_000]);
    const distinct = ctx.rng() < 0.7;
    if (Array.isArray(node.value)) {
      const list = node.value;
      const base = list.length;
      for (let k = base; k < n; k++) list.push(distinct ? numbered(list[k % base], k) : structuredClone(list[k % base]));
      return `list ${where(node.path)} grown from ${base} to ${n} entries${distinct ? ' (ids numbered)' : ' (copies)'}`;
    }
    const obj = node.value as Record<string, unknown>;
    const keys = Object.keys(obj);
    for (let k = keys.length; k < n; k++) setAt(ctx.data, [...node.path, `${keys[k % keys.length]}${k}`], structuredClone(obj[keys[k % keys.length]]));
    return `mapping ${where(node.path)} grown from ${keys.length} to ${n} keys`;
  },
};

export const MUTATIONS: readonly Mutation[] = [
  wrongType, extremeNumber, edgeNumber, unknownKey, misspeltKey, hostileKey, duplicateEntry, removeKey, hostileString, deepNesting, longList,
];

export function pickMutation(rng: RandomSource): Mutation {
  const total = MUTATIONS.reduce((s, m) => s + m.weight, 0);
  let r = rng() * total;
  for (const m of MUTATIONS) if ((r -= m.weight) < 0) return m;
  return MUTATIONS[MUTATIONS.length - 1];
}
