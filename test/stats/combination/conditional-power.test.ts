/**
 * Conditional power of two-stage combination tests: the inverse normal
 * one with weights √t, √(1 − t) and the current trend equals Jennison &
 * Turnbull's conditional power of a fixed-information test (eq. 10.6,
 * already checked), exactly; Fisher's bound c_α gives P(χ²₄ ≥ −2 log c_α) =
 * α to 1e-12; Fisher's conditional power matches a simulation of the
 * second stage within 4 MCSE.
 */
import { describe, it, expect } from 'vitest';
import { inverseNormalConditionalPower, fisherBound, fisherConditionalPower } from '../../../src/stats/combination/conditional-power.js';
import { conditionalPowerCurrentTrend } from '../../../src/stats/group-sequential/conditional-power.js';
import { chiSquareUpper, normalCdf } from '../../../src/stats/distributions.js';
import { normalSampler } from '../../../src/random/samplers.js';
import { mulberry32 } from '../../helpers/mulberry32.js';
import { expectWithinMcse, binomialMcse } from '../../helpers/mcse.js';

describe('conditional power of combination tests', () => {
  it('inverse normal with weights √t, √(1 − t) under the current trend is J&T\'s conditional power', () => {
    for (const [z1, t] of [[1.2, 0.5], [0.3, 0.3], [2.4, 0.7], [-0.5, 0.4]]) {
      const n1 = 100 * t, n2 = 100 * (1 - t);
      const cp = inverseNormalConditionalPower(z1, [Math.sqrt(t), Math.sqrt(1 - t)], 1.959963984540054, z1 * Math.sqrt(n2 / n1));
      expect(cp).toBeCloseTo(conditionalPowerCurrentTrend(z1, t, 1.959963984540054), 12);
    }
  });

  it('Fisher\'s bound: P(χ²₄ ≥ −2 log c_α) = α', () => {
    for (const alpha of [0.025, 0.05, 0.1, 0.001]) expect(chiSquareUpper(-2 * Math.log(fisherBound(alpha)), 4)).toBeCloseTo(alpha, 12);
    expect(fisherBound(0.025)).toBeCloseTo(0.0038, 4);
  });

  it('Fisher\'s conditional power matches a simulation of the second stage', () => {
    const random = mulberry32(21), normal = normalSampler(random);
    const alpha = 0.025, c = fisherBound(alpha), R = 40000;
    for (const [p1, drift] of [[0.05, 1.5], [0.2, 2.5], [0.01, 0.5]]) {
      let rejected = 0;
      for (let r = 0; r < R; r++) { const p2 = 1 - normalCdf(drift + normal()); if (p1 * p2 <= c) rejected++; }
      const cp = fisherConditionalPower(p1, alpha, drift);
      expectWithinMcse(rejected / R, cp, { mcse: binomialMcse(cp, R), what: `CP at p1 = ${p1}` });
    }
    expect(fisherConditionalPower(0.001, alpha, -3)).toBe(1);
  });
});
