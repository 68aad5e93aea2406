/**
 * Calibrating the superiority threshold: the rate of declaring an arm best
 * read off the recorded paths equals, replicate for replicate, that of
 * trials run with the threshold set (same calibration streams), at the
 * calibrated threshold and around it; under the null the calibrated
 * threshold holds the error at most the target, inside its Monte Carlo
 * interval, and reports only the digits that interval supports.
 */
import { describe, it, expect } from 'vitest';
import { calibrateAdaptive, calibrateNamedThreshold, calibrationReplicate } from '../../../src/designs/response-adaptive/calibrate.js';
import { planAdaptive } from '../../../src/designs/response-adaptive/trial.js';
import type { ResponseAdaptiveScenario } from '../../../src/designs/response-adaptive/schema.js';
import { runStreams } from '../../../src/random/stream.js';
import { newRecord } from '../../../src/designs/types.js';
import { scenario } from '../../helpers/scenarios.js';
import { trialsim, tempDir } from '../../helpers/cli.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const nullScenario = (superiority: number) => scenario({
  name: 'rar-null', seed: 8, replicates: 100,
  endpoint: { type: 'binary', model: 'rates', rates: [{ rates: { control: 0.3, A: 0.3, B: 0.3 } }] },
  arms: { control: {}, A: {}, B: {} },
  design: {
    type: 'response-adaptive', sampleSize: 300, analyses: [100, 150, 200, 250],
    allocation: { rule: 'thompson', power: 'n/N', min: 0.1 }, stopping: { superiority, inferiority: 0.01 },
  },
}).spec as unknown as ResponseAdaptiveScenario;

/** The rate of declaring an arm best when each calibration replicate is run with the threshold set. */
function directRate(superiority: number, seed: number, R: number, spec = nullScenario(superiority)): number {
  const streams = runStreams(seed);
  const plan = planAdaptive(spec);
  const out = newRecord(plan.layout);
  let declared = 0;
  for (let r = 0; r < R; r++) {
    plan.simulate(calibrationReplicate(streams, r), out);
    if (out.selected[0] >= 0) declared++;
  }
  return declared / R;
}

describe('calibrating the superiority threshold', () => {
  it('reads each threshold\'s error exactly off the paths, and holds the target under the null', () => {
    const R = 600, seed = 31, target = 0.1;
    const result = calibrateAdaptive(nullScenario(0.99), runStreams(seed), { target, goal: 'error', replicates: R, seed });
    expect(result.threshold).not.toBeNull();
    const t = result.threshold!;
    expect(result.achieved!).toBeLessThanOrEqual(target);
    expect(directRate(t, seed, R)).toBe(result.achieved);
    // Just below the threshold the error exceeds the target (it is the least such threshold).
    expect(directRate(t - 1e-9, seed, R)).toBeGreaterThan(target);
    expect(result.lower!).toBeLessThanOrEqual(t);
    expect(result.upper!).toBeGreaterThanOrEqual(t);
    expect(result.digits).toBeLessThanOrEqual(Math.ceil(-Math.log10(result.upper! - result.lower!)) + 1);
  });
});

describe('calibrating another threshold by bisection on the same replicates', () => {
  it('finds the futility threshold where power crosses the target: met there, missed 1e-4 beyond', async () => {
    const R = 400, seed = 12, target = 0.4;
    const withFutility = (futility: number) => {
      const s = structuredClone(nullScenario(0.95));
      s.endpoint = { type: 'binary', model: 'rates', rates: [{ subgroup: {}, rates: { control: 0.3, A: 0.45, B: 0.3 } }], better: 'higher' };
      s.design.stopping = { superiority: 0.95, futility };
      return s;
    };
    const result = await calibrateNamedThreshold(withFutility(0.1), runStreams(seed), 'futility', { target, goal: 'power', replicates: R, seed });
    const t = result.threshold!;
    expect(result.method).toBe('bisection');
    expect(directRate(0, seed, R, withFutility(t))).toBe(result.achieved);
    expect(result.achieved!).toBeGreaterThanOrEqual(target);
    // A stricter futility rule (a higher threshold drops more arms) loses the power.
    expect(directRate(0, seed, R, withFutility(t + 1e-4))).toBeLessThan(target);
  });
});

describe('trialsim calibrate on a response-adaptive scenario', () => {
  const dir = tempDir();
  const file = join(dir, 'rar.yaml');
  writeFileSync(file, `# three arms under the null
name: rar-null
seed: 5
endpoint: { type: binary, model: rates, rates: [{ rates: { control: 0.3, A: 0.3, B: 0.3 } }] }
arms: { control: {}, A: {}, B: {} }
design:
  type: response-adaptive
  sampleSize: 300
  analyses: [100, 150, 200, 250]
  allocation: { rule: thompson, power: n/N, min: 0.1 }
  stopping: { superiority: 0.99, inferiority: 0.01 }
`);

  it('prints the threshold with its interval, to the digits it supports, and writes the scenario with it (comments kept)', () => {
    const out = join(dir, 'calibrated.yaml');
    const r = trialsim(['calibrate', file, '--target', '0.05', '--replicates', '1000', '--write', out, '--json']);
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout) as { threshold: number; lower: number; upper: number; achieved: number };
    expect(result.achieved).toBeLessThanOrEqual(0.05);
    const written = readFileSync(out, 'utf8');
    expect(written).toMatch(/^# three arms under the null/);
    expect((parse(written) as { design: { stopping: { superiority: number } } }).design.stopping.superiority).toBeGreaterThanOrEqual(result.threshold);
    const again = trialsim(['calibrate', file, '--target', '0.05', '--replicates', '1000', '--json']);
    expect(JSON.parse(again.stdout)).toEqual(result);
  });

  it('refuses a list of thresholds, naming the key', () => {
    const list = join(dir, 'list.yaml');
    writeFileSync(list, readFileSync(file, 'utf8').replace('superiority: 0.99', 'superiority: [0.99, 0.99, 0.99, 0.99, 0.99]'));
    const r = trialsim(['calibrate', list, '--replicates', '200']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/design\.stopping\.superiority: calibration finds one threshold for every analysis, found a list/);
  });

  it('gives the same threshold, byte for byte, with --workers 1 and 2, for the superiority rule and a bisected one', () => {
    for (const rule of ['superiority', 'inferiority']) {
      const [one, two] = ['1', '2'].map((w) => trialsim(['calibrate', file, '--rule', rule, '--target', '0.05', '--replicates', '300', '--workers', w]));
      expect(one.code).toBe(0);
      expect(two.stdout).toBe(one.stdout);
    }
  });

  it('prints no empty line in place of the rate when no threshold meets the target', () => {
    const r = trialsim(['calibrate', file, '--rule', 'inferiority', '--target', '0.05', '--replicates', '300', '--workers', '1']);
    expect(r.stdout).toContain('No threshold in (0, 1) meets the target.\n');
    expect(r.stdout.endsWith('\n\n')).toBe(false);
  });
});

