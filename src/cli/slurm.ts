import type { CommandModule } from 'yargs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadScenario } from '../run/scenario.js';
import { UserError } from '../scenario/errors.js';
import { slug } from '../run/run-folder.js';
import { writeFileAtomic } from '../util/atomic.js';
import { slurmScripts } from '../report/slurm-scripts.js';
import { runOptions, seedOption, wholeNumber } from './options.js';
import { makeFolder } from '../util/make-folder.js';

interface SlurmArgs {
  file: string; shards: number; partition?: string; time: string; cpus: number; mem?: string; account?: string; qos?: string; sbatch?: string[];
  replicates?: number; seed?: string; out?: string; results: string; submit: boolean;
}

export const slurmCommand: Omit<CommandModule<object, SlurmArgs>, 'command' | 'describe'> = {
  builder: (y) => y
    .positional('file', { type: 'string', demandOption: true })
    .option('shards', { type: 'number', demandOption: true, describe: 'Number of array tasks' })
    .option('partition', { type: 'string' })
    .option('time', { type: 'string', default: '01:00:00', describe: 'Time limit per task (Slurm format)' })
    .option('cpus', { type: 'number', default: 1, describe: 'CPUs per task (= worker threads)' })
    .option('mem', { type: 'string', describe: 'Memory per task, e.g. 2G' })
    .option('account', { type: 'string', describe: 'Slurm account to charge' })
    .option('qos', { type: 'string', describe: 'Slurm quality of service' })
    .option('sbatch', { type: 'string', array: true, describe: 'Any other #SBATCH directive as KEY=VALUE (repeatable), e.g. --sbatch mail-type=END' })
    .option('replicates', { type: 'number' })
    .option('seed', runOptions.seed)
    .option('out', { type: 'string', describe: 'Folder for the scripts, shards and logs' })
    .option('results', { type: 'string', default: 'results', describe: 'Where the merge job writes the run folder' })
    .option('submit', { type: 'boolean', default: false, describe: 'Submit with sbatch now' }) as never,
  handler: (args) => {
    const shards = wholeNumber('shards', args.shards, 1)!;
    const cpus = wholeNumber('cpus', args.cpus, 1)!;
    // The workload is spread over every task's threads.
    const loaded = loadScenario(args.file, { replicates: wholeNumber('replicates', args.replicates, 1), seed: seedOption(args.seed), workers: shards * cpus });
    if (shards > loaded.spec.replicates) throw new UserError(`--shards: expected at most one shard per replicate (${loaded.spec.replicates}), found ${shards}`);
    const dir = resolve(args.out ?? join('results', slug(loaded.spec.name), `slurm-seed${loaded.spec.seed}-r${loaded.spec.replicates}`));
    // The scripts are built (and every value checked) before anything is created on disk.
    const scripts = slurmScripts({
      name: slug(loaded.spec.name), dir, shards, cpus, time: args.time, partition: args.partition, mem: args.mem,
      account: args.account, qos: args.qos, sbatch: args.sbatch,
      node: process.execPath, cli: fileURLToPath(new URL('./main.js', import.meta.url)), cwd: process.cwd(),
      scenario: resolve(args.file), replicates: loaded.spec.replicates, seed: loaded.spec.seed, results: resolve(args.results),
    });
    makeFolder(join(dir, 'logs'));
    for (const [name, text] of Object.entries(scripts)) {
      writeFileAtomic(join(dir, name), text);
      chmodSync(join(dir, name), 0o755);
    }
    process.stdout.write(`Wrote ${Object.keys(scripts).map((n) => join(dir, n)).join(', ')}\n`);
    if (args.submit) {
      const r = spawnSync('bash', [join(dir, 'submit.sh')], { encoding: 'utf8' });
      if (r.status !== 0) throw new UserError(`sbatch failed: ${(r.stderr || r.error?.message || '').trim()}`);
      process.stdout.write(r.stdout);
    } else {
      process.stdout.write(`Submit with: bash ${join(dir, 'submit.sh')}\n`);
    }
  },
};
