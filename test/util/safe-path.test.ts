/**
 * Output folders are built from sanitised parts and checked to lie inside
 * the output folder after resolution, whatever a scenario or shard names.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { joinInside, isInside, safePart } from '../../src/util/safe-path.js';
import { RunFolder } from '../../src/run/run-folder.js';
import { tempDir } from '../helpers/cli.js';

describe('paths inside the output folder', () => {
  it('parts lose separators and never stay "." or ".."', () => {
    expect(safePart('../../etc')).toBe('..-..-etc');
    expect(safePart('..')).toBe('-');
    expect(safePart('a/b\\c\nd')).toBe('a-b-c-d');
    expect(safePart('20260101-120000-seed7')).toBe('20260101-120000-seed7');
  });

  it('joinInside keeps hostile parts inside the folder and the path as written', () => {
    expect(joinInside('results', 'x', '..')).toBe(join('results', 'x', '-'));
    expect(isInside('results', joinInside('results', '/../../../tmp/evil'))).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
  });

  it('a run folder whose id tries to climb out of --out is created inside it', () => {
    const base = tempDir();
    const out = join(base, 'out');
    mkdirSync(out);
    const folder = new RunFolder(out, 'scenario', '../../escaped');
    const path = folder.commit();
    expect(isInside(out, path)).toBe(true);
    expect(existsSync(join(base, 'escaped'))).toBe(false);
    expect(readdirSync(base)).toEqual(['out']);
    expect(resolve(path).startsWith(resolve(out))).toBe(true);
  });
});
