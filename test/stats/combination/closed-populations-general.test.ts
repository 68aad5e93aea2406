/**
 * The closed combination test over three and four populations, checked
 * against independent computations:
 * - with one stage the closed test with Simes intersections is Hommel's
 *   procedure, with Bonferroni ones Holm's, with Šidák ones Holm-Šidák's
 *   (src/stats/multiplicity: their adjusted p-values, computed without the
 *   closure), so over random p-value sets a population is rejected exactly
 *   when its adjusted p-value is at most alpha;
 * - two stages by hand: dropped populations leave the intersections, an
 *   intersection of dropped ones has no stage-2 p-value, and a rejection at
 *   an early stage is carried forward.
 */
import { describe, it, expect } from 'vitest';
import seedrandom from 'seedrandom';
import { ClosedCombinationTest, intersectionP, zOf, type IntersectionTest } from '../../../src/stats/combination/closed-populations.js';
import { hommelAdjust, sidakStepDownAdjust } from '../../../src/stats/multiplicity/closed.js';
import { holmAdjust } from '../../../src/stats/multiplicity/stepwise.js';
import { normalQuantile } from '../../../src/stats/distributions.js';

const alpha = 0.025;
const oneStage = (G: number, test: IntersectionTest) => new ClosedCombinationTest({ populations: G, test, combination: 'inverse-normal', weights: [1], critical: [-normalQuantile(alpha)], alpha });

describe('one stage: the closure equals the step-wise procedures', () => {
  const procedures: [IntersectionTest, (p: number[]) => number[]][] = [['simes', hommelAdjust], ['bonferroni', holmAdjust], ['sidak', sidakStepDownAdjust]];
  it.each(procedures.flatMap(([test, adjust]) => [3, 4].map((G) => [test, G, adjust] as const)))('%s over %i populations', (test, G, adjust) => {
    const random = seedrandom(`closed-${test}-${G}`);
    let decided = 0;
    for (let trial = 0; trial < 400; trial++) {
      // p-values spread over (0, 0.2), where decisions change, with some exact 0 and 1 edge cases.
      const p = Array.from({ length: G }, () => (random() < 0.05 ? (random() < 0.5 ? 0 : 1) : 0.2 * random()));
      const t = oneStage(G, test);
      t.addStage(p);
      const adjusted = adjust(p);
      for (let g = 0; g < G; g++) {
        // Away from ties with alpha (rounding of Φ⁻¹ round trips), the decisions must agree exactly.
        if (Math.abs(adjusted[g] - alpha) < 1e-12) continue;
        expect(t.rejected(g), `p = ${p.join(', ')}, population ${g}`).toBe(adjusted[g] <= alpha);
        decided++;
      }
    }
    expect(decided).toBeGreaterThan(400 * G - 5);
  });
});

describe('Spiessens-Debois', () => {
  it('is refused for more than two populations (defined for S nested in F)', () => {
    expect(() => intersectionP('spiessens-debois', [0.01, 0.3, 0.5], [0, 1, 2], () => 0.5)).toThrow(/two populations/);
  });
});

describe('two and three stages by hand', () => {
  const w = [Math.SQRT1_2, Math.SQRT1_2];
  const c = normalQuantile(1 - alpha);
  it('a dropped population leaves its intersections; an intersection of dropped populations cannot be rejected', () => {
    const t = new ClosedCombinationTest({ populations: 3, test: 'bonferroni', combination: 'inverse-normal', weights: w, critical: [Infinity, -normalQuantile(alpha)], alpha });
    t.addStage([0.2, 0.01, 0.3]);
    t.addStage([NaN, 0.004, NaN]);
    // Intersection {0, 1, 2}: stage 1 min(1, 3 x 0.01) = 0.03, stage 2 population 1 alone: 0.004.
    const z = (p1: number, p2: number) => (w[0] * zOf(p1) + w[1] * zOf(p2)) / Math.hypot(w[0], w[1]);
    expect(t.combined[7]).toBeCloseTo(z(0.03, 0.004), 12);
    expect(t.combined[2]).toBeCloseTo(z(0.01, 0.004), 12);
    expect(Number.isNaN(t.combined[5])).toBe(true); // {0, 2}: both dropped
    expect(t.rejected(1)).toBe(z(0.03, 0.004) >= c && z(0.01, 0.004) >= c && z(0.02, 0.004) >= c);
    expect([t.rejected(0), t.rejected(2)]).toEqual([false, false]);
  });
  it('an intersection rejected at an early stage stays rejected', () => {
    const critical = [2.96259, 1.96857]; // O'Brien-Fleming-like
    const t = new ClosedCombinationTest({ populations: 2, test: 'simes', combination: 'inverse-normal', weights: w, critical, alpha });
    t.addStage([0.0005, 0.0004]);
    expect([t.rejected(0), t.rejected(1)]).toEqual([true, true]);
    t.addStage([0.9, NaN]);
    expect([t.rejected(0), t.rejected(1)]).toEqual([true, true]);
    expect(t.combined[1]).toBeLessThan(critical[1]);
  });
  it('Fisher\'s combination tests only at the last stage', () => {
    const t = new ClosedCombinationTest({ populations: 2, test: 'simes', combination: 'fisher', weights: [0.6, 0.6, 0.52], critical: [Infinity, Infinity, Infinity], alpha });
    t.addStage([1e-9, 1e-9]);
    expect(t.rejected(0)).toBe(false);
    t.addStage([0.5, 0.5]);
    expect(t.rejected(0)).toBe(false);
    t.addStage([0.5, 0.5]);
    expect([t.rejected(0), t.rejected(1)]).toEqual([true, true]);
  });
});
