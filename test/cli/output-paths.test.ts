/**
 * Output paths that cannot be written (an existing file named as --out, a
 * path through /dev/null) give one clear message naming the path and what
 * is in the way, exit 2, no stack trace; nothing is changed.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trialsim, tempDir, ROOT, type CliResult } from '../helpers/cli.js';

const FILE = join(ROOT, 'scenarios/flagship/two-arm-binary.yaml');

function expectRefusal(r: CliResult, message: RegExp): void {
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+/);
  expect(r.code).toBe(2);
}

describe('output paths that cannot be written', () => {
  it('run --out naming an existing file is refused, and the file is untouched', () => {
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'keep me\n');
    expectRefusal(trialsim(['run', FILE, '--replicates', '5', '--workers', '0', '--out', file]), new RegExp(`cannot write ${file}/.*: ${file} is a file, not a folder`));
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
  });

  it('export --out /dev/null/x.csv is refused naming /dev/null', () => {
    expectRefusal(trialsim(['export', FILE, '--replicate', '1', '--out', '/dev/null/x.csv']), /cannot write \/dev\/null\/x\.csv: \/dev\/null is a character device, not a folder/);
  });

  it('merge --out naming an existing file is refused', () => {
    const dir = tempDir();
    trialsim(['run', FILE, '--replicates', '10', '--shard', '1/1', '--out', join(dir, 'shards'), '--workers', '0', '--quiet']);
    const file = join(dir, 'taken');
    writeFileSync(file, '');
    expectRefusal(trialsim(['merge', join(dir, 'shards'), '--out', file]), new RegExp(`cannot write ${file}/.*: ${file} is a file, not a folder`));
  });
});

describe('an output folder the file system will not hold', () => {
  it('--out under /proc is refused at once with a message, not a loop that ignores signals', () => {
    const r = trialsim(['run', join(ROOT, 'scenarios/flagship/two-arm-binary.yaml'), '--replicates', '10', '--out', '/proc/trialsim-x', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write \/proc\/trialsim-x.*: this file system does not allow a folder to be made there/);
  });
});
