/**
 * Keys that reach an object's prototype. A scenario never needs them, and
 * assigning through them (`data.__proto__.x = 1`) would change every object
 * in the process, so they are refused wherever a key comes from the user:
 * scenario files and `--vary` / `--solve` key paths.
 */

const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isPrototypeKey(key: string | number): boolean {
  return typeof key === 'string' && PROTOTYPE_KEYS.has(key);
}

export function prototypeKeyMessage(key: string): string {
  return `"${key}" is not allowed as a key (it names JavaScript's object prototype, not a scenario setting)`;
}

interface Visit { value: unknown; key: string | number; parent: Visit | undefined }

function pathOf(v: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Visit | undefined = v; at?.parent; at = at.parent) path.unshift(at.key);
  return path;
}

/**
 * Key paths of every prototype key in parsed data. Iterative, so that data
 * nested thousands deep cannot overflow the stack.
 */
export function prototypeKeyPaths(data: unknown): (string | number)[][] {
  const found: (string | number)[][] = [];
  const stack: Visit[] = [{ value: data, key: '', parent: undefined }];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (v.value === null || typeof v.value !== 'object') continue;
    for (const key of Object.keys(v.value)) {
      const child: Visit = { value: (v.value as Record<string, unknown>)[key], key: Array.isArray(v.value) ? Number(key) : key, parent: v };
      if (isPrototypeKey(child.key)) found.push(pathOf(child));
      else stack.push(child);
    }
  }
  return found;
}
