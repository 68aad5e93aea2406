/**
 * Double programming: Welch's and Student's t-tests on summary statistics
 * against R's t.test on the raw samples (fixture from
 * test/fixtures/core-tests.R). The fixture stores R's mean and var (divisor
 * n - 1) to 17 significant digits, so both sides start from the same doubles.
 * Tolerance: relative 1e-9 for t, df, p-values and interval ends.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { welchTTest, studentTTest, type ArmSummary } from '../../src/stats/t-tests.js';

interface TResult { t: number; df: number; pTwoSided: number; pGreater: number; pLess: number; confInt: [number, number] }
interface TCase { name: string; level: number; treatment: ArmSummary; control: ArmSummary; welch: TResult; student: TResult }

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/core-tests.json', import.meta.url), 'utf8'),
) as { tTests: TCase[] };

const REL = 1e-9;

function expectClose(actual: number, expected: number, what: string, rel = REL): void {
  const err = Math.abs(actual - expected);
  expect(err <= rel * Math.abs(expected) || actual === expected, `${what}: trialsim ${actual}, R ${expected}, |Δ| ${err}`).toBe(true);
}

describe("welchTTest and studentTTest match R's t.test", () => {
  it('the fixture covers tiny, unbalanced, large and null samples with both signs of t', () => {
    const cases = fixture.tTests;
    expect(cases.length).toBeGreaterThanOrEqual(8);
    expect(cases.some((c) => c.treatment.n === 2)).toBe(true);
    expect(cases.some((c) => c.treatment.n + c.control.n > 300)).toBe(true);
    expect(cases.some((c) => c.welch.t < 0) && cases.some((c) => c.welch.t > 0)).toBe(true);
    expect(cases.some((c) => c.level !== 0.95)).toBe(true);
  });

  for (const c of fixture.tTests) {
    for (const kind of ['welch', 'student'] as const) {
      it(`${kind} gives R's t, df, p-values and ${c.level * 100}% interval for "${c.name}"`, () => {
        const r = (kind === 'welch' ? welchTTest : studentTTest)(c.treatment, c.control, c.level);
        const e = c[kind];
        expectClose(r.statistic, e.t, 't');
        expectClose(r.df, e.df, 'df');
        expectClose(r.pTwoSided, e.pTwoSided, 'two-sided p');
        expectClose(r.pGreater, e.pGreater, 'greater p');
        expectClose(r.pLess, e.pLess, 'less p');
        expectClose(r.difference.lower, e.confInt[0], 'lower');
        expectClose(r.difference.upper, e.confInt[1], 'upper');
        expectClose(r.difference.estimate, c.treatment.mean - c.control.mean, 'estimate', 1e-15);
      });
    }
  }

  it('Welch and Student agree exactly in t when the arms are the same size', () => {
    for (const c of fixture.tTests.filter((u) => u.treatment.n === u.control.n)) {
      expectClose(welchTTest(c.treatment, c.control).statistic, studentTTest(c.treatment, c.control).statistic, c.name, 1e-14);
    }
  });
});
