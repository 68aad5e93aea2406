/**
 * The IPW values of embedded sequences over simulated trials: unbiased for
 * their true values (mean within 4 Monte Carlo SEs) and their sandwich
 * intervals cover at the nominal rate (within 4 Monte Carlo SEs), with
 * acceptance-adjusted weights (target: the value had everyone followed the
 * sequence) and with randomisation weights alone (target: the value among
 * those who would accept the sequence), including when acceptance depends
 * on the latent profile. Truths come from the exact recursion over profiles.
 */
import { describe, it, expect } from 'vitest';
import { sequential, run, estimate, unbiased, covers } from './helpers.js';

const R = 1500;

function design(weights: string, acceptanceByProfile: boolean) {
  const accept = (pGood: number, pPoor: number) => (acceptanceByProfile ? { good: pGood, poor: pPoor } : 0.5);
  return sequential({
    sampleSize: 800,
    treatments: { A: {}, B: {}, C: {}, D: {}, E: {}, F: {} },
    levels: [
      { id: 'L1', dropout: 0.05, options: [
        { id: 'A', treatment: 'A', remission: { logOdds: -0.6, effects: { good: 0.8 } } },
        { id: 'B', treatment: 'B', remission: { rate: { good: 0.45, poor: 0.2 } } },
      ] },
      {
        id: 'L2', declineNext: 0.2, dropout: 0.05,
        acceptance: [{ accepts: ['switch'], probability: accept(0.3, 0.6) }, { accepts: ['switch', 'augment'], probability: accept(0.7, 0.4) }],
        options: [
          { id: 'C', treatment: 'C', intolerance: 0.1, remission: { rate: 0.35 } },
          { id: 'D', treatment: 'D', remission: { rate: { good: 0.5, poor: 0.15 } } },
          { id: 'E', treatment: 'E', strategy: 'augment', after: ['A'], remission: { rate: 0.3 } },
        ],
      },
      { id: 'L3', options: [{ id: 'F', treatment: 'F', remission: { rate: 0.2 } }] },
    ],
    analysis: {
      weights,
      sequences: ['A', 'A > C', 'A > E > F', 'B > D > F', 'A > D > F'],
      sequenceComparisons: [['A > C', 'A > E'], ['A > D > F', 'B > D > F']],
    },
  }, {
    replicates: R,
    population: { profiles: [{ id: 'good', prevalence: 0.4 }, { id: 'poor', prevalence: 0.6 }] },
  });
}

const ids = (summary: Awaited<ReturnType<typeof run>>) => summary.estimates.filter((e) => e.id.startsWith('value')).map((e) => e.id);

describe('IPW sequence values over simulated trials', () => {
  it('acceptance-adjusted values are unbiased for the value had everyone followed the sequence, and cover', async () => {
    const summary = await run(design('acceptance-adjusted', false));
    const values = ids(summary);
    expect(values.length).toBe(8); // 6 sequences (5 listed + "A > E" from a comparison) and 2 differences
    for (const id of values) { unbiased(summary, id); covers(summary, id); }
    // The target is E[Y^d] (everyone follows d): for "A" alone, P(remit at level 1 on A).
    const pA = 0.95 * (0.4 / (1 + Math.exp(0.6 - 0.8)) + 0.6 / (1 + Math.exp(0.6)));
    expect(estimate(summary, 'value:A').truth).toBeCloseTo(pA, 12);
  });

  it('randomisation-weighted values are unbiased for the value among acceptors, and cover, when acceptance depends on the profile', async () => {
    const summary = await run(design('randomisation', true));
    for (const id of ids(summary)) { unbiased(summary, id); covers(summary, id); }
  });

  it('when acceptance depends on the profile, acceptance-adjusted values still have the truth they converge to', async () => {
    const summary = await run(design('acceptance-adjusted', true));
    for (const id of ids(summary)) unbiased(summary, id);
  });
});
