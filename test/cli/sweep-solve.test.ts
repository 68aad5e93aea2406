/**
 * `trialsim sweep --solve` as a user runs it: the smallest sample size
 * reaching a target power with its interval, and the search's files.
 * Uses the built CLI (npm run build).
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

  it('refuses a target that is not power=P', () => {
    const t = trialsim(['sweep', file, '--solve', 'design.sampleSize', '--target', '0.8']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/--target: expected power=P with 0 < P < 1 \(e\.g\. power=0\.8\), found "0\.8"/);
  });
});
