/**
 * Scale out and survive: shards run in any order and with any worker count
 * merge to the byte-identical summary and rows (replicates.csv and the tests
 * in hypotheses.csv) of one run; a run killed with SIGKILL or stopped with
 * Ctrl-C resumes to the byte-identical summary and rows; a worker that
 * crashes or runs out of memory ends the run naming the replicates, and the
 * run stays resumable; absurd workloads are refused before they start.
 */
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trialsim, tempDir, ROOT, CLI } from '../helpers/cli.js';

const FILE = join(ROOT, 'scenarios/flagship/cancellation.yaml');
const R = '1200';

function runFolder(out: string): string {
  const scen = join(out, readdirSync(out).find((d) => !d.endsWith('.json'))!);
  const runs = readdirSync(scen).filter((d) => !d.startsWith('.') && !d.startsWith('shards'));
  expect(runs).toHaveLength(1);
  return join(scen, runs[0]);
}
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
const scenarioFileAt = (dir: string, text: string) => { const f = join(dir, 'scenario.yaml'); writeFileSync(f, text); return f; };

describe('shards, resume and faults', () => {
  const reference = tempDir();
  const ref = trialsim(['run', FILE, '--replicates', R, '--out', reference, '--quiet', '--workers', '2']);
  const refDir = runFolder(reference);

  it('shards run out of order with different workers and chunk sizes merge to the identical summary and rows', () => {
    expect(ref.code).toBe(0);
    const shards = tempDir();
    for (const [shard, workers, chunk] of [['3/3', '2', '17'], ['1/3', '1', '100'], ['2/3', '0', '400']]) {
      const r = trialsim(['run', FILE, '--replicates', R, '--shard', shard, '--out', shards, '--workers', workers, '--chunk-size', chunk, '--quiet']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const merged = tempDir();
    const m = trialsim(['merge', shards, '--out', merged, '--quiet']);
    expect(m.stderr).toBe('');
    const dir = runFolder(merged);
    expect(read(dir, 'summary.json')).toBe(read(refDir, 'summary.json'));
    expect(read(dir, 'replicates.csv')).toBe(read(refDir, 'replicates.csv'));
    expect(read(dir, 'hypotheses.csv')).toBe(read(refDir, 'hypotheses.csv'));
  });

  it('merge refuses gaps, overlaps and shards of different runs', () => {
    const shards = tempDir();
    trialsim(['run', FILE, '--replicates', '300', '--shard', '1/3', '--out', shards, '--quiet', '--workers', '0']);
    trialsim(['run', FILE, '--replicates', '300', '--shard', '3/3', '--out', shards, '--quiet', '--workers', '0']);
    const gap = trialsim(['merge', shards, '--out', tempDir()]);
    expect(gap.code).toBe(2);
    expect(gap.stderr).toMatch(/replicates 101-200 are missing/);
    const other = tempDir();
    trialsim(['run', FILE, '--replicates', '300', '--shard', '2/3', '--seed', '9', '--out', other, '--quiet', '--workers', '0']);
    const seed = trialsim(['merge', shards, join(other, 'shard-0002-of-0003.json'), '--out', tempDir()]);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toMatch(/belongs to a different run .*seed 9 vs 2026/);
    const overlap = tempDir();
    trialsim(['run', FILE, '--replicates', '300', '--shard', '1/2', '--out', overlap, '--quiet', '--workers', '0']);
    const o = trialsim(['merge', shards, join(overlap, 'shard-0001-of-0002.json'), '--out', tempDir()]);
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/appear twice/);
  });

  it('a run killed with SIGKILL part-way resumes to the byte-identical summary and rows', async () => {
    const out = tempDir();
    const args = [CLI, 'run', FILE, '--replicates', R, '--out', out, '--workers', '1', '--chunk-size', '20', '--quiet'];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    const scen = join(out, 'predictive-biomarker-that-cancels-on-average');
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const cp = existsSync(scen) ? readdirSync(scen).find((d) => d.startsWith('.checkpoint')) : undefined;
        const lines = cp && existsSync(join(scen, cp, 'chunks.jsonl')) ? readFileSync(join(scen, cp, 'chunks.jsonl'), 'utf8').split('\n').length - 1 : 0;
        if (lines >= 5) { clearInterval(poll); child.kill('SIGKILL'); resolve(); }
        else if (Date.now() - started > 60_000) { clearInterval(poll); child.kill('SIGKILL'); reject(new Error('run never checkpointed')); }
      }, 20);
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const cp = readdirSync(scen).find((d) => d.startsWith('.checkpoint'))!;
    const recorded = readFileSync(join(scen, cp, 'chunks.jsonl'), 'utf8').split('\n').length - 1;
    expect(recorded).toBeLessThan(60); // killed part-way (60 chunks in all)
    const resumed = trialsim(['run', FILE, '--replicates', R, '--out', out, '--workers', '2', '--resume', '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const dir = runFolder(out);
    expect(read(dir, 'summary.json')).toBe(read(refDir, 'summary.json'));
    expect(read(dir, 'replicates.csv')).toBe(read(refDir, 'replicates.csv'));
    expect(read(dir, 'hypotheses.csv')).toBe(read(refDir, 'hypotheses.csv'));
    expect(JSON.parse(read(dir, 'run.json')).resumed).toBe(true);
    expect(readdirSync(scen).some((d) => d.startsWith('.checkpoint'))).toBe(false);
  });

  it('Ctrl-C stops cleanly with a hint how to resume', async () => {
    const out = tempDir();
    const child = spawn(process.execPath, [CLI, 'run', FILE, '--replicates', '100000', '--out', out, '--workers', '2', '--chunk-size', '50', '--no-csv'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Wait for the first finished chunk in the checkpoint, not for a fixed time.
    const finishedChunk = () => readdirSync(out).some((scen) => existsSync(join(out, scen)) && readdirSync(join(out, scen)).some((d) => d.startsWith('.checkpoint') && existsSync(join(out, scen, d, 'chunks.jsonl'))));
    while (!finishedChunk()) await new Promise((r) => setImmediate(r));
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted; \d+ of 100000 replicates saved\. Resume with: trialsim run .* --resume --replicates 100000/);
  });

  it.each(['throw', 'exit', 'oom'])('a worker fault (%s) ends the run naming the replicates, and the run resumes', (kind) => {
    const out = tempDir();
    const r = trialsim(['run', FILE, '--replicates', R, '--out', out, '--workers', '2', '--chunk-size', '100', '--quiet', '--worker-memory', '64'], { fault: `${kind}@650` });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/replicates 601-700 failed/);
    expect(r.stderr).toMatch(/resume with: trialsim run/);
    const resumed = trialsim(['run', FILE, '--replicates', R, '--out', out, '--workers', '2', '--resume', '--quiet']);
    expect(resumed.code).toBe(0);
    expect(read(runFolder(out), 'summary.json')).toBe(read(refDir, 'summary.json'));
  });

  it('runs again, rather than merging, a checkpointed chunk whose state was edited to a sketch key no double has', () => {
    const out = tempDir();
    const r = trialsim(['run', FILE, '--replicates', R, '--out', out, '--workers', '2', '--chunk-size', '100', '--quiet'], { fault: 'throw@650' });
    expect(r.code).toBe(1);
    const scen = join(out, readdirSync(out)[0]);
    const lines = join(scen, readdirSync(scen).find((d) => d.startsWith('.checkpoint'))!, 'chunks.jsonl');
    const edited = readFileSync(lines, 'utf8').split('\n').map((line, k) => {
      if (k !== 0 || !line) return line;
      const c = JSON.parse(line);
      c.state.estimates[0].distribution = { zero: 0, positive: [[1e12, 1]], negative: [] };
      return JSON.stringify(c);
    });
    writeFileSync(lines, edited.join('\n'));
    const resumed = trialsim(['run', FILE, '--replicates', R, '--out', out, '--workers', '2', '--resume', '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(read(runFolder(out), 'summary.json')).toBe(read(refDir, 'summary.json'));
  });

  it('refuses an absurd workload before it starts, with the estimate and the override', () => {
    const r = trialsim(['run', FILE, '--replicates', '4000000000', '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to start: 1\.20e\+12 patient-replicates .* pass --force/);
  });

});

describe('signals while a run is busy in this thread', () => {
  it('SIGTERM while the true effects are computed ends the process at once, leaving only a resumable checkpoint', async () => {
    const out = tempDir();
    const file = scenarioFileAt(out, `name: big truth
seed: 1
replicates: 2000
truth: { patients: 60000000 }
population: { biomarkers: [{ id: m, type: binary, prevalence: 0.4 }, { id: age, type: continuous, mean: 60, sd: 10 }] }
endpoint: { type: binary, intercept: -1, prognostic: { age: 0.01 } }
arms: { control: {}, drug: { effect: 0.3, interactions: { m: 0.5 } } }
design: { type: two-arm, sampleSize: 200, analysis: { primary: { test: z-pooled }, subgroups: [m] } }
`);
    const child = spawn(process.execPath, [CLI, 'run', file, '--out', join(out, 'results'), '--quiet', '--workers', '1'], { cwd: ROOT });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // The checkpoint folder appears just before the true effects are computed (a minute's work for 6e7 patients).
    const folder = join(out, 'results', 'big-truth');
    const manifest = () => existsSync(folder) && readdirSync(folder).some((f) => f.startsWith('.checkpoint') && existsSync(join(folder, f, 'manifest.json')));
    while (!manifest()) await new Promise((r) => setImmediate(r));
    child.kill('SIGTERM');
    const { code, signal } = await exited;
    expect(code === 143 || signal === 'SIGTERM').toBe(true);
    const left = readdirSync(folder);
    expect(left).toHaveLength(1);
    expect(existsSync(join(folder, left[0], 'manifest.json'))).toBe(true);
  });
});
