/**
 * The prevention paradox against a hand-worked example: 10% of people at
 * risk 0.20 and 90% at risk 0.02; treatment halves every risk; treating one
 * person costs 100.
 * - Treat the high-risk (t = 0.1): share treated 0.1, cases prevented
 *   0.1 x 0.10 = 0.010 per person, NNT 0.1 / 0.010 = 10, share of all cases
 *   among them 0.020 / (0.020 + 0.018) = 0.5263, cost per case prevented
 *   100 x 10 = 1000.
 * - Treat everyone (t = 0): cases prevented 0.010 + 0.9 x 0.01 = 0.019,
 *   NNT 1 / 0.019 = 52.63, share of cases 1, cost per case 5263.
 * Treating everyone prevents almost twice the cases (0.019 vs 0.010): the
 * paradox. The curve passes through (0.1, 0.010) and ends at (1, 0.019).
 */
import { describe, it, expect } from 'vitest';
import { preventionRows, preventionCurve } from '../../../src/stats/decision/prevention.js';

const people = [
  { weight: 0.1, untreated: 0.2, treated: 0.1 },
  { weight: 0.9, untreated: 0.02, treated: 0.01 },
];

describe('the prevention paradox', () => {
  it('equals the hand-worked example', () => {
    const [high, all] = preventionRows(people, [0.1, 0], 100);
    expect(high.shareTreated).toBeCloseTo(0.1, 12);
    expect(high.casesPrevented).toBeCloseTo(0.01, 12);
    expect(high.numberNeededToTreat).toBeCloseTo(10, 10);
    expect(high.shareOfCasesAmongTreated).toBeCloseTo(0.02 / 0.038, 12);
    expect(high.costPerCasePrevented).toBeCloseTo(1000, 8);
    expect(all.shareTreated).toBeCloseTo(1, 12);
    expect(all.casesPrevented).toBeCloseTo(0.019, 12);
    expect(all.numberNeededToTreat).toBeCloseTo(1 / 0.019, 10);
    expect(all.shareOfCasesAmongTreated).toBeCloseTo(1, 12);
    expect(all.costPerCasePrevented).toBeCloseTo(100 / 0.019, 8);
  });

  it('treating no one prevents nothing: NNT and cost per case are infinite', () => {
    const [none] = preventionRows(people, [0.5], 100);
    expect(none.shareTreated).toBe(0);
    expect(none.numberNeededToTreat).toBe(Infinity);
  });

  it('the curve treats the highest risks first', () => {
    const curve = preventionCurve(people);
    expect(curve.map((p) => [p.shareTreated, p.casesPrevented].map((x) => +x.toFixed(12)))).toEqual([[0, 0], [0.1, 0.01], [1, 0.019]]);
  });
});
