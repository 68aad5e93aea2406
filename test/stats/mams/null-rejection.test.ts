/**
 * The MAMS family-wise error by integration against exact values and
 * independent implementations: one arm, one stage (1 - Φ(u), exact); K arms,
 * one stage (Dunnett's many-to-one probability, computed by a different
 * quadrature); one arm, several stages (the group-sequential exit
 * probabilities of src/stats/group-sequential, checked against rpact); and
 * the Gauss-Hermite rule's moments (exact).
 */
import { describe, it, expect } from 'vitest';
import { nullFamilywiseError } from '../../../src/stats/mams/null-rejection.js';
import { gaussHermiteNormal } from '../../../src/stats/mams/gauss-hermite.js';
import { dunnettProbability, dunnettLambdas } from '../../../src/stats/multiplicity/index.js';
import { exitProbabilities } from '../../../src/stats/group-sequential/index.js';
import { normalUpper } from '../../../src/stats/distributions.js';

describe('Gauss-Hermite rule for a standard normal', () => {
  it('integrates x^2, x^4, x^6 and x^38 exactly (1, 3, 15, 37!!)', () => {
    const r = gaussHermiteNormal(20);
    const moment = (p: number) => r.x.reduce((s, x, i) => s + r.w[i] * x ** p, 0);
    expect(moment(0)).toBeCloseTo(1, 13);
    expect(moment(2)).toBeCloseTo(1, 12);
    expect(moment(4)).toBeCloseTo(3, 11);
    expect(moment(6)).toBeCloseTo(15, 10);
    let dfact = 1;
    for (let k = 37; k > 1; k -= 2) dfact *= k;
    expect(moment(38) / dfact).toBeCloseTo(1, 8);
    expect(moment(3)).toBeCloseTo(0, 12);
  });
});

describe('family-wise error of a MAMS design under the global null', () => {
  it('one arm, one stage: 1 - Φ(u), exact', () => {
    for (const u of [1.2, 1.959963984540054, 2.8]) {
      expect(nullFamilywiseError({ arms: 1, armSizes: [50], controlSizes: [50] }, [u], [u])).toBeCloseTo(normalUpper(u), 8);
    }
  });

  it('K arms, one stage: Dunnett many-to-one, equal and unequal control sizes', () => {
    for (const [K, n, m, c] of [[2, 40, 40, 2.2], [4, 30, 30, 2.44], [3, 20, 40, 2.1], [5, 25, 60, 2.5]]) {
      const dunnett = 1 - dunnettProbability(c, dunnettLambdas(m, Array(K).fill(n)), { sided: 1 });
      expect(nullFamilywiseError({ arms: K, armSizes: [n], controlSizes: [m] }, [c], [c])).toBeCloseTo(dunnett, 7);
    }
  });

  it('one arm, two and three stages: the group-sequential rejection probability, with and without futility', () => {
    const cases = [
      { sizes: [1, 2], upper: [2.96259, 1.96860], lower: [-Infinity] },
      { sizes: [1, 2], upper: [2.8, 2.0], lower: [0] },
      { sizes: [1, 2, 3], upper: [3.47, 2.45, 2.0], lower: [-0.5, 0.5] },
      { sizes: [2, 3, 5], upper: [2.5, 2.5, 2.5], lower: [0, 0.8] },
    ];
    for (const c of cases) {
      const J = c.sizes.length;
      const gs = exitProbabilities({ informationRates: c.sizes.map((n) => n / c.sizes[J - 1]), efficacy: c.upper, futility: c.lower, drift: 0 });
      const mams = nullFamilywiseError({ arms: 1, armSizes: c.sizes, controlSizes: c.sizes }, c.upper, [...c.lower, c.upper[J - 1]]);
      expect(mams).toBeCloseTo(gs.overallReject, 7);
    }
  });

  it('no efficacy look at stage 1 and no futility: the single-stage Dunnett error at the final analysis', () => {
    const single = nullFamilywiseError({ arms: 3, armSizes: [60], controlSizes: [60] }, [2.3], [2.3]);
    const twoStage = nullFamilywiseError({ arms: 3, armSizes: [30, 60], controlSizes: [30, 60] }, [Infinity, 2.3], [-Infinity, 2.3]);
    expect(twoStage).toBeCloseTo(single, 7);
  });

  it('grows with the number of arms and falls as the bounds rise', () => {
    const g = (K: number) => ({ arms: K, armSizes: [1, 2], controlSizes: [1, 2] });
    const e2 = nullFamilywiseError(g(2), [2.5, 2.2], [0, 2.2]);
    const e4 = nullFamilywiseError(g(4), [2.5, 2.2], [0, 2.2]);
    const e4high = nullFamilywiseError(g(4), [2.6, 2.3], [0, 2.3]);
    expect(e4).toBeGreaterThan(e2);
    expect(e4high).toBeLessThan(e4);
  });
});
