/**
 * Equity-constrained allocation against a hand-worked example. Two groups:
 * deprived, 30% of people, baseline health 60, gaining 0.06 per unit;
 * advantaged, 70%, baseline 70, gaining 0.10 per unit. One unit per person
 * at most; a budget of 0.4 units per person; the constraint gives the
 * deprived at least half their capacity (0.5 x 0.3 = 0.15 units per person).
 * - Efficiency only: all 0.4 to the advantaged (room 0.7): units (0, 0.4);
 *   total gain 0.4 x 0.10 = 0.04 per person; health 60 and
 *   70 + 0.10 x 0.4 / 0.7 = 70.057143.
 * - Equal shares: 40% coverage in each: units (0.12, 0.28); total gain
 *   0.0072 + 0.028 = 0.0352; health 60.024 and 70.04.
 * - Constrained: 0.15 to the deprived, the other 0.25 to the advantaged;
 *   total gain 0.009 + 0.025 = 0.034; health 60.03 and 70 + 0.025/0.7 =
 *   70.035714.
 * At ε = 0 the Atkinson EDE is mean health, 67 + total gain, so efficiency
 * is preferred. At ε = 2, (0.3/60 + 0.7/70.057143)^−1 = 66.702938 against
 * equal shares' (0.3/60.024 + 0.7/70.04)^−1 = 66.700952: still efficiency.
 * The flip: for small gains the EDE changes by Σ w h^−ε Δh (times a common
 * factor), so equal shares beat efficiency when 0.0072 x 60^−ε + 0.028 x
 * 70^−ε > 0.04 x 70^−ε, i.e. (7/6)^ε > 0.012/0.0072 = 5/3, ε > ln(5/3) /
 * ln(7/6) = 3.3138; exactly (gains are not infinitesimal) about 3.303.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { efficiencyAllocation, equalAllocation, constrainedAllocation, pathAllocation, groupHealth, totalGain, type AllocationProblem } from '../../../src/stats/decision/equity.js';
import { atkinsonEde, flipEpsilon } from '../../../src/stats/decision/inequality.js';

const p: AllocationProblem = {
  share: Float64Array.of(0.3, 0.7), baseline: Float64Array.of(60, 70),
  capacity: Float64Array.of(0.3, 0.7), minimum: Float64Array.of(0.15, 0), budget: 0.4,
};
const b = [0.06, 0.1];
const round = (x: ArrayLike<number>) => Array.from(x, (v) => +v.toFixed(12));
const health = (x: Float64Array) => groupHealth(p, b, x, new Float64Array(2));

describe('equity-constrained allocation', () => {
  it('equals the hand-worked allocations, gains and health', () => {
    const eff = efficiencyAllocation(p, b, new Float64Array(2)), eq = equalAllocation(p, new Float64Array(2)), con = constrainedAllocation(p, b, new Float64Array(2));
    expect(round(eff)).toEqual([0, 0.4]);
    expect(round(eq)).toEqual([0.12, 0.28]);
    expect(round(con)).toEqual([0.15, 0.25]);
    expect(totalGain(b, eff)).toBeCloseTo(0.04, 14);
    expect(totalGain(b, eq)).toBeCloseTo(0.0352, 14);
    expect(totalGain(b, con)).toBeCloseTo(0.034, 14);
    expect(round(health(eff))).toEqual(round([60, 70 + 0.04 / 0.7]));
    expect(round(health(eq))).toEqual([60.024, 70.04]);
    expect(round(health(con))).toEqual(round([60.03, 70 + 0.025 / 0.7]));
  });

  it('prefers efficiency at ε = 0 and 2, and equal shares above the flip near 3.30', () => {
    const eff = health(efficiencyAllocation(p, b, new Float64Array(2))), eq = health(equalAllocation(p, new Float64Array(2)));
    expect(atkinsonEde(p.share, eff, 0)).toBeCloseTo(67.04, 12);
    expect(atkinsonEde(p.share, eff, 2)).toBeCloseTo(1 / (0.3 / 60 + 0.7 / (70 + 0.04 / 0.7)), 10);
    expect(atkinsonEde(p.share, eq, 2)).toBeCloseTo(1 / (0.3 / 60.024 + 0.7 / 70.04), 10);
    const d = (e: number) => atkinsonEde(p.share, eff, e) - atkinsonEde(p.share, eq, e);
    expect(d(2)).toBeGreaterThan(0);
    const flip = flipEpsilon(d, [0, 50])!;
    expect(d(flip - 1e-4)).toBeGreaterThan(0);
    expect(d(flip + 1e-4)).toBeLessThan(0);
    expect(flip).toBeCloseTo(3.303, 3);
    expect(Math.abs(flip - Math.log(5 / 3) / Math.log(7 / 6))).toBeLessThan(0.02);
  });

  it('equal shares pass a full group\'s excess on in proportion to size', () => {
    // Three equal groups, the first able to absorb only 0.1; budget 0.6: 0.1, then 0.25 each to the others.
    const q: AllocationProblem = { share: Float64Array.of(1 / 3, 1 / 3, 1 / 3), baseline: Float64Array.of(1, 1, 1), capacity: Float64Array.of(0.1, 1 / 3, 1 / 3), minimum: new Float64Array(3), budget: 0.6 };
    expect(round(equalAllocation(q, new Float64Array(3)))).toEqual([0.1, 0.25, 0.25]);
  });

  it('efficiency gives nothing to a group that would lose, leaving budget unspent', () => {
    expect(round(efficiencyAllocation(p, [-0.01, 0.1], new Float64Array(2)))).toEqual([0, 0.4]);
    expect(round(efficiencyAllocation({ ...p, budget: 0.9 }, [-0.01, 0.1], new Float64Array(2)))).toEqual([0, 0.7]);
  });

  const problems = fc.array(fc.record({
    share: fc.double({ min: 0.01, max: 1, noNaN: true }), room: fc.double({ min: 0, max: 3, noNaN: true }),
    minimum: fc.double({ min: 0, max: 1, noNaN: true }), benefit: fc.double({ min: -1, max: 1, noNaN: true }),
  }), { minLength: 2, maxLength: 12 }).chain((gs) => {
    const total = gs.reduce((a, g) => a + g.share, 0);
    const share = gs.map((g) => g.share / total), capacity = gs.map((g, k) => g.room * share[k]);
    const cap = capacity.reduce((a, c) => a + c, 0);
    return fc.double({ min: 0, max: 1, noNaN: true }).map((f) => {
      const budget = f * cap, minimum = gs.map((g, k) => g.minimum * capacity[k]);
      const need = minimum.reduce((a, c) => a + c, 0), scale = need > budget ? budget / need : 1;
      const problem: AllocationProblem = { share: Float64Array.from(share), baseline: Float64Array.from(gs, () => 50), capacity: Float64Array.from(capacity), minimum: Float64Array.from(minimum, (m) => m * scale), budget };
      return { problem, benefit: gs.map((g) => g.benefit) };
    });
  });

  it('allocations never exceed the budget or any group\'s capacity; the constrained one meets every minimum; efficiency gains the most', () => {
    fc.assert(fc.property(problems, fc.double({ min: 0, max: 1, noNaN: true }), ({ problem: q, benefit }, lambda) => {
      const G = q.share.length;
      const eff = efficiencyAllocation(q, benefit, new Float64Array(G)), eq = equalAllocation(q, new Float64Array(G)), con = constrainedAllocation(q, benefit, new Float64Array(G));
      const mid = pathAllocation(eff, eq, lambda, new Float64Array(G));
      const tol = 1e-12;
      for (const x of [eff, eq, con, mid]) {
        expect(x.reduce((a, v) => a + v, 0)).toBeLessThanOrEqual(q.budget + tol);
        x.forEach((v, g) => { expect(v).toBeGreaterThanOrEqual(-tol); expect(v).toBeLessThanOrEqual(q.capacity[g] + tol); });
        expect(totalGain(benefit, x)).toBeLessThanOrEqual(totalGain(benefit, eff) + tol);
      }
      con.forEach((v, g) => expect(v).toBeGreaterThanOrEqual(q.minimum[g] - tol));
      // Equal shares spend the whole budget (it is at most the total capacity).
      expect(eq.reduce((a, v) => a + v, 0)).toBeCloseTo(q.budget, 10);
    }));
  });
});
