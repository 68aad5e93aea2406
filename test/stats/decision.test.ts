/**
 * Cost-effectiveness by hand: dominance, extended dominance and ICERs on a
 * worked example; the companion-diagnostic strategies' costs and effects;
 * the property that with a perfect test and an effect only in the
 * biomarker-positive, test-and-treat's net monetary benefit exceeds
 * treat-all's by the drug cost avoided in the negative minus the test cost;
 * and the maximum test price.
 */
import { describe, it, expect } from 'vitest';
import { costEffectivenessFrontier, companionStrategies, netMonetaryBenefit, bestStrategy, maximumTestPrice } from '../../src/stats/decision/cost-effectiveness.js';

describe('cost-effectiveness frontier', () => {
  it('removes strong and extended dominance and gives ICERs along the frontier (worked example)', () => {
    // A (0, 0); B (10,000, 1); C (15,000, 0.8): dominated by B; D (30,000, 1.2); E (50,000, 2).
    // Frontier A -> B: 10,000/QALY; B -> D: 20,000/0.2 = 100,000; D -> E: 20,000/0.8 = 25,000 < 100,000, so D is
    // extendedly dominated; then B -> E: 40,000/1 = 40,000.
    const rows = costEffectivenessFrontier([
      { id: 'A', cost: 0, effect: 0 }, { id: 'B', cost: 10_000, effect: 1 }, { id: 'C', cost: 15_000, effect: 0.8 },
      { id: 'D', cost: 30_000, effect: 1.2 }, { id: 'E', cost: 50_000, effect: 2 },
    ]);
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(by.C.status).toBe('dominated');
    expect(by.D.status).toBe('extendedly dominated');
    expect([by.A.icer, by.B.icer, by.E.icer]).toEqual([null, 10_000, 40_000]);
    expect(rows.map((r) => r.id)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });
});

describe('companion diagnostic strategies', () => {
  const c = { prevalence: 0.2, sensitivity: 0.9, specificity: 0.95, testCost: 500, drugCost: 30_000, value: 2 };
  it('costs and effects by hand', () => {
    // Effects in responses gained: +0.3 in positives, +0.02 in negatives; 2 QALYs per response.
    const [none, all, test] = companionStrategies(c, 0.3, 0.02);
    expect(none).toEqual({ id: 'treat-none', cost: 0, effect: 0 });
    expect(all.cost).toBe(30_000);
    expect(all.effect).toBeCloseTo(2 * (0.2 * 0.3 + 0.8 * 0.02), 14);
    // Treated by the test: 0.2 x 0.9 + 0.8 x 0.05 = 0.22.
    expect(test.cost).toBeCloseTo(500 + 30_000 * 0.22, 10);
    expect(test.effect).toBeCloseTo(2 * (0.2 * 0.9 * 0.3 + 0.8 * 0.05 * 0.02), 14);
  });

  it('a perfect test and an effect only in the positive: NMB(test) − NMB(all) = drug cost avoided in the negative − test cost, at any WTP', () => {
    const perfect = { ...c, sensitivity: 1, specificity: 1 };
    for (const wtp of [0, 20_000, 100_000, 1e6]) for (const p of [0.05, 0.2, 0.7]) {
      const [, all, test] = companionStrategies({ ...perfect, prevalence: p }, 0.3, 0);
      expect(netMonetaryBenefit(test, wtp) - netMonetaryBenefit(all, wtp)).toBeCloseTo((1 - p) * 30_000 - 500, 8);
    }
  });

  it('the maximum test price is where test-and-treat ties the best other strategy', () => {
    const wtp = 100_000;
    const price = maximumTestPrice(c, 0.3, 0.02, wtp);
    const [none, all, test] = companionStrategies({ ...c, testCost: price }, 0.3, 0.02);
    expect(netMonetaryBenefit(test, wtp)).toBeCloseTo(Math.max(netMonetaryBenefit(none, wtp), netMonetaryBenefit(all, wtp)), 8);
    expect(bestStrategy(companionStrategies({ ...c, testCost: price - 1 }, 0.3, 0.02), wtp)).toBe(2);
    expect(bestStrategy(companionStrategies({ ...c, testCost: price + 1 }, 0.3, 0.02), wtp)).not.toBe(2);
  });
});
