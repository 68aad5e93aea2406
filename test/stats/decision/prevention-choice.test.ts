/**
 * Choosing a treatment threshold by net benefit (the prevention paradox as
 * a decision), against a hand-worked example: 10% of people at risk 0.4,
 * 90% at 0.05; the treatment halves the odds (log odds ratio −ln 2), so the
 * risks fall to 0.25 and 1/39 = 0.025641; cases prevented per person 0.015
 * among the 10% and 0.9 x (0.05 − 1/39) = 0.021923 among the rest.
 */
import { describe, it, expect } from 'vitest';
import { rankPeople, thresholdNetBenefits, bestThreshold, treatedRisk } from '../../../src/stats/decision/prevention-choice.js';

const people = [{ weight: 0.9, untreated: 0.05 }, { weight: 0.1, untreated: 0.4 }];
const thresholds = [0, 0.4];

describe('threshold choice by net benefit', () => {
  it('applies an effect to a risk on each scale', () => {
    expect(treatedRisk(0.4, 'log odds ratio', -Math.LN2)).toBeCloseTo(0.25, 14);
    expect(treatedRisk(0.05, 'log odds ratio', -Math.LN2)).toBeCloseTo(1 / 39, 14);
    expect(treatedRisk(0.4, 'log risk ratio', -Math.LN2)).toBeCloseTo(0.2, 14);
    expect(treatedRisk(0.4, 'risk difference', -0.01)).toBeCloseTo(0.39, 14);
    expect(treatedRisk(0.005, 'risk difference', -0.01)).toBe(0);
  });

  it('gives the hand-worked net benefits, and the choice flips with the cost of treatment', () => {
    const ranked = rankPeople(people, thresholds);
    expect([...ranked.shareTreated]).toEqual([1, 0.1]);
    const treated = (k: number) => treatedRisk(ranked.untreated[k], 'log odds ratio', -Math.LN2);
    const out = new Float64Array(2), prefix = new Float64Array(3);
    // Value 10,000 per case, cost 100: everyone 10,000 x (0.015 + 0.021923) − 100 = 269.23; the 10% at risk 0.4: 150 − 10 = 140.
    thresholdNetBenefits(ranked, treated, 10_000, 100, out, prefix);
    expect(out[0]).toBeCloseTo(10_000 * (0.015 + 0.9 * (0.05 - 1 / 39)) - 100, 9);
    expect(out[1]).toBeCloseTo(140, 9);
    expect(bestThreshold(out)).toBe(0);
    // Cost 300: everyone 69.23, the 10% 150 − 30 = 120: treat the high-risk only.
    thresholdNetBenefits(ranked, treated, 10_000, 300, out, prefix);
    expect(out[0]).toBeCloseTo(69.2307692, 6);
    expect(out[1]).toBeCloseTo(120, 9);
    expect(bestThreshold(out)).toBe(1);
  });
});
