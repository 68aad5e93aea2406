/**
 * Holm with interim looks (Maurer & Bretz 2013; src/designs/umbrella/
 * testing.ts, decide.ts): alpha passed on across substudies and looks.
 *
 * Exact check: two independent substudies (disjoint eligibility, each its
 * own controls), a continuous endpoint tested by the z test with known sd
 * and looks at exactly half and all of 100 patients per substudy (blocks of
 * 2), so each substudy's z statistics are exactly the canonical
 * group-sequential pair. With P_k(l) the probability that substudy k crosses
 * the O'Brien-Fleming-type boundaries spending one-sided l (exitProbabilities),
 * B is rejected when it crosses at alpha/2, or crosses at alpha and A
 * crossed at alpha/2:
 *
 *   P(reject B) = P_B(a/2) + (P_B(a) - P_B(a/2)) P_A(a/2),
 *
 * and under the global null the family-wise error is Bonferroni's,
 * 1 - (1 - P(a/2))^2, with P(a/2) = a/2 by construction.
 */
import { describe, it, expect } from 'vitest';
import { efficacyBoundaries, exitProbabilities } from '../../../src/stats/group-sequential/index.js';
import { decideHolmAcrossLooks } from '../../../src/designs/umbrella/decide.js';
import { TrialOutcome } from '../../../src/designs/umbrella/outcome.js';
import type { TestingPlan } from '../../../src/designs/umbrella/testing.js';
import { run, hypothesis, expectRate } from './helpers.js';

const ALPHA = 0.025, R = 20000, FRACTIONS = [0.5, 1];
const bounds = (level: number) => efficacyBoundaries({ informationRates: FRACTIONS, spending: { type: 'asOF' }, alpha: level }).criticalValues;
const cross = (level: number, drift: number) => exitProbabilities({ informationRates: FRACTIONS, efficacy: bounds(level), drift }).overallReject;

function trial(multiplicity: string, effectA: number, effectB: number) {
  return {
    name: `holm ${multiplicity}`, seed: 77, replicates: R, truth: { patients: 1000 },
    population: { biomarkers: [{ id: 'a', type: 'binary', prevalence: 0.5 }] },
    endpoint: { type: 'continuous', intercept: 0, sd: 1 },
    arms: { control: {}, dA: { effect: effectA }, dB: { effect: effectB } },
    design: {
      type: 'umbrella',
      screening: { ratePerMonth: 40 },
      control: { sharing: 'separate' },
      randomisation: { method: 'permuted-block', blockSize: 2 },
      substudies: [
        { id: 'A', eligibility: 'a', drug: 'dA', sampleSize: 100 },
        { id: 'B', eligibility: 'not a', drug: 'dB', sampleSize: 100 },
      ],
      interims: { informationFractions: FRACTIONS },
      analysis: { test: 'z-known', alpha: ALPHA, sided: 'one', multiplicity },
    },
  };
}

/** Drift of the final z with 50 patients per arm and sd 1: effect / sqrt(2 / 50). */
const drift = (effect: number) => effect / Math.sqrt(2 / 50);

describe('Holm with interim looks', () => {
  it('retests every look a substudy reached at the level passed on to it, until no more fall', () => {
    const holmBoundaries = [Float64Array.from(bounds(ALPHA / 3)), Float64Array.from(bounds((2 * ALPHA) / 3)), Float64Array.from(bounds(ALPHA))];
    const plan = { holmBoundaries } as unknown as TestingPlan;
    const o = new TrialOutcome(3, 1, 2);
    o.reset();
    // A crossed during the trial; B's look-1 z lies between the 1/3 and 2/3 boundaries;
    // C's final z between the 2/3 and full boundaries: B falls first, then C.
    o.rejected[0] = 1;
    o.zAtLook.set([5, -Infinity, (holmBoundaries[0][0] + holmBoundaries[1][0]) / 2, 0.3, 0.1, (holmBoundaries[1][1] + holmBoundaries[2][1]) / 2]);
    decideHolmAcrossLooks(plan, o);
    expect([...o.rejected]).toEqual([1, 1, 1]);
    // Without A's rejection nothing is passed on.
    o.rejected[0] = 0; o.rejected[1] = 0; o.rejected[2] = 0;
    o.zAtLook[0] = 0;
    decideHolmAcrossLooks(plan, o);
    expect([...o.rejected]).toEqual([0, 0, 0]);
  });

  it('has the exact power of the procedure, above Bonferroni\'s, and rejects whatever Bonferroni rejects', async () => {
    const [eA, eB] = [0.6, 0.4];
    const [pA, pB] = [cross(ALPHA / 2, drift(eA)), cross(ALPHA / 2, drift(eB))];
    const exactB = pB + (cross(ALPHA, drift(eB)) - pB) * pA;
    const holm = await run(trial('holm', eA, eB));
    const bonferroni = await run(trial('bonferroni', eA, eB));
    expectRate(holm, 'B', exactB);
    expectRate(bonferroni, 'B', pB);
    expect(exactB - pB).toBeGreaterThan(0.05);
    // same patients and stopping rule: Holm's rejections contain Bonferroni's
    for (const id of ['A', 'B']) expect(hypothesis(holm, id).rejections).toBeGreaterThanOrEqual(hypothesis(bonferroni, id).rejections);
  });

  it('under the global null its family-wise error is Bonferroni\'s, exactly that of the first boundaries', async () => {
    const holm = await run(trial('holm', 0, 0));
    expect(cross(ALPHA / 2, 0)).toBeCloseTo(ALPHA / 2, 7);
    expectRate(holm, 'fwer', 1 - (1 - ALPHA / 2) ** 2);
    const bonferroni = await run(trial('bonferroni', 0, 0));
    expect(hypothesis(holm, 'fwer').rejections).toBe(hypothesis(bonferroni, 'fwer').rejections);
  });
});
