/**
 * Tidy outputs of a run (built CLI): hypotheses.csv and estimates.csv hold
 * one row per replicate and hypothesis or estimate, summary.csv one row per
 * quantity; the rates and biases recomputed from the long rows equal the
 * summary's (rates exactly); each hypothesis row carries its test
 * (statistic, p, adjusted p, look; NA where the analysis reports none), and
 * hypotheses.csv is byte-identical for any worker count and chunk size;
 * where R is installed (CI installs it), the script
 * test/fixtures/tidy-outputs.R does the same with read.csv defaults and
 * reads the tests as numbers.
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
    expect(Object.keys(h[0])).toEqual(['replicate', 'hypothesis', 'family', 'rejected', 'statistic', 'p', 'adjustedP', 'look']);
    // The exact binomial test reports its responders and P(Y >= y | p0); the Bayesian analyses no test.
    const exact = h.filter((y) => y.family === 'independent-exact');
    expect(exact.length).toBe(300 * 5);
    for (const y of exact) expect([y.rejected, y.look, y.adjustedP]).toEqual([Number(y.p) <= 0.05 ? '1' : '0', '1', 'NA']);
    expect(new Set(h.filter((y) => y.family === 'simon').map((y) => y.look))).toEqual(new Set(['1', '2']));
    const bayesian = h.filter((y) => !['independent-exact', 'simon', 'pooled'].includes(y.family));
    expect(bayesian.length).toBeGreaterThan(0);
    for (const y of bayesian) expect([y.statistic, y.p, y.adjustedP, y.look]).toEqual(['NA', 'NA', 'NA', 'NA']);
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

  it('writes the identical hypotheses.csv for any number of workers and chunk size', () => {
    const reference = readFileSync(join(dir, 'hypotheses.csv'), 'utf8');
    for (const [workers, chunk] of [['1', '300'], ['2', '7']]) {
      const other = tempDir();
      expect(trialsim(['run', 'scenarios/basket/mixed-2-active.yaml', '--replicates', '300', '--workers', workers, '--chunk-size', chunk, '--out', other, '--quiet']).code).toBe(0);
      const sd = join(other, readdirSync(other)[0]);
      expect(readFileSync(join(sd, readdirSync(sd)[0], 'hypotheses.csv'), 'utf8'), `workers ${workers}, chunk ${chunk}`).toBe(reference);
    }
  });

  it.runIf(hasR)('R reads them with read.csv defaults and recomputes the rates exactly and the biases to 1e-12, and reads the tests as numbers', () => {
    const rs = spawnSync('Rscript', [join(ROOT, 'test/fixtures/tidy-outputs.R'), dir], { encoding: 'utf8' });
    expect(rs.stdout + rs.stderr).toMatch(/^ok: \d+ rates and \d+ biases, [1-9]\d* tests/);
    expect(rs.status).toBe(0);
  });
});
