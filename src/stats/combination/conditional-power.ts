/**
 * Conditional power of a two-stage combination test (Wassmer & Brannath
 * 2016, §7.2; Bauer & Köhne 1994): the probability, given the stage-1 result,
 * that the final test rejects, when the stage-2 z statistic is normal with
 * mean `drift` (its expected value: under the interim estimate, the "current
 * trend", drift = z₁ √(n₂/n₁) for n₁ and n₂ patients at the stages). Only the
 * elementary hypothesis's own test counts (a closed test's intersections
 * are not considered), as is usual when conditional power guides selection.
 * - inverse normal: reject when (w₁ z₁ + w₂ z₂)/√(w₁² + w₂²) ≥ c, so
 *   CP = Φ(drift − (c √(w₁² + w₂²) − w₁ z₁)/w₂);
 * - Fisher's product: reject when p₁ p₂ ≤ c_α with c_α = exp(−χ²₄,₁₋α / 2),
 *   so CP = 1 when p₁ ≤ c_α, else Φ(drift − Φ⁻¹(1 − c_α/p₁)).
 */
import { normalCdf, normalQuantile } from '../distributions.js';

export function inverseNormalConditionalPower(z1: number, weights: readonly [number, number], critical: number, drift: number): number {
  const [w1, w2] = weights;
  return normalCdf(drift - (critical * Math.hypot(w1, w2) - w1 * z1) / w2);
}

/**
 * Fisher's product bound c_α: P(χ²₄ ≥ −2 log c) = α. With y = −log c the
 * χ²₄ survival at 2y is e^{−y}(1 + y), solved for y by Newton's method.
 */
export function fisherBound(alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  let y = -Math.log(alpha) + 1;
  for (let it = 0; it < 100; it++) {
    const f = Math.exp(-y) * (1 + y) - alpha, slope = -y * Math.exp(-y);
    const step = f / slope;
    y -= step;
    if (Math.abs(step) < 1e-15 * y) break;
  }
  return Math.exp(-y);
}

export function fisherConditionalPower(p1: number, alpha: number, drift: number): number {
  const c = fisherBound(alpha);
  if (p1 <= c) return 1;
  return normalCdf(drift + normalQuantile(c / p1));
}
