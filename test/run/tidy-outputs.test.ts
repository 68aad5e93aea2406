/**
 * Tidy outputs of a run (built CLI): hypotheses.csv and estimates.csv hold
 * one row per replicate and hypothesis or estimate, summary.csv one row per
 * quantity; the rates and biases recomputed from the long rows equal the
 * summary's (rates exactly); where R is installed (CI installs it), the
 * script test/fixtures/tidy-outputs.R does the same with read.csv defaults.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { trialsim, tempDir, ROOT } from '../helpers/cli.js';
import type { Summary } from '../../src/summary/summarise.js';

const table = (text: string) => {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, j) => [cols[j], v])));
};

const hasR = spawnSync('Rscript', ['--version']).status === 0;

describe('tidy outputs', () => {
  const out = tempDir();
  const r = trialsim(['run', 'scenarios/basket/mixed-2-active.yaml', '--replicates', '300', '--out', out, '--quiet']);
  const scenarioDir = join(out, readdirSync(out)[0]);
  const dir = join(scenarioDir, readdirSync(scenarioDir)[0]);
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;

  it('writes one row per replicate and hypothesis, and per replicate and estimate', () => {
    expect(r.code).toBe(0);
    const h = table(readFileSync(join(dir, 'hypotheses.csv'), 'utf8'));
    const e = table(readFileSync(join(dir, 'estimates.csv'), 'utf8'));
    expect(h.length).toBe(300 * summary.hypotheses.length);
    expect(e.length).toBe(300 * summary.estimates.length);
    expect(Object.keys(h[0])).toEqual(['replicate', 'hypothesis', 'family', 'rejected']);
    expect(Object.keys(e[0])).toEqual(['replicate', 'estimate', 'scale', 'value', 'se', 'lower', 'upper', 'truth']);
    for (const x of summary.hypotheses) {
      const rows = h.filter((y) => y.hypothesis === x.id);
      expect(rows.filter((y) => y.rejected === '1').length / rows.length).toBe(x.rate);
    }
    const bias = summary.estimates.find((x) => x.id === 'rate:independent-exact:A')!;
    const values = e.filter((y) => y.estimate === 'rate:independent-exact:A').map((y) => Number(y.value) - Number(y.truth));
    expect(Math.abs(values.reduce((a, b) => a + b, 0) / values.length - bias.bias!)).toBeLessThan(1e-12);
  });

  it('writes summary.csv with every rate and its Monte Carlo SE', () => {
    const s = table(readFileSync(join(dir, 'summary.csv'), 'utf8'));
    const power = s.find((x) => x.kind === 'hypothesis' && x.id === 'independent-exact:A')!;
    const h = summary.hypotheses.find((x) => x.id === 'independent-exact:A')!;
    expect([Number(power.value), Number(power.mcse), power.quantity]).toEqual([h.rate, h.mcse, h.meaning]);
  });

  it.runIf(hasR)('R reads them with read.csv defaults and recomputes the rates exactly and the biases to 1e-12', () => {
    const rs = spawnSync('Rscript', [join(ROOT, 'test/fixtures/tidy-outputs.R'), dir], { encoding: 'utf8' });
    expect(rs.stdout + rs.stderr).toMatch(/^ok: \d+ rates and \d+ biases/);
    expect(rs.status).toBe(0);
  });
});
