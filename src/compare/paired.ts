/**
 * The Monte Carlo error of a difference between two designs' operating
 * characteristics, both ways.
 *
 * With common random numbers replicate r of design B sees the same virtual
 * patients as replicate r of design A, so the pair (a_r, b_r) is the unit:
 * the difference of means has variance Var(b_r - a_r) / R
 * (= (σ_a² + σ_b² - 2ρσ_aσ_b) / R), which is small when the two designs reach
 * the same decision on the same patients (ρ near 1). Had the runs been
 * independent the variance would be (σ_a² + σ_b²) / R. Both are reported
 * (Morris, White & Crowther 2019, Stat Med 38:2074, section 5.3 on paired
 * comparisons of methods in the same simulated data sets).
 *
 * Variances use the divisor R, so that for a rejection rate p the
 * independent SE is exactly sqrt(p_a(1-p_a)/R + p_b(1-p_b)/R), the two
 * summaries' MCSEs combined.
 */
export interface PairedDifference {
  /** Pairs with both values finite. */
  pairs: number;
  /** Mean of B minus mean of A. */
  difference: number;
  /** Monte Carlo SE from the paired differences: sd(b - a) / sqrt(R). */
  pairedSe: number;
  /** Monte Carlo SE had the runs been independent: sqrt(var(a)/R + var(b)/R). */
  independentSe: number;
  /** 95% interval for the true difference, from the paired SE. */
  ci95: [number, number];
  /** Correlation of a_r and b_r across replicates (null when either is constant). */
  correlation: number | null;
  /** pairedSe / independentSe (null when the independent SE is 0). */
  seRatio: number | null;
}

const Z95 = 1.959963984540054;

/** Paired difference of b minus a over replicates 0 .. R-1, reading values through accessors. */
export function pairedDifference(R: number, a: (r: number) => number, b: (r: number) => number): PairedDifference {
  let n = 0, sa = 0, sb = 0;
  for (let r = 0; r < R; r++) {
    const x = a(r), y = b(r);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    n++; sa += x; sb += y;
  }
  const ma = sa / n, mb = sb / n;
  let vaa = 0, vbb = 0, vab = 0;
  for (let r = 0; r < R; r++) {
    const x = a(r), y = b(r);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    vaa += (x - ma) * (x - ma); vbb += (y - mb) * (y - mb); vab += (x - ma) * (y - mb);
  }
  vaa /= n; vbb /= n; vab /= n;
  const difference = mb - ma;
  const pairedSe = Math.sqrt(Math.max(0, vaa + vbb - 2 * vab) / n);
  const independentSe = Math.sqrt((vaa + vbb) / n);
  return {
    pairs: n,
    difference,
    pairedSe,
    independentSe,
    ci95: [difference - Z95 * pairedSe, difference + Z95 * pairedSe],
    correlation: vaa > 0 && vbb > 0 ? vab / Math.sqrt(vaa * vbb) : null,
    seRatio: independentSe > 0 ? pairedSe / independentSe : null,
  };
}
