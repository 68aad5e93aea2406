/**
 * The Slurm scripts of a sharded run: a job array whose task i runs shard
 * i/N, a merge job, and submit.sh which submits the array and then the merge
 * with --dependency=afterok on the array, so the merge runs only when every
 * shard has succeeded. Every value is checked (slurm-directives.ts) and every
 * path on a shell line is quoted, so no option can add a line or run a command.
 */
import { UserError } from '../scenario/errors.js';
import { slurmTime, slurmPartition, slurmMemory, slurmFolder, slurmAccount, slurmQos, slurmExtra, shellPath } from './slurm-directives.js';

export interface SlurmPlan {
  name: string;
  dir: string;
  shards: number;
  cpus: number;
  time: string;
  partition?: string;
  mem?: string;
  account?: string;
  qos?: string;
  /** Other directives as KEY=VALUE (--sbatch). */
  sbatch?: string[];
  node: string;
  cli: string;
  cwd: string;
  scenario: string;
  replicates: number;
  seed: number;
  results: string;
}

/** One single-quoted shell word: inside '...' bash expands nothing; a ' is closed, escaped and reopened. */
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Refuses any value that could change a script's meaning: #SBATCH values
 * against their directive's allow-list, quoted paths for control characters,
 * counts as whole numbers. Run before anything is written.
 */
function checkPlan(p: SlurmPlan): SlurmPlan {
  for (const [what, n, min] of [['--shards', p.shards, 1], ['--cpus', p.cpus, 1], ['--replicates', p.replicates, 1], ['--seed', p.seed, 0]] as const) {
    if (!Number.isSafeInteger(n) || n < min) throw new UserError(`${what}: expected a whole number >= ${min}, found ${n}`);
  }
  slurmTime(p.time);
  if (p.partition !== undefined) slurmPartition(p.partition);
  if (p.mem !== undefined) slurmMemory(p.mem);
  if (p.account !== undefined) slurmAccount(p.account);
  if (p.qos !== undefined) slurmQos(p.qos);
  for (const entry of p.sbatch ?? []) slurmExtra(entry);
  slurmFolder(p.dir);
  if (!/^[A-Za-z0-9_.-]+$/.test(p.name)) throw new UserError(`job name: expected letters, digits, "_", "-" and "." only, found ${JSON.stringify(p.name)}`);
  shellPath('the scenario file', p.scenario);
  shellPath('--results', p.results);
  shellPath('the working folder', p.cwd);
  shellPath('the node executable', p.node);
  shellPath('the trialsim command', p.cli);
  return p;
}

function header(p: SlurmPlan, job: string, extra: string[]): string {
  return [
    '#!/bin/bash',
    `#SBATCH --job-name=${job}`,
    `#SBATCH --cpus-per-task=${p.cpus}`,
    `#SBATCH --time=${p.time}`,
    ...(p.partition ? [`#SBATCH --partition=${p.partition}`] : []),
    ...(p.mem ? [`#SBATCH --mem=${p.mem}`] : []),
    ...(p.account ? [`#SBATCH --account=${p.account}`] : []),
    ...(p.qos ? [`#SBATCH --qos=${p.qos}`] : []),
    ...(p.sbatch ?? []).map((entry) => `#SBATCH ${slurmExtra(entry)}`),
    ...extra,
    'set -euo pipefail',
    `cd ${q(p.cwd)}`,
  ].join('\n');
}

export function slurmScripts(plan: SlurmPlan): Record<string, string> {
  const p = checkPlan(plan);
  const run = [q(p.node), q(p.cli), 'run', q(p.scenario), '--replicates', String(p.replicates), '--seed', String(p.seed)];
  const array = `${header(p, `ts-${p.name}`.slice(0, 40), [`#SBATCH --array=1-${p.shards}`, `#SBATCH --output=${p.dir}/logs/shard-%a.out`])}
# Shard i of ${p.shards}: a deterministic slice of the replicates. A task that
# is rerun (requeue, time limit) resumes from its own checkpoint.
exec ${run.join(' ')} --shard "\${SLURM_ARRAY_TASK_ID}/${p.shards}" --out ${q(`${p.dir}/shards`)} --workers "\${SLURM_CPUS_PER_TASK:-1}" --quiet --resume
`;
  const merge = `${header({ ...p, cpus: 1 }, `ts-merge-${p.name}`.slice(0, 40), [`#SBATCH --output=${p.dir}/logs/merge.out`])}
exec ${q(p.node)} ${q(p.cli)} merge ${q(`${p.dir}/shards`)} --out ${q(p.results)} --quiet
`;
  const submit = `#!/bin/bash
# Submits the shard array, then the merge job to run after every shard succeeded.
set -euo pipefail
array=$(sbatch --parsable ${q(`${p.dir}/array.sbatch`)})
array=\${array%%;*}
merge=$(sbatch --parsable --dependency=afterok:\${array} ${q(`${p.dir}/merge.sbatch`)})
echo "submitted shard array \${array} and merge job \${merge%%;*}"
`;
  return { 'array.sbatch': array, 'merge.sbatch': merge, 'submit.sh': submit };
}
