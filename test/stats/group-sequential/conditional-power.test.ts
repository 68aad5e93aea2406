/**
 * Conditional power against the closed form of Jennison & Turnbull (2000,
 * eq. 10.6), evaluated by hand in R (values in the comments), plus the
 * identity E[CP_δ(Z_t)] = P(Z_1 ≥ c) = Φ(δ - c) (tower property).
 */
import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../../src/stats/distributions.js';
import {
  conditionalPower,
  conditionalPowerCurrentTrend,
  conditionalPowerTheta,
} from '../../../src/stats/group-sequential/index.js';

describe('conditional power', () => {
  it('matches hand-computed closed forms', () => {
    // z = 1.5 at t = 0.5, c = 1.96.
    // current trend: pnorm((1.5/sqrt(.5) - 1.96)/sqrt(.5)) = 0.590231848861008
    expect(conditionalPowerCurrentTrend(1.5, 0.5, 1.96)).toBeCloseTo(0.590231848861008, 14);
    // under H0: pnorm((1.5*sqrt(.5) - 1.96)/sqrt(.5)) = 0.101711684994140
    expect(conditionalPower(1.5, 0.5, 1.96, 0)).toBeCloseTo(0.10171168499414, 14);
    // drift 2.8: pnorm((1.5*sqrt(.5) - 1.96 + 2.8*.5)/sqrt(.5)) = 0.760539916865831
    expect(conditionalPower(1.5, 0.5, 1.96, 2.8)).toBeCloseTo(0.760539916865831, 14);
    // z = 0.8 at t = 0.3, c = 2.1, drift 3: 0.699764369938307
    expect(conditionalPower(0.8, 0.3, 2.1, 3)).toBeCloseTo(0.699764369938307, 14);
  });

  it('current trend equals the fixed-drift formula at delta = z/sqrt(t)', () => {
    for (const [z, t] of [[0.3, 0.2], [2.2, 0.75], [-1, 0.5]] as const) {
      expect(conditionalPowerCurrentTrend(z, t, 1.96)).toBeCloseTo(conditionalPower(z, t, 1.96, z / Math.sqrt(t)), 14);
    }
  });

  it('information-scale version agrees with the fraction-scale version', () => {
    // I_k = 40, I_K = 100, theta = 0.25 -> t = 0.4, delta = 2.5.
    expect(conditionalPowerTheta(1.2, 40, 100, 1.96, 0.25)).toBeCloseTo(conditionalPower(1.2, 0.4, 1.96, 2.5), 15);
  });

  it('averaging CP over the interim z recovers the unconditional power', () => {
    const t = 0.4;
    const delta = 2.5;
    const c = 1.96;
    // Z_t ~ N(delta*sqrt(t), 1); trapezoid over +-10 sd is exact to ~1e-12 here.
    const mu = delta * Math.sqrt(t);
    const h = 0.001;
    let acc = 0;
    for (let x = mu - 10; x <= mu + 10; x += h) {
      acc += (Math.exp(-0.5 * (x - mu) ** 2) / Math.sqrt(2 * Math.PI)) * conditionalPower(x, t, c, delta) * h;
    }
    expect(acc).toBeCloseTo(normalCdf(delta - c), 9);
  });

  it('validates the information fraction', () => {
    expect(() => conditionalPower(1, 1, 1.96, 0)).toThrow();
    expect(() => conditionalPower(1, 0, 1.96, 0)).toThrow();
  });
});
