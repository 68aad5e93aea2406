/**
 * Same inputs and seed give byte-identical sweep CSV and JSON and compare
 * JSON, however the replicates are cut into chunks (the engine's sums are
 * exact and rows come back in replicate order), and nothing in them depends
 * on the clock.
 */
import { describe, it, expect } from 'vitest';
import { runSweep } from '../../src/compare/sweep.js';
import { sweepCsv } from '../../src/compare/sweep-table.js';
import { runCompare } from '../../src/compare/compare.js';
import { binaryScenario, cancellationScenario } from '../report/sample-reports.js';

const vary = [{ key: 'design.sampleSize', values: [100, 160] }, { key: 'arms.drug.effect', values: [0.5, 0.9] }];

describe('determinism', () => {
  it('a sweep gives identical CSV and JSON for the same seed, whatever the chunking', async () => {
    const one = await runSweep(binaryScenario(0.3, 0.5, 100, 300), vary, { workers: 0 });
    const two = await runSweep(binaryScenario(0.3, 0.5, 100, 300), vary, { workers: 0, chunkSize: 7 });
    expect(sweepCsv(two)).toBe(sweepCsv(one));
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    const other = await runSweep(binaryScenario(0.3, 0.5, 100, 300), vary, { workers: 0, seed: 5 });
    expect(sweepCsv(other)).not.toBe(sweepCsv(one));
  });

  it('a comparison gives identical JSON for the same seed, whatever the chunking', async () => {
    const files = () => [cancellationScenario(300, 200), cancellationScenario(240, 200)];
    const one = await runCompare(files(), { workers: 0 });
    const two = await runCompare(files(), { workers: 0, chunkSize: 13 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });

  it('neither output carries a timestamp', async () => {
    const c = JSON.stringify(await runCompare([binaryScenario(0.3, 0.5, 40, 20), binaryScenario(0.3, 0.5, 48, 20)], { workers: 0 }));
    const s = JSON.stringify(await runSweep(binaryScenario(0.3, 0.5, 40, 20), [{ key: 'design.sampleSize', values: [40] }], { workers: 0 }));
    for (const text of [c, s]) expect(text).not.toMatch(/20\d\d-\d\d-\d\dT|"started"|"seconds"/);
  });
});
