/**
 * Credible intervals for p_k in the grid-integrated hierarchical and EXNEX
 * models (hierarchical.ts, exnex.ts): the 2.5% and 97.5% posterior
 * quantiles (equal-tailed) or the shortest 95% interval (HPD), computed
 * deterministically from the node weights of one count vector.
 *
 * The marginal posterior of theta_k is a mixture over the (mu, tau) nodes
 * of the conditional posteriors f_k(theta) N(theta; mu, tau^2) / L_k, f_k
 * the basket's binomial kernel. With the leave-one-out node weights
 * v_g = w_g / L_k,g (node g's posterior weight without basket k's own
 * likelihood) it is
 *
 *   p(theta_k | y)  ∝  f_k(theta) Q_k(theta),   Q_k(theta) = sum_g v_g N(theta; mu_g, tau_g^2),
 *
 * Q_k the predictive density of theta_k given the other baskets (for EXNEX
 * v_g = w_g / (w L^EX + (1 - w) L^NEX), and the NEX prior density, weighted
 * (1 - w) sum_g v_g, is added to w Q_k). Summing the conditional CDFs node
 * by node would not do: where tau is below the spacing of the mu nodes each
 * is a near-step and their sum a staircase. Q_k is instead evaluated on
 * points of theta, row by row in tau (u = log tau):
 *
 * - rows whose tau is at least 0.7 times the mu spacing around the
 *   posterior bulk (0.25 times at the ends of the range): the trapezoid rule
 *   over the row's nodes, where v(mu) N(theta; mu, tau^2) is resolved, with
 *   the Gaussian kernels tabulated once per model on a theta grid of step
 *   0.05; rows smooth on a larger scale on every 2nd .. 32nd point, and with
 *   every 2nd .. 8th node of the sinh-spaced tails;
 * - rows with tau below their mu spacing (tiny tau), analytically: every
 *   log L_j(mu, tau) = l_j(mu) + tau^2 (l_j'' + l_j'^2) / 2 + O(tau^4) with l_j
 *   the log kernel, and the smoothing by N(0, tau^2) adds its second-order
 *   term, so those rows merge into one closed form;
 * - the rest (tau small against v's width but above the far-field node
 *   spacing): log v is interpolated through the 6 nearest nodes (quintic; it
 *   is smooth and nearly quadratic even where the nodes are far apart) and
 *   the smoothing done by the fourth-order Taylor expansion of log v about
 *   theta (the Gaussian integral of the quadratic part times its cubic and
 *   quartic corrections), with the trapezoid rule where that expansion does
 *   not hold. An EXNEX basket whose EX share turns from ~0 to ~1 across the
 *   range puts a near-kink log(w L^EX + (1 - w) L^NEX) into log v; that term
 *   is expanded as the softplus of its smooth log odds instead.
 *
 * The points: a uniform bulk over the posterior mean of theta_k +- 2.5 sds
 * with step half the narrowest within-row sd of theta_k, and tails whose
 * step doubles every 2 points out to +- 7 sds, cut at p = 1e-6 and 1 - 1e-6.
 * log Q_k is interpolated between them (quintic), the density integrated by
 * 4-point Gauss-Legendre per interval, and the quantiles found by Newton's
 * method on the partial integrals. The mass beyond the range is the exact
 * total weight sum_g w_g minus the integral (a cut at p ~ 0 or ~ 1 takes it;
 * with both ends cut the exact mean of p splits it). The HPD interval of
 * p_k is [q(a), q(a + 0.95)] with equal densities of p_k at both ends (a by
 * the Illinois method), or [0, q(0.95)] ([q(0.05), 1]) when the density of
 * p_k is largest at 0 (1).
 *
 * Accuracy: against brute-force integration in R
 * (test/fixtures/basket-intervals.R) the limits agree to ~2e-6 on the
 * probability scale for the hierarchical model and ~1e-5 for EXNEX, at
 * worst 1.3e-5 and 4.6e-5 when no basket has a response and the posterior
 * piles up against p = 0 (test/stats/basket/intervals.test.ts).
 */
import type { HyperGrid } from './hyper-grid.js';
import type { BasketTable, WeightedGrid } from './basket-tables.js';
import { gaussLegendre, softplus } from './quadrature.js';
import { betaQuantile, logit } from '../distributions.js';

/** Equal-tailed (2.5%, 97.5% quantiles) or highest-density interval. */
export type IntervalKind = 'equal-tailed' | 'hpd';

/** Step of the global theta grid on which Q is evaluated. */
const STEP = 0.05;
/** Gaussian kernels are tabulated within +- REACH tau (relative e^-36). */
const REACH = 8.5;
/** Coarser subgrids (every 2nd .. 32nd bulk step) for rows smooth on SUB_FACTOR x their step. */
const SUBGRIDS = 5;
const SUB_FACTOR = 3;
/** The theta range is cut at p = P_LIMIT and 1 - P_LIMIT. */
const P_LIMIT = 1e-6;
/** Half-width of the theta range in posterior sds. */
const RANGE_SDS = 7;
/** Grid step: the narrowest within-row sd of theta (at most MAX_WIDTH) over this. */
const STEP_DIVISOR = 2;
const MAX_WIDTH = 0.6;
/** The fine step covers the posterior mean +- BULK_SDS sds; beyond, it doubles every TAIL_RUN points. */
const BULK_SDS = 2.5;
const TAIL_RUN = 2;
/** The trapezoid rule is used where tau >= RESOLVED x the mu spacing. */
const RESOLVED = 0.7;
/** ... and where tau >= RESOLVED_ENDS x the mu spacing at the ends of the theta range. */
const RESOLVED_ENDS = 0.25;
/** Largest number of Q grid points. */
const MAX_POINTS = 169;
/** Rows (nodes) whose largest leave-one-out log weight is this far below the largest are skipped. */
const ROW_CUT = 30;
const NODE_CUT = 20;
/** Rows holding less than this share of the leave-one-out weight are left out. */
const ROW_MASS = 1e-10;
/** Unresolved rows are skipped at points where their log density is this far below the largest. */
const NEGLIGIBLE_DENSITY = 40;

const GL = gaussLegendre(4);
const expit = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/**
 * Per-model tables: the rows' structure and the Gaussian kernels of the
 * resolved rows on the global theta grid.
 */
export class IntervalGrid {
  /** First point and size of the global theta grid (step STEP). */
  readonly x0: number;
  readonly nx: number;
  /** Smallest mu spacing of each row. */
  readonly minGap: Float64Array;
  /** Per node: first global grid index and length of its kernel window, offset into kernel. */
  readonly first: Int32Array;
  readonly len: Int32Array;
  readonly offset: Int32Array;
  readonly kernel: Float32Array;

  constructor(readonly grid: HyperGrid, offsets: readonly number[]) {
    const lo = Math.min(...offsets.map((c) => logit(P_LIMIT) - c)) - 1;
    const hi = Math.max(...offsets.map((c) => logit(1 - P_LIMIT) - c)) + 1;
    this.x0 = Math.floor(lo / STEP) * STEP;
    this.nx = Math.ceil((hi - this.x0) / STEP) + 1;
    const { rowStart, mu, tau } = grid;
    this.minGap = new Float64Array(grid.tauCount);
    for (let l = 0; l < grid.tauCount; l++) {
      let minGap = Infinity;
      for (let g = rowStart[l] + 1; g < rowStart[l + 1]; g++) minGap = Math.min(minGap, mu[g] - mu[g - 1]);
      this.minGap[l] = minGap;
    }
    const size = grid.size;
    this.first = new Int32Array(size).fill(-1);
    this.len = new Int32Array(size);
    this.offset = new Int32Array(size);
    let total = 0;
    for (let l = 0; l < grid.tauCount; l++) {
      for (let g = rowStart[l]; g < rowStart[l + 1]; g++) {
        const r = REACH * tau[g];
        const j0 = Math.max(0, Math.ceil((mu[g] - r - this.x0) / STEP));
        const j1 = Math.min(this.nx - 1, Math.floor((mu[g] + r - this.x0) / STEP));
        if (j1 < j0) continue;
        this.first[g] = j0;
        this.len[g] = j1 - j0 + 1;
        this.offset[g] = total;
        total += j1 - j0 + 1;
      }
    }
    this.kernel = new Float32Array(total);
    for (let g = 0; g < size; g++) {
      if (this.first[g] < 0) continue;
      const t = tau[g];
      const c = 1 / (t * Math.sqrt(2 * Math.PI));
      for (let i = 0; i < this.len[g]; i++) {
        const z = (this.x0 + (this.first[g] + i) * STEP - mu[g]) / t;
        this.kernel[this.offset[g] + i] = c * Math.exp(-0.5 * z * z);
      }
    }
  }
}

/** A count vector's data and tables, as the interval computation needs them. */
export interface IntervalData {
  responders: readonly number[];
  sampleSizes: readonly number[];
  /** logit(p_k) = theta_k + offsets[k]. */
  offsets: readonly number[];
  /** Each basket's table; its logLik is the basket's factor in the node weights (the mixed one for EXNEX). */
  tables: readonly BasketTable[];
  /** Posterior mean of p_k. */
  mean: readonly number[];
  /** EXNEX: prior EX probabilities, the EX tables and the NEX priors with log L^NEX (absent: hierarchical). */
  exWeights?: readonly number[];
  exTables?: readonly BasketTable[];
  nex?: readonly { mean: number; sd: number; logLik: number }[];
}

/** A credible interval on the probability scale. */
export interface CredibleInterval {
  lower: number;
  upper: number;
}

/**
 * Credible interval of a Beta(a, b) posterior: the (1 - level)/2 and
 * (1 + level)/2 quantiles, or the shortest interval of probability `level`:
 * [0, q(level)] when the density is largest at 0 (a <= 1 < b), [q(1 -
 * level), 1] when at 1, else [q(x), q(x + level)] with equal densities at
 * both ends (root in x by the Illinois method); equal-tailed when a, b <= 1.
 */
export function betaInterval(a: number, b: number, kind: IntervalKind, level = 0.95): CredibleInterval {
  const top = 1 - level;
  if (kind === 'equal-tailed' || (a <= 1 && b <= 1)) return { lower: betaQuantile(top / 2, a, b), upper: betaQuantile(1 - top / 2, a, b) };
  if (a <= 1) return { lower: 0, upper: betaQuantile(level, a, b) };
  if (b <= 1) return { lower: betaQuantile(top, a, b), upper: 1 };
  const logDensity = (p: number): number => (a - 1) * Math.log(p) + (b - 1) * Math.log1p(-p);
  const gap = (x: number): number => logDensity(betaQuantile(x, a, b)) - logDensity(betaQuantile(x + level, a, b));
  let x0 = 1e-12 * top;
  let x1 = (1 - 1e-12) * top;
  let f0 = gap(x0);
  let f1 = gap(x1);
  if (!(f0 < 0)) return { lower: 0, upper: betaQuantile(level, a, b) };
  if (!(f1 > 0)) return { lower: betaQuantile(top, a, b), upper: 1 };
  let x = 0;
  let side = 0;
  for (let it = 0; it < 100; it++) {
    x = (x0 * f1 - x1 * f0) / (f1 - f0);
    const f = gap(x);
    if (Math.abs(x1 - x0) < 1e-14 || f === 0) break;
    if (f * f1 > 0) {
      x1 = x;
      f1 = f;
      if (side === -1) f0 /= 2;
      side = -1;
    } else {
      x0 = x;
      f0 = f;
      if (side === 1) f1 /= 2;
      side = 1;
    }
  }
  return { lower: betaQuantile(x, a, b), upper: betaQuantile(x + level, a, b) };
}

/** Reusable scratch arrays of one model. */
export class IntervalWorkspace {
  readonly q = new Float64Array(MAX_POINTS);
  readonly logQ = new Float64Array(MAX_POINTS);
  readonly cum = new Float64Array(MAX_POINTS);
  readonly xs = new Float64Array(MAX_POINTS);
  readonly jx = new Int32Array(MAX_POINTS);
  pointOf = new Int32Array(1024);
  readonly tay = new Float64Array(6);
  readonly coef = new Float64Array(6);
  newton = new Float64Array(6 * 17);
  readonly kinky: number[] = [];
  readonly consts: number[] = [];
  readonly sub: SubGrid[] = Array.from({ length: SUBGRIDS }, () => ({ x: new Float64Array(4 * MAX_POINTS), v: new Float64Array(4 * MAX_POINTS), m: 0, first: 0, step: 1 }));
  readonly dens = new Float64Array(MAX_POINTS);
  readonly rowMax: Float64Array;
  readonly rowMass: Float64Array;
  readonly tiny: Uint8Array;
  vals = new Float64Array(256);
  dvals: Float64Array[] = [];
  /** Per count vector (shared by its baskets): each row's slice of the active nodes, and the mean and sd of its mu. */
  private rowsOf: WeightedGrid | null = null;
  readonly rowFirst: Int32Array;
  readonly rowMu: Float64Array;
  readonly rowSd: Float64Array;
  constructor(rows: number) {
    this.rowMax = new Float64Array(rows);
    this.rowMass = new Float64Array(rows);
    this.rowMu = new Float64Array(rows);
    this.rowSd = new Float64Array(rows);
    this.rowFirst = new Int32Array(rows + 1);
    this.tiny = new Uint8Array(rows);
  }

  /** Fills the per-vector row slices and mu moments, once per weighted grid. */
  rows(grid: HyperGrid, wg: WeightedGrid): void {
    if (this.rowsOf === wg) return;
    this.rowsOf = wg;
    const { rowStart, mu } = grid;
    const { active, w, count } = wg;
    let i = 0;
    for (let l = 0; l < grid.tauCount; l++) {
      this.rowFirst[l] = i;
      const end = rowStart[l + 1];
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (; i < count && active[i] < end; i++) {
        const m = mu[active[i]];
        s0 += w[i];
        s1 += w[i] * m;
        s2 += w[i] * m * m;
      }
      const mean = s0 > 0 ? s1 / s0 : 0;
      this.rowMu[l] = mean;
      this.rowSd[l] = s0 > 0 ? Math.sqrt(Math.max(0, s2 / s0 - mean * mean)) : 0;
    }
    this.rowFirst[grid.tauCount] = count;
  }
}

/**
 * Every basket's credible interval for one count vector, into lower and
 * upper (baskets with the same table share one computation).
 */
export function basketIntervals(
  ig: IntervalGrid,
  ws: IntervalWorkspace,
  weights: WeightedGrid,
  data: IntervalData,
  kind: IntervalKind,
  lower: number[],
  upper: number[],
): void {
  const { tables } = data;
  for (let j = 0; j < tables.length; j++) {
    const same = tables.indexOf(tables[j]);
    if (same < j) {
      lower[j] = lower[same];
      upper[j] = upper[same];
      continue;
    }
    const c = basketInterval(ig, ws, weights, data, j, kind);
    lower[j] = c.lower;
    upper[j] = c.upper;
  }
}

/**
 * The credible interval of p_k for basket k, given the node weights of a
 * count vector (see the module comment).
 */
export function basketInterval(
  ig: IntervalGrid,
  ws: IntervalWorkspace,
  weights: WeightedGrid,
  data: IntervalData,
  k: number,
  kind: IntervalKind,
  level = 0.95,
): CredibleInterval {
  const m = new Marginal(ig, ws, weights, data, k);
  if (kind === 'equal-tailed') {
    const a = level === 0.95 ? 0.025 : (1 - level) / 2;
    return { lower: m.quantileP(a), upper: m.quantileP(level === 0.95 ? 0.975 : 1 - a) };
  }
  return m.hpd(level);
}

/** Barycentric weights of the 6-point stencil x[j..j+5] into out[0..5]. */
function baryWeights(x: Float64Array, j: number, out: Float64Array): void {
  for (let i = 0; i < 6; i++) {
    let d = 1;
    for (let r = 0; r < 6; r++) if (r !== i) d *= x[j + i] - x[j + r];
    out[i] = 1 / d;
  }
}

/** Barycentric interpolation at t of the values f[j..j+5] on x[j..j+5] with weights bw. */
function baryEval(x: Float64Array, f: Float64Array, j: number, bw: Float64Array, t: number): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < 6; i++) {
    const d = t - x[j + i];
    if (d === 0) return f[j + i];
    const c = bw[i] / d;
    num += c * f[j + i];
    den += c;
  }
  return num / den;
}

/** The marginal posterior of theta_k for one count vector. */
class Marginal {
  private readonly c: number;
  private readonly y: number;
  private readonly n: number;
  private readonly table: BasketTable;
  private readonly exWeight: number;
  private readonly nexPrior: { mean: number; sd: number; logLik: number } | null;
  private readonly npts: number;
  private readonly tailLow: number;
  private readonly logScale: number;
  private readonly nexMass: number;
  private readonly total: number;
  private readonly xs: Float64Array;
  private readonly bw = new Float64Array(6);
  /** Posterior mean and sd of theta_k. */
  private thetaMean = 0;
  private thetaSd = 0;
  /** The bulk points are bl .. br. */
  private bl = 0;
  private br = 0;

  constructor(
    private readonly ig: IntervalGrid,
    private readonly ws: IntervalWorkspace,
    private readonly wg: WeightedGrid,
    private readonly data: IntervalData,
    private readonly k: number,
  ) {
    const grid = ig.grid;
    this.c = data.offsets[k];
    this.y = data.responders[k];
    this.n = data.sampleSizes[k];
    const table = data.tables[k];
    this.table = table;
    this.exWeight = data.exWeights?.[k] ?? 1;
    this.nexPrior = data.nex?.[k] ?? null;
    if (!table.looFactor) {
      let mx = -Infinity;
      for (let g = 0; g < grid.size; g++) if (table.logLik[g] > mx) mx = table.logLik[g];
      const f = new Float64Array(grid.size);
      for (let g = 0; g < grid.size; g++) f[g] = Math.exp(Math.min(700, mx - table.logLik[g]));
      table.looFactor = f;
      table.looScale = mx;
    }
    this.logScale = table.looScale!;
    this.total = wg.total;
    // theta range: the posterior mean +- RANGE_SDS sds, cut at p = P_LIMIT and 1 - P_LIMIT;
    // grid step: a fraction of the narrowest within-row sd over the bulk (mean +- BULK_SDS sds),
    // doubling every 3 points beyond it
    const mp = data.mean[k];
    const narrow = this.basketPass();
    const m = this.thetaMean;
    const s = Math.max(this.thetaSd, 1e-4);
    const pLo = logit(P_LIMIT) - this.c;
    const pHi = logit(1 - P_LIMIT) - this.c;
    const stride = Math.max(1, Math.floor(Math.min(s, narrow, MAX_WIDTH) / (STEP_DIVISOR * STEP)));
    const jLo = Math.max(0, Math.floor((Math.max(pLo, m - RANGE_SDS * s) - ig.x0) / STEP));
    const jHi = Math.min(ig.nx - 1, Math.max(jLo + 6 * stride, Math.ceil((Math.min(pHi, m + RANGE_SDS * s) - ig.x0) / STEP)));
    const bLo = Math.max(jLo, Math.floor((m - BULK_SDS * s - ig.x0) / STEP));
    const bHi = Math.min(jHi, Math.max(bLo, Math.ceil((m + BULK_SDS * s - ig.x0) / STEP)));
    this.npts = this.placePoints(jLo, bLo, bHi, jHi, stride);
    this.xs = ws.xs;
    if (this.exWeight > 0) this.computeQ();
    let nexMass = 0;
    if (this.nexPrior && this.exWeight < 1) {
      const { active, w, count } = wg;
      const e = table.looFactor!;
      let v = 0;
      for (let i = 0; i < count; i++) v += w[i] * e[active[i]];
      nexMass = (1 - this.exWeight) * v;
    }
    this.nexMass = nexMass;
    // masses of the grid intervals (4-point Gauss-Legendre)
    const cum = ws.cum;
    const dens = ws.dens;
    cum[0] = 0;
    const npts = this.npts;
    const xs = this.xs;
    const lq = ws.logQ;
    const bw = this.bw;
    for (let i = 0; i < npts; i++) dens[i] = Math.exp(this.logDensityQ(xs[i], this.exWeight > 0 ? lq[i] : 0));
    for (let i = 0; i + 1 < npts; i++) {
      const j = Math.max(0, Math.min(npts - 6, i - 2));
      baryWeights(xs, j, bw);
      const half = 0.5 * (xs[i + 1] - xs[i]);
      let mass = 0;
      for (let q = 0; q < GL.nodes.length; q++) {
        const x = xs[i] + half * (1 + GL.nodes[q]);
        const lQ = this.exWeight > 0 ? baryEval(xs, lq, j, bw, x) : 0;
        mass += GL.weights[q] * Math.exp(this.logDensityQ(x, lQ));
      }
      cum[i + 1] = cum[i] + mass * half;
    }
    // the mass beyond the range: the exact total minus the integral. A cut at
    // p ~ 0 or 1 takes the whole remainder; with both cut, the exact mean
    // splits it (p ~ 0 on the left, ~ 1 on the right); otherwise (both tails
    // small) it is split by the tails' exponential decay rates at the ends.
    const x1 = xs[0];
    const x2 = xs[npts - 1];
    const tails = Math.max(0, this.total - cum[npts - 1]);
    const cutLow = x1 <= pLo + STEP;
    const cutHigh = x2 >= pHi - STEP;
    let low: number;
    if (cutLow && cutHigh) low = tails - Math.min(tails, Math.max(0, mp * this.total - this.pMass()));
    else if (cutLow) low = tails;
    else if (cutHigh) low = 0;
    else {
      const left = this.tailEstimate(x1, -1);
      const right = this.tailEstimate(x2, 1);
      low = left + right > 0 && Number.isFinite(left + right) ? (tails * left) / (left + right) : 0.5 * tails;
    }
    this.tailLow = low;
  }

  /**
   * Fills ws.xs / ws.jx with the grid points: a uniform bulk from bLo of 8m
   * steps and tails whose step doubles every TAIL_RUN points out to jLo and
   * jHi. Returns their number.
   */
  private placePoints(jLo: number, bLo: number, bHi: number, jHi: number, stride: number): number {
    const { ws, ig } = this;
    const left: number[] = [];
    let j = bLo;
    let step = stride;
    let k = 0;
    while (j > jLo) {
      j = Math.max(jLo, j - step);
      left.push(j);
      if (++k % TAIL_RUN === 0) step *= 2;
    }
    const pts: number[] = left.reverse();
    this.bl = pts.length;
    let end = bLo + 8 * Math.max(1, Math.ceil((bHi - bLo) / (8 * stride))) * stride;
    while (end > ig.nx - 1 && end > bLo) end -= 8 * stride;
    if (end < bLo) end = bLo;
    for (j = bLo; j <= end; j += stride) pts.push(j);
    this.br = pts.length - 1;
    j = end;
    step = stride;
    k = 0;
    while (j < jHi) {
      j = Math.min(jHi, j + step);
      pts.push(j);
      if (++k % TAIL_RUN === 0) step *= 2;
    }
    while (pts.length < 6) pts.push(Math.min(ig.nx - 1, pts[pts.length - 1] + stride));
    const n = Math.min(pts.length, MAX_POINTS);
    for (let i = 0; i < n; i++) {
      ws.jx[i] = pts[i];
      ws.xs[i] = ig.x0 + pts[i] * STEP;
    }
    return n;
  }

  /** Mass beyond x (dir -1: below, +1: above) if the log density decays exponentially from x; Infinity if it does not decay. */
  private tailEstimate(x: number, dir: number): number {
    const d = 1e-4;
    const f0 = this.logDensity(x);
    const f1 = this.logDensity(x + dir * d);
    const rate = (f0 - f1) / d;
    return rate > 0 ? Math.exp(f0) / rate : Infinity;
  }

  /** Integral of p x the density over the range. */
  private pMass(): number {
    const xs = this.xs;
    let s = 0;
    for (let i = 0; i + 1 < this.npts; i++) {
      const half = 0.5 * (xs[i + 1] - xs[i]);
      for (let q = 0; q < GL.nodes.length; q++) {
        const x = xs[i] + half * (1 + GL.nodes[q]);
        s += GL.weights[q] * half * Math.exp(this.logDensity(x)) * expit(x + this.c);
      }
    }
    return s;
  }

  /**
   * One pass over the active nodes, row by row: the largest leave-one-out
   * log weight of each row (ws.rowMax, and overall: best), the posterior
   * mean and sd of theta_k (the mixture of the nodes' conditional moments);
   * returns the smallest sd of theta_k within a row (tau fixed) over rows
   * holding at least 1e-3 of the weight.
   */
  private best = -Infinity;
  private refDensity = -Infinity;
  private massTotal = 0;
  private basketPass(): number {
    const { ig, ws, wg } = this;
    const grid = ig.grid;
    ws.rows(grid, wg);
    const { logW, active, w, total } = wg;
    const { thetaMean, thetaVar, logLik } = this.table;
    const e = this.table.looFactor!;
    const rowMass = ws.rowMass;
    let massTotal = 0;
    const { logMuWeight } = grid;
    const rowFirst = ws.rowFirst;
    let ref = -Infinity;
    const rowMax = ws.rowMax;
    let narrow = Infinity;
    let best = -Infinity;
    let t1 = 0;
    let t2 = 0;
    for (let l = 0; l < grid.tauCount; l++) {
      let mx = -Infinity;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let sv = 0;
      for (let i = rowFirst[l]; i < rowFirst[l + 1]; i++) {
        const g = active[i];
        sv += w[i] * e[g];
        const v = logW[g] - logLik[g];
        if (v > mx) mx = v;
        if (v - logMuWeight[g] > ref) ref = v - logMuWeight[g];
        const m = thetaMean[g];
        const wi = w[i];
        s0 += wi;
        s1 += wi * m;
        s2 += wi * (thetaVar[g] + m * m);
      }
      rowMax[l] = mx;
      rowMass[l] = sv;
      massTotal += sv;
      if (mx > best) best = mx;
      if (s0 > 1e-3 * total) {
        const m = s1 / s0;
        const sd = Math.sqrt(Math.max(0, s2 / s0 - m * m));
        if (sd < narrow) narrow = sd;
      }
      t1 += s1;
      t2 += s2;
    }
    this.best = best;
    this.refDensity = ref;
    this.massTotal = massTotal;
    this.thetaMean = t1 / total;
    this.thetaSd = Math.sqrt(Math.max(0, t2 / total - this.thetaMean * this.thetaMean));
    return narrow;
  }

  /** Q at the grid points, into ws.logQ (log Q + the table's looScale). */
  private computeQ(): void {
    const { ig, ws, wg } = this;
    const grid = ig.grid;
    const { rowStart, tau } = grid;
    const { logW, active, w } = wg;
    const ll = this.table.logLik;
    const e = this.table.looFactor!;
    const n = this.npts;
    const xs = this.xs;
    const jx = ws.jx;
    const q = ws.q;
    q.fill(0, 0, n);
    const shift = this.logScale - wg.logMax;
    // the point index of each global grid index in [jx[0], jx[n-1]]: first point at or after it
    const j0 = jx[0];
    const span = jx[n - 1] - j0 + 1;
    if (ws.pointOf.length < span + 1) ws.pointOf = new Int32Array(2 * span + 2);
    const pointOf = ws.pointOf;
    for (let i = 0, p = 0; i <= span; i++) {
      while (p < n && jx[p] < j0 + i) p++;
      pointOf[i] = p;
    }
    // coarser uniform subgrids (every 2nd, 4th, 8th bulk step, over the whole range) for
    // rows whose Q is smooth on 3 times their step; interpolated to the points at the end
    const bulkStep = this.br > this.bl ? jx[this.bl + 1] - jx[this.bl] : 1;
    const sub = ws.sub;
    for (let c = 1; c <= SUBGRIDS; c++) {
      const d = (1 << c) * bulkStep;
      const base = jx[this.bl];
      const t0 = Math.floor((j0 - base) / d) - 2;
      const t1 = Math.ceil((jx[n - 1] - base) / d) + 2;
      const S = sub[c - 1];
      S.m = 0;
      S.step = d;
      for (let t = t0; t <= t1; t++) {
        const J = base + t * d;
        if (J < 0 || J > ig.nx - 1) continue;
        if (S.m === 0) S.first = J;
        S.x[S.m] = ig.x0 + J * STEP;
        S.v[S.m++] = 0;
      }
    }
    const rowMax = ws.rowMax;
    const rowFirst = ws.rowFirst;
    const rowSd = ws.rowSd;
    const best = this.best;
    const cut = best - ROW_CUT;
    // rows with tau below their mu spacing and small against the likelihoods: analytic
    let maxN = 1;
    for (const m of this.data.sampleSizes) if (m > maxN) maxN = m;
    const tiny = ws.tiny;
    let anyTiny = false;
    for (let l = 0; l < grid.tauCount; l++) {
      const t = tau[rowStart[l]];
      tiny[l] = ig.minGap[l] > t && t * Math.sqrt(maxN) < 0.1 ? 1 : 0;
      if (tiny[l] && rowMax[l] > cut) anyTiny = true;
    }
    // resolved rows: trapezoid rule with the tabulated kernels; where the row's
    // integrand is wide against its nodes, every 2nd .. 8th node of the sinh tails
    const { first, len, offset, kernel } = ig;
    const { rowCentreFirst, rowCentreLast, mu } = grid;
    const nodeCut = best - NODE_CUT;
    const jLast = jx[n - 1];
    for (let l = 0; l < grid.tauCount; l++) {
      const i0 = rowFirst[l];
      const i1 = rowFirst[l + 1];
      if (i0 === i1 || tiny[l] || !(rowMax[l] > cut) || ws.rowMass[l] < ROW_MASS * this.massTotal) continue;
      // Q of the row is smooth on the scale sqrt(tau^2 + sd^2), sd that of the row's weights in mu
      const t = tau[rowStart[l]];
      const scale = Math.sqrt(t * t + rowSd[l] * rowSd[l]);
      let cls = 0;
      while (cls < SUBGRIDS && SUB_FACTOR * sub[cls].step * STEP <= scale && sub[cls].m >= 6) cls++;
      const S = cls > 0 ? sub[cls - 1] : null;
      if (!this.rowResolved(l)) {
        if (S) this.addUnresolved(l, shift, i0, i1, S.x, S.v, S.m, S.first, S.step);
        else this.addUnresolved(l, shift, i0, i1, xs, q, n, -1, 0);
        continue;
      }
      const sn = this.nodeStride(l);
      const cf = rowCentreFirst[l];
      const cl = rowCentreLast[l];
      for (let i = i0; i < i1; i++) {
        const g = active[i];
        const f0 = first[g];
        if (f0 < 0 || logW[g] - ll[g] < nodeCut) continue;
        let factor = 1;
        if (sn > 1) {
          if (g < cf) {
            if ((cf - g) % sn !== 0) continue;
            factor = sn;
          } else if (g > cl) {
            if ((g - cl) % sn !== 0) continue;
            factor = sn;
          } else if (g === cf || g === cl) {
            // a threshold node between a subsampled tail and the unit steps (or a second tail)
            const left = g === cf ? sn : 1;
            const right = g === cl ? sn : 1;
            const dl = mu[g] - mu[g - 1];
            const dr = mu[g + 1] - mu[g];
            factor = (left * dl + right * dr) / (dl + dr);
          }
        }
        const f1 = f0 + len[g] - 1;
        const v = factor * w[i] * e[g];
        const off = offset[g] - f0;
        if (S) {
          const d = S.step;
          let k = Math.max(0, Math.ceil((f0 - S.first) / d));
          const kEnd = Math.min(S.m - 1, Math.floor((f1 - S.first) / d));
          const sv = S.v;
          for (let o = off + S.first + k * d; k <= kEnd; k++, o += d) sv[k] += v * kernel[o];
        } else if (f1 >= j0 && f0 <= jLast) {
          for (let p = pointOf[f0 > j0 ? f0 - j0 : 0]; p < n && jx[p] <= f1; p++) q[p] += v * kernel[off + jx[p]];
        }
      }
    }
    // the subgrids, interpolated to the points
    for (let c = 0; c < SUBGRIDS; c++) addSubGrid(sub[c], xs, n, q);
    if (anyTiny) this.addTiny(shift);
    const logQ = ws.logQ;
    let top = -Infinity;
    for (let i = 0; i < n; i++) {
      logQ[i] = Math.log(q[i]);
      if (logQ[i] > top) top = logQ[i];
    }
    for (let i = 0; i < n; i++) if (!(logQ[i] > top - 700)) logQ[i] = top - 700;
  }

  /**
   * Node subsampling of resolved row l: the largest of 1, 2, 4 with the
   * integrand v(mu) N(x; mu, tau^2) (width tau sd / sqrt(tau^2 + sd^2), sd
   * that of the row's weights) at least RESOLVED x the subsampled spacing
   * over the posterior bulk and the row's weights.
   */
  private nodeStride(l: number): number {
    const { rowStart, mu, tau } = this.ig.grid;
    const a = rowStart[l];
    const r = rowStart[l + 1];
    const t = tau[a];
    const sd = this.ws.rowSd[l];
    const width = (t * sd) / Math.sqrt(t * t + sd * sd);
    const m = this.thetaMean;
    const s = 2.5 * this.thetaSd;
    const lo = Math.min(m - s, this.ws.rowMu[l] - 3 * sd);
    const hi = Math.max(m + s, this.ws.rowMu[l] + 3 * sd);
    const gap = Math.max(gapAt(mu, a, r, lo), gapAt(mu, a, r, hi));
    let sn = 1;
    while (sn < 8 && 2 * sn * gap * RESOLVED <= width) sn *= 2;
    return sn;
  }

  /**
   * Whether the trapezoid rule resolves row l: tau at least RESOLVED x the mu
   * spacing around the bulk (posterior mean +- 2.5 sds) and RESOLVED_ENDS x
   * the spacing at the ends of the range (the spacing grows away from the
   * centres).
   */
  private rowResolved(l: number): boolean {
    const { rowStart, mu, tau } = this.ig.grid;
    const a = rowStart[l];
    const r = rowStart[l + 1];
    const t = tau[a];
    const x1 = this.xs[0];
    const x2 = this.xs[this.npts - 1];
    const m = this.thetaMean;
    const s = 2.5 * this.thetaSd;
    const b1 = Math.max(x1, m - s);
    const b2 = Math.min(x2, m + s);
    return gapAt(mu, a, r, b1) * RESOLVED <= t && gapAt(mu, a, r, b2) * RESOLVED <= t
      && gapAt(mu, a, r, x1) * RESOLVED_ENDS <= t && gapAt(mu, a, r, x2) * RESOLVED_ENDS <= t;
  }

  /**
   * Adds a row whose tau is below the mu spacing: int N(x; mu, tau^2) v(mu) dmu
   * from the fourth-order Taylor expansion of log v about x, log v being
   * interpolated by the quintic through the 6 nearest nodes. For EXNEX a
   * basket j whose EX share turns from ~0 to ~1 across the range has a
   * near-kink log(w L^EX + (1 - w) L^NEX) in log v: that term is expanded
   * exactly as log((1 - w) L^NEX) + softplus(d), with d = log(w L^EX / ((1 -
   * w) L^NEX)) smooth and interpolated instead. Where the expansion does not
   * hold (log v too steep or curved on the scale tau) the trapezoid rule over
   * the row's nodes is used.
   */
  private addUnresolved(l: number, shift: number, i0: number, i1: number, X: Float64Array, out: Float64Array, count: number, jFirst: number, jStep: number): void {
    const { ig, ws, wg, data } = this;
    const grid = ig.grid;
    const { rowStart, tau, mu, logMuWeight } = grid;
    const a = rowStart[l];
    const r = rowStart[l + 1];
    const t = tau[a];
    // nodes of the stencils
    const c1 = Math.max(a, cellOf(mu, a, r, X[0]) - 3);
    const c2 = Math.min(r - 1, cellOf(mu, a, r, X[count - 1]) + 3);
    const m = c2 - c1 + 1;
    if (m < 6) return;
    if (ws.vals.length < m) ws.vals = new Float64Array(2 * m);
    const vals = ws.vals;
    const ll = this.table.logLik;
    const { logW } = wg;
    for (let g = c1; g <= c2; g++) vals[g - c1] = logW[g] - ll[g] - logMuWeight[g] + shift;
    // EXNEX: baskets with a sharp EX/NEX transition over these nodes
    const kinky = ws.kinky;
    kinky.length = 0;
    const consts = ws.consts;
    consts.length = 0;
    if (data.exTables && data.exWeights && data.nex) {
      for (let j = 0; j < data.tables.length; j++) {
        if (j === this.k) continue;
        const share = data.tables[j].exShare!;
        let lo = 1;
        let hi = 0;
        for (let g = c1; g <= c2; g++) {
          lo = Math.min(lo, share[g]);
          hi = Math.max(hi, share[g]);
        }
        if (!(lo < 0.02 && hi > 0.98)) continue;
        const b = Math.log(1 - data.exWeights[j]) + data.nex[j].logLik;
        const lwj = Math.log(data.exWeights[j]);
        const ex = data.exTables[j].logLik;
        const mixed = data.tables[j].logLik;
        const idx = kinky.length;
        if (ws.newton.length < 6 * (idx + 2)) ws.newton = new Float64Array(6 * (idx + 2));
        if (ws.dvals.length <= idx) ws.dvals.push(new Float64Array(m));
        if (ws.dvals[idx].length < m) ws.dvals[idx] = new Float64Array(2 * m);
        const dv = ws.dvals[idx];
        for (let g = c1; g <= c2; g++) {
          vals[g - c1] -= mixed[g];
          dv[g - c1] = lwj + ex[g] - b;
        }
        kinky.push(j);
        consts.push(b);
      }
    }
    const tay = ws.tay;
    const t2 = t * t;
    let cell = c1;
    const { first, len, offset, kernel } = ig;
    const { active, w } = wg;
    const e = this.table.looFactor!;
    const skip = this.refDensity + shift - NEGLIGIBLE_DENSITY;
    const newton = ws.newton;
    let lastS0 = -1;
    const coef = ws.coef;
    // Taylor coefficients of log v at xc (false outside the stencil nodes)
    const expand = (xc: number): boolean => {
      if (xc < mu[c1] || xc > mu[c2]) return false;
      while (cell + 1 < c2 && mu[cell + 1] <= xc) cell++;
      while (cell > c1 && mu[cell] > xc) cell--;
      const s0 = Math.max(c1, Math.min(c2 - 5, cell - 2));
      if (s0 !== lastS0) {
        // Newton coefficients of the stencils' quintics, once per stencil
        dividedDifferences(mu, s0, vals, s0 - c1, newton, 0);
        for (let z = 0; z < kinky.length; z++) dividedDifferences(mu, s0, ws.dvals[z], s0 - c1, newton, 6 * (z + 1));
        lastS0 = s0;
      }
      expandAt(mu, s0, newton, 0, xc, coef);
      for (let z = 0; z < kinky.length; z++) {
        expandAt(mu, s0, newton, 6 * (z + 1), xc, tay);
        const a0 = tay[0];
        const a1 = tay[1];
        const a2 = tay[2];
        const a3 = tay[3];
        const a4 = tay[4];
        const sg = expit(a0);
        const s1 = sg * (1 - sg);
        const s2 = s1 * (1 - 2 * sg);
        const s3 = s1 * (1 - 6 * sg + 6 * sg * sg);
        coef[0] += consts[z] + softplus(a0);
        coef[1] += sg * a1;
        coef[2] += sg * a2 + 0.5 * s1 * a1 * a1;
        coef[3] += sg * a3 + s1 * a1 * a2 + (s2 / 6) * a1 * a1 * a1;
        coef[4] += sg * a4 + 0.5 * s1 * (a2 * a2 + 2 * a1 * a3) + 0.5 * s2 * a1 * a1 * a2 + (s3 / 24) * a1 * a1 * a1 * a1;
      }
      return true;
    };
    for (let i = 0; i < count; i++) {
      const x = X[i];
      // Laplace's method about the mode of the product N(x; mu, tau^2) v(mu), found by
      // Newton steps from x; d ~ N(mm, v2) under the tilted Gaussian, with the corrections
      // from the cubic and quartic terms of log v
      let xc = x;
      let done = false;
      for (let it = 0; it < 4 && !done; it++) {
        if (!expand(xc)) break;
        if (it === 0 && coef[0] < skip) {
          done = true;
          break;
        }
        const dx = x - xc;
        const b1 = coef[1] + dx / t2;
        const P = 1 / t2 - 2 * coef[2];
        if (!(P > 0)) break;
        const v2 = 1 / P;
        const mm = b1 * v2;
        if (Math.abs(mm) > 0.5 * t) {
          xc += mm;
          continue;
        }
        const m2 = mm * mm;
        const e3 = m2 * mm + 3 * mm * v2;
        const e4 = m2 * m2 + 6 * m2 * v2 + 3 * v2 * v2;
        const e6 = m2 * m2 * m2 + 15 * m2 * m2 * v2 + 45 * m2 * v2 * v2 + 15 * v2 * v2 * v2;
        const corr = 1 + coef[3] * e3 + coef[4] * e4 + 0.5 * coef[3] * coef[3] * e6;
        if (Math.abs(corr - 1) > 0.1) break;
        out[i] += (Math.exp(coef[0] - (0.5 * dx * dx) / t2 + 0.5 * b1 * b1 * v2) * Math.sqrt(v2) * corr) / t;
        done = true;
      }
      if (done) continue;
      // the trapezoid rule over the row's active nodes within the kernel reach of x
      const J = jFirst >= 0 ? jFirst + i * jStep : ws.jx[i];
      let lo = i0;
      let hi = i1;
      const from = x - REACH * t;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (mu[active[mid]] < from) lo = mid;
        else hi = mid;
      }
      let sum = 0;
      for (let z = lo; z < i1; z++) {
        const g = active[z];
        if (mu[g] > x + REACH * t) break;
        const o = J - first[g];
        if (first[g] >= 0 && o >= 0 && o < len[g]) sum += w[z] * e[g] * kernel[offset[g] + o];
      }
      out[i] += sum;
    }
  }

  /**
   * Adds the rows with tiny tau, analytically: for tau -> 0 every basket's
   * log L_j(mu, tau) = l_j(mu) + tau^2 (l_j'' + l_j'^2) / 2 + O(tau^4), with
   * l_j the log binomial kernel at theta = mu, so the leave-one-out density
   * is exp(lwu_l + A(mu) + tau_l^2 B(mu)) with A = log prior(mu) + sum over
   * the other baskets of log L_j (or log of the EXNEX mixture), and its
   * smoothing by N(0, tau_l^2) adds tau_l^2 (A'' + A'^2) / 2.
   */
  private addTiny(shift: number): void {
    const { ig, ws, data } = this;
    const grid = ig.grid;
    const { rowStart, tau, rowLogWeight, muPrior } = grid;
    const tiny = ws.tiny;
    let ref = -Infinity;
    for (let l = 0; l < grid.tauCount; l++) if (tiny[l]) ref = Math.max(ref, rowLogWeight[l]);
    let s0 = 0;
    let s2 = 0;
    for (let l = 0; l < grid.tauCount; l++) {
      if (!tiny[l]) continue;
      const t = tau[rowStart[l]];
      const e = Math.exp(rowLogWeight[l] - ref);
      s0 += e;
      s2 += t * t * e;
    }
    const ratio = s2 / s0;
    const base = ref + Math.log(s0) + shift - Math.log(muPrior.sd) - 0.5 * Math.log(2 * Math.PI);
    const K = data.responders.length;
    const ex = data.exWeights;
    const nex = data.nex;
    const xs = this.xs;
    for (let i = 0; i < this.npts; i++) {
      const x = xs[i];
      const dz = (x - muPrior.mean) / muPrior.sd;
      let A = -0.5 * dz * dz;
      let A1 = -dz / muPrior.sd;
      let A2 = -1 / (muPrior.sd * muPrior.sd);
      let B = 0;
      for (let j = 0; j < K; j++) {
        if (j === this.k) continue;
        const yj = data.responders[j];
        const nj = data.sampleSizes[j];
        const z = x + data.offsets[j];
        const p = expit(z);
        const l0 = yj * z - nj * softplus(z);
        const l1 = yj - nj * p;
        const l2 = -nj * p * (1 - p);
        if (!ex) {
          A += l0;
          A1 += l1;
          A2 += l2;
          B += 0.5 * (l2 + l1 * l1);
          continue;
        }
        // EXNEX: log(w L^EX + (1 - w) L^NEX) with L^EX -> the kernel at tau = 0
        const a = Math.log(ex[j]) + l0;
        const b = Math.log(1 - ex[j]) + nex![j].logLik;
        const mx = Math.max(a, b);
        const lse = mx + Math.log(Math.exp(a - mx) + Math.exp(b - mx));
        const share = ex[j] === 0 ? 0 : Math.exp(a - lse);
        A += lse;
        A1 += share * l1;
        A2 += share * l2 + share * (1 - share) * l1 * l1;
        B += 0.5 * share * (l2 + l1 * l1);
      }
      ws.q[i] += Math.exp(A + base) * (1 + ratio * (B + 0.5 * (A2 + A1 * A1)));
    }
  }

  /** log of the (unnormalised) posterior density of theta_k at x given log Q(x), relative to the table's looScale. */
  private logDensityQ(x: number, lQ: number): number {
    const z = x + this.c;
    const lf = this.y * z - this.n * softplus(z) - this.logScale;
    if (this.nexMass === 0) return lf + lQ + Math.log(this.exWeight);
    const nex = this.nexPrior!;
    const d = (x - nex.mean) / nex.sd;
    const v = (this.exWeight > 0 ? this.exWeight * Math.exp(lQ) : 0) + (this.nexMass * Math.exp(-0.5 * d * d)) / (nex.sd * Math.sqrt(2 * Math.PI));
    return lf + Math.log(v);
  }

  private logDensity(x: number): number {
    return this.logDensityQ(x, this.exWeight > 0 ? this.logQAt(x) : 0);
  }

  /** Quintic (barycentric) interpolation of log Q between the grid points. */
  private logQAt(x: number): number {
    const xs = this.xs;
    const n = this.npts;
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const m = (lo + hi) >> 1;
      if (xs[m] <= x) lo = m;
      else hi = m;
    }
    const j = Math.max(0, Math.min(n - 6, lo - 2));
    baryWeights(xs, j, this.bw);
    return baryEval(xs, this.ws.logQ, j, this.bw, x);
  }

  /** Mass of the density over [a, x] (4-point Gauss-Legendre). */
  private mass(a: number, x: number): number {
    const half = 0.5 * (x - a);
    const mid = 0.5 * (x + a);
    let s = 0;
    for (let k = 0; k < GL.nodes.length; k++) s += GL.weights[k] * Math.exp(this.logDensity(mid + half * GL.nodes[k]));
    return s * half;
  }

  /** theta with CDF(theta) = alpha (clamped to the range). */
  private quantile(alpha: number): number {
    const target = alpha * this.total - this.tailLow;
    const cum = this.ws.cum;
    const xs = this.xs;
    const n = this.npts;
    if (target <= 0) return xs[0];
    if (target >= cum[n - 1]) return xs[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const m = (lo + hi) >> 1;
      if (cum[m] <= target) lo = m;
      else hi = m;
    }
    const a = xs[lo];
    const width = xs[hi] - a;
    const need = target - cum[lo];
    // start from the cubic Hermite interpolant of the CDF on the interval (values and
    // densities at its ends), then Newton on the partial integral, safeguarded by bisection
    const c0 = need / (cum[hi] - cum[lo]);
    const d0 = (this.ws.dens[lo] * width) / (cum[hi] - cum[lo]);
    const d1 = (this.ws.dens[hi] * width) / (cum[hi] - cum[lo]);
    let t = c0;
    for (let it = 0; it < 8; it++) {
      const t2 = t * t;
      const t3 = t2 * t;
      const h = -2 * t3 + 3 * t2 + d0 * (t3 - 2 * t2 + t) + d1 * (t3 - t2) - c0;
      const dh = -6 * t2 + 6 * t + d0 * (3 * t2 - 4 * t + 1) + d1 * (3 * t2 - 2 * t);
      const next = dh > 0 ? t - h / dh : t;
      t = Math.min(1, Math.max(0, next));
    }
    let left = a;
    let right = xs[hi];
    let x = a + t * width;
    for (let it = 0; it < 40; it++) {
      const f = this.mass(a, x) - need;
      if (f > 0) right = x;
      else left = x;
      const d = Math.exp(this.logDensity(x));
      let next = x - f / d;
      if (!(next > left && next < right)) next = 0.5 * (left + right);
      if (Math.abs(next - x) < 1e-10 * width) return next;
      x = next;
    }
    return x;
  }

  /** The alpha-quantile of p_k. */
  quantileP(alpha: number): number {
    return expit(this.quantile(alpha) + this.c);
  }

  /** log density of p_k at theta: log p(theta) - log(p (1 - p)). */
  private logDensityP(x: number): number {
    const z = x + this.c;
    return this.logDensity(x) + softplus(-z) + softplus(z);
  }

  /**
   * Shortest interval of probability `level` on the p scale: the root in a of
   * D(a) = log g(q(a)) - log g(q(a + level)), g the density of p_k, by
   * Newton's method (dq/da = total / density) safeguarded by the bracket.
   */
  hpd(level: number): CredibleInterval {
    const top = 1 - level;
    const gap = (a: number): [number, number, number] => {
      const xa = this.quantile(a);
      const xb = this.quantile(a + level);
      return [this.logDensityP(xa) - this.logDensityP(xb), xa, xb];
    };
    const slope = (x: number): number => {
      const d = 1e-5 * (1 + Math.abs(x));
      return (this.logDensityP(x + d) - this.logDensityP(x - d)) / (2 * d);
    };
    let a0 = 0;
    let a1 = top;
    const f0 = gap(a0)[0];
    const f1 = gap(a1)[0];
    // the density of p_k is largest at an end of the range: the interval starts at 0 (ends at 1)
    if (f0 >= 0) return { lower: 0, upper: this.quantileP(level) };
    if (f1 <= 0) return { lower: this.quantileP(top), upper: 1 };
    let a = 0.5 * top;
    for (let it = 0; it < 60; it++) {
      const [f, xa, xb] = gap(a);
      if (f < 0) a0 = a;
      else a1 = a;
      const d = (slope(xa) * this.total) / Math.exp(this.logDensity(xa)) - (slope(xb) * this.total) / Math.exp(this.logDensity(xb));
      let next = a - f / d;
      if (!(next > a0 && next < a1)) next = 0.5 * (a0 + a1);
      if (Math.abs(next - a) < 1e-12 || a1 - a0 < 1e-13) {
        a = next;
        break;
      }
      a = next;
    }
    return { lower: this.quantileP(a), upper: this.quantileP(a + level) };
  }

}

/** Index of the node cell [mu[i], mu[i + 1]) holding x within nodes a..r-1 (clamped). */
function cellOf(mu: Float64Array, a: number, r: number, x: number): number {
  if (x <= mu[a]) return a;
  if (x >= mu[r - 1]) return r - 2;
  let lo = a;
  let hi = r - 1;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (mu[m] <= x) lo = m;
    else hi = m;
  }
  return lo;
}

/** The spacing of the row's nodes (indices a..r-1, increasing) around x. */
function gapAt(mu: Float64Array, a: number, r: number, x: number): number {
  const i = cellOf(mu, a, r, x);
  return mu[i + 1] - mu[i];
}

/** Values on a uniform subgrid of the global theta grid: global indices first + t step, t < m. */
interface SubGrid {
  x: Float64Array;
  v: Float64Array;
  m: number;
  first: number;
  step: number;
}

/** Adds a subgrid's values, interpolated (quintic; in log where the 6 values are positive), at the points xs. */
function addSubGrid(S: SubGrid, xs: Float64Array, n: number, out: Float64Array): void {
  let any = false;
  for (let t = 0; t < S.m; t++) if (S.v[t] !== 0) any = true;
  if (!any || S.m < 6) return;
  const h = S.x[1] - S.x[0];
  let lastJ = -1;
  let positive = false;
  const lv = new Float64Array(6);
  for (let i = 0; i < n; i++) {
    const u = (xs[i] - S.x[0]) / h;
    const j = Math.max(0, Math.min(S.m - 6, Math.floor(u) - 2));
    if (j !== lastJ) {
      positive = true;
      for (let r = 0; r < 6; r++) if (!(S.v[j + r] > 0)) positive = false;
      for (let r = 0; r < 6; r++) lv[r] = positive ? Math.log(S.v[j + r]) : S.v[j + r];
      lastJ = j;
    }
    const t = u - j;
    let v = 0;
    for (let r = 0; r < 6; r++) {
      let L = 1;
      for (let k = 0; k < 6; k++) if (k !== r) L *= (t - k) / (r - k);
      v += L * lv[r];
    }
    out[i] += positive ? Math.exp(v) : Math.max(0, v);
  }
}

/** Newton divided differences of the quintic through (u[s + i], v[o + i]), i = 0..5, into d[at .. at + 5]. */
function dividedDifferences(u: Float64Array, s: number, v: Float64Array, o: number, d: Float64Array, at: number): void {
  for (let i = 0; i < 6; i++) d[at + i] = v[o + i];
  for (let j = 1; j < 6; j++) for (let i = 5; i >= j; i--) d[at + i] = (d[at + i] - d[at + i - 1]) / (u[s + i] - u[s + i - j]);
}

/** Taylor coefficients c0..c4 at x of the quintic with Newton coefficients d[at ..] on nodes u[s ..] (Horner). */
function expandAt(u: Float64Array, s: number, d: Float64Array, at: number, x: number, out: Float64Array): void {
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  for (let j = 5; j >= 0; j--) {
    const a = x - u[s + j];
    c4 = c4 * a + c3;
    c3 = c3 * a + c2;
    c2 = c2 * a + c1;
    c1 = c1 * a + c0;
    c0 = c0 * a + d[at + j];
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  out[4] = c4;
}
