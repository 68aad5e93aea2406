/**
 * The key parameters of a scenario for the explorer's panel: every number
 * in the scenario named like a trialist's dial (sample size, effects and
 * interactions, prevalence, alpha, replicates, seed), with where its value
 * sits in the text, so that changing an input edits that value alone and
 * keeps the file's layout and comments.
 */
import { parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { numberAt, type SchemaNode } from './schema-walk.js';
import { formatPath } from '../scenario/errors.js';

export interface KeyParameter {
  path: (string | number)[];
  /** The key path as the command line names it (e.g. design.sampleSize). */
  key: string;
  value: number;
  /** Characters of the value in the text. */
  from: number;
  to: number;
  min?: number;
  max?: number;
  integer: boolean;
  description?: string;
}

const DIALS = new Set(['sampleSize', 'effect', 'prevalence', 'alpha', 'replicates', 'seed']);

function isDial(path: readonly (string | number)[]): boolean {
  const last = path[path.length - 1];
  return typeof last === 'string' && (DIALS.has(last) || path[path.length - 2] === 'interactions');
}

function walk(node: Node | null | undefined, path: (string | number)[], visit: (path: (string | number)[], node: Node) => void): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== undefined) walk(pair.value as Node, [...path, key], visit);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, k) => walk(item as Node, [...path, k], visit));
  } else if (node) {
    visit(path, node);
  }
}

export function keyParameters(text: string, schema: SchemaNode): KeyParameter[] {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return [];
  const data = doc.toJS() as unknown;
  const out: KeyParameter[] = [];
  walk(doc.contents as Node, [], (path, node) => {
    if (!isScalar(node) || typeof node.value !== 'number' || !node.range || !isDial(path)) return;
    const bounds = numberAt(schema, path, data);
    out.push({ path, key: formatPath(path), value: node.value, from: node.range[0], to: node.range[1], integer: bounds?.integer ?? Number.isInteger(node.value), ...bounds });
  });
  return out;
}
