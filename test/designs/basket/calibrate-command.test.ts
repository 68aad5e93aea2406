/**
 * `trialsim calibrate` as a user runs it (built CLI: npm run build): prints
 * each Bayesian analysis' calibrated threshold with its Monte Carlo
 * interval, writes a copy of the scenario with the thresholds set (comments
 * kept), gives the same thresholds for the same seed, and refuses
 * scenarios it cannot calibrate.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trialsim, tempDir } from '../../helpers/cli.js';
import { parse } from 'yaml';
import type { CalibrationResult } from '../../../src/designs/basket/calibrate.js';
import { roundThreshold, formatCalibration } from '../../../src/cli/calibrate.js';

const text = `# a small basket trial
name: Calibrate me
seed: 3
design:
  type: basket
  p0: 0.2
  baskets:
    - { id: a, sampleSize: 12, responseRate: 0.2 }
    - { id: b, sampleSize: 12, responseRate: 0.45 }
    - { id: c, sampleSize: 12, responseRate: 0.2 }
  analyses:
    - { method: independent-exact }
    - { method: hierarchical, threshold: 0.95 }   # to be calibrated
    - { method: fujikawa, id: fuji, threshold: 0.95, interim: { fraction: 0.5, futility: 0.05 } }
`;

describe('trialsim calibrate', () => {
  const dir = tempDir();
  const file = join(dir, 'basket.yaml');
  writeFileSync(file, text);

  it('prints the thresholds and writes a calibrated copy that keeps the comments', () => {
    const out = join(dir, 'calibrated.yaml');
    const r = trialsim(['calibrate', file, '--replicates', '2000', '--write', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Calibration of "Calibrate me" under the global null (every basket at its p0): 2000 replicates, seed 3');
    expect(r.stdout).toContain('Target: type I error <= 0.05 in every basket');
    expect(r.stdout).toMatch(/^hierarchical\s+hierarchical\s+0\.\d{6}\s+\[0\.\d{4}, 0\.\d{4}\]/m);
    expect(r.stdout).toMatch(/^fuji\s+fujikawa\s+0\.\d{6}/m);
    expect(r.stdout).toContain(`Calibrated scenario written to ${out}`);
    const written = readFileSync(out, 'utf8');
    expect(written).toContain('# a small basket trial');
    expect(written).toContain('# to be calibrated');
    expect(written).toContain('- { method: independent-exact }');
    const json = JSON.parse(trialsim(['calibrate', file, '--replicates', '2000', '--json']).stdout) as CalibrationResult;
    const [h, f] = json.thresholds;
    const analyses = (parse(written) as { design: { analyses: { threshold?: number }[] } }).design.analyses;
    // rounded up to 6 decimals, so the error stays at most the target
    expect(analyses[1].threshold).toBe(roundThreshold(h.threshold!));
    expect(analyses[2].threshold).toBe(roundThreshold(f.threshold!));
    expect(analyses[1].threshold!).toBeGreaterThanOrEqual(h.threshold!);
    expect(trialsim(['validate', out]).code).toBe(0);
    expect(json.replicates).toBe(2000);
    expect(json.errorMcse).toBeCloseTo(Math.sqrt(0.05 * 0.95 / 2000), 12);
    for (const t of json.thresholds) expect(t.achieved).toBeLessThanOrEqual(0.05);
  });

  it('holds the family-wise error instead with --fwer, at a higher threshold', () => {
    const basket = JSON.parse(trialsim(['calibrate', file, '--replicates', '2000', '--json', '--analysis', 'hierarchical']).stdout) as CalibrationResult;
    const fwer = JSON.parse(trialsim(['calibrate', file, '--replicates', '2000', '--json', '--analysis', 'hierarchical', '--fwer']).stdout) as CalibrationResult;
    expect(fwer.error).toBe('fwer');
    expect(fwer.thresholds).toHaveLength(1);
    expect(fwer.thresholds[0].fwer).toBeLessThanOrEqual(0.05);
    expect(fwer.thresholds[0].threshold!).toBeGreaterThan(basket.thresholds[0].threshold!);
    // The table names the FWER once (it is the error held).
    const table = formatCalibration('x', fwer).split('\n').find((l) => l.startsWith('analysis'))!;
    expect(table.match(/FWER/g)).toHaveLength(1);
  });

  it('refuses designs it cannot calibrate', () => {
    const none = join(dir, 'none.yaml');
    writeFileSync(none, text.replace(/ {4}- \{ method: (hierarchical|fujikawa).*\n/g, ''));
    const r = trialsim(['calibrate', none, '--replicates', '200']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nothing to calibrate: expected a hierarchical, exnex or fujikawa analysis, found none/);
    const bad = trialsim(['calibrate', file, '--target', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--target: expected an error rate between 0 and 1, found 1\.5/);
    const two = trialsim(['calibrate', join(import.meta.dirname, '../../../scenarios/flagship/two-arm-binary.yaml')]);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/calibrate works on basket and response-adaptive designs, found design type "two-arm"/);
  });

  it('calibrates exactly with --exact: the same thresholds for any seed, written to 6 decimals rounded up', () => {
    const a = trialsim(['calibrate', file, '--exact', '--json', '--seed', '1']);
    const b = trialsim(['calibrate', file, '--exact', '--json', '--seed', '2']);
    expect(a.code).toBe(0);
    const ra = JSON.parse(a.stdout) as CalibrationResult;
    expect(ra.method).toBe('exact');
    expect(ra.thresholds).toEqual((JSON.parse(b.stdout) as CalibrationResult).thresholds);
    for (const t of ra.thresholds) expect(t.achieved).toBeLessThanOrEqual(0.05);
    const printed = trialsim(['calibrate', file, '--exact']);
    expect(printed.stdout).toMatch(/^Exact calibration of "Calibrate me" .* outcomes enumerated, no Monte Carlo error/);
  });

  it('prints the same bytes with --workers 1 and 2 (and 0): the replicates are split, their streams are not', () => {
    const runs = ['0', '1', '2'].map((w) => trialsim(['calibrate', file, '--replicates', '600', '--fwer', '--workers', w]));
    for (const r of runs) expect(r.code).toBe(0);
    expect(runs[1].stdout).toBe(runs[0].stdout);
    expect(runs[2].stdout).toBe(runs[0].stdout);
    const json = ['1', '2'].map((w) => trialsim(['calibrate', file, '--replicates', '600', '--json', '--workers', w]).stdout);
    expect(json[1]).toBe(json[0]);
    expect(trialsim(['calibrate', file, '--workers', '-1']).stderr).toMatch(/--workers: expected a whole number from 0 to 1024, found -1/);
  });

  it('names the FWER once in the exact table too, when it is the error held', () => {
    const r = trialsim(['calibrate', file, '--exact', '--fwer', '--analysis', 'hierarchical']);
    expect(r.code).toBe(0);
    const head = r.stdout.split('\n').find((l) => l.startsWith('analysis'))!;
    expect(head).not.toContain('max basket error');
    expect(head.match(/FWER/g)).toHaveLength(1);
  });
});
