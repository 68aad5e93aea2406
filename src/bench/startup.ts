/**
 * Start-up of the command line, timed as whole processes against `node -e 0`
 * on the same machine in the same run, alternated so both see the same load:
 * `trialsim --version` (target within 3x of bare Node) and `trialsim validate`
 * of a flagship file (target within 5x).
 */
import { spawnSync } from 'node:child_process';

const CLI = 'dist/bin/main.js';

function seconds(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}`);
  return (performance.now() - t0) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function benchStartup(rounds = 11): void {
  const commands: [string, string[], number][] = [
    ['node -e 0', ['-e', '0'], 1],
    ['trialsim --version', [CLI, '--version'], 3],
    ['trialsim --help', [CLI, '--help'], 3],
    ['trialsim validate (two-arm flagship)', [CLI, 'validate', 'scenarios/flagship/two-arm-binary.yaml'], 5],
  ];
  const times = commands.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) commands.forEach(([, args], k) => times[k].push(seconds(args)));
  const base = median(times[0]);
  process.stdout.write(`start-up (median of ${rounds} alternated runs)\n`);
  commands.forEach(([label, , target], k) => {
    const m = median(times[k]);
    const ratio = k === 0 ? '' : `  ${(m / base).toFixed(1)}x node -e 0 (target ${target}x)`;
    process.stdout.write(`  ${label.padEnd(40)} ${m.toFixed(3)} s${ratio}\n`);
  });
}
