/**
 * The Slurm scripts of a sharded run: a job array whose task i runs shard
 * i/N, a merge job, and submit.sh which submits the array and then the merge
 * with --dependency=afterok on the array, so the merge runs only when every
 * shard has succeeded.
 */
export interface SlurmPlan {
  name: string;
  dir: string;
  shards: number;
  cpus: number;
  time: string;
  partition?: string;
  mem?: string;
  node: string;
  cli: string;
  cwd: string;
  scenario: string;
  replicates: number;
  seed: number;
  results: string;
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function header(p: SlurmPlan, job: string, extra: string[]): string {
  return [
    '#!/bin/bash',
    `#SBATCH --job-name=${job}`,
    `#SBATCH --cpus-per-task=${p.cpus}`,
    `#SBATCH --time=${p.time}`,
    ...(p.partition ? [`#SBATCH --partition=${p.partition}`] : []),
    ...(p.mem ? [`#SBATCH --mem=${p.mem}`] : []),
    ...extra,
    'set -euo pipefail',
    `cd ${q(p.cwd)}`,
  ].join('\n');
}

export function slurmScripts(p: SlurmPlan): Record<string, string> {
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
