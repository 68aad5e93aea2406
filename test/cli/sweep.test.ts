/**
 * `trialsim sweep` as a user runs it: a grid (--vary) gives sweep.csv (one
 * row per grid point x hypothesis), sweep.json and report.html, identical for
 * the same inputs and seed; a search (--solve) gives the answer with its
 * interval; bad options are user errors. Uses the built CLI (npm run build).
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
  const grid = ['--vary', 'design.sampleSize=40:80:20', '--vary', 'arms.drug.effect=0.5,1'];

  it('writes one tidy CSV row per grid point and hypothesis, sweep.json and the power curves', () => {
    const out = tempDir();
    const r = trialsim(['sweep', file, ...grid, '--replicates', '100', '--workers', '2', '--parallel', '2', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Sweep test: 6 grid points x 100 replicates, seed 2026 \(primary hypotheses; all in sweep\.csv\)/);
    const folder = onlyRun(out, 'sweep-');
    expect(readdirSync(folder).sort()).toEqual(['report.html', 'run.json', 'sweep.csv', 'sweep.json']);
    const lines = readFileSync(join(folder, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('design.sampleSize,arms.drug.effect,hypothesis,family,meaning,true_effect,rejections,replicates,rate,mcse,ci_low,ci_high,expected_sample_size');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      '40,0.5,drug-vs-control', '40,1,drug-vs-control', '60,0.5,drug-vs-control', '60,1,drug-vs-control', '80,0.5,drug-vs-control', '80,1,drug-vs-control',
    ]);
    expect(readFileSync(join(folder, 'report.html'), 'utf8')).toContain('data-chart="power-curve"');
  });

  it('writes identical sweep.csv and sweep.json for the same inputs and seed, whatever the workers', () => {
    const one = tempDir(), two = tempDir();
    expect(trialsim(['sweep', file, ...grid, '--replicates', '80', '--workers', '2', '--out', one, '--quiet']).code).toBe(0);
    expect(trialsim(['sweep', file, ...grid, '--replicates', '80', '--workers', '0', '--out', two, '--quiet']).code).toBe(0);
    for (const f of ['sweep.csv', 'sweep.json']) {
      expect(readFileSync(join(onlyRun(two, 'sweep-'), f), 'utf8')).toBe(readFileSync(join(onlyRun(one, 'sweep-'), f), 'utf8'));
    }
  });

  it('refuses bad keys and values with the grid point named', () => {
    const typo = trialsim(['sweep', file, '--vary', 'design.sampleSiz=40,60', '--out', tempDir()]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/\[design\.sampleSiz=40\]: invalid scenario\n\s+design\.sampleSiz: unknown key/);
    const bad = trialsim(['sweep', file, '--vary', 'design.sampleSize=40,0', '--out', tempDir()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\[design\.sampleSize=0\]: invalid scenario\n\s+design\.sampleSize: expected a number > 0, found 0/);
    const section = trialsim(['sweep', file, '--vary', 'desgin.sampleSize=40', '--out', tempDir()]);
    expect(section.stderr).toMatch(/desgin\.sampleSize: expected a section at desgin, found none/);
  });

  it('asks for exactly one of --vary and --solve', () => {
    expect(trialsim(['sweep', file, '--out', tempDir()]).stderr).toMatch(/give either --vary KEY=VALUES .* or --solve KEY/);
    const both = trialsim(['sweep', file, ...grid, '--solve', 'design.sampleSize', '--target', 'power=0.8']);
    expect(both.code).toBe(2);
  });
});

describe('trialsim sweep --solve', () => {
  const file = writeScenario(tempDir(), 'solve.yaml', twoArmYaml({ name: 'Sweep test', sampleSize: 100 }));

  it('prints the smallest sample size reaching the target with its interval, and writes the search', () => {
    const out = tempDir();
    const r = trialsim(['sweep', file, '--solve', 'design.sampleSize', '--target', 'power=0.8', '--range', '40:800', '--replicates', '1000', '--workers', '0', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/design\.sampleSize = (\d+): smallest multiple of 4 with power >= 0\.8 for drug-vs-control\n95% interval given Monte Carlo error: (\d+) to (\d+)/);
    const [, answer, lo, hi] = /= (\d+):[^\n]*\n[^:]*: (\d+) to (\d+)/.exec(r.stdout)!.map(Number);
    expect(lo).toBeLessThanOrEqual(answer);
    expect(hi).toBeGreaterThanOrEqual(answer);
    // The exact answer for 30% vs 50% (see test/compare/solve.test.ts) is 188.
    expect(lo).toBeLessThanOrEqual(188);
    expect(hi).toBeGreaterThanOrEqual(188);
    const folder = onlyRun(out, 'solve-');
    expect(readdirSync(folder).sort()).toEqual(['evaluations.csv', 'report.html', 'run.json', 'solve.json']);
    const s = JSON.parse(readFileSync(join(folder, 'solve.json'), 'utf8'));
    expect(s.answer).toBe(answer);
    expect(s.confirmation.replicates).toBe(1000);
  });

  it('refuses a target that is not power=P and a key that is not a number', () => {
    const t = trialsim(['sweep', file, '--solve', 'design.sampleSize', '--target', '0.8']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/--target: expected power=P with 0 < P < 1 \(e\.g\. power=0\.8\), found "0\.8"/);
    const k = trialsim(['sweep', file, '--solve', 'design.type', '--target', 'power=0.8']);
    expect(k.stderr).toMatch(/--solve design\.type: expected a numeric scenario key, found "two-arm"/);
  });
});
