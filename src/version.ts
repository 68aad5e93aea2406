/**
 * The trialsim version, stamped on every result: read from the package's
 * own package.json, found by walking up from this module (which sits at a
 * different depth in the compiled tree and in the CLI bundle).
 */
import { readFileSync, existsSync } from 'node:fs';

function packageVersion(): string {
  for (let up = new URL('.', import.meta.url), k = 0; k < 5; up = new URL('..', up), k++) {
    const candidate = new URL('package.json', up);
    if (!existsSync(candidate)) continue;
    const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version: string };
    if (pkg.name === 'trialsim') return pkg.version;
  }
  throw new Error('trialsim: cannot find its package.json');
}

export const VERSION: string = packageVersion();
