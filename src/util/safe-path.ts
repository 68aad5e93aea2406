/**
 * Output paths built from parts that may come from untrusted input (a
 * scenario name, a shard's metadata): each part is reduced to safe
 * characters, and the result is checked to lie inside the output folder
 * after `path.resolve`, so no part can climb out with `..` or `/`.
 */
import { join, resolve, sep } from 'node:path';
import { UserError } from '../scenario/errors.js';

/** One path part: letters, digits, ".", "_" and "-" only, never "." or ".." alone. */
export function safePart(part: string): string {
  const clean = part.replace(/[^A-Za-z0-9._-]+/g, '-');
  return clean === '' || /^\.+$/.test(clean) ? '-' : clean;
}

/** Whether `path` is `folder` or lies inside it, once both are resolved. */
export function isInside(folder: string, path: string): boolean {
  const root = resolve(folder), target = resolve(path);
  return target === root || target.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** `folder/part/part...` with every part made safe (as written, relative if `folder` is), refused if it resolves outside `folder`. */
export function joinInside(folder: string, ...parts: string[]): string {
  const path = join(folder, ...parts.map(safePart));
  if (!isInside(folder, path)) throw new UserError(`refusing to write ${resolve(path)}: it lies outside the output folder ${resolve(folder)}`);
  return path;
}
