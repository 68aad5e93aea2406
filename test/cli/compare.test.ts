/**
 * `trialsim compare` as a user runs it: a results folder with compare.json,
 * compare.md, report.html and run.json; compare.json identical for the same
 * inputs and seed whatever the workers; clear errors for bad input.
 * Uses the built CLI (npm run build).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { trialsim, tempDir } from '../helpers/cli.js';
import { twoArmYaml, writeScenario } from './scenario-text.js';

function onlyRun(out: string): string {
  const runs = readdirSync(join(out, 'compare'));
  expect(runs).toHaveLength(1);
  return join(out, 'compare', runs[0]);
}

describe('trialsim compare', () => {
  const dir = tempDir();
  const a = writeScenario(dir, 'a.yaml', twoArmYaml({ name: 'Smaller trial', sampleSize: 160 }));
  const b = writeScenario(dir, 'b.yaml', twoArmYaml({ name: 'Larger trial', sampleSize: 200 }));

  it('prints both designs side by side with the paired and independent SE of each difference, and writes the results folder', () => {
    const out = tempDir();
    const r = trialsim(['compare', a, b, '--replicates', '300', '--workers', '2', '--out', out]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/A: Smaller trial .*\n\s+B: Larger trial .* - same patients as A/);
    expect(r.stdout).toMatch(/hypothesis\s+A\s+B\s+B-A\s+paired SE\s+indep\. SE/);
    expect(r.stdout).toMatch(/expected sample size\s+160\.0\s+200\.0\s+40\.00\s+0\.00\s+0\.00/);
    const folder = onlyRun(out);
    expect(readdirSync(folder).sort()).toEqual(['compare.json', 'compare.md', 'report.html', 'run.json']);
    const c = JSON.parse(readFileSync(join(folder, 'compare.json'), 'utf8'));
    expect(c.schema).toBe('trialsim-compare/1');
    expect(c.commonRandomNumbers).toBe(true);
    expect(c.hypotheses[0].differences[1].pairedSe).toBeLessThan(c.hypotheses[0].differences[1].independentSe);
    expect(readdirSync(join(out, 'compare')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('writes identical compare.json for the same inputs and seed, with any number of workers', () => {
    const one = tempDir(), two = tempDir();
    expect(trialsim(['compare', a, b, '--replicates', '200', '--workers', '2', '--out', one, '--quiet']).code).toBe(0);
    expect(trialsim(['compare', a, b, '--replicates', '200', '--workers', '1', '--chunk-size', '7', '--out', two, '--quiet']).code).toBe(0);
    expect(readFileSync(join(onlyRun(two), 'compare.json'), 'utf8')).toBe(readFileSync(join(onlyRun(one), 'compare.json'), 'utf8'));
  });

  it('runs design k with seed + k under --no-common-random-numbers', () => {
    const r = trialsim(['compare', a, b, '--replicates', '50', '--workers', '0', '--seed', '10', '--no-common-random-numbers', '--json', '--out', tempDir()]);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.commonRandomNumbers).toBe(false);
    expect(c.scenarios.map((s: { seed: number }) => s.seed)).toEqual([10, 11]);
    expect(c.scenarios[1].samePatients).toBe(false);
  });

  it('refuses a single file with a user error', () => {
    const r = trialsim(['compare', a, '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/trialsim: compare: expected at least two scenario files, found 1/);
  });
});
