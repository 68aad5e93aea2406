/**
 * Two-sample summary-data Mendelian randomisation estimators, from each
 * variant's association with the exposure (bx, its standard error sx) and
 * with the outcome (by, sy):
 *
 * - the ratio (Wald) estimate of a variant, by/bx with first-order standard
 *   error sy/|bx| (Burgess, Butterworth & Thompson 2013);
 * - inverse-variance weighted (IVW): the weighted regression of by on bx
 *   through the origin, weights sy⁻², with multiplicative random effects:
 *   the fixed-effect standard error times max(1, residual standard error)
 *   (Burgess et al. 2017, Genet Epidemiol 41:714), a z test;
 * - MR-Egger: the same regression with an intercept after orienting every
 *   variant so that bx > 0 (Bowden, Davey Smith & Burgess 2015, Int J
 *   Epidemiol 44:512); slope and intercept with standard errors scaled by
 *   max(1, residual standard error) and t tests on K − 2 degrees of freedom;
 * - weighted median: the median of the ratio estimates weighted by
 *   bx²/sy², interpolated at 1/2 of the cumulated standardised weights,
 *   with a parametric bootstrap standard error (Bowden et al. 2016, Genet
 *   Epidemiol 40:304).
 */

export interface AssociationData {
  k: number;
  bx: Float64Array;
  sx: Float64Array;
  by: Float64Array;
  sy: Float64Array;
}

export interface MrEstimate {
  estimate: number;
  se: number;
  /** Degrees of freedom of the test (Infinity: z). */
  df: number;
}

const NONE: MrEstimate = { estimate: NaN, se: NaN, df: NaN };

/** Weighted least squares of by on bx (with or without an intercept), weights sy⁻²; orientation sign per variant. */
function weightedRegression(d: AssociationData, intercept: boolean, orient: boolean) {
  let sw = 0, swx = 0, swy = 0, swxx = 0, swxy = 0;
  for (let j = 0; j < d.k; j++) {
    const s = orient && d.bx[j] < 0 ? -1 : 1;
    const x = s * d.bx[j], y = s * d.by[j], w = 1 / (d.sy[j] * d.sy[j]);
    sw += w; swx += w * x; swy += w * y; swxx += w * x * x; swxy += w * x * y;
  }
  let slope: number, a = 0, varSlope: number, varIntercept = NaN;
  if (intercept) {
    const det = sw * swxx - swx * swx;
    slope = (sw * swxy - swx * swy) / det;
    a = (swy - slope * swx) / sw;
    varSlope = sw / det;
    varIntercept = swxx / det;
  } else {
    slope = swxy / swxx;
    varSlope = 1 / swxx;
  }
  let rss = 0;
  for (let j = 0; j < d.k; j++) {
    const s = orient && d.bx[j] < 0 ? -1 : 1;
    const r = (s * d.by[j] - a - slope * s * d.bx[j]) / d.sy[j];
    rss += r * r;
  }
  const df = d.k - (intercept ? 2 : 1);
  const residualSe = df > 0 ? Math.sqrt(rss / df) : NaN;
  return { slope, intercept: a, varSlope, varIntercept, residualSe, df };
}

export function ratioEstimate(d: AssociationData, j: number): MrEstimate {
  if (!(d.bx[j] !== 0)) return NONE;
  return { estimate: d.by[j] / d.bx[j], se: d.sy[j] / Math.abs(d.bx[j]), df: Infinity };
}

export function ivw(d: AssociationData): MrEstimate & { residualSe: number } {
  if (d.k < 1) return { ...NONE, residualSe: NaN };
  const r = weightedRegression(d, false, false);
  const scale = d.k > 1 ? Math.max(1, r.residualSe) : 1;
  return { estimate: r.slope, se: Math.sqrt(r.varSlope) * scale, df: Infinity, residualSe: r.residualSe };
}

export function egger(d: AssociationData): MrEstimate & { intercept: number; interceptSe: number } {
  if (d.k < 3) return { ...NONE, intercept: NaN, interceptSe: NaN };
  const r = weightedRegression(d, true, true);
  const scale = Math.max(1, r.residualSe);
  return { estimate: r.slope, se: Math.sqrt(r.varSlope) * scale, df: r.df, intercept: r.intercept, interceptSe: Math.sqrt(r.varIntercept) * scale };
}

/** Scratch for weighted medians of up to k values, reused across the bootstrap's draws. */
export interface MedianWorkspace { order: number[]; p: Float64Array }
export const medianWorkspace = (k: number): MedianWorkspace => ({ order: Array.from({ length: k }, (_, j) => j), p: new Float64Array(k) });

/** The weighted median of values with weights (Bowden et al. 2016's interpolation). */
export function weightedMedianOf(values: Float64Array, weights: Float64Array, ws: MedianWorkspace = medianWorkspace(values.length)): number {
  const k = values.length;
  const { order, p } = ws;
  for (let j = 0; j < k; j++) order[j] = j;
  order.sort((a, b) => values[a] - values[b]);
  let total = 0;
  for (let j = 0; j < k; j++) total += weights[j];
  let cumulative = 0;
  for (let i = 0; i < k; i++) { const w = weights[order[i]] / total; cumulative += w; p[i] = cumulative - w / 2; }
  let below = -1;
  for (let i = 0; i < k; i++) if (p[i] < 0.5) below = i;
  if (below < 0) return values[order[0]];
  if (below === k - 1) return values[order[k - 1]];
  const lo = values[order[below]], hi = values[order[below + 1]];
  return lo + ((hi - lo) * (0.5 - p[below])) / (p[below + 1] - p[below]);
}

export function weightedMedian(d: AssociationData, bootstraps: number, normal: () => number): MrEstimate {
  if (d.k < 2 || Array.from(d.bx.subarray(0, d.k)).some((x) => x === 0)) return NONE;
  const ratio = new Float64Array(d.k), weight = new Float64Array(d.k);
  for (let j = 0; j < d.k; j++) {
    ratio[j] = d.by[j] / d.bx[j];
    weight[j] = (d.bx[j] * d.bx[j]) / (d.sy[j] * d.sy[j]);
  }
  const ws = medianWorkspace(d.k);
  const estimate = weightedMedianOf(ratio, weight, ws);
  // Parametric bootstrap: draw each association from its normal sampling distribution, keep the weights.
  let sum = 0, sumSq = 0;
  const boot = new Float64Array(d.k);
  for (let b = 0; b < bootstraps; b++) {
    for (let j = 0; j < d.k; j++) boot[j] = (d.by[j] + d.sy[j] * normal()) / (d.bx[j] + d.sx[j] * normal());
    const m = weightedMedianOf(boot, weight, ws);
    sum += m; sumSq += m * m;
  }
  const mean = sum / bootstraps;
  return { estimate, se: Math.sqrt(Math.max(0, (sumSq - bootstraps * mean * mean) / (bootstraps - 1))), df: Infinity };
}
