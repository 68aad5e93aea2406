/**
 * Scenario keys written as dotted paths, e.g. `design.sampleSize`,
 * `arms.drug.effect`, `population.biomarkers.mplus.prevalence`. A part that
 * is a whole number indexes a list; in a list of objects with an `id` a part
 * may also name the element by its id (`biomarkers.mplus`), which is how
 * trialists refer to biomarkers and substudies.
 */
import { UserError } from '../scenario/errors.js';
import { isPrototypeKey, prototypeKeyMessage } from '../scenario/safe-keys.js';

type Container = Record<string, unknown> | unknown[];

function isContainer(x: unknown): x is Container {
  return x !== null && typeof x === 'object';
}

function childKey(node: Container, part: string, key: string, at: string): string | number {
  if (!Array.isArray(node)) return part;
  if (/^\d+$/.test(part)) {
    const i = Number(part);
    if (i >= node.length) throw new UserError(`${key}: expected an index below ${node.length} at ${at}, found ${i}`);
    return i;
  }
  const i = node.findIndex((x) => isContainer(x) && !Array.isArray(x) && x.id === part);
  if (i < 0) {
    const ids = node.map((x) => (isContainer(x) && !Array.isArray(x) ? x.id : undefined)).filter((x) => x !== undefined);
    throw new UserError(`${key}: expected an index or id (${ids.join(', ') || 'none'}) at ${at}, found "${part}"`);
  }
  return i;
}

/** Splits a key path, refusing empty parts and prototype keys (before anything is read or assigned). */
export function splitKey(key: string): string[] {
  const parts = key.split('.');
  if (parts.some((p) => p === '')) throw new UserError(`"${key}": expected a dotted key path like design.sampleSize, found an empty part`);
  const hostile = parts.find(isPrototypeKey);
  if (hostile !== undefined) throw new UserError(`${key}: ${prototypeKeyMessage(hostile)}`);
  return parts;
}

/** The value at a key path, or undefined when the path does not exist. */
export function getPath(root: unknown, key: string): unknown {
  let node: unknown = root;
  for (const part of splitKey(key)) {
    if (!isContainer(node)) return undefined;
    const k = Array.isArray(node) ? (/^\d+$/.test(part) ? Number(part) : node.findIndex((x) => isContainer(x) && (x as Record<string, unknown>).id === part)) : part;
    if (typeof k === 'number' && k < 0) return undefined;
    node = (node as Record<string | number, unknown>)[k];
  }
  return node;
}

/**
 * Sets the value at a key path in place. Every section above the last part
 * must exist (a typo in a section name is an error here, not a silently new
 * key); the last part may be new, and the schema then judges it.
 */
export function setPath(root: Record<string, unknown>, key: string, value: unknown): void {
  const parts = splitKey(key);
  let node: Container = root;
  for (let j = 0; j < parts.length - 1; j++) {
    const at = parts.slice(0, j + 1).join('.');
    const next: unknown = (node as Record<string | number, unknown>)[childKey(node, parts[j], key, parts.slice(0, j).join('.') || 'the top level')];
    if (!isContainer(next)) {
      throw new UserError(`${key}: expected a section at ${at}, found ${next === undefined ? 'none' : JSON.stringify(next)}`);
    }
    node = next;
  }
  const last = parts[parts.length - 1];
  (node as Record<string | number, unknown>)[childKey(node, last, key, parts.slice(0, -1).join('.') || 'the top level')] = value;
}
