/**
 * `trialsim sweep` as a user runs it: a grid (--vary) gives sweep.csv (one
 * row per grid point x hypothesis), sweep.json and report.html, identical for
 * the same inputs and seed; bad options are user errors. Uses the built CLI
 * (npm run build). The search (--solve) is in sweep-solve.test.ts.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { trialsim, tempDir } from '../helpers/cli.js';
import { twoArmYaml, writeScenario } from './scenario-text.js';

function onlyRun(out: string, prefix: string): string {
  const scenario = join(out, 'sweep-test');
  const runs = readdirSync(scenario).filter((f) => f.startsWith(prefix));
  expect(runs).toHaveLength(1);
  return join(scenario, runs[0]);
}

describe('trialsim sweep --vary', () => {
  const file = writeScenario(tempDir(), 'sweep.yaml', twoArmYaml({ name: 'Sweep test', sampleSize: 100 }));
  const grid = ['--vary', 'design.sampleSize=40:80:40', '--vary', 'arms.drug.effect=0.5,1'];

  it('writes one tidy CSV row per grid point and hypothesis, sweep.json and the power curves', () => {
    const out = tempDir();
    const r = trialsim(['sweep', file, ...grid, '--replicates', '100', '--workers', '2', '--parallel', '2', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Sweep test: 4 grid points x 100 replicates, seed 2026 \(primary hypotheses; all in sweep\.csv\)/);
    const folder = onlyRun(out, 'sweep-');
    expect(readdirSync(folder).sort()).toEqual(['report.html', 'run.json', 'sweep.csv', 'sweep.json']);
    const lines = readFileSync(join(folder, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('design.sampleSize,arms.drug.effect,hypothesis,family,meaning,true_effect,rejections,replicates,rate,mcse,ci_low,ci_high,expected_sample_size');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      '40,0.5,drug-vs-control', '40,1,drug-vs-control', '80,0.5,drug-vs-control', '80,1,drug-vs-control',
    ]);
    expect(readFileSync(join(folder, 'report.html'), 'utf8')).toContain('data-chart="power-curve"');
  });

  it('writes identical sweep.csv and sweep.json for the same inputs and seed, whatever the workers', () => {
    const one = tempDir(), two = tempDir();
    const small = ['--vary', 'design.sampleSize=40,80', '--replicates', '80', '--quiet'];
    expect(trialsim(['sweep', file, ...small, '--workers', '2', '--out', one]).code).toBe(0);
    expect(trialsim(['sweep', file, ...small, '--workers', '0', '--chunk-size', '7', '--out', two]).code).toBe(0);
    for (const f of ['sweep.csv', 'sweep.json']) {
      expect(readFileSync(join(onlyRun(two, 'sweep-'), f), 'utf8')).toBe(readFileSync(join(onlyRun(one, 'sweep-'), f), 'utf8'));
    }
  });

  it('refuses a value the scenario checks refuse, naming the grid point, before simulating anything', () => {
    const out = tempDir();
    const bad = trialsim(['sweep', file, '--vary', 'design.sampleSize=40,0', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\[design\.sampleSize=0\]: invalid scenario\n\s+design\.sampleSize: expected a number > 0, found 0/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('asks for exactly one of --vary and --solve', () => {
    const both = trialsim(['sweep', file, ...grid, '--solve', 'design.sampleSize', '--target', 'power=0.8']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give either --vary KEY=VALUES .* or --solve KEY .*, not both or neither/);
  });
});
