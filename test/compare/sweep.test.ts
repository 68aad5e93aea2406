/**
 * A sweep runs every grid point as its own scenario: the varied keys really
 * change the trial (each point's power matches its exact value), the tidy
 * table has one row per grid point x hypothesis, and running grid points in
 * parallel changes nothing but the time taken.
 */
import { describe, it, expect } from 'vitest';
import { runSweep } from '../../src/compare/sweep.js';
import { sweepTable } from '../../src/compare/sweep-table.js';
import { exactPooledZRejectionProbability } from '../../src/stats/exact-power.js';
import { logistic, logit } from '../../src/stats/distributions.js';
import { binaryScenario, cancellationScenario } from '../report/sample-reports.js';
import { binomialMcse, expectWithinMcse } from '../helpers/mcse.js';

describe('sweep', () => {
  it('each grid point has the exact power of its own sample size and effect, within 4 MCSE', async () => {
    const R = 600;
    const result = await runSweep(binaryScenario(0.3, 0.5, 100, R), [
      { key: 'design.sampleSize', values: [80, 160] },
      { key: 'arms.drug.effect', values: [0.4, 0.9] },
    ], { workers: 0 });
    expect(result.points).toHaveLength(4);
    for (const p of result.points) {
      const n = p.values['design.sampleSize'] as number, effect = p.values['arms.drug.effect'] as number;
      const exact = exactPooledZRejectionProbability({ n1: n / 2, p1: logistic(logit(0.3) + effect), n0: n / 2, p0: 0.3, alpha: 0.05, sided: 2 });
      const h = p.summary.hypotheses[0];
      expectWithinMcse(h.rate, exact, { mcse: binomialMcse(exact, R), what: `n ${n}, effect ${effect}` });
    }
  });

  it('writes one tidy row per grid point and hypothesis, with the varied keys as columns', async () => {
    const result = await runSweep(cancellationScenario(200, 50), [{ key: 'design.sampleSize', values: [100, 200, 300] }], { workers: 0 });
    const t = sweepTable(result);
    expect(t.columns).toEqual(['design.sampleSize', 'hypothesis', 'family', 'meaning', 'true_effect', 'rejections', 'replicates', 'rate', 'mcse', 'ci_low', 'ci_high', 'expected_sample_size']);
    const H = result.points[0].summary.hypotheses.length;
    expect(H).toBe(7);
    expect(t.rows).toHaveLength(3 * H);
    expect(t.rows.map((r) => r[0])).toEqual([100, 200, 300].flatMap((n) => Array(H).fill(n)));
    expect(t.rows.map((r) => r[11])).toEqual([100, 200, 300].flatMap((n) => Array(H).fill(n)));
    expect(t.rows.filter((r) => r[1] === 'drug-vs-control').map((r) => r[3])).toEqual(['type I error', 'type I error', 'type I error']);
  });

  it('gives the same results with grid points run in parallel', async () => {
    const vary = [{ key: 'design.sampleSize', values: [60, 100, 140] }];
    const one = await runSweep(binaryScenario(0.3, 0.5, 100, 100), vary, { workers: 0, parallel: 1 });
    const three = await runSweep(binaryScenario(0.3, 0.5, 100, 100), vary, { workers: 0, parallel: 3 });
    expect(JSON.stringify(three)).toBe(JSON.stringify(one));
  });

  it('gives the same results when grid points in flight share one pool of worker threads', async () => {
    const vary = [{ key: 'design.sampleSize', values: [60, 100, 140] }];
    const inThread = await runSweep(binaryScenario(0.3, 0.5, 100, 100), vary, { workers: 0, parallel: 1 });
    const pooled = await runSweep(binaryScenario(0.3, 0.5, 100, 100), vary, { workers: 2, parallel: 2, chunkSize: 7 });
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(inThread));
  });
});
