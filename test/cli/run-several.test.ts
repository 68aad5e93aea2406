/**
 * `trialsim run` with several files prints one headline line per scenario
 * (its first family's or first hypothesis's rate with MCSE) and its results
 * folder, then points at the index page; `--verbose` prints the full tables
 * instead. A single file prints its full table. Uses the built CLI.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trialsim, tempDir } from '../helpers/cli.js';
import { twoArmYaml, writeScenario } from './scenario-text.js';

describe('trialsim run with several files', () => {
  const dir = tempDir();
  const a = writeScenario(dir, 'a.yaml', twoArmYaml({ name: 'First trial', sampleSize: 60, replicates: 40 }));
  const b = writeScenario(dir, 'b.yaml', twoArmYaml({ name: 'Second trial', sampleSize: 80, replicates: 40 }));

  it('prints at most three lines per scenario and the pointer to the report', () => {
    const r = trialsim(['run', a, b, '--workers', '0', '--no-csv', '--out', tempDir()]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeLessThanOrEqual(2 * 3 + 1);
    expect(lines[0]).toMatch(/^First trial \(two-arm, 40 replicates\): (power|type I error) \d\.\d{3} ± \d\.\d{3} \(drug-vs-control\)$/);
    expect(lines.at(-1)).toMatch(/^Report of every run: .*index\.html/);
  });

  it('writes index.md: one row per hypothesis, one column per scenario', () => {
    const out = tempDir();
    expect(trialsim(['run', a, b, '--workers', '0', '--no-csv', '--quiet', '--out', out]).code).toBe(0);
    const md = readFileSync(join(out, 'index.md'), 'utf8').split('\n');
    expect(md[0]).toBe('## Operating characteristics across scenarios');
    expect(md).toContain('| Hypothesis | First trial | Second trial |');
    expect(md.find((l) => l.startsWith('| `drug-vs-control` |'))).toMatch(/^\| `drug-vs-control` \| \d+\.\d% ± \d+\.\d% \((power|error)\) \| \d+\.\d% ± \d+\.\d% \((power|error)\) \|$/);
  });

  it('prints the full tables with --verbose, and for a single file', () => {
    const verbose = trialsim(['run', a, b, '--workers', '0', '--no-csv', '--verbose', '--out', tempDir()]);
    expect(verbose.stdout).toContain('hypothesis');
    expect(verbose.stdout).toContain('MCSE');
    const single = trialsim(['run', a, '--workers', '0', '--no-csv', '--out', tempDir()]);
    expect(single.stdout).toContain('MCSE');
  });
});
