/**
 * Recruitment over calendar time: a piecewise-constant rate r(t), its
 * cumulative intensity Λ(t) = ∫₀ᵗ r (expected arrivals by t) and the inverse
 * Λ⁻¹, so that arrivals are Λ⁻¹ of a unit-rate process: a Poisson process
 * with rate r(t) when the unit-rate gaps are Exp(1) (Çinlar's time change),
 * evenly spaced arrivals when they are 1.
 */
import type { PlatformDesignSpec } from './schema.js';

export interface Recruitment {
  /** Piece start times (the first is 0) and rates. */
  from: Float64Array;
  rate: Float64Array;
  /** Λ at each piece's start. */
  cumulative: Float64Array;
}

export function recruitmentOf(spec: PlatformDesignSpec['recruitment']): Recruitment {
  const pieces = typeof spec.rate === 'number' ? [{ from: 0, rate: spec.rate }] : spec.rate;
  const from = Float64Array.from(pieces.map((p) => p.from));
  const rate = Float64Array.from(pieces.map((p) => p.rate));
  const cumulative = new Float64Array(pieces.length);
  for (let j = 1; j < pieces.length; j++) cumulative[j] = cumulative[j - 1] + rate[j - 1] * (from[j] - from[j - 1]);
  return { from, rate, cumulative };
}

/** The piece holding time t. */
function pieceAt(r: Recruitment, t: number): number {
  let j = r.from.length - 1;
  while (j > 0 && r.from[j] > t) j--;
  return j;
}

/** Expected arrivals by time t, Λ(t). */
export function expectedArrivals(r: Recruitment, t: number): number {
  const j = pieceAt(r, t);
  return r.cumulative[j] + r.rate[j] * (t - r.from[j]);
}

/** The time at which Λ reaches `count`, Λ⁻¹(count). */
export function arrivalTime(r: Recruitment, count: number): number {
  let j = r.from.length - 1;
  while (j > 0 && r.cumulative[j] > count) j--;
  return r.from[j] + (count - r.cumulative[j]) / r.rate[j];
}

/** The recruitment rate at time t. */
export function rateAt(r: Recruitment, t: number): number {
  return r.rate[pieceAt(r, t)];
}
