/**
 * Where 95% of single trials' estimates fall, for drawing: the empirical
 * 2.5% and 97.5% quantiles a simulated summary keeps (never outside the
 * parameter's range), else (an exact summary) mean ± 1.96 SD of the
 * estimates cut at the parameter's limits.
 */
const Z95 = 1.959963984540054;

export interface EstimateSpread {
  mean: number | null;
  empiricalSe: number | null;
  quantiles?: { p2_5: number; p97_5: number };
}

export function trialRange(e: EstimateSpread, limits: [number, number] = [-Infinity, Infinity]): { lower?: number; upper?: number } {
  if (e.quantiles) return { lower: e.quantiles.p2_5, upper: e.quantiles.p97_5 };
  if (e.mean === null || e.empiricalSe === null) return {};
  const inside = (x: number) => Math.min(limits[1], Math.max(limits[0], x));
  return { lower: inside(e.mean - Z95 * e.empiricalSe), upper: inside(e.mean + Z95 * e.empiricalSe) };
}
