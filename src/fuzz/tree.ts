/**
 * Paths into parsed scenario data, and edits at a path that create own
 * properties only (a key named `__proto__` becomes a key, never a prototype).
 */

export type Path = (string | number)[];

export interface Node {
  path: Path;
  value: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every node under the root (not the root itself), breadth first, at most `limit` of them. */
export function nodesOf(data: unknown, limit = 5000): Node[] {
  const out: Node[] = [];
  const queue: Node[] = [{ path: [], value: data }];
  for (let i = 0; i < queue.length && out.length < limit; i++) {
    const { path, value } = queue[i];
    if (value === null || typeof value !== 'object') continue;
    for (const key of Object.keys(value)) {
      const child = { path: [...path, Array.isArray(value) ? Number(key) : key], value: (value as Record<string, unknown>)[key] };
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

export function getAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.prototype.hasOwnProperty.call(v, p) ? (v as Record<string | number, unknown>)[p] : undefined;
  }
  return v;
}

/** Sets an own property (creating it when missing); the root itself cannot be set here. */
export function setAt(data: unknown, path: Path, value: unknown): void {
  const parent = getAt(data, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return;
  Object.defineProperty(parent, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

export function deleteAt(data: unknown, path: Path): void {
  const parent = getAt(data, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return;
  if (Array.isArray(parent) && typeof path[path.length - 1] === 'number') parent.splice(path[path.length - 1] as number, 1);
  else delete (parent as Record<string, unknown>)[path[path.length - 1]];
}

/** Renames a key of a mapping in place, keeping the order of the keys. */
export function renameKey(obj: Record<string, unknown>, from: string, to: string): void {
  const entries = Object.entries(obj).map(([k, v]) => [k === from ? to : k, v] as const);
  for (const k of Object.keys(obj)) delete obj[k];
  for (const [k, v] of entries) Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
}

export function formatFuzzPath(path: Path): string {
  return path.length === 0 ? '(root)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${JSON.stringify(p).slice(1, -1)}`)).join('').replace(/^\./, '');
}
