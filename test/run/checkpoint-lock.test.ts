/**
 * One run per checkpoint folder: a lock file, created exclusively and holding
 * the pid and host, keeps a second run with the same scenario, seed and
 * --out from wiping the first one's checkpoint. A lock left by a run that
 * died on this host is taken over; a live one, or one from another host, is
 * refused with the folder and the holder named.
 */
import { describe, it, expect, onTestFinished } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Checkpoint, type CheckpointManifest } from '../../src/run/checkpoint.js';
import { UserError } from '../../src/scenario/errors.js';
import { trialsim, tempDir, ROOT, CLI } from '../helpers/cli.js';

const MANIFEST: CheckpointManifest = { trialsim: 'test', hash: 'h', seed: 1, replicates: 10, range: [1, 11], chunkSize: 5, rows: false };

function lockedFolder(holder: { pid: number; host: string }): string {
  const dir = join(tempDir(), '.checkpoint-run-x');
  mkdirSync(dir);
  writeFileSync(join(dir, 'lock'), JSON.stringify(holder));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(MANIFEST));
  return dir;
}

/** The pid of a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('checkpoint lock', () => {
  it('a second run on a checkpoint folder held by a live run is refused, naming the folder and the holder', () => {
    const holder = { pid: process.ppid, host: hostname() };
    const dir = lockedFolder(holder);
    for (const start of [() => Checkpoint.create(dir, MANIFEST), () => Checkpoint.open(dir)]) {
      expect(start).toThrow(UserError);
      expect(start).toThrow(`${dir}: another run is using this checkpoint (pid ${holder.pid} on ${holder.host})`);
    }
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true); // the holder's checkpoint is untouched
  });

  it('a lock from another host is never taken over, whatever its pid', () => {
    const dir = lockedFolder({ pid: deadPid(), host: 'some-other-node' });
    expect(() => Checkpoint.create(dir, MANIFEST)).toThrow(/on some-other-node/);
  });

  it('a stale lock whose run died on this host is taken over', () => {
    const dir = lockedFolder({ pid: deadPid(), host: hostname() });
    const checkpoint = Checkpoint.create(dir, MANIFEST);
    expect(JSON.parse(readFileSync(join(dir, 'lock'), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    checkpoint.remove();
    expect(existsSync(dir)).toBe(false);
  });

  it('two runs with the same scenario, seed and --out: the second is refused and the first finishes', async () => {
    const out = tempDir();
    const FILE = join(ROOT, 'scenarios/flagship/cancellation.yaml');
    const args = ['run', FILE, '--replicates', '100000', '--out', out, '--workers', '1', '--chunk-size', '50', '--no-csv', '--quiet'];
    const first = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    onTestFinished(() => { if (first.exitCode === null) first.kill('SIGKILL'); });
    let firstErr = '';
    first.stderr.on('data', (d) => (firstErr += d));
    const scen = join(out, 'predictive-biomarker-that-cancels-on-average');
    const lock = await new Promise<string>((resolve) => {
      const poll = setInterval(() => {
        const cp = existsSync(scen) ? readdirSync(scen).find((d) => d.startsWith('.checkpoint')) : undefined;
        if (cp && existsSync(join(scen, cp, 'chunks.jsonl'))) { clearInterval(poll); resolve(join(scen, cp, 'lock')); }
      }, 20);
    });
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(first.pid);
    const second = trialsim(args);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`another run is using this checkpoint \\(pid ${first.pid} on ${hostname()}`));
    expect(second.stderr).not.toMatch(/ENOTEMPTY|ENOENT|internal error/);
    first.kill('SIGINT');
    const code = await new Promise((resolve) => first.on('exit', resolve));
    expect(firstErr).toMatch(/interrupted; \d+ of 100000 replicates saved/);
    expect(code).toBe(130);
    expect(existsSync(lock)).toBe(false); // released on exit, so --resume can take the checkpoint
  });
});
