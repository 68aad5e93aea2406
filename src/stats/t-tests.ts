/**
 * Two-sample tests of a difference in means on summary statistics (mean,
 * variance, n per arm): Welch's and Student's t-tests, and the z-test with a
 * known standard deviation (the textbook test behind sample-size formulas).
 */
import { tCdf, tQuantile, normalCdf, normalQuantile } from './distributions.js';
import type { TestResult, Estimate } from './proportions.js';

export interface ArmSummary {
  mean: number;
  /** Sample variance with divisor n - 1. */
  variance: number;
  n: number;
}

export interface TTestResult extends TestResult {
  df: number;
  /** Mean difference (treatment - control) with its t-based confidence interval. */
  difference: Estimate;
}

const NO_TEST = (): TTestResult => ({
  statistic: 0, pGreater: 1, pLess: 1, pTwoSided: 1, df: NaN,
  difference: { estimate: NaN, se: NaN, lower: NaN, upper: NaN },
});

function finish(diff: number, se: number, df: number, level: number): TTestResult {
  const t = diff / se;
  const q = tQuantile(1 - (1 - level) / 2, df);
  const upperTail = tCdf(-t, df);
  return {
    statistic: t, df,
    pGreater: upperTail,
    pLess: tCdf(t, df),
    pTwoSided: 2 * tCdf(-Math.abs(t), df),
    difference: { estimate: diff, se, lower: diff - q * se, upper: diff + q * se },
  };
}

/**
 * Welch's unequal-variance t-test (Welch 1947) with Welch-Satterthwaite
 * degrees of freedom, as R's `t.test(var.equal = FALSE)`.
 */
export function welchTTest(treatment: ArmSummary, control: ArmSummary, level = 0.95): TTestResult {
  if (treatment.n < 2 || control.n < 2) return NO_TEST();
  const a = treatment.variance / treatment.n;
  const b = control.variance / control.n;
  const se = Math.sqrt(a + b);
  if (!(se > 0)) return NO_TEST();
  const df = ((a + b) * (a + b)) / ((a * a) / (treatment.n - 1) + (b * b) / (control.n - 1));
  return finish(treatment.mean - control.mean, se, df, level);
}

/** Student's pooled-variance t-test, as R's `t.test(var.equal = TRUE)`. */
export function studentTTest(treatment: ArmSummary, control: ArmSummary, level = 0.95): TTestResult {
  const df = treatment.n + control.n - 2;
  if (treatment.n < 1 || control.n < 1 || df < 1) return NO_TEST();
  const pooled = ((treatment.n - 1) * treatment.variance + (control.n - 1) * control.variance) / df;
  const se = Math.sqrt(pooled * (1 / treatment.n + 1 / control.n));
  if (!(se > 0)) return NO_TEST();
  return finish(treatment.mean - control.mean, se, df, level);
}

/**
 * z-test of a difference in means with a known common standard deviation σ:
 * Z = (x̄_1 - x̄_0) / (σ √(1/n_1 + 1/n_0)), normal p-values and interval.
 * Its power is exactly Φ(δ/se - z_(1-α)) one-sided (Chow, Shao & Wang 2008, §3.2).
 */
export function knownVarianceZTest(treatment: ArmSummary, control: ArmSummary, sd: number, level = 0.95): TTestResult {
  if (treatment.n < 1 || control.n < 1 || !(sd > 0)) return NO_TEST();
  const diff = treatment.mean - control.mean;
  const se = sd * Math.sqrt(1 / treatment.n + 1 / control.n);
  const z = diff / se;
  const q = -normalQuantile((1 - level) / 2);
  return {
    statistic: z, df: Infinity,
    pGreater: normalCdf(-z),
    pLess: normalCdf(z),
    pTwoSided: 2 * normalCdf(-Math.abs(z)),
    difference: { estimate: diff, se, lower: diff - q * se, upper: diff + q * se },
  };
}

/** The mean-difference test a design names: Student's t ("t"), the known-variance z test ("z-known", with `knownSd`), else Welch's t. */
export function meanDifferenceTest(test: string, knownSd: number): (treatment: ArmSummary, control: ArmSummary, level?: number) => TTestResult {
  if (test === 'z-known') return (a, b, level) => knownVarianceZTest(a, b, knownSd, level);
  return test === 't' ? studentTTest : welchTTest;
}
