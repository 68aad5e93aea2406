/**
 * Alpha-spending functions (Lan & DeMets 1983, Biometrika 70:659-663).
 *
 * A spending function α*(t) gives the cumulative type I error that may have
 * been spent by information fraction t ∈ [0, 1], with α*(0) = 0 and
 * α*(1) = α. The efficacy boundary at an interim look at t_k then spends the
 * increment α*(t_k) - α*(t_{k-1}) (see `boundaries.ts`).
 *
 * Sidedness. Every function here is written for a ONE-SIDED level α (the
 * trialsim default for efficacy: H0 θ ≤ 0 against θ > 0, reject for large Z),
 * exactly as rpact's `getDesignGroupSequential(typeOfDesign = "asOF" | "asP" |
 * "asKD" | "asHSD", alpha, sided = 1, informationRates = ...)` defines them.
 * Two-sided designs (rpact sided = 2) use the same formulas with α the TOTAL
 * two-sided level and spend α*(t)/2 per tail; for O'Brien-Fleming that is
 * 1 - Φ(z_{1-α/2}/√t) per tail, which is NOT `obrienFlemingSpending(α/2)`.
 * To get per-tail boundaries of such a design (ignoring the negligible chance
 * of crossing both tails) pass `t => makeSpending(spec, α)(t) / 2` as the
 * spending function to `efficacyBoundaries`.
 */
import { normalQuantile, normalUpper } from '../distributions.js';

/** Cumulative alpha spent by information fraction t (0 ≤ t ≤ 1). */
export type SpendingFunction = (t: number) => number;

/** Declarative spending-function choice, named after rpact's `typeOfDesign`. */
export type SpendingSpec =
  | { type: 'asOF' }
  | { type: 'asP' }
  | { type: 'asKD'; rho: number }
  | { type: 'asHSD'; gamma: number };

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}

function clampT(t: number): number {
  if (Number.isNaN(t) || t < 0) throw new RangeError(`information fraction must be >= 0, got ${t}`);
  return Math.min(t, 1);
}

/**
 * O'Brien-Fleming-type spending (Lan & DeMets 1983, eq. for α₁*), one-sided:
 * α*(t) = 2·(1 - Φ(z_{1-α/2} / √t)), the one-sided-level-α form used by rpact
 * "asOF" with sided = 1; α*(1) = α. (The textbook two-sided form
 * 2 - 2Φ(z_{α/2}/√t) is the same expression at the two-sided level.)
 */
export function obrienFlemingSpending(alpha: number): SpendingFunction {
  checkAlpha(alpha);
  const z = normalQuantile(1 - alpha / 2);
  return (t) => {
    const tt = clampT(t);
    return tt === 0 ? 0 : 2 * normalUpper(z / Math.sqrt(tt));
  };
}

/**
 * Pocock-type spending (Lan & DeMets 1983): α*(t) = α·ln(1 + (e - 1)·t),
 * one-sided level α (rpact "asP", sided = 1).
 */
export function pocockSpending(alpha: number): SpendingFunction {
  checkAlpha(alpha);
  return (t) => alpha * Math.log(1 + (Math.E - 1) * clampT(t));
}

/**
 * Kim-DeMets power family (Kim & DeMets 1987, Biometrika 74:149-154):
 * α*(t) = α·t^ρ, ρ > 0 (rpact "asKD" with gammaA = ρ). ρ = 1 spends linearly;
 * ρ ≈ 3 resembles O'Brien-Fleming, ρ ≈ 1 resembles Pocock.
 */
export function powerFamilySpending(alpha: number, rho: number): SpendingFunction {
  checkAlpha(alpha);
  if (!(rho > 0)) throw new RangeError(`rho must be > 0, got ${rho}`);
  return (t) => alpha * Math.pow(clampT(t), rho);
}

/**
 * Hwang-Shih-DeCani gamma family (Hwang, Shih & DeCani 1990, Stat Med
 * 9:1439-1445): α*(t) = α·(1 - e^{-γt}) / (1 - e^{-γ}) for γ ≠ 0 and α·t for
 * γ = 0 (rpact "asHSD" with gammaA = γ). γ = -4 is O'Brien-Fleming-like,
 * γ = 1 is Pocock-like.
 */
export function hwangShihDeCaniSpending(alpha: number, gamma: number): SpendingFunction {
  checkAlpha(alpha);
  if (!Number.isFinite(gamma)) throw new RangeError(`gamma must be finite, got ${gamma}`);
  if (Math.abs(gamma) < 1e-12) return (t) => alpha * clampT(t);
  // expm1 keeps precision for small |γ t|.
  const denom = -Math.expm1(-gamma);
  return (t) => (alpha * -Math.expm1(-gamma * clampT(t))) / denom;
}

/** Build the spending function named by `spec` for one-sided level `alpha`. */
export function makeSpending(spec: SpendingSpec, alpha: number): SpendingFunction {
  switch (spec.type) {
    case 'asOF':
      return obrienFlemingSpending(alpha);
    case 'asP':
      return pocockSpending(alpha);
    case 'asKD':
      return powerFamilySpending(alpha, spec.rho);
    case 'asHSD':
      return hwangShihDeCaniSpending(alpha, spec.gamma);
  }
}
