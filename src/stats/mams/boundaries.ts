/**
 * Efficacy and futility boundaries of a MAMS design on the z scale, as
 * shapes scaled by one constant C chosen so that the family-wise error under
 * the global null equals α exactly (by integration, `null-rejection.ts`;
 * Magirr, Jaki & Whitehead 2012), or given as lists and then only evaluated.
 *
 * Shapes, with r_j the cumulative per-arm sample size at stage j (their
 * scale is absorbed by C), as in Magirr et al. (2012) and the MAMS R package:
 *   Pocock            u_j = C
 *   O'Brien-Fleming   u_j = C √(r_J / r_j)
 *   triangular        u_j = C (1 + r_j/r_J) / √r_j,  l_j = -C (1 - 3 r_j/r_J) / √r_j
 *                     (Whitehead's triangular test: Whitehead & Stratton 1983)
 *   power family      u_j = C (r_j / r_J)^(Δ - 1/2)  (Wang & Tsiatis 1987: Δ = 0 is
 *                     O'Brien-Fleming, Δ = 1/2 Pocock)
 *   fixed             u_j = value at interims, C at the last stage
 * Futility shapes: none (-∞), fixed value, Pocock (-C), O'Brien-Fleming
 * (-C √(r_J/r_j)), triangular (with a triangular efficacy boundary), or a
 * list. The last stage's futility bound is its efficacy bound.
 */
import { brentRoot } from '../group-sequential/root.js';
import { nullFamilywiseError, type MamsGeometry, type IntegrationOptions } from './null-rejection.js';
import { makeSpending, type SpendingSpec } from '../group-sequential/spending.js';

export type EfficacyShape =
  | { shape: 'pocock' | 'obrien-fleming' | 'triangular' }
  | { shape: 'power'; delta: number }
  | { shape: 'fixed'; value: number }
  | { shape: 'list'; values: readonly number[] }
  | { shape: 'spending'; spending: SpendingSpec };

export type FutilityShape =
  | { shape: 'none' | 'pocock' | 'obrien-fleming' | 'triangular' }
  | { shape: 'fixed'; value: number }
  | { shape: 'list'; values: readonly number[] };

export interface MamsBoundaries {
  /** Efficacy bounds u_1..u_J. */
  upper: number[];
  /** Futility bounds l_1..l_J (l_J = u_J). */
  lower: number[];
  /** The scaling constant (null when both boundaries were given as lists). */
  constant: number | null;
  /** Family-wise error under the global null, by integration. */
  familywiseError: number;
}

function efficacyAt(e: EfficacyShape, C: number, r: readonly number[]): number[] {
  const J = r.length;
  const rJ = r[J - 1];
  return r.map((rj, j) => {
    switch (e.shape) {
      case 'pocock': return C;
      case 'obrien-fleming': return C * Math.sqrt(rJ / rj);
      case 'triangular': return (C * (1 + rj / rJ)) / Math.sqrt(rj);
      case 'power': return C * (rj / rJ) ** (e.delta - 0.5);
      case 'fixed': return j === J - 1 ? C : e.value;
      case 'list': return e.values[j];
      case 'spending': throw new RangeError('spending boundaries are solved stage by stage (spendingBoundaries)');
    }
  });
}

function futilityAt(f: FutilityShape, C: number, r: readonly number[], upper: readonly number[]): number[] {
  const J = r.length;
  const rJ = r[J - 1];
  return r.map((rj, j) => {
    if (j === J - 1) return upper[J - 1];
    switch (f.shape) {
      case 'none': return -Infinity;
      case 'pocock': return -C;
      case 'obrien-fleming': return -C * Math.sqrt(rJ / rj);
      case 'triangular': return (-C * (1 - (3 * rj) / rJ)) / Math.sqrt(rj);
      case 'fixed': return f.value;
      case 'list': return f.values[j];
    }
  });
}

/** The boundaries for a given constant C, with their family-wise error. */
export function boundariesFor(g: MamsGeometry, e: EfficacyShape, f: FutilityShape, C: number, options: IntegrationOptions = {}): MamsBoundaries {
  // Ratios scaled so that the smaller first-stage group is 1, as the MAMS package does: C is then comparable.
  const unit = Math.min(g.armSizes[0], g.controlSizes[0]);
  const r = g.armSizes.map((n) => n / unit);
  const upper = efficacyAt(e, C, r);
  const lower = futilityAt(f, C, r, upper);
  return { upper, lower, constant: C, familywiseError: nullFamilywiseError(g, upper, lower, options) };
}

/**
 * Solves for C such that the family-wise error under the global null is
 * `alpha` (one-sided), or evaluates list boundaries. Brent's method on C in
 * [0.1, 20]: the error falls as C grows.
 */
export function mamsBoundaries(g: MamsGeometry, e: EfficacyShape, f: FutilityShape, alpha: number, options: IntegrationOptions = {}): MamsBoundaries {
  if (e.shape === 'spending') return spendingBoundaries(g, e.spending, f, alpha, options);
  // A listed efficacy boundary is used as given (its futility bound is fixed too): evaluate, don't solve.
  if (e.shape === 'list') {
    const b = boundariesFor(g, e, f, NaN, options);
    return { ...b, constant: null };
  }
  const C = brentRoot((c) => boundariesFor(g, e, f, c, options).familywiseError - alpha, 0.1, 20, 1e-9);
  return boundariesFor(g, e, f, C, options);
}

/**
 * Error-spending efficacy bounds for a MAMS design: the multi-arm analogue
 * of Lan & DeMets (1983). With information fractions t_j = n_j / n_J, the
 * bound u_j is solved so that the chance, under the global null, that some
 * arm crosses by stage j is α*(t_j), stage after stage; the error by stage
 * j is the MAMS integral truncated at stage j. Futility bounds must be
 * fixed (none, a number or a list): they are binding here as elsewhere. For
 * one arm these are the group-sequential spending bounds.
 */
export function spendingBoundaries(g: MamsGeometry, spending: SpendingSpec, f: FutilityShape, alpha: number, options: IntegrationOptions = {}): MamsBoundaries {
  if (f.shape !== 'none' && f.shape !== 'fixed' && f.shape !== 'list') throw new RangeError('spending bounds take a fixed futility boundary (none, a number or a list)');
  const J = g.armSizes.length;
  const spend = makeSpending(spending, alpha);
  const lowerFixed = futilityAt(f, NaN, g.armSizes, new Array<number>(J).fill(NaN));
  const upper: number[] = [];
  for (let j = 0; j < J; j++) {
    const target = j === J - 1 ? alpha : spend(g.armSizes[j] / g.armSizes[J - 1]);
    const truncated = { arms: g.arms, armSizes: g.armSizes.slice(0, j + 1), controlSizes: g.controlSizes.slice(0, j + 1) };
    const lower = lowerFixed.slice(0, j + 1);
    const errorBy = (u: number) => nullFamilywiseError(truncated, [...upper, u], lower, options) - target;
    upper.push(brentRoot(errorBy, -5, 40, 1e-10));
  }
  const lower = [...lowerFixed.slice(0, J - 1), upper[J - 1]];
  return { upper, lower, constant: null, familywiseError: nullFamilywiseError(g, upper, lower, options) };
}
