/** Shared helpers for the regression tests: fixture loading and tolerant comparison. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { buildDesignMatrix } from '../../../src/stats/regression/design-matrix.js';
import type { DesignMatrix, DesignTerm } from '../../../src/stats/regression/design-matrix.js';

export interface FixtureCase {
  name: string;
  model: 'logistic' | 'linear' | 'cox';
  ties?: 'efron' | 'breslow';
  formula: string;
  columnNames: string[];
  coefficients: number[];
  se: number[];
  z?: number[];
  t?: number[];
  pValues: number[];
  covariance: number[][];
  logLik: number;
  logLikNull?: number;
  deviance?: number;
  iterations?: number;
  scoreTest?: number;
  sigma?: number;
  dfResidual?: number;
  rss?: number;
  reducedLogLik: number;
  lrTest: { columns: number[]; statistic: number; df: number; pValue: number };
  waldTest?: { columns: number[]; statistic: number; df: number; pValue: number };
  fTest?: { columns: number[]; statistic: number; df1: number; df2: number; pValue: number };
  conditional?: Array<{ m: number; estimate: number; se: number; lower: number; upper: number }>;
  contrasts?: Array<{ columns: number[]; weights: number[]; level: number; estimate: number; se: number; lower: number; upper: number }>;
}

export interface Fixture {
  n: number;
  data: Record<string, number[]>;
  cases: FixtureCase[];
}

export function loadFixture(): Fixture {
  const url = new URL('../../fixtures/regression.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Fixture;
}

/** |actual − expected| ≤ rel·|expected| + abs. */
export function expectClose(actual: number, expected: number, what: string, rel = 1e-6, abs = 1e-10): void {
  const ok = Math.abs(actual - expected) <= rel * Math.abs(expected) + abs;
  expect(ok, `${what}: got ${actual}, R ${expected} (rel err ${Math.abs(actual - expected) / Math.abs(expected)})`).toBe(true);
}

export function expectAllClose(actual: ArrayLike<number>, expected: readonly number[], what: string, rel = 1e-6, abs = 1e-10): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i]!, expected[i]!, `${what}[${i}]`, rel, abs);
}

/**
 * Rebuilds the fixture's model matrix from its R formula: `y ~ trt * B (+ age)`
 * with B one of bmBin, bmCont, catF; Cox formulas have no intercept.
 */
export function designFor(fx: Fixture, c: FixtureCase): DesignMatrix {
  const d = fx.data;
  const marker = /\* (\w+)/.exec(c.formula)![1]!;
  const terms: DesignTerm[] = [];
  if (marker === 'catF') {
    terms.push({ name: 'catF', kind: 'categorical', levels: 3, levelNames: ['A', 'B', 'C'],
      values: Float64Array.from(d['bmCat']!), interactsWithTreatment: true });
  } else {
    terms.push({ name: marker, kind: marker === 'bmBin' ? 'binary' : 'continuous',
      values: Float64Array.from(d[marker]!), interactsWithTreatment: true });
  }
  if (c.formula.includes('+ age')) {
    terms.push({ name: 'age', kind: 'continuous', values: Float64Array.from(d['age']!), interactsWithTreatment: false });
  }
  return buildDesignMatrix({ treatment: Float64Array.from(d['trt']!), treatmentName: 'trt', terms, intercept: c.model !== 'cox' });
}

/** Outcome columns of a fixture case, from the variable names in its formula. */
export function outcomeFor(fx: Fixture, c: FixtureCase): { y?: Float64Array; time?: Float64Array; event?: Uint8Array } {
  const d = fx.data;
  const surv = /Surv\((\w+), (\w+)\)/.exec(c.formula);
  if (surv) return { time: Float64Array.from(d[surv[1]!]!), event: Uint8Array.from(d[surv[2]!]!) };
  const y = /^(\w+) ~/.exec(c.formula)![1]!;
  return { y: Float64Array.from(d[y]!) };
}

/** R's column name for one of ours: `catF[B]` → `catFB`. */
export function rName(name: string): string {
  return name.replace(/\[(\w+)\]/g, '$1');
}
