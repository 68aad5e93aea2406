/**
 * Scenario files that are not what they seem: YAML alias bombs and aliases
 * to nothing, devices, FIFOs and huge files. Each is refused at once with a
 * message naming the file (and the line), exit 2, no stack trace; nothing
 * blocks, and nothing is read past the size limit.
 */
import { describe, it, expect, onTestFinished } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { symlinkSync, writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { trialsim, tempDir, scenarioFile, ROOT, CLI, type CliResult } from '../helpers/cli.js';

const NO_STACK = /\n\s+at .*:\d+:\d+/;

function expectRefusal(r: CliResult, ...messages: RegExp[]): void {
  expect(r.code).toBe(2);
  for (const m of messages) expect(r.stderr).toMatch(m);
  expect(r.stderr).not.toMatch(NO_STACK);
  expect(r.stderr).not.toMatch(/internal error/);
}

/** Runs the command without blocking the test process, resolving when it exits. */
function trialsimAsync(args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
  onTestFinished(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

const billionLaughs = [
  'a0: &a0 "lol"',
  ...Array.from({ length: 9 }, (_, k) => `a${k + 1}: &a${k + 1} [${Array(9).fill(`*a${k}`).join(', ')}]`),
  'name: bomb',
].join('\n');

describe('hostile scenario files', () => {
  it('a YAML alias bomb is refused with its line, not expanded', () => {
    const file = scenarioFile(billionLaughs);
    expectRefusal(trialsim(['validate', file]), new RegExp(`${file}: invalid scenario`), /line 3: malformed YAML: .*aliases/);
  });

  it('an alias to an anchor that does not exist is refused with its line', () => {
    const file = scenarioFile('name: undefined alias\nseed: *nope\n');
    expectRefusal(trialsim(['validate', file]), /line 2: malformed YAML: alias \*nope refers to no anchor &nope defined before it/);
  });

  it('/dev/zero named as a scenario is refused as not a regular file', () => {
    const link = join(tempDir(), 'zero.yaml');
    symlinkSync('/dev/zero', link);
    expectRefusal(trialsim(['validate', link]), new RegExp(`${link}: cannot read the scenario file: it is a character device, not a regular file`));
  });

  it('a FIFO named as a scenario is refused at once, without waiting for a writer', async () => {
    const fifo = join(tempDir(), 'pipe.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expectRefusal(await trialsimAsync(['validate', fifo]), /pipe\.yaml: cannot read the scenario file: it is a FIFO \(named pipe\), not a regular file/);
  }, 30_000);

  it('a scenario file above 10 MB is refused with its size and the limit', () => {
    const file = join(tempDir(), 'huge.yaml');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 11 * 1024 * 1024);
    closeSync(fd);
    expectRefusal(trialsim(['validate', file]), /huge\.yaml: cannot read the scenario file: it is 11\.0 MB, above the 10 MB limit for a scenario file/);
  });

  it('a folder named like a scenario is refused as a folder', () => {
    const dir = join(tempDir(), 'folder.yaml');
    spawnSync('mkdir', [dir]);
    expectRefusal(trialsim(['validate', dir]), /folder\.yaml: cannot read the scenario file: it is a folder/);
  });

  it('a small regular scenario file still loads', () => {
    const file = scenarioFile('name: fine\n');
    writeFileSync(file, 'name: fine\npopulation: { biomarkers: [] }\nendpoint: { type: binary, intercept: 0 }\narms: { control: {}, drug: { effect: 0.3 } }\ndesign: { type: two-arm, sampleSize: 100, analysis: { primary: { test: z-pooled } } }\n');
    expect(trialsim(['validate', file]).code).toBe(0);
  });
});
