/**
 * The Monte Carlo tolerance rule shared by every simulation test.
 *
 * A simulated figure agrees with its expected value (exact, analytic, from R,
 * or a second simulation) when
 *
 *     |observed - expected| <= max(k * mcse + slack, floor),   k = 4 by default,
 *
 * where `mcse` is the Monte Carlo standard error of `observed - expected`
 * (combine independent errors with Math.hypot), `slack` is a bound on a
 * deterministic error that adds to it (e.g. half a unit in the last digit a
 * figure is reported to) and `floor` the numerical rounding allowed when the
 * Monte Carlo error is zero (an exact 0 or 1 must then be met to ~1e-12).
 * With k = 4 a correct simulation fails a check with probability about 6e-5
 * (two-sided normal tail), so a fixed-seed suite of a few hundred such checks
 * stays green, while a bias of a few MCSE is caught.
 *
 * Example: `expectWithinMcse(h.rate, 0.05, { mcse: binomialMcse(0.05, 2000) })`
 * passes for a rate within 4 * 0.00487 = 0.0195 of 0.05.
 */
import { expect } from 'vitest';

export interface McseTolerance {
  /** Monte Carlo standard error of observed - expected; finite and >= 0. */
  mcse: number;
  /** Number of MCSEs allowed (default 4, and never more: the project's rule is 3 to 4). */
  k?: number;
  /** Deterministic error added to k * mcse (default 0). */
  slack?: number;
  /** Least tolerance, for rounding when mcse is 0 (default 0). */
  floor?: number;
  /** What is compared, for the failure message. */
  what?: string;
}

/** The tolerance max(k * mcse + slack, floor) of the rule above. */
export function mcseTolerance({ mcse, k = 4, slack = 0, floor = 0 }: McseTolerance): number {
  if (!(Number.isFinite(mcse) && mcse >= 0)) throw new RangeError(`MCSE must be a finite number >= 0, got ${mcse}`);
  if (k > 4) throw new RangeError(`at most 4 MCSE may be allowed, got ${k}`);
  return Math.max(k * mcse + slack, floor);
}

/** Asserts |observed - expected| <= max(k * mcse + slack, floor), k = 4 by default. */
export function expectWithinMcse(observed: number, expected: number, tolerance: McseTolerance): void {
  const tol = mcseTolerance(tolerance);
  const gap = Math.abs(observed - expected);
  const { mcse, k = 4, what = 'value' } = tolerance;
  expect(gap <= tol, `${what}: observed ${observed}, expected ${expected}, |gap| ${gap} > ${tol} (${k} MCSE, MCSE ${mcse})`).toBe(true);
}

/** MCSE of a proportion p estimated from n independent replicates: sqrt(p (1 - p) / n). */
export function binomialMcse(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}

/** MCSE of a mean of n independent draws with standard deviation sd: sd / sqrt(n). */
export function meanMcse(sd: number, n: number): number {
  return sd / Math.sqrt(n);
}
