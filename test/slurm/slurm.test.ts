/**
 * The Slurm round trip, for real: `trialsim slurm --submit` sends a job
 * array (one shard per task) and a merge job with --dependency=afterok to a
 * running slurmctld/slurmd, and the merged summary equals the single-machine
 * one byte for byte. `.ci/run` installs slurm-wlm and munge and starts a
 * one-node cluster (test/slurm/start-slurm.sh); elsewhere the test is skipped
 * when no cluster answers, but in CI a missing cluster is a failure.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { trialsim, tempDir, ROOT } from '../helpers/cli.js';

const FILE = join(ROOT, 'scenarios/flagship/two-arm-binary.yaml');
const clusterUp = spawnSync('sinfo', ['-h'], { encoding: 'utf8' }).status === 0;
if (!clusterUp && process.env.CI) throw new Error('CI must provide a Slurm cluster (see test/slurm/start-slurm.sh)');

describe.skipIf(!clusterUp)('Slurm round trip', () => {
  it('a job array of shards and a dependent merge job reproduce the single-machine summary', async () => {
    const dir = tempDir('trialsim-slurm-');
    const results = join(dir, 'results');
    const sub = trialsim(['slurm', FILE, '--shards', '3', '--replicates', '1500', '--cpus', '1', '--out', dir, '--results', results, '--submit']);
    expect(sub.stderr).toBe('');
    expect(sub.code).toBe(0);
    const ids = [...sub.stdout.matchAll(/(?:array|job) (\d+)/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    const array = readFileSync(join(dir, 'array.sbatch'), 'utf8');
    expect(array).toMatch(/#SBATCH --array=1-3/);
    expect(readFileSync(join(dir, 'submit.sh'), 'utf8')).toMatch(/--dependency=afterok:/);
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      const q = spawnSync('squeue', ['-h', '-j', ids.join(',')], { encoding: 'utf8' });
      if (q.stdout.trim() === '' && existsSync(results)) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const scen = join(results, readdirSync(results)[0]);
    const merged = join(scen, readdirSync(scen).find((d) => !d.startsWith('.'))!);
    const single = tempDir();
    expect(trialsim(['run', FILE, '--replicates', '1500', '--out', single, '--quiet']).code).toBe(0);
    const sScen = join(single, readdirSync(single)[0]);
    const sDir = join(sScen, readdirSync(sScen).find((d) => !d.startsWith('.'))!);
    expect(readFileSync(join(merged, 'summary.json'), 'utf8')).toBe(readFileSync(join(sDir, 'summary.json'), 'utf8'));
    expect(readFileSync(join(merged, 'replicates.csv'), 'utf8')).toBe(readFileSync(join(sDir, 'replicates.csv'), 'utf8'));
  }, 240_000);
});
