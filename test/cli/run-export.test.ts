/**
 * End to end: `trialsim run` writes summary.json, replicates.csv and
 * run.json atomically under results/<scenario>/<run-id>/, prints a table, or
 * the summary JSON with --json, or nothing with --quiet; `trialsim export`
 * writes a replicate's patients exactly as analysed, so re-analysing the
 * export reproduces that replicate's row of replicates.csv.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { trialsim, tempDir, ROOT, CLI } from '../helpers/cli.js';
import { pooledZTest, riskDifference } from '../../src/stats/proportions.js';

const FILE = join(ROOT, 'scenarios/flagship/two-arm-binary.yaml');

function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, j) => [cols[j], v])));
}

describe('trialsim run and export', () => {
  const out = tempDir();
  const r = trialsim(['run', FILE, '--replicates', '40', '--out', out, '--workers', '2']);
  const scenarioDir = join(out, 'two-arm-binary-trial-with-a-predictive-biomarker');
  const runs = existsSync(scenarioDir) ? readdirSync(scenarioDir) : [];
  const runDir = join(scenarioDir, runs[0] ?? 'missing');

  it('writes summary.json, replicates.csv and run.json into one run folder and nothing half-written', () => {
    expect(r.code).toBe(0);
    expect(runs).toHaveLength(1);
    expect(readdirSync(runDir).sort()).toEqual(expect.arrayContaining(['replicates.csv', 'run.json', 'summary.json']));
    expect(readdirSync(runDir).some((f) => f.endsWith('.tmp'))).toBe(false);
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8'));
    expect(summary.schema).toBe('trialsim-summary/1');
    expect(summary.replicates).toBe(40);
    expect(summary.seed).toBe(2026);
    expect(summary.scenario.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.stdout).toMatch(/drug-vs-control\s/);
    expect(r.stdout).toContain(runDir);
  });

  it('replicates.csv has one row per replicate in order, readable as a plain CSV', () => {
    const rows = parseCsv(readFileSync(join(runDir, 'replicates.csv'), 'utf8'));
    expect(rows.map((x) => Number(x.replicate))).toEqual(Array.from({ length: 40 }, (_, k) => k + 1));
  });

  it("an exported replicate's patients re-analysed give that replicate's decision and estimate", () => {
    const csv = join(tempDir(), 'patients.csv');
    const e = trialsim(['export', FILE, '--replicate', '17', '--out', csv]);
    expect(e.code).toBe(0);
    const patients = parseCsv(readFileSync(csv, 'utf8'));
    expect(patients).toHaveLength(300);
    const tally = (arm: string) => {
      const p = patients.filter((x) => x.arm === arm);
      return [p.filter((x) => x.outcome === '1').length, p.length] as const;
    };
    const [x1, n1] = tally('drug');
    const [x0, n0] = tally('control');
    const row = parseCsv(readFileSync(join(runDir, 'replicates.csv'), 'utf8'))[16];
    expect(row['reject:drug-vs-control']).toBe(pooledZTest(x1, n1, x0, n0).pTwoSided < 0.05 ? '1' : '0');
    expect(Number(row['rd:drug-vs-control'])).toBe(riskDifference(x1, n1, x0, n0, 0.95).estimate);
    expect(Number(row['n:drug'])).toBe(n1);
    // Potential outcomes under both arms are there, and the observed one matches the arm's.
    for (const p of patients.slice(0, 20)) expect(p.outcome).toBe(p[`outcome_${p.arm}`]);
  });

  it('--json prints the summary and --quiet prints nothing', () => {
    const j = trialsim(['run', FILE, '--replicates', '20', '--out', tempDir(), '--json', '--workers', '1']);
    expect(j.code).toBe(0);
    const out = JSON.parse(j.stdout) as { schema: string; runs: { file: string; results: string; summary: { replicates: number } }[]; index: string | null };
    expect(out.schema).toBe('trialsim-runs/1');
    expect(out.runs).toHaveLength(1);
    expect(out.runs[0].summary.replicates).toBe(20);
    expect(out.runs[0].results).toMatch(/two-arm-binary/);
    expect(out.index).toBeNull();
    const q = trialsim(['run', FILE, '--replicates', '20', '--out', tempDir(), '--quiet', '--workers', '0']);
    expect(q.code).toBe(0);
    expect(q.stdout).toBe('');
    expect(q.stderr).toBe('');
  });

  it('the summary is byte-identical across worker counts through the CLI', () => {
    const a = trialsim(['run', FILE, '--replicates', '30', '--out', tempDir(), '--json', '--workers', '1', '--no-csv']);
    const b = trialsim(['run', FILE, '--replicates', '30', '--out', tempDir(), '--json', '--workers', '2', '--chunk-size', '4', '--no-csv']);
    const summary = (text: string) => JSON.stringify((JSON.parse(text) as { runs: { summary: unknown }[] }).runs[0].summary);
    expect(summary(a.stdout)).toBe(summary(b.stdout));
  });
});

describe('a reader that stops early', () => {
  it('`trialsim export ... | head` ends quietly with exit 0 when the pipe closes, not with an unhandled EPIPE', async () => {
    // The STAR*D export is long enough that the pipe closes while it is still being written.
    const child = spawn(process.execPath, [CLI, 'export', join(ROOT, 'scenarios/flagship/stard.yaml'), '--replicate', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
