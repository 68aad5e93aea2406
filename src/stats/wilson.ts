/**
 * Wilson score interval for a binomial proportion (Wilson 1927): better
 * behaved than the Wald interval near 0 and 1, where type-I error rates live.
 */
import { normalQuantile } from './distributions.js';

export function wilsonInterval(successes: number, n: number, level = 0.95): [number, number] {
  if (n === 0) return [0, 1];
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
