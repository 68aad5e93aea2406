/**
 * Common random numbers cut the Monte Carlo error of a difference in power.
 *
 * Two designs differing only in sample size (200 vs 240 patients, 30% vs 45%
 * response, pooled z-test) run over the same population. With common random
 * numbers replicate r of both designs sees the same first 200 patients and
 * the same randomisation, so their decisions agree in most replicates
 * (correlation about 0.7 here) and the paired SE is about
 * sqrt(1 - 0.7) ≈ 0.55 of the independent-runs SE. With independent streams
 * (seed + 1 for the second design) the decisions are uncorrelated and the
 * paired SE estimates the independent SE.
 *
 * Margins: with R = 2000 pairs the estimated correlation has an SE of about
 * (1 - ρ²)/sqrt(R) ≈ 0.012 (ρ ≈ 0.7) and about 1/sqrt(R) ≈ 0.022 (ρ = 0);
 * the SE ratio sqrt(1 - ρ·2σaσb/(σa² + σb²)) therefore has an SE of about
 * 0.011 under common random numbers and 0.5/sqrt(R) ≈ 0.011 without. The
 * thresholds below (ratio < 0.7; |ratio - 1| < 4 × 0.011) are over 10 and
 * exactly 4 of those SEs from the expected values (0.55 and 1).
 */
import { describe, it, expect } from 'vitest';
import { runCompare } from '../../src/compare/compare.js';
import { exactPooledZRejectionProbability } from '../../src/stats/exact-power.js';
import { binaryScenario } from '../report/sample-reports.js';
import { expectWithinMcse } from '../helpers/mcse.js';

const R = 2000;
const exact = (n: number) => exactPooledZRejectionProbability({ n1: n / 2, p1: 0.45, n0: n / 2, p0: 0.3, alpha: 0.05, sided: 2 });

describe('common random numbers', () => {
  it('give a paired SE of the power difference well below the independent-runs SE, and an honest one', async () => {
    const c = await runCompare([binaryScenario(0.3, 0.45, 200, R), binaryScenario(0.3, 0.45, 240, R)], { workers: 0 });
    expect(c.commonRandomNumbers).toBe(true);
    expect(c.scenarios[1].samePatients).toBe(true);
    const d = c.hypotheses.find((h) => h.id === 'drug-vs-control')!.differences[1]!;
    expect(d.pairs).toBe(R);
    expect(d.seRatio!).toBeLessThan(0.7);
    expect(d.correlation!).toBeGreaterThan(0.5);
    // The independent SE is the two summaries' MCSEs combined.
    const [a, b] = c.hypotheses[0].results;
    expect(d.independentSe).toBeCloseTo(Math.hypot(a!.mcse, b!.mcse), 12);
    // The paired SE is not an underestimate: the exact difference lies within 4 of them.
    expectWithinMcse(d.difference, exact(240) - exact(200), { mcse: d.pairedSe, what: 'paired difference' });
  });

  it('are absent with independent streams: the paired SE then matches the independent SE', async () => {
    const c = await runCompare([binaryScenario(0.3, 0.45, 200, R), binaryScenario(0.3, 0.45, 240, R)], { workers: 0, commonRandomNumbers: false });
    expect(c.scenarios.map((s) => s.seed)).toEqual([2026, 2027]);
    expect(c.scenarios[1].samePatients).toBe(false);
    const d = c.hypotheses[0].differences[1]!;
    expectWithinMcse(d.seRatio!, 1, { mcse: 0.5 / Math.sqrt(R), what: 'SE ratio' });
    expectWithinMcse(d.difference, exact(240) - exact(200), { mcse: d.independentSe, what: 'independent difference' });
  });
});
