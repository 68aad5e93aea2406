/**
 * `trialsim run` writes report.html and summary.md beside summary.json in
 * every run folder, and for several files an index.html beside index.json
 * whose links open each run's report. Uses the built CLI (npm run build).
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { trialsim, tempDir } from '../helpers/cli.js';
import { twoArmYaml, writeScenario } from '../cli/scenario-text.js';

describe('trialsim run reports', () => {
  it('writes a report and a Markdown summary per run and an index page for a batch', () => {
    const dir = tempDir(), out = tempDir();
    const a = writeScenario(dir, 'a.yaml', twoArmYaml({ name: 'First trial', sampleSize: 60, replicates: 40 }));
    const b = writeScenario(dir, 'b.yaml', twoArmYaml({ name: 'Second trial', sampleSize: 80, replicates: 40 }));
    const r = trialsim(['run', a, b, '--workers', '0', '--no-csv', '--quiet', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const name of ['first-trial', 'second-trial']) {
      const [run] = readdirSync(join(out, name));
      const files = readdirSync(join(out, name, run));
      expect(files).toEqual(expect.arrayContaining(['summary.json', 'report.html', 'summary.md', 'run.json']));
      const summary = JSON.parse(readFileSync(join(out, name, run, 'summary.json'), 'utf8'));
      expect(readFileSync(join(out, name, run, 'report.html'), 'utf8')).toContain(`<title>${summary.scenario.name}</title>`);
      expect(readFileSync(join(out, name, run, 'summary.md'), 'utf8')).toMatch(new RegExp(`^## ${summary.scenario.name}\\n`));
    }
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const links = [...index.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(2);
    for (const link of links) expect(existsSync(resolve(out, link))).toBe(true);
    expect(existsSync(join(out, 'index.json'))).toBe(true);
  });

  it('writes no index page for a single file', () => {
    const out = tempDir();
    const a = writeScenario(tempDir(), 'a.yaml', twoArmYaml({ name: 'Only trial', sampleSize: 40, replicates: 20 }));
    expect(trialsim(['run', a, '--workers', '0', '--no-csv', '--quiet', '--out', out]).code).toBe(0);
    expect(readdirSync(out)).toEqual(['only-trial']);
  });
});
