/**
 * Group-sequential efficacy boundaries from an alpha-spending function
 * (Lan & DeMets 1983), computed with the recursive integration of Armitage,
 * McPherson & Rowe (1969) / Jennison & Turnbull (2000, ch. 19) — see
 * `recursion.ts`.
 *
 * One-sided, upper (efficacy) boundaries only: at each look k the critical
 * value b_k on the z scale solves, under H0 (drift 0),
 *   P(Z_1 < b_1, ..., Z_{k-1} < b_{k-1}, Z_k ≥ b_k) = α*(t_k) - α*(t_{k-1}).
 * This is rpact's `getDesignGroupSequential(..., sided = 1)$criticalValues`.
 *
 * Futility. Non-binding futility boundaries (rpact's default
 * `bindingFutility = FALSE`) do NOT change these efficacy boundaries: the
 * type I error is controlled as if the trial never stopped for futility, so
 * ignoring a futility stop can only lower the error rate. Pass futility bounds
 * to `exitProbabilities` to get the operating characteristics of a design that
 * does follow them. (Binding futility, which would lower the b_k, is not
 * implemented.)
 */
import { normalQuantile, normalUpper } from '../distributions.js';
import { checkInformationRates, stageDensity, upperCrossing, type StageDensity } from './recursion.js';
import { brentRoot } from './root.js';
import { makeSpending, type SpendingFunction, type SpendingSpec } from './spending.js';

/** Inputs: information fractions plus either a named spending function and level, or a custom function. */
export type BoundaryOptions = {
  /** Information fractions 0 < t_1 < ... < t_K ≤ 1 (t_K = 1 spends all of α). */
  informationRates: readonly number[];
  /** J&T grid parameter r (12r - 3 points per stage); default 32. */
  gridSize?: number;
} & ({ spending: SpendingSpec; alpha: number } | { spending: SpendingFunction });

/** Efficacy boundaries of a one-sided group-sequential design. */
export interface EfficacyBoundaries {
  readonly informationRates: readonly number[];
  /** z-scale critical values b_k (Infinity where no alpha is spent at look k). */
  readonly criticalValues: number[];
  /** Cumulative alpha spent α*(t_k). */
  readonly cumulativeAlphaSpent: number[];
  /** Nominal one-sided p-value thresholds 1 - Φ(b_k) (rpact `stageLevels`). */
  readonly stageLevels: number[];
}

/** Φ⁻¹(1 - p) as -Φ⁻¹(p): full precision for the tiny p of early O'Brien-Fleming looks. */
const zUpper = (p: number): number => -normalQuantile(p);

function resolveSpending(o: BoundaryOptions): SpendingFunction {
  if (typeof o.spending === 'function') return o.spending;
  if ('alpha' in o) return makeSpending(o.spending, o.alpha);
  throw new RangeError('a named spending function needs alpha');
}

/** Equally spaced information fractions 1/K, 2/K, ..., 1. */
export function equallySpaced(kMax: number): number[] {
  if (!(Number.isInteger(kMax) && kMax >= 1)) throw new RangeError(`kMax must be a positive integer, got ${kMax}`);
  return Array.from({ length: kMax }, (_, i) => (i + 1) / kMax);
}

/**
 * Efficacy critical values for the information fractions and spending function
 * in `options` (Lan-DeMets spending, J&T ch. 19 recursion; matches rpact
 * 3.3.4 to < 2e-7 at the default grid, the size of rpact's own error). Each
 * b_k is found by Brent's method to 1e-12 within the bracket [Φ⁻¹(1 - α*(t_k)), Φ⁻¹(1 - (α*(t_k) - α*(t_{k-1})))],
 * which always contains it because the stage-k crossing probability lies
 * between P(Z_k ≥ b) - α*(t_{k-1}) and P(Z_k ≥ b).
 */
export function efficacyBoundaries(options: BoundaryOptions): EfficacyBoundaries {
  const t = options.informationRates;
  checkInformationRates(t);
  const r = options.gridSize ?? 32;
  const spend = resolveSpending(options);

  const criticalValues: number[] = [];
  const cumulativeAlphaSpent: number[] = [];
  let spentBefore = 0;
  let prev: StageDensity | null = null;
  for (let k = 0; k < t.length; k++) {
    const tk = t[k]!;
    const cumulative = spend(tk);
    if (!(cumulative >= spentBefore - 1e-15 && cumulative < 1)) {
      throw new RangeError(`spending function must be non-decreasing and < 1 (at t=${tk}: ${cumulative})`);
    }
    const increment = cumulative - spentBefore;
    let b: number;
    if (increment <= 0) {
      b = Infinity;
    } else if (prev === null) {
      b = zUpper(increment);
    } else {
      const density: StageDensity = prev;
      const f = (x: number): number => upperCrossing(density, tk, 0, x) - increment;
      let lo = zUpper(cumulative);
      let hi = zUpper(increment);
      // Guard the bracket against rounding when the earlier looks spent almost nothing.
      while (f(lo) < 0) lo -= 0.5;
      while (f(hi) > 0) hi += 0.5;
      b = brentRoot(f, lo, hi, 1e-12);
    }
    criticalValues.push(b);
    cumulativeAlphaSpent.push(cumulative);
    spentBefore = Math.max(spentBefore, cumulative);
    if (k + 1 < t.length) prev = stageDensity(prev, tk, 0, -Infinity, b, r);
  }
  return {
    informationRates: [...t],
    criticalValues,
    cumulativeAlphaSpent,
    stageLevels: criticalValues.map((b) => normalUpper(b)),
  };
}
