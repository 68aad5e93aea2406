/**
 * Absurd workloads and table sizes are refused at validate time, with the
 * figure, the limit and the key path, before any memory is taken or any
 * work starts; --force (force: true) accepts the workloads that are only
 * long, never the tables that cannot fit.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { ScenarioError } from '../../src/scenario/errors.js';
import { simulate } from '../../src/run/simulate.js';
import { scenario } from '../helpers/scenarios.js';
import { trialsim, scenarioFile, ROOT } from '../helpers/cli.js';
import { join } from 'node:path';

// Copies of the shared reliability reports' reproductions, kept here so the test runs from any clone.
const repro = (name: string) => join(ROOT, 'test', 'fixtures', 'reliability-repros', name);

function twoArm(over: { design?: Record<string, unknown>; top?: Record<string, unknown>; markers?: number } = {}) {
  const markers = Array.from({ length: over.markers ?? 1 }, (_, k) => ({ id: `m${k}`, type: 'binary', prevalence: 0.5 }));
  return {
    name: 'workload', seed: 3, replicates: 20, truth: { patients: 2000 },
    population: { biomarkers: markers },
    endpoint: { type: 'binary', intercept: 0 },
    arms: { control: {}, drug: { effect: 0.3 } },
    design: { type: 'two-arm', sampleSize: 100, analysis: { primary: { test: 'z-pooled' } }, ...over.design },
    ...over.top,
  };
}

function refusal(data: Record<string, unknown>, force = false): string {
  try {
    scenario(data, force ? { force: true } : {});
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('workload limits at validate time', () => {
  it('a virtual population of 1e10 for the true effects is refused, naming truth.patients and the limit; force accepts it', () => {
    const data = twoArm({ top: { truth: { patients: 1e10 } } });
    expect(refusal(data)).toMatch(/truth\.patients: refusing to start: 1\.00e\+10 virtual patients .* limit of 1e\+8 .* --force/);
    expect(scenario(data, { force: true }).spec.truth.patients).toBe(1e10);
  });

  it('days of patient-replicates are refused with the estimate; force accepts them', () => {
    const data = twoArm({ top: { replicates: 4e9 } });
    expect(refusal(data)).toMatch(/replicates: refusing to start: 4\.00e\+11 patient-replicates \(4000000000 replicates x 100 patients\)/);
    expect(scenario(data, { force: true }).spec.replicates).toBe(4e9);
  });

  it('40 binary strata are refused with the number of block slots, even with force', () => {
    const data = twoArm({ markers: 40, design: { randomisation: { method: 'permuted-block', blockSize: 4, strata: Array.from({ length: 40 }, (_, k) => `m${k}`) } } });
    expect(refusal(data, true)).toMatch(/design\.randomisation: expected at most 1e\+7 block slots \(strata x block size\), found 4\.40e\+12 \(1099511627776 strata x 4\)/);
  });

  it('a stratum listed 2,000 times is refused once, and a long list of problems is cut to 20 with a count', () => {
    const once = refusal(twoArm({ design: { randomisation: { method: 'permuted-block', blockSize: 4, strata: Array(2000).fill('m0') } } }));
    expect(once.match(/found "m0" again/g)).toHaveLength(1);
    const many = refusal(twoArm({ top: { arms: Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`a${k}`, { interactions: { nope: 1 } }])) } }));
    expect(many).toMatch(/30 problems/);
    expect(many).toMatch(/\.\.\. and 10 more$/);
  });

  it('a block of 2e9 patients is refused by the schema', () => {
    expect(refusal(twoArm({ design: { randomisation: { method: 'permuted-block', blockSize: 2e9 } } }))).toMatch(/design\.randomisation\.blockSize: expected a number <= 1000000/);
  });

  it('lists beyond their limits are refused: 1,001 biomarkers, 101 arms', () => {
    expect(refusal(twoArm({ markers: 1001 }))).toMatch(/population\.biomarkers: .*1000/);
    const arms = Object.fromEntries(Array.from({ length: 101 }, (_, k) => [`a${k}`, {}]));
    expect(refusal(twoArm({ top: { arms } }))).toMatch(/arms: expected at most 100 arms/);
  });

  it('40 binary prognostic markers (2^40 patient patterns) run, evaluating the predictor per patient', async () => {
    const data = twoArm({ markers: 40, top: { endpoint: { type: 'binary', intercept: 0, prognostic: Object.fromEntries(Array.from({ length: 40 }, (_, k) => [`m${k}`, 0.01])) } } });
    const { summary } = await simulate(scenario(data), { workers: 0 });
    expect(summary.replicates).toBe(20);
  });

  it('a rates table must cover every subgroup pattern, over at most 4,096 patterns', () => {
    const rates = (rows: Record<string, unknown>[]) => twoArm({
      markers: 2,
      top: { arms: { control: {}, drug: {} }, endpoint: { type: 'binary', model: 'rates', rates: rows } },
    });
    expect(refusal(rates([{ subgroup: { m0: 1 }, rates: { control: 0.2, drug: 0.4 } }]))).toMatch(/endpoint\.rates: expected a row for every subgroup pattern, found none for m0=0/);
    expect(() => scenario(rates([{ subgroup: { m0: 1 }, rates: { control: 0.2, drug: 0.4 } }, { subgroup: {}, rates: { control: 0.2, drug: 0.2 } }]))).not.toThrow();
  });
});

describe('the command line', () => {
  it('refuses a million workers', () => {
    const r = trialsim(['run', join(ROOT, 'scenarios/flagship/two-arm-binary.yaml'), '--workers', '1000000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--workers: expected a whole number from 0 to 1024, found 1000000/);
  });

  it('validate refuses the shared reproductions of huge tables and populations, and accepts them with --force only where they are merely long', () => {
    for (const [file, expected] of [['truth-1e10.yaml', /truth\.patients: refusing to start/], ['strata-40.yaml', /block slots/], ['blocksize-2e9.yaml', /blockSize/]] as const) {
      const text = readFileSync(repro(file), 'utf8');
      const r = trialsim(['validate', scenarioFile(text)]);
      expect(r.code, file).toBe(2);
      expect(r.stderr).toMatch(expected);
    }
    expect(trialsim(['validate', '--force', scenarioFile(readFileSync(repro('truth-1e10.yaml'), 'utf8'))]).code).toBe(0);
  });
});

describe('bounds found by the fuzzer', () => {
  it('a basket of 2^32 patients is refused by the schema, not by an allocation failure', () => {
    const text = readFileSync(join(ROOT, 'scenarios/basket/mixed-1-active.yaml'), 'utf8');
    const r = trialsim(['validate', scenarioFile(text.replace(/sampleSize: \d+/, 'sampleSize: 4294967296'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sampleSize: expected a number <= 1000000, found 4294967296/);
  });

  it('a sequential level of 1e308 weeks is refused by the schema, not by an overflowing sum in a worker', () => {
    const text = readFileSync(join(ROOT, 'scenarios/flagship/stard.yaml'), 'utf8');
    expect(text).toMatch(/weeks: \d+/);
    const r = trialsim(['validate', scenarioFile(text.replace(/weeks: \d+/, 'weeks: 1e308'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/weeks: expected a number <= 10000, found 1e\+308/);
  });
});
