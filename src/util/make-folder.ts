/**
 * Creates a folder and its missing parents one level at a time. Node's
 * `mkdirSync(path, { recursive: true })` loops for ever under /proc (each
 * attempt fails with ENOENT, and it tries the parent again), so a mistyped
 * `--out /proc/x` would hang a run beyond any signal; one level at a time,
 * the first failure is final and reported.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function makeFolder(path: string): void {
  const full = resolve(path);
  const missing: string[] = [];
  for (let at = full; ; at = dirname(at)) {
    try {
      if (statSync(at).isDirectory()) break;
    } catch {
      // not there yet: create it after its parent
    }
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const at of missing.reverse()) {
    try {
      mkdirSync(at);
    } catch (err) {
      // Another process may have made it meanwhile; anything else is final.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(at).isDirectory()) throw err;
    }
  }
}
