/**
 * The companion-diagnostic strategies with richer costs and effects, several
 * test cut-offs, the subgroups' own ICERs and the value of information,
 * each against a hand-worked example written out here.
 *
 * Common inputs: prevalence 0.2, test 500, drug 30,000, 2 QALYs per response
 * gained, effects δ+ = 0.3 and δ− = 0.02 responses gained per patient treated.
 */
import { describe, it, expect } from 'vitest';
import { companionStrategies, companionStrategyIds, costEffectivenessFrontier, bestStrategy, maximumTestPrice, netMonetaryBenefit, type CompanionDiagnostic } from '../../../src/stats/decision/cost-effectiveness.js';
import { subgroupIcer } from '../../../src/stats/decision/subgroup-icer.js';
import { trialValue, discountedPatients } from '../../../src/stats/decision/value-of-information.js';

const c: CompanionDiagnostic = { prevalence: 0.2, sensitivity: 0.9, specificity: 0.95, testCost: 500, drugCost: 30_000, value: 2 };

describe('adverse events and costs that follow the outcome', () => {
  // Adverse events: probability 0.1, 8,000 each, 0.05 QALYs each: 800 and 0.005 per patient treated.
  // Non-responders cost 20,000 each: a response gained saves 20,000 (outcome cost −20,000 per response).
  const rich = { ...c, adverseEventCost: 0.1 * 8000, adverseEventLoss: 0.1 * 0.05, outcomeCost: -20_000 };

  it('gives each strategy\'s cost and effect by hand', () => {
    const [none, all, test] = companionStrategies(rich, 0.3, 0.02);
    expect(none).toEqual({ id: 'treat-none', cost: 0, effect: 0 });
    // Treat all: responses gained 0.2 x 0.3 + 0.8 x 0.02 = 0.076; cost 30,800 − 20,000 x 0.076 = 29,280; effect 2 x 0.076 − 0.005 = 0.147.
    expect(all.cost).toBeCloseTo(29_280, 8);
    expect(all.effect).toBeCloseTo(0.147, 14);
    // Test and treat: treated 0.2 x 0.9 + 0.8 x 0.05 = 0.22; gained 0.054 + 0.0008 = 0.0548;
    // cost 500 + 30,800 x 0.22 − 20,000 x 0.0548 = 500 + 6,776 − 1,096 = 6,180; effect 0.1096 − 0.005 x 0.22 = 0.1085.
    expect(test.cost).toBeCloseTo(6180, 8);
    expect(test.effect).toBeCloseTo(0.1085, 14);
    // Frontier: test-and-treat 6,180 / 0.1085 = 56,958.5 per QALY; treat all (29,280 − 6,180) / (0.147 − 0.1085) = 600,000.
    const icers = Object.fromEntries(costEffectivenessFrontier([none, all, test]).map((r) => [r.id, r.icer]));
    expect(icers['test-and-treat']).toBeCloseTo(6180 / 0.1085, 6);
    expect(icers['treat-all']).toBeCloseTo(600_000, 4);
  });

  it('with the extra costs 0 gives the textbook formulas bit for bit (existing scenarios unchanged)', () => {
    for (const [pos, neg] of [[0.3, 0.02], [0.123456789, -0.0371], [0.7, 0.7]]) {
      const p = c.prevalence, treated = p * c.sensitivity + (1 - p) * (1 - c.specificity);
      const plain = companionStrategies(c, pos, neg);
      expect(companionStrategies({ ...c, adverseEventCost: 0, adverseEventLoss: 0, outcomeCost: 0 }, pos, neg)).toEqual(plain);
      expect(plain[1].cost).toBe(c.drugCost);
      expect(plain[1].effect).toBe(c.value * (p * pos + (1 - p) * neg));
      expect(plain[2].cost).toBe(c.testCost + c.drugCost * treated);
      expect(plain[2].effect).toBe(c.value * (p * c.sensitivity * pos + (1 - p) * (1 - c.specificity) * neg));
    }
  });
});

describe('the subgroups\' own ICERs', () => {
  it('treating each subgroup against not treating it, by hand', () => {
    // Without extra costs: 30,000 / (2 x 0.3) = 50,000 per QALY in the positive; 30,000 / 0.04 = 750,000 in the negative.
    expect(subgroupIcer(c, 0.3)).toEqual({ cost: 30_000, effect: 0.6, icer: 50_000, status: 'ratio' });
    expect(subgroupIcer(c, 0.02).icer).toBeCloseTo(750_000, 6);
    // With the rich costs: positive 30,800 − 6,000 = 24,800 over 0.6 − 0.005 = 0.595: 41,680.7; negative 30,400 / 0.035 = 868,571.4.
    const rich = { ...c, adverseEventCost: 800, adverseEventLoss: 0.005, outcomeCost: -20_000 };
    expect(subgroupIcer(rich, 0.3).icer).toBeCloseTo(24_800 / 0.595, 6);
    expect(subgroupIcer(rich, 0.02).icer).toBeCloseTo(30_400 / 0.035, 4);
  });

  it('calls treatment dominated when it gains no health and dominant when it also saves money', () => {
    expect(subgroupIcer({ ...c, adverseEventLoss: 0.005 }, 0)).toMatchObject({ icer: null, status: 'dominated' });
    // 200,000 per non-responder: a positive patient treated saves 0.3 x 200,000 = 60,000 > 30,000.
    expect(subgroupIcer({ ...c, outcomeCost: -200_000 }, 0.3)).toMatchObject({ cost: -30_000, icer: null, status: 'dominant' });
  });
});

describe('test and treat at several cut-offs, on one frontier', () => {
  // Cut-offs 1, 2, 3 of a continuous score: (se, sp) = (0.95, 0.6), (0.9, 0.95), (0.6, 0.99).
  const cut: CompanionDiagnostic = { ...c, tests: [
    { id: 'test-and-treat@1', sensitivity: 0.95, specificity: 0.6 },
    { id: 'test-and-treat@2', sensitivity: 0.9, specificity: 0.95 },
    { id: 'test-and-treat@3', sensitivity: 0.6, specificity: 0.99 },
  ] };

  it('gives treat-none, treat-all and one test-and-treat per cut-off, with the hand-worked frontier', () => {
    expect(companionStrategyIds(cut)).toEqual(['treat-none', 'treat-all', 'test-and-treat@1', 'test-and-treat@2', 'test-and-treat@3']);
    const s = companionStrategies(cut, 0.3, 0.02);
    // @1: treated 0.19 + 0.32 = 0.51, cost 15,800, effect 2 x (0.057 + 0.0064) = 0.1268;
    // @2: 7,100 and 0.1096; @3: treated 0.128, cost 4,340, effect 2 x 0.03616 = 0.07232; all: 30,000 and 0.152.
    expect(s.map((x) => +x.cost.toFixed(6))).toEqual([0, 30_000, 15_800, 7100, 4340]);
    expect(s.map((x) => +x.effect.toFixed(12))).toEqual([0, 0.152, 0.1268, 0.1096, 0.07232]);
    // ICERs rise along the frontier: 4,340/0.07232 = 60,011; 2,760/0.03728 = 74,034; 8,700/0.0172 = 505,814; 14,200/0.0252 = 563,492.
    const rows = costEffectivenessFrontier(s);
    expect(rows.map((r) => r.id)).toEqual(['treat-none', 'test-and-treat@3', 'test-and-treat@2', 'test-and-treat@1', 'treat-all']);
    expect(rows.every((r) => r.status === 'frontier')).toBe(true);
    expect(rows.map((r) => r.icer === null ? null : Math.round(r.icer))).toEqual([null, 60_011, 74_034, 505_814, 563_492]);
    // At 100,000 per QALY: NMB 0, −14,800, −3,120, 3,860, 2,892: cut-off 2 is best; it may cost up to 4,360 (its NMB without the test).
    expect(bestStrategy(s, 100_000)).toBe(3);
    expect(s.map((x) => Math.round(netMonetaryBenefit(x, 100_000)))).toEqual([0, -14_800, -3120, 3860, 2892]);
    expect(maximumTestPrice(cut, 0.3, 0.02, 100_000)).toBeCloseTo(4360, 8);
  });

  it('a table of one cut-off gives the single test\'s numbers', () => {
    const one = companionStrategies({ ...c, tests: [{ id: 'test-and-treat', sensitivity: 0.9, specificity: 0.95 }] }, 0.3, 0.02);
    expect(one).toEqual(companionStrategies(c, 0.3, 0.02));
  });
});

describe('value of information given the truth', () => {
  it('the value and loss of one replicate add up to the value of perfect information', () => {
    // True NMBs 0, 5, 3; without the trial strategy 0; the best is 1; the trial chose 2.
    expect(trialValue([0, 5, 3], 2, 0, 1)).toEqual({ nmb: 3, value: 3, loss: 2 });
  });

  it('discounts later years\' patients', () => {
    // 1,000 a year for 3 years at 5%: 1,000 x (1 + 1/1.05 + 1/1.05^2) = 2,859.41.
    expect(discountedPatients(1000, 3, 0.05)).toBeCloseTo(1000 * (1 + 1 / 1.05 + 1 / 1.1025), 9);
    expect(discountedPatients(1000, 2.5, 0)).toBe(2500);
    // A part year counts its part: 1,000 x (1 + 0.5/1.1).
    expect(discountedPatients(1000, 1.5, 0.1)).toBeCloseTo(1000 * (1 + 0.5 / 1.1), 9);
  });
});
