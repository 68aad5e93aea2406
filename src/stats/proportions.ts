/**
 * Tests and estimates for two independent proportions: x1 of n1 (treatment)
 * against x0 of n0 (control). Every function takes counts, so the design can
 * tally patients once and call several analyses.
 */
import { normalQuantile, normalUpper, chiSquareUpper } from './distributions.js';

/** A test outcome: the statistic and its one-sided (treatment better) and two-sided p-values. */
export interface TestResult {
  statistic: number;
  /** P-value against the alternative that the treatment arm is higher. */
  pGreater: number;
  /** P-value against the alternative that the treatment arm is lower. */
  pLess: number;
  pTwoSided: number;
}

const NO_INFORMATION: TestResult = { statistic: 0, pGreater: 1, pLess: 1, pTwoSided: 1 };

function fromZ(z: number, into?: TestResult): TestResult {
  // One tail evaluation serves all three p-values.
  const tail = normalUpper(Math.abs(z));
  return fill(into ?? { statistic: 0, pGreater: 1, pLess: 1, pTwoSided: 1 }, z, z >= 0 ? tail : 1 - tail, z <= 0 ? tail : 1 - tail, Math.min(1, 2 * tail));
}

function fill(r: TestResult, statistic: number, pGreater: number, pLess: number, pTwoSided: number): TestResult {
  r.statistic = statistic; r.pGreater = pGreater; r.pLess = pLess; r.pTwoSided = pTwoSided;
  return r;
}

/**
 * Pooled two-proportion z-test: z = (p1 - p0) / sqrt(p(1-p)(1/n1 + 1/n0)) with
 * p the pooled rate. Two-sided it equals Pearson's chi-square without
 * continuity correction (R's `prop.test(correct = FALSE)`). With no events or
 * all events the data carry no information and every p-value is 1. With
 * `into` the result is written there (a replicate loop reuses one object).
 */
export function pooledZTest(x1: number, n1: number, x0: number, n0: number, into?: TestResult): TestResult {
  if (n1 === 0 || n0 === 0) return into ? fill(into, 0, 1, 1, 1) : NO_INFORMATION;
  const p = (x1 + x0) / (n1 + n0);
  const v = p * (1 - p) * (1 / n1 + 1 / n0);
  if (!(v > 0)) return into ? fill(into, 0, 1, 1, 1) : NO_INFORMATION;
  return fromZ((x1 / n1 - x0 / n0) / Math.sqrt(v), into);
}

/** Unpooled (Wald) two-proportion z-test, variance p1(1-p1)/n1 + p0(1-p0)/n0. */
export function unpooledZTest(x1: number, n1: number, x0: number, n0: number): TestResult {
  if (n1 === 0 || n0 === 0) return NO_INFORMATION;
  const p1 = x1 / n1;
  const p0 = x0 / n0;
  const v = (p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0;
  if (!(v > 0)) return NO_INFORMATION;
  return fromZ((p1 - p0) / Math.sqrt(v));
}

/**
 * Pearson's chi-square test of the 2x2 table, optionally with Yates' continuity
 * correction (as R's `chisq.test(correct = TRUE)`, which caps the correction at
 * |O - E|). One-sided p-values use the signed root of the statistic.
 */
export function chiSquareTest(x1: number, n1: number, x0: number, n0: number, correct: boolean): TestResult {
  const n = n1 + n0;
  const events = x1 + x0;
  if (n1 === 0 || n0 === 0 || events === 0 || events === n) return NO_INFORMATION;
  const e1 = (n1 * events) / n; // expected events in the treatment arm
  const d = x1 - e1;
  const yates = correct ? Math.min(0.5, Math.abs(d)) : 0;
  const ad = Math.abs(d) - yates;
  const rows = [n1, n0];
  const cols = [events, n - events];
  let stat = 0;
  for (const r of rows) for (const c of cols) stat += (ad * ad) / ((r * c) / n);
  const signed = Math.sign(d) * Math.sqrt(stat); // = signedChiSquareRoot(stat, ...): d has the sign of x1·n0 − x0·n1
  return { statistic: stat, pGreater: normalUpper(signed), pLess: normalUpper(-signed), pTwoSided: chiSquareUpper(stat, 1) };
}

/**
 * The chi-square statistic's signed root: the z whose upper tail is the
 * one-sided p-value (positive: more responders on treatment), as a
 * one-sided chi-square test reports its statistic.
 */
export function signedChiSquareRoot(statistic: number, x1: number, n1: number, x0: number, n0: number): number {
  return Math.sign(x1 * n0 - x0 * n1) * Math.sqrt(statistic);
}

/** An estimate on some scale with its standard error and confidence interval. */
export interface Estimate {
  estimate: number;
  se: number;
  lower: number;
  upper: number;
}

/**
 * A confidence level with its two-sided normal critical value, computed once
 * (a design makes it when it is planned: the quantile costs about as much as
 * the rest of an interval, and is the same every replicate).
 */
export interface Confidence {
  level: number;
  z: number;
}

export function confidenceLevel(level: number): Confidence {
  return { level, z: normalQuantile(1 - (1 - level) / 2) };
}

/** The two-sided normal critical value (1.96 for 0.95). */
function criticalValue(level: number | Confidence): number {
  return typeof level === 'number' ? confidenceLevel(level).z : level.z;
}

/** Wald confidence interval estimate ± z·se. */
export function waldInterval(estimate: number, se: number, level: number | Confidence): Estimate {
  const z = criticalValue(level);
  return { estimate, se, lower: estimate - z * se, upper: estimate + z * se };
}

/**
 * Risk difference p1 - p0 with its Wald (unpooled) standard error; the
 * interval is clipped to [-1, 1], the parameter's range. With `into` the
 * result is written there (a replicate loop reuses one object).
 */
export function riskDifference(x1: number, n1: number, x0: number, n0: number, level: number | Confidence, into?: Estimate): Estimate {
  const p1 = x1 / n1;
  const p0 = x0 / n0;
  const estimate = p1 - p0, se = Math.sqrt((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0), z = criticalValue(level);
  const lower = Math.max(-1, estimate - z * se), upper = Math.min(1, estimate + z * se);
  if (!into) return { estimate, se, lower, upper };
  into.estimate = estimate; into.se = se; into.lower = lower; into.upper = upper;
  return into;
}

/**
 * Log odds ratio with Woolf's standard error sqrt(1/a + 1/b + 1/c + 1/d). When a
 * cell is empty, 0.5 is added to every cell (Haldane-Anscombe), the usual
 * remedy; `corrected` says so. With `into` the result is written there.
 */
export function logOddsRatio(x1: number, n1: number, x0: number, n0: number, level: number | Confidence, into?: Estimate & { corrected: boolean }): Estimate & { corrected: boolean } {
  let a = x1, b = n1 - x1, c = x0, d = n0 - x0;
  const corrected = a === 0 || b === 0 || c === 0 || d === 0;
  if (corrected) {
    a += 0.5; b += 0.5; c += 0.5; d += 0.5;
  }
  const estimate = Math.log((a * d) / (b * c));
  const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  const z = criticalValue(level);
  const lower = estimate - z * se, upper = estimate + z * se;
  if (!into) return { estimate, se, lower, upper, corrected };
  into.estimate = estimate; into.se = se; into.lower = lower; into.upper = upper; into.corrected = corrected;
  return into;
}
