/**
 * Samplers built over an explicit random source (d3-random style): parameters
 * are checked once when the sampler is built, and the returned closure draws.
 */
import type { RandomSource } from './stream.js';

/** A normal sampler; `reset()` drops the cached spare deviate (before a new replicate). */
export interface NormalSampler {
  (): number;
  reset(): void;
}

/** Standard normal deviates by Marsaglia's polar method (Marsaglia & Bray 1964), caching the spare. */
export function normalSampler(source: RandomSource): NormalSampler {
  let spare = 0;
  let hasSpare = false;
  const draw = (() => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * source() - 1;
      v = 2 * source() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * m;
    hasSpare = true;
    return u * m;
  }) as NormalSampler;
  draw.reset = () => { hasSpare = false; };
  return draw;
}

/**
 * Categorical sampler over probabilities (need not be normalised) by the
 * cumulative table; categories are few, so a linear scan beats an alias table.
 */
export function categoricalSampler(probabilities: readonly number[]): (u: number) => number {
  const total = probabilities.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('categorical probabilities must sum to a positive number');
  const cumulative = new Float64Array(probabilities.length);
  let acc = 0;
  probabilities.forEach((p, i) => {
    if (!(p >= 0)) throw new RangeError(`invalid probability ${p}`);
    acc += p / total;
    cumulative[i] = acc;
  });
  cumulative[cumulative.length - 1] = 1;
  const last = cumulative.length - 1;
  return (u: number) => {
    let k = 0;
    while (k < last && u >= cumulative[k]) k++;
    return k;
  };
}

/**
 * A Gamma(shape, 1) deviate by Marsaglia & Tsang (2000, ACM TOMS
 * 26:363-372), with the boost U^(1/shape) for shape < 1.
 */
export function gammaDeviate(shape: number, source: RandomSource, normal: () => number): number {
  if (shape < 1) return gammaDeviate(shape + 1, source, normal) * Math.pow(source(), 1 / shape);
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do { x = normal(); v = 1 + c * x; } while (v <= 0);
    v = v * v * v;
    const u = source();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
