/**
 * Recursive numerical integration for group-sequential z statistics
 * (Armitage, McPherson & Rowe 1969, JRSS A 132:235-244; grid and quadrature
 * exactly as Jennison & Turnbull 2000, "Group Sequential Methods with
 * Applications to Clinical Trials", ch. 19.2).
 *
 * Canonical joint distribution (J&T §3.1), written on the information-fraction
 * scale t_k = I_k / I_K: Z_k ~ N(δ√t_k, 1), Cov(Z_j, Z_k) = √(t_j/t_k) for
 * j ≤ k, where δ = θ√I_K ("drift") is the mean of the z statistic at full
 * information. Equivalently the score B_k = Z_k√t_k is Brownian motion with
 * drift δ, so Z_k√t_k = Z_{k-1}√t_{k-1} + N(δΔ_k, Δ_k), Δ_k = t_k - t_{k-1}.
 *
 * The sub-density g_k(z) of Z_k on the paths that have not stopped before
 * stage k satisfies (J&T eq. 19.3-19.4)
 *   g_1(z) = φ(z - δ√t_1),
 *   g_k(z) = ∫_{a_{k-1}}^{b_{k-1}} g_{k-1}(u) (√t_k/√Δ_k) φ((z√t_k - u√t_{k-1} - δΔ_k)/√Δ_k) du,
 * and is carried on a grid of 12r-3 Simpson points (6r-1 base points spaced
 * densely near the mean, with log-spaced tails out to ±(3 + 4 ln r), trimmed
 * to the continuation interval (a_k, b_k), then midpoints added). J&T report
 * errors of about 1e-6 with r = 16; with r = 32 (the default here) critical
 * values move by < 1e-7 when r is doubled again.
 */
import { normalCdf, normalUpper } from '../distributions.js';

/** Grid density of Z_k: points `z` and products weight·g_k(z) in `wg`. */
export interface StageDensity {
  /** Information fraction of this stage. */
  readonly t: number;
  readonly z: Float64Array;
  /** Simpson weight times the sub-density g_k at each point. */
  readonly wg: Float64Array;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const phi = (x: number): number => INV_SQRT_2PI * Math.exp(-0.5 * x * x);

/**
 * Simpson grid on (lower, upper) ∩ [mean - 3 - 4 ln r, mean + 3 + 4 ln r]
 * (J&T §19.2.1). Returns empty arrays when the interval is empty.
 */
export function simpsonGrid(mean: number, lower: number, upper: number, r: number): { z: Float64Array; w: Float64Array } {
  const base: number[] = [];
  for (let i = 1; i <= 6 * r - 1; i++) {
    let x: number;
    if (i < r) x = -3 - 4 * Math.log(r / i);
    else if (i <= 5 * r) x = -3 + (3 * (i - r)) / (2 * r);
    else x = 3 + 4 * Math.log(r / (6 * r - i));
    base.push(mean + x);
  }
  const lo = Math.max(lower, base[0]!);
  const hi = Math.min(upper, base[base.length - 1]!);
  if (!(hi > lo)) return { z: new Float64Array(0), w: new Float64Array(0) };
  const odd: number[] = [lo];
  for (const x of base) if (x > lo && x < hi) odd.push(x);
  odd.push(hi);
  const m = 2 * odd.length - 1;
  const z = new Float64Array(m);
  const w = new Float64Array(m);
  for (let i = 0; i < odd.length; i++) z[2 * i] = odd[i]!;
  for (let i = 0; i + 1 < odd.length; i++) {
    const h = odd[i + 1]! - odd[i]!;
    z[2 * i + 1] = 0.5 * (odd[i]! + odd[i + 1]!);
    // Composite Simpson on [odd_i, odd_{i+1}]: weights h/6, 4h/6, h/6.
    w[2 * i] += h / 6;
    w[2 * i + 1] += (4 * h) / 6;
    w[2 * i + 2] += h / 6;
  }
  return { z, w };
}

/**
 * Sub-density of Z_k on the continuation interval (lower, upper), given the
 * previous stage's density `prev` (or null at the first look).
 */
export function stageDensity(
  prev: StageDensity | null,
  t: number,
  drift: number,
  lower: number,
  upper: number,
  r: number,
): StageDensity {
  const { z, w } = simpsonGrid(drift * Math.sqrt(t), lower, upper, r);
  const wg = new Float64Array(z.length);
  if (prev === null) {
    const mu = drift * Math.sqrt(t);
    for (let i = 0; i < z.length; i++) wg[i] = w[i]! * phi(z[i]! - mu);
    return { t, z, wg };
  }
  const delta = t - prev.t;
  const sd = Math.sqrt(delta);
  const st = Math.sqrt(t);
  const sp = Math.sqrt(prev.t);
  const jac = st / sd;
  for (let i = 0; i < z.length; i++) {
    const zi = z[i]! * st - drift * delta;
    let acc = 0;
    for (let j = 0; j < prev.z.length; j++) acc += prev.wg[j]! * phi((zi - prev.z[j]! * sp) / sd);
    wg[i] = w[i]! * jac * acc;
  }
  return { t, z, wg };
}

/**
 * P(no stop before stage k and Z_k > b) at information fraction t — the
 * stage-k exit probability through an upper boundary b. With `prev` null this
 * is simply 1 - Φ(b - δ√t).
 */
export function upperCrossing(prev: StageDensity | null, t: number, drift: number, b: number): number {
  if (b === Infinity) return 0;
  if (prev === null) return normalUpper(b - drift * Math.sqrt(t));
  const sd = Math.sqrt(t - prev.t);
  const bb = b * Math.sqrt(t) - drift * (t - prev.t);
  const sp = Math.sqrt(prev.t);
  let acc = 0;
  for (let j = 0; j < prev.z.length; j++) acc += prev.wg[j]! * normalUpper((bb - prev.z[j]! * sp) / sd);
  return acc;
}

/** P(no stop before stage k and Z_k < a): exit through a lower boundary a. */
export function lowerCrossing(prev: StageDensity | null, t: number, drift: number, a: number): number {
  if (a === -Infinity) return 0;
  if (prev === null) return normalCdf(a - drift * Math.sqrt(t));
  const sd = Math.sqrt(t - prev.t);
  const aa = a * Math.sqrt(t) - drift * (t - prev.t);
  const sp = Math.sqrt(prev.t);
  let acc = 0;
  for (let j = 0; j < prev.z.length; j++) acc += prev.wg[j]! * normalCdf((aa - prev.z[j]! * sp) / sd);
  return acc;
}

/** Validate 0 < t_1 < ... < t_K ≤ 1. */
export function checkInformationRates(t: readonly number[]): void {
  if (t.length === 0) throw new RangeError('informationRates must be non-empty');
  let prev = 0;
  for (const x of t) {
    if (!(x > prev && x <= 1)) {
      throw new RangeError(`informationRates must satisfy 0 < t_1 < ... < t_K <= 1, got [${t.join(', ')}]`);
    }
    prev = x;
  }
}
