import { it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { VERSION } from '../src/version.js';

it('VERSION (stamped on every result, in Node and in the explorer page) is package.json\'s version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(VERSION, 'bump src/version.ts with package.json').toBe(pkg.version);
});
