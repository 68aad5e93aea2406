/**
 * Treatment effects implied by a fitted interaction model, with Wald
 * inference from the coefficient covariance matrix.
 */
import { normalQuantile, tQuantile } from '../distributions.js';
import { twoSidedNormalP, twoSidedTP } from './tails.js';
import type { CoefficientTable, FailedFit } from './types.js';

/** Estimate of a linear combination cᵀb with its Wald SE, statistic, p-value and CI. */
export type EffectEstimate =
  | {
      readonly ok: true;
      readonly estimate: number;
      readonly standardError: number;
      /** cᵀb / SE: t with the fit's residual df for linear models, else z. */
      readonly statistic: number;
      readonly pValue: number;
      readonly lower: number;
      readonly upper: number;
      readonly level: number;
    }
  | { readonly ok: false; readonly reason: string };

/** One (column, weight) pair of a contrast. */
export interface ContrastTerm {
  readonly column: number;
  readonly weight: number;
}

/**
 * cᵀb with SE √(cᵀVc) and a two-sided `level` confidence interval
 * estimate ± q·SE, q the normal quantile (t quantile with the residual df
 * when the fit carries `dfResidual`, as for OLS).
 */
export function linearCombination(
  fit: CoefficientTable | FailedFit,
  contrast: readonly ContrastTerm[],
  level = 0.95,
): EffectEstimate {
  if (!fit.ok) return { ok: false, reason: `fit unavailable (${fit.status}): ${fit.reason}` };
  const p = fit.p;
  let estimate = 0;
  let variance = 0;
  for (const a of contrast) {
    if (!Number.isInteger(a.column) || a.column < 0 || a.column >= p) {
      return { ok: false, reason: `column ${a.column} out of range 0..${p - 1}` };
    }
    estimate += a.weight * fit.coefficients[a.column]!;
    for (const b of contrast) variance += a.weight * b.weight * fit.covariance[a.column * p + b.column]!;
  }
  if (!(variance > 0) || !Number.isFinite(variance) || !Number.isFinite(estimate)) {
    return { ok: false, reason: 'contrast has zero or non-finite variance' };
  }
  const standardError = Math.sqrt(variance);
  const statistic = estimate / standardError;
  const df = fit.dfResidual;
  const q = df === undefined ? normalQuantile(0.5 + level / 2) : tQuantile(0.5 + level / 2, df);
  return {
    ok: true,
    estimate,
    standardError,
    statistic,
    pValue: df === undefined ? twoSidedNormalP(statistic) : twoSidedTP(statistic, df),
    lower: estimate - q * standardError,
    upper: estimate + q * standardError,
    level,
  };
}

/**
 * Conditional treatment effect at biomarker value m in the model
 * η = … + b_t·treatment + b_int·treatment·m + …:
 *   θ(m) = b_t + m·b_int,
 *   SE = √(Var b_t + m² Var b_int + 2m Cov(b_t, b_int)),
 * on the model's scale (mean difference, log odds ratio, log hazard ratio).
 * For a binary biomarker m = 0/1 gives the effect in each subgroup; for a
 * categorical one use {@link linearCombination} with weights 1 on the
 * treatment and the level's interaction column.
 */
export function conditionalEffect(
  fit: CoefficientTable | FailedFit,
  treatmentColumn: number,
  interactionColumn: number,
  m: number,
  level = 0.95,
): EffectEstimate {
  return linearCombination(
    fit,
    [
      { column: treatmentColumn, weight: 1 },
      { column: interactionColumn, weight: m },
    ],
    level,
  );
}
