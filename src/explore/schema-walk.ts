/**
 * Reading the scenario JSON Schema (`trialsim schema`) at a key path: the
 * explorer's completion lists the keys a mapping may hold and the values a
 * key may take, and its parameter panel gives each input the bounds and
 * description the schema states. Unions (the designs, endpoint types) are
 * narrowed by the `type` the scenario already names where it names one.
 */

export interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The literal values a node allows for `type` (a union member's discriminator). */
function typeLiterals(node: SchemaNode): unknown[] | undefined {
  const t = node.properties?.type;
  if (!t) return undefined;
  if (t.const !== undefined) return [t.const];
  return t.enum;
}

/** A node's alternatives, flattened; narrowed to those whose `type` matches the data's, when the data names one. */
export function branches(node: SchemaNode, data?: unknown): SchemaNode[] {
  const alternatives = node.anyOf ?? node.oneOf ?? node.allOf;
  if (!alternatives) return [node];
  const all = alternatives.flatMap((b) => branches(b, data));
  const named = isObject(data) ? data.type : undefined;
  if (named === undefined) return all;
  const matching = all.filter((b) => typeLiterals(b)?.includes(named));
  return matching.length > 0 ? matching : all.filter((b) => typeLiterals(b) === undefined);
}

function child(node: SchemaNode, key: string | number): SchemaNode | undefined {
  if (typeof key === 'number') return node.items;
  if (node.properties?.[key]) return node.properties[key];
  return typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
}

/** The schema nodes that may describe the value at `path` (data: the scenario as parsed so far, for narrowing). */
function schemaAt(root: SchemaNode, path: readonly (string | number)[], data?: unknown): SchemaNode[] {
  let nodes = branches(root, data);
  let here: unknown = data;
  for (const key of path) {
    here = isObject(here) || Array.isArray(here) ? (here as Record<string | number, unknown>)[key] : undefined;
    nodes = nodes.flatMap((n) => {
      const c = child(n, key);
      return c ? branches(c, here) : [];
    });
  }
  return nodes;
}

export interface KeyOption { key: string; description?: string; type?: string }

/** The keys a mapping at `path` may hold, each once, with its description. */
export function keysAt(root: SchemaNode, path: readonly (string | number)[], data?: unknown): KeyOption[] {
  const seen = new Map<string, KeyOption>();
  for (const node of schemaAt(root, path, data)) {
    for (const [key, s] of Object.entries(node.properties ?? {})) {
      if (key === '$schema' || seen.has(key)) continue;
      const first = branches(s)[0];
      seen.set(key, { key, description: s.description ?? first.description, type: [first.type ?? (first.enum ? 'enum' : undefined)].flat().join(' | ') || undefined });
    }
  }
  return [...seen.values()];
}

/** The values a key at `path` may take when the schema lists them (enums, literals, booleans). */
export function valuesAt(root: SchemaNode, path: readonly (string | number)[], data?: unknown): unknown[] {
  const out = new Set<unknown>();
  for (const node of schemaAt(root, path, data)) {
    for (const b of branches(node)) {
      for (const v of b.enum ?? []) out.add(v);
      if (b.const !== undefined) out.add(b.const);
      if (b.type === 'boolean') { out.add(true); out.add(false); }
    }
  }
  return [...out];
}

/** The numeric bounds and description of a number at `path`, for an input. */
export function numberAt(root: SchemaNode, path: readonly (string | number)[], data?: unknown): { min?: number; max?: number; integer: boolean; description?: string } | undefined {
  const nodes = schemaAt(root, path, data).flatMap((n) => branches(n)).filter((n) => n.type === 'number' || n.type === 'integer');
  if (nodes.length === 0) return undefined;
  const n = nodes[0];
  const description = schemaAt(root, path, data).map((x) => x.description).find((d) => d) ?? n.description;
  return { min: n.minimum ?? n.exclusiveMinimum, max: n.maximum ?? n.exclusiveMaximum, integer: n.type === 'integer', description };
}
