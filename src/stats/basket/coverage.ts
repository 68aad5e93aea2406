/**
 * The posterior CDF of each basket's rate at given points, P(p_k <= r | data),
 * for the grid-integrated hierarchical and EXNEX models (hierarchical.ts,
 * exnex.ts): what an exact computation needs to know whether a 95%
 * equal-tailed credible interval covers the true rate r, since
 *
 *   q(0.025) <= r <= q(0.975)   iff   0.025 <= P(p_k <= r | data) <= 0.975
 *
 * for a continuous posterior; far cheaper than locating both limits
 * (intervals.ts).
 *
 * The CDF is integrated as the posterior probability P(p_k > p0_k | data)
 * is (basket-tables.ts): node by node over the model's (mu, tau) grid,
 * weighted by the count vector's node weights (reused from the model's own
 * fit), each node's conditional probability P(theta_k > theta* | y, mu, tau)
 * from the one-dimensional quadrature of logit-normal-binomial.ts split at
 * theta* (logitNormalBinomialCuts). Given (mu, tau), theta_k's conditional
 * posterior has sd s ~ tau / sqrt(1 + n tau^2 / 4), so the conditional
 * probability turns from 1 to 0 over a mu-interval of width ~s around
 * theta*. Where the row's node spacing around theta* is at most s, the
 * trapezoid rule over the row's nodes resolves that turn (its error for a
 * smoothed step is of order exp(-2 pi^2 s^2 / h^2)); in the other rows
 * (small tau, and the sinh-stretched far field when theta* is far from the
 * grid's centres) the row is integrated instead on nodes of its own placed
 * exactly as the grid places a threshold: theta* a node, uniform spacing
 * clamp(tau, muSpacingMin, muSpacing) around it, sinh-stretched beyond, the
 * same tau, the same weights in log tau. That is the grid the model would
 * have built had theta* been its threshold, so the CDF is as accurate as
 * the decision probability (hyper-grid.ts: ~1e-6 against R). Inserting
 * theta* into the model's own rows as a second centre would not do: rows
 * that stitch uniform spacing between centres to sinh tails lose the
 * trapezoid rule's geometric convergence (errors of 1e-5 to 1e-4 here).
 */
import { logit } from '../distributions.js';
import { rowNodes, type HyperGrid, type NormalPrior } from './hyper-grid.js';
import type { WeightedGrid } from './basket-tables.js';
import { logitNormalBinomialCuts } from './logit-normal-binomial.js';
import { logNormalDensity } from './quadrature.js';

export interface CoverageOptions {
  /** The model's grid: the count vector's weights on it are the model's own (combineTables). */
  grid: HyperGrid;
  /** Per basket: logit(p_k) = theta_k + offsets[k] (the hierarchical model's logit(q_k); 0 for EXNEX). */
  offsets: readonly number[];
  /** Per basket: the rates r (ascending) at which P(p_k <= r | data) is wanted. */
  rates: readonly (readonly number[])[];
  /** The largest basket size the model meets (bounds the conditional sd from below). */
  maxN: number;
  /** EXNEX: each basket's prior probability of exchangeability and its NEX prior (absent: the hierarchical model). */
  exWeights?: readonly number[];
  nexPriors?: readonly NormalPrior[];
}

/** A cut point theta* and the rows integrated on its own nodes. */
interface Cut {
  theta: number;
  /** theta as the one cut of logitNormalBinomialCuts. */
  at: Float64Array;
  /** Per row of the grid: whether the grid's own nodes resolve the cut there. */
  resolved: Uint8Array;
  /** Its own nodes (rows the grid does not resolve), row by row (row l's from rowFirst[l] to rowFirst[l + 1] - 1, mu ascending): mu, tau, log weight. */
  rowFirst: Int32Array;
  mu: Float64Array;
  tau: Float64Array;
  logWeight: Float64Array;
}

/**
 * One basket's conditional integrals for y responders, filled in as the
 * count vectors need them (a node far from every posterior is never
 * integrated): at the grid's nodes, P(theta > cut_i) for each of the
 * basket's cuts (node g's at grid[g * cuts + i]); at each cut's own nodes,
 * log L (every basket's, for the weights) and P(theta > cut) (where the
 * basket needs that cut). For EXNEX the EX integrals are mixed with the
 * node-independent NEX ones by the EX share (as exnex.ts mixExNex).
 */
class CutTable {
  readonly grid: Float64Array;
  private readonly gridLo: Int32Array;
  private readonly gridHi: Int32Array;
  readonly ownLogLik: Float64Array[];
  readonly ownAbove: Float64Array[];
  private readonly ownLo: Int32Array[];
  private readonly ownHi: Int32Array[];
  private readonly points: Float64Array;
  private readonly scratch: Float64Array;
  private readonly one = new Float64Array(1);
  private readonly nexAbove: Float64Array;
  private readonly nexLogLik: number;
  private readonly nexOwn: { logLik: number; above: number }[];

  constructor(
    private readonly model: { grid: HyperGrid; cuts: readonly Cut[] },
    mine: readonly number[],
    private readonly y: number, private readonly n: number, private readonly offset: number,
    private readonly ex: number | undefined, nex: NormalPrior | undefined,
  ) {
    const G = model.grid.size;
    this.points = Float64Array.from(mine, (j) => model.cuts[j].theta);
    this.scratch = new Float64Array(mine.length);
    this.grid = new Float64Array(G * mine.length);
    this.gridLo = new Int32Array(model.grid.tauCount);
    this.gridHi = new Int32Array(model.grid.tauCount);
    this.ownLogLik = model.cuts.map((c) => new Float64Array(c.mu.length));
    this.ownAbove = model.cuts.map((c, j) => new Float64Array(mine.includes(j) ? c.mu.length : 0));
    this.ownLo = model.cuts.map(() => new Int32Array(model.grid.tauCount));
    this.ownHi = model.cuts.map(() => new Int32Array(model.grid.tauCount));
    this.nexAbove = new Float64Array(mine.length);
    this.nexLogLik = 0;
    this.nexOwn = [];
    if (ex !== undefined && nex) {
      this.nexLogLik = logitNormalBinomialCuts(y, n, offset, nex.mean, nex.sd, this.points, this.nexAbove);
      this.nexOwn = model.cuts.map((c) => ({ logLik: logitNormalBinomialCuts(y, n, offset, nex.mean, nex.sd, Float64Array.of(c.theta), this.one), above: this.one[0] }));
    }
  }

  /** EXNEX: log(w L^EX + (1 - w) L^NEX), and the conditional probabilities in `above` mixed by the EX share. */
  private mix(logLik: number, above: Float64Array, nexLogLik: number, nexAbove: ArrayLike<number>): number {
    const ex = this.ex!;
    const a = Math.log(ex) + logLik;
    const b = Math.log(1 - ex) + nexLogLik;
    const m = Math.max(a, b);
    const lse = m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    const e = ex === 0 ? 0 : Math.exp(a - lse);
    for (let i = 0; i < above.length; i++) above[i] = e * above[i] + (1 - e) * nexAbove[i];
    return lse;
  }

  /**
   * Integrates the nodes from .. to - 1 of grid row l not yet done. Each row's
   * done nodes are one contiguous run [gridLo[l], gridHi[l]), extended as
   * the count vectors reach further.
   */
  gridNodes(l: number, from: number, to: number): void {
    extend(this.gridLo, this.gridHi, l, from, to, (g) => this.gridNode(g));
  }

  private gridNode(g: number): void {
    const { grid } = this.model;
    const sub = this.scratch;
    const ll = logitNormalBinomialCuts(this.y, this.n, this.offset, grid.mu[g], grid.tau[g], this.points, sub);
    if (this.ex !== undefined && this.nexOwn.length) this.mix(ll, sub, this.nexLogLik, this.nexAbove);
    this.grid.set(sub, g * sub.length);
  }

  /** Integrates the own nodes from .. to - 1 of cut j (within one row l) not yet done. */
  ownNodes(j: number, l: number, from: number, to: number): void {
    extend(this.ownLo[j], this.ownHi[j], l, from, to, (i) => this.ownNode(j, i));
  }

  private ownNode(j: number, i: number): void {
    const c = this.model.cuts[j];
    const one = this.one;
    let ll = logitNormalBinomialCuts(this.y, this.n, this.offset, c.mu[i], c.tau[i], c.at, one);
    if (this.ex !== undefined && this.nexOwn.length) ll = this.mix(ll, one, this.nexOwn[j].logLik, [this.nexOwn[j].above]);
    this.ownLogLik[j][i] = ll;
    if (this.ownAbove[j].length) this.ownAbove[j][i] = one[0];
  }
}

/** Extends row l's run [lo[l], hi[l]) of done nodes to cover from .. to - 1 (an empty run has lo = hi), doing each new node. */
function extend(lo: Int32Array, hi: Int32Array, l: number, from: number, to: number, doNode: (i: number) => void): void {
  if (from >= to) return;
  if (lo[l] === hi[l]) {
    for (let i = from; i < to; i++) doNode(i);
    lo[l] = from;
    hi[l] = to;
    return;
  }
  if (from < lo[l]) {
    for (let i = from; i < lo[l]; i++) doNode(i);
    lo[l] = from;
  }
  if (to > hi[l]) {
    for (let i = hi[l]; i < to; i++) doNode(i);
    hi[l] = to;
  }
}

/**
 * A function filling out[t * K + k] with P(p_k <= rates[k][t] | y, n) (NaN
 * where basket k has fewer than t + 1 rates), given the model's node
 * weights for the count vector y of n.
 */
export function createCoverageModel(options: CoverageOptions): (responders: readonly number[], sampleSizes: readonly number[], weights: WeightedGrid, out: Float64Array) => void {
  const { grid, offsets, rates } = options;
  const K = offsets.length;
  const T = Math.max(0, ...rates.map((r) => r.length));
  const G = grid.size;
  const L = grid.tauCount;
  const rowOf = new Int32Array(G);
  for (let l = 0; l < L; l++) rowOf.fill(l, grid.rowStart[l], grid.rowStart[l + 1]);

  // the distinct cut points (theta scale) and each basket's: cutOf[k][t] its index, or -1 for a rate at 0 or 1
  const thetas: number[] = [];
  const cutOf = rates.map((rs, k) => rs.map((r) => {
    if (!(r > 0 && r < 1)) return -1;
    const th = logit(r) - offsets[k];
    let j = thetas.indexOf(th);
    if (j < 0) j = thetas.push(th) - 1;
    return j;
  }));
  const cuts: Cut[] = thetas.map((theta) => cutRows(grid, theta, options.maxN));
  /** The cuts each basket needs, ascending in theta (as logitNormalBinomialCuts wants them). */
  const basketCuts = cutOf.map((c) => [...new Set(c.filter((j) => j >= 0))].sort((a, b) => thetas[a] - thetas[b]));
  const C = Math.max(1, ...basketCuts.map((c) => c.length));

  const tables = new Map<string, CutTable>();
  const model = { grid, cuts };
  const tableFor = (k: number, y: number, n: number): CutTable => {
    const ex = options.exWeights?.[k];
    const nex = options.nexPriors?.[k];
    const key = `${n}|${offsets[k]}|${basketCuts[k].join(',')}|${y}|${ex ?? ''}|${nex ? `${nex.mean},${nex.sd}` : ''}`;
    let t = tables.get(key);
    if (!t) tables.set(key, (t = new CutTable(model, basketCuts[k], y, n, offsets[k], ex, nex)));
    return t;
  };

  const rows = new Array<CutTable>(K);
  const cdf = new Float64Array(K * Math.max(1, thetas.length));
  const zFirst = new Int32Array(L);
  const zEnd = new Int32Array(L);
  const rowTotal = new Float64Array(L);
  /** Per basket, row and cut of the basket: the row's weighted sum of P(theta > cut) over the grid's active nodes. */
  const rowSum = new Float64Array(K * L * C);
  let lw = new Float64Array(0);
  const spans = new Int32Array(2 * L);
  const own = new Array<Float64Array>(K);
  return (responders, sampleSizes, weights, out) => {
    out.fill(NaN, 0, T * K);
    for (let k = 0; k < K; k++) rows[k] = tableFor(k, responders[k], sampleSizes[k]);
    const { active, w, count, logMax } = weights;
    // each row's active nodes (active is ascending, rows are contiguous) and their total weight
    zFirst.fill(0);
    zEnd.fill(0);
    for (let z = 0; z < count;) {
      const l = rowOf[active[z]];
      zFirst[l] = z;
      let s = 0;
      for (; z < count && rowOf[active[z]] === l; z++) s += w[z];
      zEnd[l] = z;
      rowTotal[l] = s;
    }
    // per basket: each row's sums over the grid's nodes, all its cuts in one pass
    for (let k = 0; k < K; k++) {
      const c = basketCuts[k].length;
      if (c === 0) continue;
      const t = rows[k];
      const col = t.grid;
      for (let l = 0; l < L; l++) {
        const base = (k * L + l) * C;
        if (zEnd[l] > zFirst[l]) t.gridNodes(l, active[zFirst[l]], active[zEnd[l] - 1] + 1);
        const z0 = zFirst[l];
        const z1 = zEnd[l];
        if (c <= 3) {
          // scalar accumulators (a typed-array one would chain every add through memory)
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          if (c === 1) for (let z = z0; z < z1; z++) s0 += w[z] * col[active[z]];
          else if (c === 2) {
            for (let z = z0; z < z1; z++) {
              const at = 2 * active[z];
              const wz = w[z];
              s0 += wz * col[at];
              s1 += wz * col[at + 1];
            }
          } else {
            for (let z = z0; z < z1; z++) {
              const at = 3 * active[z];
              const wz = w[z];
              s0 += wz * col[at];
              s1 += wz * col[at + 1];
              s2 += wz * col[at + 2];
            }
          }
          rowSum[base] = s0;
          if (c > 1) rowSum[base + 1] = s1;
          if (c > 2) rowSum[base + 2] = s2;
        } else {
          for (let i = 0; i < c; i++) {
            let s0 = 0;
            for (let z = z0; z < z1; z++) s0 += w[z] * col[c * active[z] + i];
            rowSum[base + i] = s0;
          }
        }
      }
    }
    cuts.forEach((cut, j) => {
      const resolved = cut.resolved;
      let total = 0;
      for (let l = 0; l < L; l++) if (resolved[l]) total += rowTotal[l];
      // the rows the grid does not resolve, on the cut's own nodes and on the same scale (exp(log
      // weight - the fit's logMax)), within the mu range of the row's active grid nodes and their
      // neighbours (beyond it the weights are below e^-40 of the largest)
      const m = cut.mu.length;
      if (lw.length < m) lw = new Float64Array(2 * m);
      let ranges = 0;
      for (let l = 0; l < L; l++) {
        const f = cut.rowFirst[l];
        const e = cut.rowFirst[l + 1];
        if (f === e || zEnd[l] === zFirst[l]) continue;
        const muLo = grid.mu[Math.max(grid.rowStart[l], active[zFirst[l]] - 1)];
        const muHi = grid.mu[Math.min(grid.rowStart[l + 1] - 1, active[zEnd[l] - 1] + 1)];
        let i0 = f;
        while (i0 < e && cut.mu[i0] < muLo) i0++;
        let i1 = i0;
        while (i1 < e && cut.mu[i1] <= muHi) i1++;
        for (let k = 0; k < K; k++) {
          rows[k].ownNodes(j, l, i0, i1);
          own[k] = rows[k].ownLogLik[j];
        }
        for (let i = i0; i < i1; i++) {
          let v = cut.logWeight[i] - logMax;
          for (let k = 0; k < K; k++) v += own[k][i];
          const x = v > -700 ? Math.exp(v) : 0;
          lw[i] = x;
          total += x;
        }
        spans[2 * ranges] = i0;
        spans[2 * ranges + 1] = i1;
        ranges++;
      }
      for (let k = 0; k < K; k++) {
        const i = basketCuts[k].indexOf(j);
        if (i < 0) continue;
        let s = 0;
        for (let l = 0; l < L; l++) if (resolved[l]) s += rowSum[(k * L + l) * C + i];
        const ab = rows[k].ownAbove[j];
        for (let q = 0; q < ranges; q++) for (let x = spans[2 * q]; x < spans[2 * q + 1]; x++) s += lw[x] * ab[x];
        cdf[j * K + k] = Math.min(1, Math.max(0, 1 - s / total));
      }
    });
    for (let k = 0; k < K; k++) {
      const rs = rates[k];
      for (let t = 0; t < rs.length; t++) {
        const j = cutOf[k][t];
        out[t * K + k] = j >= 0 ? cdf[j * K + k] : rs[t] > 0 ? 1 : 0;
      }
    }
  };
}

/**
 * The rows of the grid whose nodes resolve a cut at theta (node spacing
 * around theta at most the smallest conditional sd tau / sqrt(1 + n tau^2
 * / 4)), and for the others nodes of their own: the row's mu nodes as the
 * grid would place them around a threshold at theta, with the row's weight.
 */
function cutRows(grid: HyperGrid, theta: number, maxN: number): Cut {
  const { rowStart, mu, tau, rowLogWeight, muPrior } = grid;
  const opts = grid.options;
  const resolved = new Uint8Array(grid.tauCount);
  const rowFirst = new Int32Array(grid.tauCount + 1);
  const nodes: number[] = [];
  const taus: number[] = [];
  const logWeights: number[] = [];
  const lo = Math.min(grid.muRange[0], theta);
  const hi = Math.max(grid.muRange[1], theta);
  for (let l = 0; l < grid.tauCount; l++) {
    rowFirst[l] = nodes.length;
    const a = rowStart[l];
    const r = rowStart[l + 1];
    const t = tau[a];
    const s = t / Math.sqrt(1 + (maxN * t * t) / 4);
    // the widest of the node gaps next to theta's cell
    let i = a;
    while (i + 1 < r - 1 && mu[i + 1] <= theta) i++;
    let gap = 0;
    for (let j = Math.max(a, i - 1); j <= Math.min(r - 2, i + 1); j++) gap = Math.max(gap, mu[j + 1] - mu[j]);
    // resolved: the turn is wider than the node gaps, or theta is itself a node (a decision threshold: then
    // the grid treats the step as it treats the threshold's)
    const onNode = mu[i] === theta || (i + 1 < r && mu[i + 1] === theta);
    if ((gap <= s || onNode) && theta > mu[a] && theta < mu[r - 1]) {
      resolved[l] = 1;
      continue;
    }
    const spacing = Math.min(opts.muSpacing, Math.max(opts.muSpacingMin, t));
    const row = rowNodes([theta], spacing, opts.muStretchStep, lo, hi);
    for (let q = 0; q < row.mu.length; q++) {
      nodes.push(row.mu[q]);
      taus.push(t);
      logWeights.push(rowLogWeight[l] + logNormalDensity(row.mu[q], muPrior.mean, muPrior.sd) + Math.log(row.weight[q]));
    }
  }
  rowFirst[grid.tauCount] = nodes.length;
  return { theta, at: Float64Array.of(theta), resolved, rowFirst, mu: Float64Array.from(nodes), tau: Float64Array.from(taus), logWeight: Float64Array.from(logWeights) };
}
