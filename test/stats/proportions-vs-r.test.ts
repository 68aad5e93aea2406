/**
 * Double programming: trialsim's 2x2-table tests against R (fixture written by
 * test/fixtures/core-tests.R; R is not needed to run these tests).
 *
 * Table orientation (see the R script): (x1, n1) is the treatment arm, (x0, n0)
 * control; R's fisher.test "greater" and prop.test "greater" both mean the
 * treatment event rate is higher, which is trialsim's pGreater.
 *
 * Tolerance: relative 1e-9, with an absolute floor of 1e-15 for p-values from
 * `chiSquareUpper`; a separate test checks that tiny p-values keep their
 * relative accuracy.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  pooledZTest, unpooledZTest, chiSquareTest, riskDifference, logOddsRatio, waldInterval,
} from '../../src/stats/proportions.js';
import { fisherExactTest } from '../../src/stats/fisher.js';
import { normalQuantile } from '../../src/stats/distributions.js';

interface TableCase {
  x1: number; n1: number; x0: number; n0: number;
  fisher: { pTwoSided: number; pGreater: number; pLess: number };
  propTest: null | { statistic: number; pTwoSided: number; pGreater: number; pLess: number; confInt: [number, number] };
  chisqTestYates: null | {
    statistic: number; pValue: number; propTestStatistic: number; pGreater: number; pLess: number;
  };
  logOddsRatio: null | { estimate: number; se: number; corrected: boolean };
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/core-tests.json', import.meta.url), 'utf8'),
) as { twoByTwo: TableCase[] };
const tables = fixture.twoByTwo;
const informative = tables.filter((t) => t.propTest !== null);

const REL = 1e-9;
/** Absolute floor for p-values that go through chiSquareUpper (1 - CDF). */
const CHISQ_ABS = 1e-15;

function label(t: TableCase): string {
  return `${t.x1}/${t.n1} vs ${t.x0}/${t.n0}`;
}

function expectClose(actual: number, expected: number, what: string, rel = REL, abs = 0): void {
  const err = Math.abs(actual - expected);
  const ok = err <= rel * Math.abs(expected) + abs || actual === expected;
  expect(ok, `${what}: trialsim ${actual}, R ${expected}, |Δ| ${err}`).toBe(true);
}

describe('the fixture', () => {
  it('covers small, zero-cell, degenerate, unbalanced and n ~ 500 tables', () => {
    expect(tables.length).toBeGreaterThanOrEqual(30);
    expect(tables.some((t) => t.n1 + t.n0 <= 10)).toBe(true);
    expect(tables.some((t) => t.x1 === 0 || t.x0 === 0 || t.x1 === t.n1 || t.x0 === t.n0)).toBe(true);
    expect(tables.some((t) => t.propTest === null)).toBe(true);
    expect(tables.some((t) => Math.max(t.n1, t.n0) >= 5 * Math.min(t.n1, t.n0))).toBe(true);
    expect(tables.some((t) => t.n1 >= 500 && t.n0 >= 500)).toBe(true);
  });
});

describe("fisherExactTest matches R's fisher.test", () => {
  for (const t of tables) {
    it(`gives R's two-sided, greater and less p-values for ${label(t)}`, () => {
      const r = fisherExactTest(t.x1, t.n1, t.x0, t.n0);
      expectClose(r.pTwoSided, t.fisher.pTwoSided, 'two-sided');
      expectClose(r.pGreater, t.fisher.pGreater, 'greater');
      expectClose(r.pLess, t.fisher.pLess, 'less');
    });
  }

  it('is symmetric under swapping arms: greater and less exchange and two-sided is unchanged', () => {
    for (const t of tables) {
      const a = fisherExactTest(t.x1, t.n1, t.x0, t.n0);
      const b = fisherExactTest(t.x0, t.n0, t.x1, t.n1);
      expectClose(b.pGreater, a.pLess, `swap ${label(t)}`, 1e-12);
      expectClose(b.pLess, a.pGreater, `swap ${label(t)}`, 1e-12);
      expectClose(b.pTwoSided, a.pTwoSided, `swap ${label(t)}`, 1e-12);
    }
  });
});

describe("pooledZTest matches R's prop.test(correct = FALSE)", () => {
  for (const t of informative) {
    it(`has z² equal to R's X-squared and R's p-values for ${label(t)}`, () => {
      const r = pooledZTest(t.x1, t.n1, t.x0, t.n0);
      const p = t.propTest!;
      expectClose(r.statistic * r.statistic, p.statistic, 'z²');
      expectClose(r.pTwoSided, p.pTwoSided, 'two-sided');
      expectClose(r.pGreater, p.pGreater, 'greater');
      expectClose(r.pLess, p.pLess, 'less');
    });
  }

  it('returns p = 1 for tables with no events or only events, where R gives NaN', () => {
    for (const t of tables.filter((u) => u.propTest === null)) {
      const r = pooledZTest(t.x1, t.n1, t.x0, t.n0);
      expect([r.statistic, r.pGreater, r.pLess, r.pTwoSided]).toEqual([0, 1, 1, 1]);
    }
  });
});

describe("chiSquareTest matches R's chisq.test and prop.test", () => {
  for (const t of informative) {
    it(`without correction equals R's prop.test(correct = FALSE) for ${label(t)}`, () => {
      const r = chiSquareTest(t.x1, t.n1, t.x0, t.n0, false);
      const p = t.propTest!;
      expectClose(r.statistic, p.statistic, 'X-squared');
      expectClose(r.pTwoSided, p.pTwoSided, 'two-sided', REL, CHISQ_ABS);
      expectClose(r.pGreater, p.pGreater, 'greater');
      expectClose(r.pLess, p.pLess, 'less');
    });

    it(`with Yates' correction equals R's chisq.test(correct = TRUE) for ${label(t)}`, () => {
      const r = chiSquareTest(t.x1, t.n1, t.x0, t.n0, true);
      const c = t.chisqTestYates!;
      // When |O - E| <= 0.5 the corrected statistic is exactly 0; R leaves
      // rounding noise of order 1e-30 there, hence the absolute floor.
      expectClose(c.propTestStatistic, c.statistic, 'R self-consistency', 1e-12, 1e-20);
      expectClose(r.statistic, c.statistic, 'X-squared (Yates)', REL, 1e-20);
      expectClose(r.pTwoSided, c.pValue, 'two-sided (Yates)', REL, CHISQ_ABS);
      expectClose(r.pGreater, c.pGreater, 'greater (Yates)');
      expectClose(r.pLess, c.pLess, 'less (Yates)');
    });
  }

  it('keeps 1e-9 relative accuracy for p-values far below 1e-9', () => {
    // chiSquareUpper is the upper incomplete gamma Q(df/2, x/2), so tiny
    // p-values keep their relative accuracy (1 - CDF would cancel).
    const tiny = informative.filter((t) => t.propTest!.pTwoSided < 1e-9);
    expect(tiny.length).toBeGreaterThan(0);
    for (const t of tiny) {
      expectClose(chiSquareTest(t.x1, t.n1, t.x0, t.n0, false).pTwoSided, t.propTest!.pTwoSided, `tiny p ${label(t)}`);
    }
  });

  it('gives the same p-values as pooledZTest without correction, to rounding', () => {
    for (const t of informative) {
      const a = chiSquareTest(t.x1, t.n1, t.x0, t.n0, false);
      const b = pooledZTest(t.x1, t.n1, t.x0, t.n0);
      expectClose(a.pGreater, b.pGreater, label(t), 1e-12);
      expectClose(a.pLess, b.pLess, label(t), 1e-12);
    }
  });
});

describe('unpooledZTest, riskDifference and waldInterval', () => {
  it("give the risk difference interval of R's prop.test(correct = FALSE), clipped to [-1, 1] as R does", () => {
    for (const t of informative) {
      const rd = riskDifference(t.x1, t.n1, t.x0, t.n0, 0.95);
      const [lo, hi] = t.propTest!.confInt;
      // riskDifference clips itself: the interval stays in the parameter's range.
      expectClose(rd.lower, lo, `lower ${label(t)}`, REL, 1e-15);
      expectClose(rd.upper, hi, `upper ${label(t)}`, REL, 1e-15);
      expect(rd.lower >= -1 && rd.upper <= 1).toBe(true);
    }
  });

  it('clips an interval that would leave [-1, 1] (10/10 against 1/10: 0.9 ± 0.186)', () => {
    const rd = riskDifference(10, 10, 1, 10, 0.95);
    expect(rd.estimate).toBeCloseTo(0.9, 15);
    expect(rd.upper).toBe(1);
    expect(rd.lower).toBeCloseTo(0.9 - 1.959963984540054 * Math.sqrt(0.009), 12);
  });

  it('unpooled z equals the risk difference over its standard error', () => {
    for (const t of informative) {
      const rd = riskDifference(t.x1, t.n1, t.x0, t.n0, 0.95);
      const z = unpooledZTest(t.x1, t.n1, t.x0, t.n0);
      if (rd.se > 0) expectClose(z.statistic, rd.estimate / rd.se, label(t), 1e-14);
      else expect(z.pTwoSided).toBe(1);
    }
  });

  it('waldInterval is estimate ± z_{1-(1-level)/2}·se', () => {
    const w = waldInterval(0.3, 0.1, 0.9);
    const z = normalQuantile(0.95);
    expect(z).toBeCloseTo(1.6448536269514722, 14);
    expectClose(w.lower, 0.3 - z * 0.1, 'lower', 1e-15);
    expectClose(w.upper, 0.3 + z * 0.1, 'upper', 1e-15);
  });
});

describe('logOddsRatio matches a logistic regression in R', () => {
  const withLor = tables.filter((t) => t.logOddsRatio !== null);
  it('gives the glm log odds ratio and Wald SE (Woolf), with the Haldane correction on zero cells', () => {
    expect(withLor.some((t) => t.logOddsRatio!.corrected)).toBe(true);
    for (const t of withLor) {
      const r = logOddsRatio(t.x1, t.n1, t.x0, t.n0, 0.95);
      const g = t.logOddsRatio!;
      expect(r.corrected, label(t)).toBe(g.corrected);
      // glm converges to ~1e-15 relative; 1e-9 leaves room for IRLS rounding.
      expectClose(r.estimate, g.estimate, `log OR ${label(t)}`, REL, 1e-13);
      expectClose(r.se, g.se, `SE ${label(t)}`);
    }
  });
});
