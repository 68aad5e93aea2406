/**
 * The closed combination test of an adaptive enrichment design with two
 * populations, a subpopulation S nested in the full population F (Wassmer &
 * Brannath 2016, Group Sequential and Confirmatory Adaptive Designs in
 * Clinical Trials, sections 11.2-11.3; Brannath et al. 2009; Jenkins, Stone
 * & Jennison 2011):
 *
 * - at each stage, one-sided p-values for H_S and H_F and, for the
 *   intersection H_S ∩ H_F, a p-value by Bonferroni 2 min(p), Simes
 *   min(2 min(p), max(p)), Šidák 1 − (1 − min(p))², or Spiessens & Debois
 *   (2010) P(max(Z_S, Z_F) ≥ max(z_S, z_F)) under the correlation of the two
 *   statistics (Corr = √(n_S / n_F) for nested populations);
 * - after the interim only the selected populations are tested: the stage-2
 *   intersection p-value is the test over the selected ones (the selected
 *   one's own p-value when one is selected), and a population not selected
 *   has no stage-2 p-value, so it cannot be rejected;
 * - stage-wise p-values are combined by the inverse normal function
 *   Σ w_j Φ⁻¹(1 − p_j) with pre-specified weights Σ w_j² = 1 (or by
 *   Fisher's product), and a population is rejected when its own combined
 *   statistic and the intersection's both reach the critical value
 *   (the closed testing principle: Marcus, Peritz & Gabriel 1976).
 */
import { normalQuantile, chiSquareUpper } from '../distributions.js';
import { normalExceedance } from '../multiplicity/dunnett-probability.js';

export type IntersectionTest = 'bonferroni' | 'simes' | 'sidak' | 'spiessens-debois';

/** One-sided p-values of a stage; NaN where the population was not tested (not selected). */
export interface StagePValues {
  s: number;
  f: number;
}

/** The largest |Φ⁻¹(1 − p)| used: that of p = 1e-100, as rpact clamps (p = 0 and 1 stay finite). */
const Z_LIMIT = -normalQuantile(1e-100);

/** Φ⁻¹(1 − p), clamped to ±Φ⁻¹(1 − 1e-100) ≈ ±21.27 as rpact does. */
export function zOf(p: number): number {
  if (p <= 1e-100) return Z_LIMIT;
  if (p >= 1) return -Z_LIMIT;
  return Math.max(-Z_LIMIT, Math.min(Z_LIMIT, -normalQuantile(p)));
}

/**
 * The intersection p-value of a stage from the tested populations' p-values
 * (one tested: its own); `rho` is the correlation of the two statistics,
 * for Spiessens-Debois.
 */
export function intersectionP(test: IntersectionTest, p: StagePValues, rho: number): number {
  const tested = [p.s, p.f].filter((x) => !Number.isNaN(x));
  if (tested.length === 0) return NaN;
  if (tested.length === 1) return tested[0];
  const lo = Math.min(...tested), hi = Math.max(...tested);
  switch (test) {
    case 'bonferroni': return Math.min(1, 2 * lo);
    case 'simes': return Math.min(2 * lo, hi);
    case 'sidak': return 1 - (1 - lo) ** 2;
    case 'spiessens-debois': {
      if (lo <= 0) return 0;
      if (lo >= 1) return 1;
      const r = Math.sqrt(Math.max(0, Math.min(rho, 1 - 1e-12)));
      return Math.min(1, normalExceedance(zOf(lo), [r, r], 1));
    }
  }
}

/** The inverse normal combination Σ w_j Φ⁻¹(1 − p_j) / √(Σ w_j²) over the stages with a p-value. */
export function inverseNormal(ps: readonly number[], weights: readonly number[]): number {
  let z = 0, w2 = 0;
  ps.forEach((p, j) => { if (!Number.isNaN(p)) { z += weights[j] * zOf(p); w2 += weights[j] ** 2; } });
  return w2 > 0 ? z / Math.sqrt(w2) : NaN;
}

/** Fisher's combination: P(χ²_2k ≥ −2 Σ log p_j) over the k stages with a p-value. */
export function fisherCombination(ps: readonly number[]): number {
  const tested = ps.filter((p) => !Number.isNaN(p));
  const statistic = -2 * tested.reduce((sum, p) => sum + Math.log(Math.max(p, 1e-300)), 0);
  return chiSquareUpper(statistic, 2 * tested.length);
}

/**
 * The closed test with Fisher's product combination (Bauer & Köhne 1994):
 * a hypothesis is rejected when its combined p-value, P(χ²₄ ≥ −2 log(p1 p2)),
 * and the intersection's are both at most alpha. A population not tested at
 * stage 2 cannot be rejected.
 */
export function closedFisher(stages: readonly StagePValues[], rhos: readonly number[], test: IntersectionTest, alpha: number): { rejectS: boolean; rejectF: boolean; pS: number; pF: number; pIntersection: number } {
  const c = closedCombination(stages, rhos, test, fisherCombination, (p) => p <= alpha);
  return { rejectS: c.rejectS, rejectF: c.rejectF, pS: c.s, pF: c.f, pIntersection: c.intersection };
}

/**
 * The closed test's shared part: each hypothesis' and the intersection's
 * stage-wise p-values combined (NaN when not tested at the last stage), and
 * a population rejected when its own and the intersection's combination pass.
 */
function closedCombination(stages: readonly StagePValues[], rhos: readonly number[], test: IntersectionTest, combine: (ps: number[]) => number, passes: (x: number) => boolean) {
  const last = stages.length - 1;
  const combined = (ps: number[]) => (Number.isNaN(ps[last]) ? NaN : combine(ps));
  const sc = combined(stages.map((p) => p.s));
  const f = combined(stages.map((p) => p.f));
  const intersection = combined(stages.map((p, j) => intersectionP(test, p, rhos[j])));
  return { rejectS: passes(sc) && passes(intersection), rejectF: passes(f) && passes(intersection), s: sc, f, intersection };
}

export interface ClosedTestDecision {
  rejectS: boolean;
  rejectF: boolean;
  /** Combined statistics (z scale) of H_S, H_F and H_S ∩ H_F; NaN where not tested. */
  zS: number;
  zF: number;
  zIntersection: number;
}

/**
 * The final decisions of the two-stage closed inverse normal test at
 * one-sided level alpha (critical value Φ⁻¹(1 − alpha) when there is no
 * early efficacy stop), given the stages' p-values and the correlations of
 * the two statistics at each stage (for Spiessens-Debois). The stage-2
 * weight applies only to populations tested at stage 2; weights are not
 * renormalised when a population drops out (its statistic then cannot
 * reach the critical value: it is not rejected).
 */
export function closedInverseNormal(stages: readonly StagePValues[], rhos: readonly number[], weights: readonly number[], test: IntersectionTest, critical: number): ClosedTestDecision {
  const c = closedCombination(stages, rhos, test, (ps) => inverseNormal(ps, weights), (z) => z >= critical);
  return { rejectS: c.rejectS, rejectF: c.rejectF, zS: c.s, zF: c.f, zIntersection: c.intersection };
}
