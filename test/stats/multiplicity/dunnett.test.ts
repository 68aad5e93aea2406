/**
 * Dunnett critical values and adjusted p-values against mvtnorm (fixture
 * written by test/fixtures/dunnett.R), plus identities.
 *
 * Tolerances, with reasons:
 *  - normal critical values vs uniroot(pmvnorm(Miwa(steps = 4096))): 1e-8.
 *    Miwa is deterministic and accurate to ~1e-12 in probability here; our
 *    Brent tolerance is 1e-10 (observed max difference ~2e-9).
 *  - vs mvtnorm's stochastic qmvnorm/qmvt (ptol = abseps = 1e-5): 3e-4. Its
 *    probability error ~1e-5 becomes ~1e-4 in c after dividing by dP/dc ≈ 0.1.
 *  - t critical values: 1e-9 where the fixture used TVPACK (exact; one-sided,
 *    K ≤ 3), 2e-5 where it used randomised Genz-Bretz (abseps 1e-9).
 *  - adjusted p-values vs 1 - pmvnorm(Miwa): 1e-9 absolute.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalQuantile, normalUpper, tQuantile } from '../../../src/stats/distributions.js';
import {
  bonferroni,
  dunnett,
  dunnettAdjust,
  dunnettCorrelation,
  dunnettCriticalValue,
  dunnettLambdas,
  dunnettProbability,
  dunnettStepDownAdjust,
  equicorrelatedLambdas,
  type Sidedness,
} from '../../../src/stats/multiplicity/index.js';

interface NormalCase {
  allocation: string;
  K: number;
  control: number;
  arms: number[];
  sided: Sidedness;
  alpha: number;
  exact: number;
  qmvnorm: number | null;
}
interface TCase {
  K: number;
  df: number;
  control: number;
  arms: number[];
  sided: Sidedness;
  alpha: number;
  exact: number;
  qmvt: number;
}
interface AdjustedCase {
  control: number;
  arms: number[];
  z: number[];
  sided: Sidedness;
  singleStep: number[];
  stepDown: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/dunnett.json', import.meta.url), 'utf8')) as {
  normal: NormalCase[];
  t: TCase[];
  adjusted: AdjustedCase[];
};

const name = (c: { K: number; control: number; arms: number[]; sided: number; alpha: number }): string =>
  `K=${c.K} control=${+c.control.toFixed(3)} arms=[${c.arms.join(',')}] sided=${c.sided} alpha=${c.alpha}`;

describe('normal critical values vs mvtnorm', () => {
  it.each(fixture.normal.map((c) => [`${c.allocation} ${name(c)}`, c] as const))('%s', (_n, c) => {
    const lambdas = dunnettLambdas(c.control, c.arms);
    const cv = dunnettCriticalValue(lambdas, c.alpha, { sided: c.sided });
    expect(Math.abs(cv - c.exact)).toBeLessThan(1e-8);
    if (c.qmvnorm !== null) expect(Math.abs(cv - c.qmvnorm)).toBeLessThan(3e-4);
    expect(dunnettProbability(cv, lambdas, { sided: c.sided })).toBeCloseTo(1 - c.alpha, 10);
  });
});

describe('multivariate t critical values vs mvtnorm', () => {
  it.each(fixture.t.map((c) => [`df=${c.df} ${name(c)}`, c] as const))('%s', (_n, c) => {
    const cv = dunnettCriticalValue(dunnettLambdas(c.control, c.arms), c.alpha, { sided: c.sided, df: c.df });
    const exactTol = c.sided === 1 && c.K <= 3 ? 1e-9 : 2e-5;
    expect(Math.abs(cv - c.exact)).toBeLessThan(exactTol);
    expect(Math.abs(cv - c.qmvt)).toBeLessThan(3e-4);
  });
});

describe('adjusted p-values vs 1 - pmvnorm', () => {
  it.each(fixture.adjusted.map((c) => [`z=[${c.z.join(',')}] ${name({ ...c, K: c.z.length, alpha: 0 })}`, c] as const))(
    '%s',
    (_n, c) => {
      const lambdas = dunnettLambdas(c.control, c.arms);
      const single = dunnettAdjust(c.z, lambdas, { sided: c.sided });
      const step = dunnettStepDownAdjust(c.z, lambdas, { sided: c.sided });
      c.z.forEach((_, i) => {
        expect(Math.abs(single[i]! - c.singleStep[i]!)).toBeLessThan(1e-9);
        expect(Math.abs(step[i]! - c.stepDown[i]!)).toBeLessThan(1e-9);
      });
    },
  );
});

describe('identities', () => {
  it('K = 1 gives z_{1-alpha} (one-sided) and z_{1-alpha/2} (two-sided), and t quantiles with df', () => {
    const l = dunnettLambdas(1, [1]);
    expect(dunnettCriticalValue(l, 0.025)).toBeCloseTo(normalQuantile(0.975), 9);
    expect(dunnettCriticalValue(l, 0.05, { sided: 2 })).toBeCloseTo(normalQuantile(0.975), 9);
    expect(dunnettCriticalValue(l, 0.05, { df: 12 })).toBeCloseTo(tQuantile(0.95, 12), 9);
    expect(dunnettCriticalValue(l, 0.05, { df: 7.5, sided: 2 })).toBeCloseTo(tQuantile(0.975, 7.5), 9);
  });

  it('independent comparisons give the Sidak value', () => {
    for (const K of [2, 3, 5]) {
      const cv = dunnettCriticalValue(equicorrelatedLambdas(K, 0), 0.025);
      expect(cv).toBeCloseTo(normalQuantile(Math.pow(0.975, 1 / K)), 9);
    }
  });

  it("matches Dunnett's tabulated large-sample value for two arms with equal allocation", () => {
    // Dunnett (1955) / Bechhofer-Dunnett tables, rho = 1/2, K = 2, one-sided 0.025, df = Inf: 2.212.
    expect(dunnettCriticalValue(dunnettLambdas(50, [50, 50]), 0.025)).toBeCloseTo(2.2121, 3);
  });

  it('the correlation matrix is sqrt(n_k n_j / ((n_k + n_0)(n_j + n_0)))', () => {
    const R = dunnettCorrelation(dunnettLambdas(60, [30, 90]));
    expect(R[0]![0]).toBe(1);
    expect(R[0]![1]).toBeCloseTo(Math.sqrt((30 * 90) / ((30 + 60) * (90 + 60))), 15);
  });

  it('adjusted p-value at the critical value is alpha; Dunnett sits between Sidak-like and Bonferroni', () => {
    const lambdas = dunnettLambdas(2, [1, 1, 1, 1]);
    const cv = dunnettCriticalValue(lambdas, 0.025);
    expect(dunnettAdjust([cv, 0, 0, 0], lambdas)[0]).toBeCloseTo(0.025, 11);
    expect(cv).toBeLessThan(normalQuantile(1 - 0.025 / 4));
    expect(cv).toBeGreaterThan(normalQuantile(0.975));
  });

  it('Bonferroni rejections ⊆ single-step Dunnett ⊆ step-down Dunnett', () => {
    const lambdas = dunnettLambdas(1, [1, 1, 1]);
    const z = [2.45, 2.3, 2.1];
    const single = dunnett(z, lambdas, 0.025);
    const step = dunnettStepDownAdjust(z, lambdas);
    const bonf = bonferroni(z.map((x) => normalUpper(x)), 0.025);
    z.forEach((_, i) => {
      if (bonf.rejected[i]) expect(single.rejected[i]).toBe(true);
      if (single.rejected[i]) expect(step[i]!).toBeLessThanOrEqual(0.025);
      expect(step[i]!).toBeLessThanOrEqual(single.adjusted[i]! + 1e-15);
    });
    // Here single-step rejects only the first; step-down rejects all three.
    expect(single.rejected).toEqual([true, false, false]);
    expect(step.every((p) => p <= 0.025)).toBe(true);
  });

  it('large df approaches the normal answer', () => {
    const l = dunnettLambdas(1, [1, 1, 1]);
    expect(dunnettCriticalValue(l, 0.025, { df: 1e7 })).toBeCloseTo(dunnettCriticalValue(l, 0.025), 6);
  });
});

