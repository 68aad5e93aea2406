/**
 * The sample-size search against exact answers.
 *
 * 1. Against the simulator: a two-arm trial, 30% vs 50% response, pooled
 *    z-test at two-sided 5%, 1:1 permuted blocks of 4. The exact power of
 *    each total N (a multiple of 4, so N/2 per arm) is the exact enumeration
 *    of `stats/exact-power.ts`; the exact smallest N with power >= 80% must lie
 *    in the search's stated 95% interval, and so must the normal-approximation
 *    (Fleiss) sample size rounded up to a block.
 * 2. Against a known probit curve with binomial noise: over many searches the
 *    stated 95% intervals contain the true smallest value at about their
 *    nominal rate, so the stated uncertainty is honest.
 */
import { describe, it, expect } from 'vitest';
import { runSolve, defaultStep, defaultScale } from '../../src/compare/solve-run.js';
import { solveSampleSize } from '../../src/compare/solve.js';
import { exactPooledZRejectionProbability } from '../../src/stats/exact-power.js';
import { normalCdf, normalQuantile } from '../../src/stats/distributions.js';
import { stream } from '../../src/random/stream.js';
import { binaryScenario } from '../report/sample-reports.js';
import { binomialMcse, expectWithinMcse } from '../helpers/mcse.js';

const p0 = 0.3, p1 = 0.5, target = 0.8;
const exactPower = (N: number) => exactPooledZRejectionProbability({ n1: N / 2, p1, n0: N / 2, p0, alpha: 0.05, sided: 2 });

/** Fleiss (1981) normal approximation without continuity correction, patients per arm. */
function fleissPerArm(): number {
  const za = normalQuantile(0.975), zb = normalQuantile(target);
  const pbar = (p0 + p1) / 2;
  return (za * Math.sqrt(2 * pbar * (1 - pbar)) + zb * Math.sqrt(p1 * (1 - p1) + p0 * (1 - p0))) ** 2 / (p1 - p0) ** 2;
}

describe('sample-size search on the simulator', () => {
  it('finds the exact smallest two-arm sample size within its stated uncertainty', async () => {
    const r = await runSolve(binaryScenario(p0, p1, 100, 4000), { key: 'design.sampleSize', target, range: [40, 800], tolerance: 4, budget: 200_000, workers: 0 });
    let exactN = 4;
    while (exactPower(exactN) < target) exactN += 4;
    expect(exactN).toBe(188);
    const fleissN = 4 * Math.ceil((2 * fleissPerArm()) / 4);
    expect(r.status).toBe('solved');
    expect(r.step).toBe(4);
    expect(r.answer! % 4).toBe(0);
    expect(r.interval![0]).toBeLessThanOrEqual(exactN);
    expect(r.interval![1]).toBeGreaterThanOrEqual(exactN);
    expect(r.interval![0]).toBeLessThanOrEqual(fleissN);
    expect(r.interval![1]).toBeGreaterThanOrEqual(fleissN);
    // The interval is informative: a few blocks wide.
    expect(r.interval![1] - r.interval![0]).toBeLessThanOrEqual(16);
    // The confirmation run agrees with the exact power at the answer within 4 MCSE.
    const c = r.confirmation!;
    const e = exactPower(r.answer!);
    expectWithinMcse(c.rate, e, { mcse: binomialMcse(e, c.replicates), what: 'confirmation power' });
    // More replicates near the answer than in the bracketing.
    const far = r.evaluations.filter((x) => x.stage === 'bracket').map((x) => x.replicates);
    const near = r.evaluations.filter((x) => x.stage === 'refine').map((x) => x.replicates);
    expect(Math.max(...near)).toBeGreaterThan(Math.max(...far));
  });

  it('says so when the target is not reached within the range, or already at its lower end', async () => {
    const low = await runSolve(binaryScenario(p0, p1, 100, 400), { key: 'design.sampleSize', target, range: [40, 100], workers: 0 });
    expect(low.status).toBe('not-reached');
    expect(low.answer).toBeNull();
    const high = await runSolve(binaryScenario(p0, p1, 100, 400), { key: 'design.sampleSize', target, range: [400, 800], workers: 0 });
    expect(high.status).toBe('reached-at-lower-end');
    expect(high.answer).toBe(400);
  });
});

describe('sample-size search settings', () => {
  it('refuses a key that is not a number and a hypothesis the design does not report', async () => {
    const s = binaryScenario(p0, p1, 100, 100);
    await expect(runSolve(s, { key: 'design.type', target })).rejects.toThrow(/--solve design\.type: expected a numeric scenario key, found "two-arm"/);
    await expect(runSolve(s, { key: 'design.sampleSize', target, hypothesis: 'nope' })).rejects.toThrow(/--hypothesis: expected one of drug-vs-control, found "nope"/);
    await expect(runSolve(s, { key: 'arms.drug.effect', target })).rejects.toThrow(/not a whole number, so give its granularity with --step/);
  });

  it('steps a permuted-block sample size by the block size, and fits sizes on the square-root scale', () => {
    const s = binaryScenario(p0, p1, 100, 100);
    expect(defaultStep(s.spec, 'design.sampleSize')).toBe(4);
    expect(defaultScale('design.sampleSize')).toBe('sqrt');
    expect(defaultScale('arms.drug.effect')).toBe('linear');
  });
});

describe('sample-size search on a known power curve', () => {
  // power(v) = Φ(0.2·sqrt(v) - 1.96): crosses 80% at v = ((z_0.8 + 1.96) / 0.2)² ≈ 196.2.
  const curve = (v: number) => normalCdf(0.2 * Math.sqrt(v) - 1.96);
  const crossing = ((normalQuantile(target) + 1.96) / 0.2) ** 2;

  it('gives 95% intervals that contain the true smallest grid value at about their nominal rate', async () => {
    const searches = 200;
    let covered = 0, crossingCovered = 0;
    for (let k = 0; k < searches; k++) {
      const u = stream(99, k, 'calibration');
      const r = await solveSampleSize(
        { from: 10, to: 1000, step: 2, target, scale: 'sqrt', initialReplicates: 200, budget: 20_000, tolerance: 6, confirmReplicates: 1 },
        async (v, n) => {
          const p = curve(v);
          let x = 0;
          for (let i = 0; i < n; i++) x += u() < p ? 1 : 0;
          return { rejections: x, replicates: n };
        },
      );
      const truth = 2 * Math.ceil(crossing / 2);
      if (r.interval![0] <= truth && truth <= r.interval![1]) covered++;
      if (r.crossing!.lower <= crossing && crossing <= r.crossing!.upper) crossingCovered++;
    }
    // Nominal 95%; 4 binomial SEs below it is 0.95 - 4·sqrt(0.95·0.05/200) = 0.888.
    expect(covered / searches).toBeGreaterThanOrEqual(0.888);
    // The continuous crossing's Fieller interval covers a little less (about 93% in
    // 400-search calibrations: the search stops when the interval is narrow).
    // 4 binomial SEs below 0.93 is 0.93 - 4·sqrt(0.93·0.07/200) = 0.858.
    expect(crossingCovered / searches).toBeGreaterThanOrEqual(0.858);
  });
});
