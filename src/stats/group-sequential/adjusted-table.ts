/**
 * Adjusted inference after stopping (adjusted-inference.ts) for every
 * replicate of a simulation, fast: in the drift delta = theta sqrt(I_k*)
 * the stage-wise ordering depends only on the look k*, the observed z and
 * the planned information rates, so for each look the median-unbiased drift
 * and the confidence limits are tabulated once as functions of z, and read
 * by monotone cubic interpolation (Fritsch & Carlson 1980). At the first look
 * they are exact: delta = z - z_{target}. Outside the tabulated range the
 * root is solved directly.
 */
import { stagewiseProbability } from './adjusted-inference.js';
import { brentRoot } from './root.js';
import { upperNormalQuantile } from '../distributions.js';

/** Tabulated z range and step (the curves are smooth, nearly of slope 1). */
const Z_MIN = -6;
const Z_MAX = 10;
const STEP = 0.25;

/** Monotone cubic Hermite interpolant through (x_i, y_i) on an even grid. */
class Monotone {
  private readonly slope: Float64Array;
  constructor(private readonly x0: number, private readonly h: number, private readonly y: Float64Array) {
    const n = y.length;
    const d = new Float64Array(n - 1);
    for (let i = 0; i < n - 1; i++) d[i] = (y[i + 1] - y[i]) / h;
    const m = new Float64Array(n);
    m[0] = d[0]; m[n - 1] = d[n - 2];
    for (let i = 1; i < n - 1; i++) m[i] = d[i - 1] * d[i] <= 0 ? 0 : (d[i - 1] + d[i]) / 2;
    for (let i = 0; i < n - 1; i++) {
      if (d[i] === 0) { m[i] = 0; m[i + 1] = 0; continue; }
      const a = m[i] / d[i], b = m[i + 1] / d[i];
      const s = a * a + b * b;
      if (s > 9) { const t = 3 / Math.sqrt(s); m[i] = t * a * d[i]; m[i + 1] = t * b * d[i]; }
    }
    this.slope = m;
  }
  at(x: number): number {
    const u = (x - this.x0) / this.h;
    const i = Math.min(this.y.length - 2, Math.max(0, Math.floor(u)));
    const t = u - i, h = this.h;
    const t2 = t * t, t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * this.y[i] + (t3 - 2 * t2 + t) * h * this.slope[i] + (-2 * t3 + 3 * t2) * this.y[i + 1] + (t3 - t2) * h * this.slope[i + 1];
  }
}

export interface AdjustedDrift { medianUnbiased: number; lower: number; upper: number }

export class AdjustedInferenceTable {
  private readonly curves: (Monotone[] | null)[];
  private readonly targets: number[];

  /**
   * @param efficacy boundaries b_1..b_K (z scale)
   * @param rates planned information rates t_1..t_K
   * @param alpha one-sided level: the interval has level 1 - 2 alpha
   */
  constructor(private readonly efficacy: readonly number[], private readonly rates: readonly number[], alpha: number) {
    this.targets = [0.5, alpha, 1 - alpha];
    const n = Math.round((Z_MAX - Z_MIN) / STEP) + 1;
    this.curves = rates.map((_, k) => (k === 0 ? null : this.targets.map((target) => {
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) y[i] = this.solve(k, Z_MIN + i * STEP, target);
      return new Monotone(Z_MIN, STEP, y);
    })));
  }

  /** The drift at look k (0-based) with P_drift(at least as extreme as z) = target. */
  private solve(k: number, z: number, target: number): number {
    if (k === 0) return z - upperNormalQuantile(target);
    const trial = { information: this.rates.slice(0, k + 1), efficacy: this.efficacy, z };
    // drift = theta sqrt(I_k) with I_k = rates[k]: stagewiseProbability takes theta.
    const scale = Math.sqrt(this.rates[k]);
    return scale * brentRoot((theta) => stagewiseProbability(trial, theta) - target, (z - 12) / scale, (z + 12) / scale, 1e-10);
  }

  /** Median-unbiased drift and confidence limits for a trial that concluded at look k (0-based) with statistic z. */
  at(k: number, z: number): AdjustedDrift {
    const curves = this.curves[k];
    if (!curves || z < Z_MIN || z > Z_MAX) return { medianUnbiased: this.solve(k, z, this.targets[0]), lower: this.solve(k, z, this.targets[1]), upper: this.solve(k, z, this.targets[2]) };
    return { medianUnbiased: curves[0].at(z), lower: curves[1].at(z), upper: curves[2].at(z) };
  }
}
