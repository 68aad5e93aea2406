/**
 * Binomial deviates by exact inversion of one uniform (from 0 when (1-p)^n
 * is representable, else from the mode with the cdf there from the
 * incomplete beta); and, for a fixed set of probabilities (the count-level
 * responders), the same inversion with each (n, p)'s cumulative
 * probabilities kept as they are computed. Inversion from 0 walks the
 * recurrence P(k+1) = P(k) (n - k)/(k + 1) p/q up to the answer, a division
 * and a dependent sum per step (some 45 steps for 150 patients at 0.3, most
 * of a count-level replicate); the table holds the same partial sums F(k),
 * computed by the same operations in the same order, and a binary search
 * finds the least k with F(k) >= u: the same k for every u, bit for bit
 * (F never decreases, so the search and the walk stop at the same place).
 * Cases the walk from 0 does not take (n so large that (1 - p)^n
 * underflows) go to binomialDeviate itself.
 */
import { betaCdf, logGamma } from '../../stats/distributions.js';

/** Binomial(n, p) by inversion of u: exact to rounding. */
export function binomialDeviate(n: number, p: number, u: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomialDeviate(n, 1 - p, 1 - u);
  const q = 1 - p, ratio = p / q;
  const start = n * Math.log1p(-p);
  if (start > -700) {
    // From 0: P(0) = q^n, P(k+1) = P(k) (n - k) / (k + 1) p/q.
    let k = 0, pk = Math.exp(start), F = pk;
    while (u > F && k < n) { pk *= ((n - k) / (k + 1)) * ratio; k++; F += pk; }
    return k;
  }
  // From the mode m, with F(m) = I_q(n - m, m + 1).
  const m = Math.min(n, Math.floor((n + 1) * p));
  const pm = Math.exp(logGamma(n + 1) - logGamma(m + 1) - logGamma(n - m + 1) + m * Math.log(p) + (n - m) * Math.log(q));
  const Fm = m === n ? 1 : betaCdf(q, n - m, m + 1);
  let k = m, pk = pm, F = Fm;
  if (u <= Fm) {
    // Down: the answer is the least k with F(k) >= u.
    while (k > 0 && u <= F - pk) { F -= pk; pk *= (k / (n - k + 1)) / ratio; k--; }
    return k;
  }
  while (u > F && k < n) { pk *= ((n - k) / (k + 1)) * ratio; k++; F += pk; }
  return k;
}

/** Most cumulative probabilities kept over all tables (8 MB); beyond it deviates are computed afresh. */
const MAX_KEPT = 1 << 20;

/** The cumulative probabilities F(0..filled) of one (n, p), extended on demand. */
interface Cumulative {
  F: Float64Array;
  /** P(filled), to extend the recurrence from. */
  pk: number;
  filled: number;
}

/** binomialDeviate for a fixed set of probabilities, with the cumulative probabilities of each (n, p) kept. */
export class BinomialTables {
  private readonly probabilities: Float64Array;
  /** Per probability: whether it is inverted through its complement (p > 1/2), the probability walked and p/q. */
  private readonly flip: Uint8Array;
  private readonly p: Float64Array;
  private readonly ratio: Float64Array;
  private readonly tables: Map<number, Cumulative>[];
  private kept = 0;

  constructor(probabilities: ArrayLike<number>) {
    const m = probabilities.length;
    this.probabilities = Float64Array.from(probabilities);
    this.flip = new Uint8Array(m);
    this.p = new Float64Array(m);
    this.ratio = new Float64Array(m);
    this.tables = Array.from({ length: m }, () => new Map());
    for (let j = 0; j < m; j++) {
      const p = probabilities[j];
      this.flip[j] = p > 0.5 && p < 1 ? 1 : 0;
      // As binomialDeviate's recursion: p > 1/2 walks 1 - p, and q is 1 - (that).
      this.p[j] = this.flip[j] ? 1 - p : p;
      this.ratio[j] = this.p[j] / (1 - this.p[j]);
    }
  }

  /** Binomial(n, probabilities[which]) from the uniform u: binomialDeviate(n, probabilities[which], u), exactly. */
  deviate(n: number, which: number, u: number): number {
    const p = this.p[which];
    if (n <= 0 || !(p > 0 && p < 1)) return binomialDeviate(n, this.probabilities[which], u);
    if (this.flip[which]) return n - this.fromZero(n, which, 1 - u);
    return this.fromZero(n, which, u);
  }

  private fromZero(n: number, which: number, u: number): number {
    const p = this.p[which];
    const table = this.tables[which].get(n) ?? this.start(n, which);
    if (!table) return binomialDeviate(n, p, u);
    const F = table.F;
    if (u > F[table.filled]) return this.extend(table, n, which, u);
    // The least k with F(k) >= u (F never decreases).
    let lo = 0, hi = table.filled;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u > F[mid]) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** A new table for (n, p): F(0) = q^n, when the walk from 0 applies and room is left. */
  private start(n: number, which: number): Cumulative | null {
    const start = n * Math.log1p(-this.p[which]);
    if (!(start > -700) || this.kept + n + 1 > MAX_KEPT) return null;
    this.kept += n + 1;
    const F = new Float64Array(n + 1);
    const pk = Math.exp(start);
    F[0] = pk;
    const table = { F, pk, filled: 0 };
    this.tables[which].set(n, table);
    return table;
  }

  /** binomialDeviate's walk from where the table ends, keeping each F(k) it passes. */
  private extend(table: Cumulative, n: number, which: number, u: number): number {
    const ratio = this.ratio[which], F = table.F;
    let k = table.filled, pk = table.pk, f = F[k];
    while (u > f && k < n) { pk *= ((n - k) / (k + 1)) * ratio; k++; f += pk; F[k] = f; }
    table.filled = k;
    table.pk = pk;
    return k;
  }
}
