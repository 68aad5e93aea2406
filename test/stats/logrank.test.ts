/**
 * Double programming: logRankTest against R's survival::survdiff (rho = 0) on
 * datasets with tied times, censoring at event times, unbalanced arms and
 * degenerate cases (fixture from test/fixtures/core-tests.R; group index 2 in
 * survdiff is treated = 1).
 *
 * Tolerance: relative 1e-9 for O, E, V and chi-square. The two-sided p-value
 * goes through chiSquareUpper (1 - CDF, absolute error ~1e-16), so it is
 * compared with |Δ| ≤ 1e-9·|R| + 1e-15; the relative failure for a p-value of
 * 4e-16 is checked too.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { logRankTest } from '../../src/stats/logrank.js';

interface LrCase {
  name: string; time: number[]; event: number[]; treated: number[];
  chisq: number; observed: number; expected: number; variance: number; pValue: number;
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/core-tests.json', import.meta.url), 'utf8'),
) as { logRank: LrCase[] };

const REL = 1e-9;

function expectClose(actual: number, expected: number, what: string, rel = REL, abs = 0): void {
  const err = Math.abs(actual - expected);
  expect(err <= rel * Math.abs(expected) + abs || actual === expected, `${what}: trialsim ${actual}, R ${expected}, |Δ| ${err}`).toBe(true);
}

function run(c: LrCase, perm?: number[]) {
  const idx = perm ?? c.time.map((_, i) => i);
  const n = idx.length;
  return logRankTest(
    Float64Array.from(idx, (i) => c.time[i]),
    Uint8Array.from(idx, (i) => c.event[i]),
    Uint8Array.from(idx, (i) => c.treated[i]),
    n,
  );
}

describe("logRankTest matches R's survdiff", () => {
  it('the fixture has tied times, censoring and at least 8 datasets', () => {
    expect(fixture.logRank.length).toBeGreaterThanOrEqual(8);
    const tied = fixture.logRank.filter((c) => new Set(c.time).size < c.time.length);
    expect(tied.length).toBeGreaterThanOrEqual(4);
    expect(fixture.logRank.every((c) => c.event.includes(0) || c.name.includes('no censoring'))).toBe(true);
  });

  for (const c of fixture.logRank) {
    it(`gives R's observed, expected, variance, chi-square and p-value for "${c.name}"`, () => {
      const r = run(c);
      expect(r.observed).toBe(c.observed);
      expectClose(r.expected, c.expected, 'expected');
      expectClose(r.variance, c.variance, 'variance');
      expectClose(r.observedMinusExpected, c.observed - c.expected, 'O - E', REL, 1e-12);
      expectClose(r.chiSquare, c.chisq, 'chi-square');
      expectClose(r.pTwoSided, c.pValue, 'p-value', REL, 1e-15);
      expectClose(r.z * r.z, c.chisq, 'z²');
      expectClose(r.logHazardRatio, (c.observed - c.expected) / c.variance, 'Peto log HR');
    });
  }

  it('does not depend on the order of the patients', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const c of fixture.logRank) {
      const base = run(c);
      const perm = c.time.map((_, i) => i);
      for (let i = perm.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [perm[i], perm[j]] = [perm[j], perm[i]];
      }
      expect(run(c, perm)).toEqual(base);
    }
  });

  it('reuses a scratch order buffer without changing the result', () => {
    const buf = new Int32Array(1000).fill(-7);
    for (const c of fixture.logRank) {
      const n = c.time.length;
      const r = logRankTest(Float64Array.from(c.time), Uint8Array.from(c.event), Uint8Array.from(c.treated), n, buf);
      expect(r).toEqual(run(c));
    }
  });

  it('keeps 1e-9 relative accuracy for a p-value of 4e-16', () => {
    // R: 4.07e-16. chiSquareUpper is the upper incomplete gamma, not 1 - CDF.
    const c = fixture.logRank.find((u) => u.pValue < 1e-12)!;
    expectClose(run(c).pTwoSided, c.pValue, 'tiny p-value');
  });
});
