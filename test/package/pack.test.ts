/**
 * The published package works for a methodologist: `npm pack` builds a
 * tarball, it installs into an empty project, and a scenario runs both
 * through `import { ... } from 'trialsim'` (with worker threads, found
 * inside the installed package) and through `npx trialsim`.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers/cli.js';

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });

describe('the packed package', () => {
  const dir = tempDir('trialsim-pack-');
  const project = join(dir, 'project');

  it('installs from its tarball into an empty project', () => {
    npm(['pack', '--pack-destination', dir, '--ignore-scripts'], ROOT);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-trialsim', private: true, type: 'module' }));
    npm(['install', join(dir, tarball)], project);
    expect(readdirSync(join(project, 'node_modules', 'trialsim'))).toContain('dist');
  }, 180_000);

  it('runs a scenario through the library import, on worker threads', () => {
    writeFileSync(join(project, 'run.mjs'), `
      import { loadScenario, simulate, multiplicity } from 'trialsim';
      const loaded = loadScenario('node_modules/trialsim/scenarios/flagship/two-arm-binary.yaml', { replicates: 40 });
      const { summary } = await simulate(loaded, { workers: 2 });
      process.stdout.write(JSON.stringify({ replicates: summary.replicates, design: summary.scenario.design, holm: typeof multiplicity.holm }));
    `);
    const out = JSON.parse(execFileSync(process.execPath, ['run.mjs'], { cwd: project, encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toEqual({ replicates: 40, design: 'two-arm', holm: 'function' });
  }, 60_000);

  it('runs the same scenario through npx trialsim', () => {
    const text = execFileSync('npx', ['trialsim', 'run', 'node_modules/trialsim/scenarios/flagship/two-arm-binary.yaml', '--replicates', '30', '--workers', '1', '--json', '--no-csv', '--out', 'results'], { cwd: project, encoding: 'utf8' });
    expect((JSON.parse(text) as { runs: { summary: { replicates: number } }[] }).runs[0].summary.replicates).toBe(30);
  }, 60_000);
});
