/**
 * The shared Monte Carlo tolerance rule: |observed - expected| <=
 * max(k * mcse + slack, floor), k = 4 by default.
 */
import { describe, it, expect } from 'vitest';
import { binomialMcse, expectWithinMcse, mcseTolerance, meanMcse } from './mcse.js';

describe('the MCSE tolerance rule', () => {
  it('allows 4 MCSE by default, k MCSE when asked, plus slack, and at least the floor', () => {
    expect(mcseTolerance({ mcse: 0.01 })).toBe(0.04);
    expect(mcseTolerance({ mcse: 0.01, k: 3 })).toBeCloseTo(0.03, 15);
    expect(() => mcseTolerance({ mcse: 0.01, k: 5 })).toThrow(RangeError);
    expect(mcseTolerance({ mcse: 0.01, slack: 0.5 })).toBe(0.54);
    expect(mcseTolerance({ mcse: 0, floor: 1e-12 })).toBe(1e-12);
    expect(mcseTolerance({ mcse: 0.01, floor: 1e-12 })).toBe(0.04);
  });

  it('passes inside the tolerance and fails outside it, on either side', () => {
    expect(() => expectWithinMcse(0.5 + 0.039, 0.5, { mcse: 0.01 })).not.toThrow();
    expect(() => expectWithinMcse(0.5 - 0.039, 0.5, { mcse: 0.01 })).not.toThrow();
    expect(() => expectWithinMcse(0.5 + 0.041, 0.5, { mcse: 0.01 })).toThrow(/4 MCSE/);
    expect(() => expectWithinMcse(0.5 - 0.041, 0.5, { mcse: 0.01 })).toThrow();
    expect(() => expectWithinMcse(NaN, 0.5, { mcse: 0.01 })).toThrow();
  });

  it('refuses an MCSE that is missing, negative or not finite rather than reading it as 0', () => {
    for (const mcse of [NaN, -1, Infinity, null as unknown as number, undefined as unknown as number]) {
      expect(() => expectWithinMcse(0, 0, { mcse })).toThrow(RangeError);
    }
  });

  it('gives the binomial and mean MCSEs by their formulas', () => {
    expect(binomialMcse(0.05, 2000)).toBe(Math.sqrt((0.05 * 0.95) / 2000));
    expect(binomialMcse(0, 100)).toBe(0);
    expect(meanMcse(10, 400)).toBe(0.5);
  });
});
