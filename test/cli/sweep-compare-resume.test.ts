/**
 * `trialsim sweep` and `trialsim compare` checkpoint each of their runs (a
 * grid point, a design) like `trialsim run`: stopped with Ctrl-C as their
 * first chunk is recorded, they exit 130 with the command that resumes, and
 * resumed with --resume (on another number of workers) they write the same
 * bytes (sweep.csv, sweep.json, report.html; compare.json, compare.md,
 * report.html) as an uninterrupted run, and leave no checkpoint behind. A
 * resume of a different sweep or comparison is refused naming what differs,
 * with exit 2 and the checkpoint left as it was.
 */
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { trialsim, tempDir, ROOT, CLI } from '../helpers/cli.js';

const TWO_ARM = join(ROOT, 'scenarios/flagship/two-arm-binary.yaml');
const CANCELLATION = join(ROOT, 'scenarios/flagship/cancellation.yaml');
const R = '1500';
const GRID = ['--vary', 'design.sampleSize=100,200,300'];

const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

/** The one results folder under `parent` whose name starts with `prefix`. */
function resultsFolder(parent: string, prefix: string): string {
  const found = readdirSync(parent).filter((d) => d.startsWith(prefix));
  expect(found).toHaveLength(1);
  return join(parent, found[0]);
}

/** Whether a run of the checkpoint set in `dir` has recorded a finished chunk. */
const recordedChunk = (dir: string) => existsSync(dir) && readdirSync(dir).some((d) => d.startsWith('run-') && existsSync(join(dir, d, 'chunks.jsonl')));

/** Starts the command, sends SIGINT as soon as the first chunk is recorded (no fixed sleep), and returns its exit code and stderr. */
async function interrupted(args: string[], checkpointSet: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  let done = false;
  void exited.then(() => { done = true; });
  // Poll every 10 ms (a busy loop would take a core from the child on a 2-core machine); the wait is for the event, not a fixed time.
  while (!done && !recordedChunk(checkpointSet)) await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGINT');
  return { code: await exited, stderr };
}

describe('trialsim sweep --resume', () => {
  const reference = tempDir();
  const ref = trialsim(['sweep', TWO_ARM, ...GRID, '--replicates', R, '--workers', '2', '--out', reference, '--quiet']);
  const scenarioDir = (out: string) => join(out, 'two-arm-binary-trial-with-a-predictive-biomarker');

  it('a sweep stopped by Ctrl-C resumes to the same sweep.csv, sweep.json and report.html, byte for byte', async () => {
    expect(ref.code).toBe(0);
    const out = tempDir();
    const set = join(scenarioDir(out), '.checkpoint-sweep');
    const stop = await interrupted(['sweep', TWO_ARM, ...GRID, '--replicates', R, '--workers', '1', '--chunk-size', '20', '--out', out], set);
    expect(stop.code).toBe(130);
    expect(stop.stderr).toMatch(/interrupted; \d of 3 grid points finished, \d+ replicates saved\. Resume with: trialsim sweep \S+ --vary design\.sampleSize=100,200,300 --replicates 1500 --out \S+ --resume/);
    expect(existsSync(join(set, 'set.json'))).toBe(true);
    expect(readdirSync(scenarioDir(out)).filter((d) => d.startsWith('sweep-'))).toEqual([]);
    const resumed = trialsim(['sweep', TWO_ARM, ...GRID, '--replicates', R, '--workers', '3', '--out', out, '--resume', '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const a = resultsFolder(scenarioDir(reference), 'sweep-'), b = resultsFolder(scenarioDir(out), 'sweep-');
    for (const f of ['sweep.csv', 'sweep.json', 'report.html']) expect(read(b, f)).toBe(read(a, f));
    expect(JSON.parse(read(b, 'run.json')).resumed).toBe(true);
    expect(existsSync(set)).toBe(false);
  });

  it('refuses to resume a different sweep, naming what differs, and leaves its checkpoint as it was', async () => {
    const out = tempDir();
    const set = join(scenarioDir(out), '.checkpoint-sweep');
    const stop = await interrupted(['sweep', TWO_ARM, ...GRID, '--replicates', R, '--workers', '1', '--chunk-size', '20', '--out', out, '--quiet'], set);
    expect(stop.code).toBe(130);
    const before = read(set, 'set.json');
    const values = trialsim(['sweep', TWO_ARM, '--vary', 'design.sampleSize=100,200,400', '--replicates', R, '--out', out, '--resume']);
    expect(values.code).toBe(2);
    expect(values.stderr).toMatch(/\.checkpoint-sweep: the checkpoint belongs to a different sweep: values of design\.sampleSize \[100,200,400\] here, \[100,200,300\] in the checkpoint\. .*run without --resume to start over/);
    const keys = trialsim(['sweep', TWO_ARM, '--vary', 'arms.drug.effect=0.1,0.2', '--replicates', R, '--seed', '7', '--out', out, '--resume']);
    expect(keys.code).toBe(2);
    expect(keys.stderr).toMatch(/seed 7 here, 2026 in the checkpoint; swept keys \["arms\.drug\.effect"\] here, \["design\.sampleSize"\] in the checkpoint/);
    expect(read(set, 'set.json')).toBe(before);
    expect(recordedChunk(set)).toBe(true);
    expect(readdirSync(scenarioDir(out)).filter((d) => !d.startsWith('.'))).toEqual([]);
  });
});

describe('trialsim compare --resume', () => {
  const files = [TWO_ARM, CANCELLATION];
  const reference = tempDir();
  const ref = trialsim(['compare', ...files, '--replicates', R, '--workers', '2', '--out', reference, '--quiet']);

  it('a comparison stopped by Ctrl-C resumes to the same compare.json, compare.md and report.html, byte for byte', async () => {
    expect(ref.code).toBe(0);
    const out = tempDir();
    const set = join(out, 'compare', '.checkpoint-compare');
    const stop = await interrupted(['compare', ...files, '--replicates', R, '--workers', '1', '--chunk-size', '20', '--out', out], set);
    expect(stop.code).toBe(130);
    expect(stop.stderr).toMatch(/interrupted; \d of 2 designs finished, \d+ replicates saved\. Resume with: trialsim compare \S+ \S+ --replicates 1500 --out \S+ --resume/);
    const resumed = trialsim(['compare', ...files, '--replicates', R, '--workers', '3', '--out', out, '--resume', '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const a = resultsFolder(join(reference, 'compare'), '2'), b = resultsFolder(join(out, 'compare'), '2');
    for (const f of ['compare.json', 'compare.md', 'report.html']) expect(read(b, f)).toBe(read(a, f));
    expect(existsSync(set)).toBe(false);
  });

  it('refuses to resume a comparison of other designs or replicates, naming what differs', async () => {
    const out = tempDir();
    const set = join(out, 'compare', '.checkpoint-compare');
    const stop = await interrupted(['compare', ...files, '--replicates', R, '--workers', '1', '--chunk-size', '20', '--out', out, '--quiet'], set);
    expect(stop.code).toBe(130);
    const other = trialsim(['compare', TWO_ARM, TWO_ARM, '--replicates', '1000', '--out', out, '--resume']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/the checkpoint belongs to a different comparison: scenario hash of design B [0-9a-f]{12} here, [0-9a-f]{12} in the checkpoint; replicates 1000 here, 1500 in the checkpoint/);
    expect(recordedChunk(set)).toBe(true);
  });
});
