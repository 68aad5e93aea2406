/**
 * Every option that reaches a Slurm script is checked against an allow-list
 * for its directive, and every path that reaches a shell line is quoted: a
 * newline, `$()`, backticks or quotes in any of them can neither add a line
 * to the script nor run anything. No cluster needed.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { trialsim, tempDir, ROOT } from '../helpers/cli.js';
import { slurmScripts, type SlurmPlan } from '../../src/report/slurm-scripts.js';
import { UserError } from '../../src/scenario/errors.js';

const PLAN: SlurmPlan = {
  name: 'trial', dir: '/scratch/trial/slurm', shards: 2, cpus: 1, time: '01:00:00', node: '/usr/bin/node', cli: '/opt/trialsim/main.js',
  cwd: '/home/me', scenario: '/home/me/trial.yaml', replicates: 100, seed: 1, results: '/home/me/results',
};

const FILE = join(ROOT, 'scenarios/flagship/two-arm-binary.yaml');
const HOSTILE = ['x\necho injected', 'x$(touch pwned)', 'x`touch pwned`', "x'q", 'x"q', 'x;touch pwned', 'x\rtouch pwned'];

describe('hostile values in slurm options', () => {
  const cases: [string, RegExp][] = [
    ['--time', /--time: expected a Slurm time limit \(MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS\), found/],
    ['--partition', /--partition: expected partition names of letters, digits, "_", "-" and "\." \(comma-separated\), found/],
    ['--mem', /--mem: expected memory as a whole number with an optional unit K, M, G or T \(e\.g\. 4G\), found/],
    ['--out', /--out: expected a folder path of letters, digits and \/ \. _ - \+ , @ = : only \(it is written into #SBATCH lines\), found/],
    ['--shards', /--shards: expected a whole number >= 1/],
    ['--cpus', /--cpus: expected a whole number >= 1/],
    ['--replicates', /--replicates: expected a whole number >= 1/],
    ['--seed', /--seed: expected a whole number from 0/],
  ];
  const field: Record<string, keyof SlurmPlan> = { '--time': 'time', '--partition': 'partition', '--mem': 'mem', '--out': 'dir' };
  it.each(Object.entries(field))('the script builder refuses every hostile %s before writing a line', (option, key) => {
    const message = cases.find(([o]) => o === option)![1];
    for (const value of HOSTILE) {
      expect(() => slurmScripts({ ...PLAN, [key]: value }), JSON.stringify(value)).toThrow(UserError);
      expect(() => slurmScripts({ ...PLAN, [key]: value })).toThrow(message);
    }
  });

  it.each(['--results', 'scenario'])('the script builder refuses a newline in %s, the one thing quoting cannot make harmless to read', (what) => {
    expect(() => slurmScripts({ ...PLAN, [what === '--results' ? 'results' : 'scenario']: '/home/me/x\necho injected' })).toThrow(/without control characters/);
  });

  it.each(cases)('trialsim slurm %s with a newline and $() is refused, exit 2, and nothing is written', (option, message) => {
    const dir = tempDir();
    const out = join(dir, 'slurm');
    const args = ['slurm', FILE, ...(option === '--shards' ? [] : ['--shards', '2']), ...(option === '--out' ? [] : ['--out', out]), option, '1\n$(touch pwned)'];
    const r = trialsim(args, { cwd: dir });
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('paths with $(), backticks, quotes and semicolons reach the shell lines as one quoted word each', () => {
    const dir = tempDir();
    const hostile = `we"ird $(touch pwned) \`touch pwned\` 'q' ;touch pwned`;
    const scenario = join(dir, `${hostile}.yaml`);
    copyFileSync(FILE, scenario);
    const results = join(dir, hostile, 'results');
    mkdirSync(join(dir, 'work'));
    const out = join(dir, 'slurm');
    const r = trialsim(['slurm', scenario, '--shards', '2', '--out', out, '--results', results, '--time', '1-02:30:00', '--partition', 'short,long', '--mem', '4G'], { cwd: join(dir, 'work') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const name of ['array.sbatch', 'merge.sbatch']) {
      const text = readFileSync(join(out, name), 'utf8');
      expect(text).toMatch(/#SBATCH --time=1-02:30:00\n#SBATCH --partition=short,long\n#SBATCH --mem=4G\n/);
      // Print the exec line's words instead of running them: each path must come back whole.
      const exec = text.split('\n').find((l) => l.startsWith('exec '))!;
      const words = spawnSync('bash', ['-c', exec.replace(/^exec /, "printf '%s\\n' ")], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } }).stdout.split('\n');
      expect(words).toContain(name === 'array.sbatch' ? scenario : results);
    }
    expect(readdirSync(dir).sort()).toEqual([`${hostile}.yaml`, 'slurm', 'work'].sort());
  });

  it('every Slurm time format, partition list and memory unit is accepted', () => {
    for (const time of ['30', '30:00', '01:00:00', '2-00', '2-12:00', '2-12:00:00', 'UNLIMITED']) {
      expect(slurmScripts({ ...PLAN, time })['array.sbatch']).toContain(`#SBATCH --time=${time}\n`);
    }
    for (const mem of ['4000', '512M', '4G', '1T', '16g']) expect(slurmScripts({ ...PLAN, mem })['merge.sbatch']).toContain(`#SBATCH --mem=${mem}\n`);
    expect(slurmScripts({ ...PLAN, partition: 'gpu_a100,cpu-long.v2' })['array.sbatch']).toContain('#SBATCH --partition=gpu_a100,cpu-long.v2\n');
  });
});

describe('account, QOS and other directives', () => {
  it('are written as #SBATCH lines when well formed', () => {
    const scripts = slurmScripts({ ...PLAN, account: 'proj-42', qos: 'normal', sbatch: ['mail-type=END', 'constraint=skylake'] });
    const array = Object.entries(scripts).find(([name]) => name.startsWith('array'))![1];
    for (const line of ['#SBATCH --account=proj-42', '#SBATCH --qos=normal', '#SBATCH --mail-type=END', '#SBATCH --constraint=skylake']) expect(array).toContain(line);
  });

  it('refuse every hostile value before writing a line', () => {
    for (const value of HOSTILE) {
      expect(() => slurmScripts({ ...PLAN, account: value })).toThrow(/--account: expected an account name/);
      expect(() => slurmScripts({ ...PLAN, qos: value })).toThrow(/--qos: expected a QOS name/);
      expect(() => slurmScripts({ ...PLAN, sbatch: [`mail-type=${value}`] })).toThrow(/--sbatch mail-type: expected a value of letters/);
      expect(() => slurmScripts({ ...PLAN, sbatch: [`${value}=1`] })).toThrow(/--sbatch: expected KEY=VALUE/);
    }
  });

  it('refuse a directive trialsim writes itself, naming the option to use', () => {
    expect(() => slurmScripts({ ...PLAN, sbatch: ['time=10:00'] })).toThrow(/--sbatch: time is written by trialsim itself; use its own option \(--time\)/);
    expect(() => slurmScripts({ ...PLAN, sbatch: ['cpus-per-task=4'] })).toThrow(/use its own option \(--cpus\)/);
  });

  it('trialsim slurm --sbatch with a newline is refused, exit 2, and nothing is written', () => {
    const dir = tempDir();
    const r = trialsim(['slurm', FILE, '--shards', '2', '--out', join(dir, 'slurm'), '--sbatch', 'mail-type=END\n#SBATCH --wrap=x'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sbatch mail-type: expected a value/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
