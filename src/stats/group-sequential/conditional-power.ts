/**
 * Conditional power for futility rules (stochastic curtailment; Lan, Simon &
 * Halperin 1982; Jennison & Turnbull 2000, §10.2, eq. 10.6).
 *
 * With the score B(t) = Z_t√t a Brownian motion with drift δ (δ = θ√I_K, the
 * expected final z statistic), the increment B(1) - B(t_k) ~ N(δ(1 - t_k),
 * 1 - t_k) is independent of the data so far, hence for a final one-sided
 * critical value c
 *   CP_δ = P(Z_K ≥ c | Z_k = z) = Φ( (z√t_k - c + δ(1 - t_k)) / √(1 - t_k) ).
 * In J&T's information units this is Φ((z√I_k - c√I_K + θ(I_K - I_k)) / √(I_K - I_k)).
 * Only the final analysis is considered (interim efficacy looks between t_k
 * and 1 are ignored), as is standard for CP-based futility rules.
 */
import { normalCdf } from '../distributions.js';

function check(z: number, t: number, c: number): void {
  if (!Number.isFinite(z) || !Number.isFinite(c)) throw new RangeError('z and criticalValue must be finite');
  if (!(t > 0 && t < 1)) throw new RangeError(`information fraction must be in (0, 1), got ${t}`);
}

/**
 * Conditional power at interim z statistic `z` observed at information
 * fraction `t`, for final one-sided critical value `criticalValue`, under drift
 * δ = `drift` (J&T eq. 10.6 above). δ = 0 gives CP under H0.
 */
export function conditionalPower(z: number, t: number, criticalValue: number, drift: number): number {
  check(z, t, criticalValue);
  return normalCdf((z * Math.sqrt(t) - criticalValue + drift * (1 - t)) / Math.sqrt(1 - t));
}

/**
 * Conditional power under the current trend: plugs in the interim estimate
 * δ̂ = z/√t, which simplifies to CP = Φ( (z/√t - c) / √(1 - t) ).
 */
export function conditionalPowerCurrentTrend(z: number, t: number, criticalValue: number): number {
  check(z, t, criticalValue);
  return normalCdf((z / Math.sqrt(t) - criticalValue) / Math.sqrt(1 - t));
}

/**
 * Conditional power in J&T's information units: interim information
 * `infoNow`, final information `infoMax`, effect `theta` on the scale where
 * Z_k ~ N(θ√I_k, 1). Same as `conditionalPower(z, infoNow/infoMax, c, θ√infoMax)`.
 */
export function conditionalPowerTheta(
  z: number,
  infoNow: number,
  infoMax: number,
  criticalValue: number,
  theta: number,
): number {
  if (!(infoNow > 0 && infoMax > infoNow)) throw new RangeError('need 0 < infoNow < infoMax');
  return conditionalPower(z, infoNow / infoMax, criticalValue, theta * Math.sqrt(infoMax));
}
