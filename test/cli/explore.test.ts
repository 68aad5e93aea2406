/**
 * `trialsim explore` writes the explorer's folder: the page, its script,
 * style and worker code, and the scenario it starts from (the flagship when
 * none is named), and refuses a file that is not a scenario with exit code 2.
 * (The page itself is driven in Chromium by test/explore/explorer.browser.test.ts.)
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const CLI = resolve('dist/bin/main.js');
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('trialsim explore', () => {
  it('writes a self-contained folder holding the flagship by default', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'trialsim-explore-')), 'explore');
    const r = run(['explore', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${out}/index.html`);
    expect(readdirSync(out).sort()).toEqual(['explorer.css', 'explorer.js', 'index.html', 'scenario.js', 'worker-source.js']);
    const scenario = readFileSync(join(out, 'scenario.js'), 'utf8');
    expect(scenario).toContain('"file":"two-arm-binary.yaml"');
    expect(scenario).toContain(JSON.stringify(readFileSync('scenarios/flagship/two-arm-binary.yaml', 'utf8')));
    // Nothing from the network: no URL in the page but the folder's own files.
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('starts from a named scenario, and refuses a file that is not one', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'trialsim-explore-')), 'x');
    expect(run(['explore', 'scenarios/flagship/cancellation.yaml', '--out', out]).status).toBe(0);
    expect(readFileSync(join(out, 'scenario.js'), 'utf8')).toContain('"file":"cancellation.yaml"');
    const bad = run(['explore', 'package.json.txt', '--out', out]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('expected a scenario file ending in .yaml, .yml or .json');
  });
});
