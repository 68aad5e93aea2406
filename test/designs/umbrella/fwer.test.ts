/**
 * Family-wise error rate under the global null for each multiplicity method.
 *
 * With matched or separate controls and disjoint eligibility the substudies
 * share no patients, so their tests are independent and the FWER is exact
 * from each substudy's exact size s(a) = P(p < a) (binomial enumeration):
 *   none                 1 - (1 - s(α))^K
 *   Bonferroni, Holm     1 - (1 - s(α/K))^K   (under the global null Holm
 *                        rejects something iff min p <= α/K, as Bonferroni)
 *   Hochberg             1 - P(p_(1) > α/3, p_(2) > α/2, p_(3) > α), by
 *                        enumerating which of the bins the K p-values fall in
 *   Dunnett              with no shared patients the correlations are 0 and
 *                        Dunnett's critical value is Šidák's, so
 *                        1 - (1 - s(1 - (1 - α)^(1/K)))^K.
 * With a shared control and all-concurrent comparisons the statistics are
 * correlated (Corr = λ_k λ_j); in a large-sample setting (normal endpoint,
 * about 100 patients per arm, Welch's test) Dunnett's FWER is α itself.
 */
import { describe, it, expect } from 'vitest';
import { exactPooledZRejectionProbability } from '../../../src/stats/exact-power.js';
import { run, expectRate, hypothesis } from './helpers.js';

const K = 3, ALPHA = 0.05, R = 20000;
const size = (a: number) => exactPooledZRejectionProbability({ n1: 30, p1: 0.3, n0: 30, p0: 0.3, alpha: a, sided: 2 });
const any = (s: number) => 1 - (1 - s) ** K;

function globalNull(multiplicity: string, sharing: 'shared' | 'separate') {
  return {
    name: `FWER ${multiplicity}`, seed: 31, replicates: R, truth: { patients: 20000 },
    population: { biomarkers: [{ id: 'site', type: 'categorical', levels: { x: 1 / 3, y: 1 / 3, z: 1 / 3 } }] },
    endpoint: { type: 'binary', intercept: Math.log(0.3 / 0.7) },
    arms: { control: {}, d1: {}, d2: {}, d3: {} },
    design: {
      type: 'umbrella',
      screening: { ratePerMonth: 30 },
      control: { sharing },
      randomisation: { method: 'permuted-block', blockSize: 4 },
      substudies: ['x', 'y', 'z'].map((level, k) => ({ id: `S${k + 1}`, eligibility: `site == ${level}`, drug: `d${k + 1}`, sampleSize: 60 })),
      analysis: { test: 'z-pooled', alpha: ALPHA, sided: 'two', multiplicity },
    },
  };
}

/** Exact Hochberg FWER for K = 3 independent tests with the same p-value law. */
function hochbergFwer(): number {
  const cut = [size(ALPHA / 3), size(ALPHA / 2), size(ALPHA)];
  const bin = [cut[0], cut[1] - cut[0], cut[2] - cut[1], 1 - cut[2]];
  let none = 0;
  for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) for (let c = 0; c < 4; c++) {
    const bins = [a, b, c];
    const upTo = (k: number) => bins.filter((x) => x <= k).length;
    if (upTo(0) === 0 && upTo(1) <= 1 && upTo(2) <= 2) none += bin[a] * bin[b] * bin[c];
  }
  return 1 - none;
}

describe('family-wise error under the global null', () => {
  it('no adjustment: FWER is 1 - (1 - size)^3 with independent substudies', async () => {
    const s = await run(globalNull('none', 'separate'));
    expectRate(s, 'fwer', any(size(ALPHA)));
    expect(hypothesis(s, 'fwer').meaning).toBe('type I error');
    expect(s.hypotheses.some((h) => h.id === 'disjunctive-power')).toBe(false);
  });

  it('Bonferroni: FWER is exact and below alpha', async () => {
    const s = await run(globalNull('bonferroni', 'shared'));
    const exact = any(size(ALPHA / K));
    expect(exact).toBeLessThan(ALPHA);
    expectRate(s, 'fwer', exact);
  });

  it('Holm: FWER equals Bonferroni\'s under the global null', async () => {
    expectRate(await run(globalNull('holm', 'shared')), 'fwer', any(size(ALPHA / K)));
  });

  it('Hochberg: FWER is exact by enumerating the p-value bins', async () => {
    const exact = hochbergFwer();
    expect(exact).toBeGreaterThanOrEqual(any(size(ALPHA / K)));
    expectRate(await run(globalNull('hochberg', 'separate')), 'fwer', exact);
  });

  it("Dunnett without shared patients is Šidák's test, with its exact FWER", async () => {
    const exact = any(size(1 - (1 - ALPHA) ** (1 / K)));
    expectRate(await run(globalNull('dunnett', 'shared')), 'fwer', exact);
  });

  it('Dunnett with a shared control compared with all concurrent controls keeps the FWER at alpha (large samples)', async () => {
    const s = await run({
      name: 'Dunnett shared', seed: 41, replicates: 10000, truth: { patients: 20000 },
      population: { biomarkers: [{ id: 'site', type: 'categorical', levels: { x: 1 / 3, y: 1 / 3, z: 1 / 3 } }] },
      endpoint: { type: 'continuous', intercept: 0, sd: 1 },
      arms: { control: {}, d1: {}, d2: {}, d3: {} },
      design: {
        type: 'umbrella',
        // The cap stops screening before any target is reached, so every
        // comparison uses the same pool of controls: Dunnett's structure,
        // with λ = √(n_k / (n_k + n_0)) = √(100 / 400) = 0.5 as planned.
        screening: { ratePerMonth: 30, cap: { patients: 600 } },
        control: { sharing: 'shared', compareWith: 'all-concurrent' },
        randomisation: { method: 'permuted-block', blockSize: 2 },
        substudies: ['x', 'y', 'z'].map((level, k) => ({ id: `S${k + 1}`, eligibility: `site == ${level}`, drug: `d${k + 1}`, sampleSize: 3000 })),
        analysis: { test: 'welch-t', alpha: ALPHA, sided: 'two', multiplicity: 'dunnett' },
      },
    });
    expectRate(s, 'fwer', ALPHA);
    expect(s.testing).toMatchObject({ multiplicity: 'dunnett' });
    // Šidák would be 2.3877; positive correlation lowers Dunnett's value.
    expect((s.testing as { dunnettCriticalValue: number }).dunnettCriticalValue).toBeLessThan(2.3877);
  });
});
