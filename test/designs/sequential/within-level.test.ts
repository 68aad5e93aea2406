/**
 * Within-level randomised comparisons against exact values. Arm sizes vary
 * by replicate (who reaches the level, who accepts both options, and the
 * randomisation are all random), but given the sizes the remissions in the
 * two arms are independent binomials (participants are independent and, given
 * eligibility for both options, the choice between them does not depend on
 * the acceptable set). So the rejection probability is the average over
 * replicates of the exact pooled-z rejection probability at each replicate's
 * realised sizes (`exactPooledZRejectionProbability`, by enumeration), and
 * the simulated rate must lie within 4 Monte Carlo SEs of it.
 */
import { describe, it, expect } from 'vitest';
import { exactPooledZRejectionProbability } from '../../../src/stats/exact-power.js';
import { sequential, replicateRecords, slot, run, estimate, unbiased, covers } from './helpers.js';
import { expectWithinMcse } from '../../helpers/mcse.js';

const R = 3000;
// Level-2 remission among those assessed, and the share assessed (1 - dropout)(1 - intolerance).
const P = { A: 0.5, B: 0.3, C: 0.3 };
const ASSESSED = { A: 0.95 * 0.9, B: 0.95, C: 0.95 };
const s = sequential({
  sampleSize: 300,
  treatments: { X: {}, A: {}, B: {}, C: {} },
  levels: [
    { id: 'L1', options: [{ id: 'X', treatment: 'X', remission: { rate: 0.4 } }] },
    {
      id: 'L2', dropout: 0.05,
      acceptance: [{ accepts: ['A', 'B', 'C'], probability: 0.5 }, { accepts: ['A', 'B'], probability: 0.3 }, { accepts: ['C'], probability: 0.2 }],
      options: [
        { id: 'A', treatment: 'A', intolerance: 0.1, remission: { rate: P.A } },
        { id: 'B', treatment: 'B', remission: { rate: P.B } },
        { id: 'C', treatment: 'C', weight: 2, remission: { rate: P.C } },
      ],
    },
  ],
  analysis: { comparisons: [{ level: 'L2', compare: ['A', 'B'] }, { level: 'L2', compare: ['C', 'B'] }] },
}, { replicates: R });

function check(id: string, p1: number, p0: number) {
  const h = slot(s, 'hypotheses', id);
  const m1 = slot(s, 'metrics', `n:${id}:${id.split(':')[1].split(' vs ')[0]}`);
  const cache = new Map<string, number>();
  let rejections = 0, exactSum = 0, exactVar = 0;
  replicateRecords(s, R, (rec) => {
    const n1 = rec.metric[m1], n0 = rec.metric[m1 + 1];
    const key = `${n1},${n0}`;
    let e = cache.get(key);
    if (e === undefined) cache.set(key, (e = exactPooledZRejectionProbability({ n1, p1, n0, p0, alpha: 0.05, sided: 2 })));
    exactSum += e; exactVar += e * (1 - e);
    rejections += rec.rejected[h];
  });
  // Given the arm sizes, rejections are independent Bernoulli(e_r): the MCSE of their mean is sqrt(Σ e_r (1 - e_r)) / R.
  const exact = exactSum / R;
  expectWithinMcse(rejections / R, exact, { mcse: Math.sqrt(exactVar) / R, what: id });
  return exact;
}

describe('within-level comparisons', () => {
  it('power of A vs B matches the exact pooled-z power at the realised arm sizes', () => {
    const exact = check('L2:A vs B', ASSESSED.A * P.A, ASSESSED.B * P.B);
    expect(exact).toBeGreaterThan(0.3);
  });

  it('the size of C vs B (equal remission) matches the exact pooled-z size at the realised arm sizes', () => {
    const exact = check('L2:C vs B', ASSESSED.C * P.C, ASSESSED.B * P.B);
    expect(exact).toBeLessThan(0.06);
  });

  it('the remission difference is unbiased for its truth and its interval covers', async () => {
    const summary = await run(s);
    expect(estimate(summary, 'rd:L2:A vs B').truth).toBeCloseTo(ASSESSED.A * P.A - ASSESSED.B * P.B, 12);
    expect(estimate(summary, 'rd:L2:C vs B').truth).toBeCloseTo(0, 12);
    unbiased(summary, 'rd:L2:A vs B');
    unbiased(summary, 'rd:L2:C vs B');
    covers(summary, 'rd:L2:C vs B');
  });
});
