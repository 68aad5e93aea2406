/**
 * Upper-tail normal quantile accurate to full relative precision for tiny p.
 *
 * `normalQuantile` (stdlib) evaluates erfinv(2p - 1), which loses relative
 * precision as p → 0 (relative error of the implied tail probability ~5e-6
 * at p = 1e-12, ~8e-4 at p = 1e-15). Early O'Brien-Fleming looks spend
 * alpha of that size, so here the stdlib value is polished by Newton steps
 * on log(1 - Φ(x)) = log p, using the erfc-based `normalUpper`, which is
 * accurate in the tail.
 */
import { normalQuantile, normalUpper } from '../distributions.js';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * x with 1 - Φ(x) = p, for p in (0, 1): the stdlib quantile (or, where that
 * underflows, the Mills-ratio asymptote) refined by Newton steps x ← x + (log Q(x) - log p)·Q(x)/φ(x), Q = 1 - Φ.
 */
export function upperNormalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Infinity;
    if (p === 1) return -Infinity;
    throw new RangeError(`probability must be in [0, 1], got ${p}`);
  }
  let x = -normalQuantile(p);
  if (p > 1e-6) return x; // stdlib is accurate to ~1e-11 relative here already
  if (!Number.isFinite(x)) {
    // erfinv(2p - 1) underflowed: start from the Mills-ratio asymptote instead.
    const l = -2 * Math.log(p);
    x = Math.sqrt(l - Math.log(l) - Math.log(2 * Math.PI));
  }
  for (let i = 0; i < 8; i++) {
    const q = normalUpper(x);
    const dens = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    const step = ((Math.log(q) - Math.log(p)) * q) / dens;
    x += step;
    if (Math.abs(step) < 1e-15 * Math.abs(x)) break;
  }
  return x;
}
