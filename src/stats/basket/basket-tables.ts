/**
 * Per-node tables of a basket's conditional integrals, and their combination
 * into posterior summaries (the grid integration of hyper-grid.ts).
 *
 * The conditional integrals depend on the data only through (n_k, y_k), so
 * they are tabulated once per (basket spec, y) over all nodes and reused for
 * every count vector; a posterior then costs O(nodes x baskets) sums.
 */
import { logitNormalBinomial, type BasketSpec } from './logit-normal-binomial.js';
import type { HyperGrid } from './hyper-grid.js';
import { sharedMemory } from '../../util/shared-memory.js';

/**
 * Per-node conditional summaries of one basket with given data: log marginal
 * likelihood, P(p > p0 | y, node), E[p | y, node], E[p^2 | y, node], the
 * conditional mean and variance of theta and, for mixture models, the
 * conditional probability of the exchangeable component.
 */
export interface BasketTable {
  logLik: Float64Array;
  probAbove: Float64Array;
  mean: Float64Array;
  mean2: Float64Array;
  thetaMean: Float32Array;
  thetaVar: Float32Array;
  exShare?: Float64Array;
  /** exp(looScale - logLik), filled on first use by intervals.ts. */
  looFactor?: Float64Array;
  looScale?: number;
}

/** Tabulates the conditional integrals of y responders of spec.n over every node (into `into`'s arrays when given). */
export function buildBasketTable(grid: HyperGrid, y: number, spec: BasketSpec, into?: BasketTable): BasketTable {
  const logLik = into?.logLik ?? new Float64Array(grid.size);
  const probAbove = into?.probAbove ?? new Float64Array(grid.size);
  const mean = into?.mean ?? new Float64Array(grid.size);
  const mean2 = into?.mean2 ?? new Float64Array(grid.size);
  const thetaMean = into?.thetaMean ?? new Float32Array(grid.size);
  const thetaVar = into?.thetaVar ?? new Float32Array(grid.size);
  for (let g = 0; g < grid.size; g++) {
    const r = logitNormalBinomial(y, spec, grid.mu[g], grid.tau[g]);
    logLik[g] = r.logLik;
    probAbove[g] = r.probAbove;
    mean[g] = r.mean;
    mean2[g] = r.mean2;
    thetaMean[g] = r.thetaMean;
    thetaVar[g] = r.thetaVar;
  }
  return { logLik, probAbove, mean, mean2, thetaMean, thetaVar };
}

/**
 * The posterior weights of the grid nodes for one count vector: node g has
 * weight exp(logW[g] - logMax); the nodes above the e^-40 cut are
 * active[0 .. count - 1], with weights w[0 .. count - 1] summing to total.
 */
export interface WeightedGrid {
  logW: Float64Array;
  logMax: number;
  active: Int32Array;
  w: Float64Array;
  count: number;
  total: number;
}

/** Posterior summaries from a grid integration. */
export interface GridPosterior {
  /** P(p_k > p0_k | data). */
  probAbove: number[];
  /** E[p_k | data]. */
  mean: number[];
  /** P(basket k exchangeable | data), for mixture models; else null. */
  exProbability: number[] | null;
  /** Posterior mean of mu. */
  muMean: number;
  /** Posterior mean of tau. */
  tauMean: number;
  /** Posterior sd of p_k. */
  sd: number[];
  /** The node weights. */
  weights: WeightedGrid;
}

/** Nodes whose log weight is this far below the largest are dropped (e^-40). */
const NEGLIGIBLE = 40;

/**
 * Scratch arrays a model reuses for every count vector it combines: the
 * weighted grid of one vector is only read until the next call (the
 * interval computation of the same vector), so its arrays need not be new.
 */
export class CombineWorkspace {
  readonly lw: Float64Array;
  readonly active: Int32Array;
  readonly w: Float64Array;
  /**
   * Each node's prior plus the log-likelihoods of every table but the last,
   * and the tables' logLik arrays it was summed from: consecutive count
   * vectors of an exact enumeration differ mostly in their last basket (86%
   * of the 23,751 fits of four exchangeable baskets of 25 share the rest
   * with the fit before), so the sum is kept and reused. The same additions
   * in the same order: the same bits as summing afresh.
   */
  private readonly prefix: Float64Array;
  private prefixOf: Float64Array[] = [];
  private prefixPrior: Float64Array | null = null;
  constructor(size: number) {
    this.lw = new Float64Array(size);
    this.active = new Int32Array(size);
    this.w = new Float64Array(size);
    this.prefix = new Float64Array(size);
  }

  /** prior + tables[0].logLik + ... + tables[K - 2].logLik, node by node in that order (kept from the last call when the same tables). */
  prefixSum(prior: Float64Array, tables: readonly BasketTable[]): Float64Array {
    const m = tables.length - 1;
    const kept = this.prefixOf;
    let same = kept.length === m && this.prefixPrior === prior;
    for (let k = 0; k < m && same; k++) same = kept[k] === tables[k].logLik;
    if (same) return this.prefix;
    const pre = this.prefix, size = pre.length;
    const l0 = tables[0].logLik;
    for (let g = 0; g < size; g++) pre[g] = prior[g] + l0[g];
    for (let k = 1; k < m; k++) {
      const ll = tables[k].logLik;
      for (let g = 0; g < size; g++) pre[g] += ll[g];
    }
    this.prefixOf = tables.slice(0, m).map((t) => t.logLik);
    this.prefixPrior = prior;
    return pre;
  }
}

/**
 * Combines the baskets' tables into posterior summaries: node weights
 * w_g ∝ exp(logWeight_g + sum_k logLik_k,g), then weighted averages of the
 * conditional summaries. Nodes with relative weight below e^-40 are skipped.
 * With a workspace the node weights are written into its arrays (valid
 * until its next use), else into new ones.
 */
export function combineTables(grid: HyperGrid, tables: readonly BasketTable[], workspace?: CombineWorkspace): GridPosterior {
  const size = grid.size;
  const ws = workspace ?? new CombineWorkspace(size);
  const lw = ws.lw;
  const prior = grid.logWeight;
  // each node's log weight summed in basket order (prior + table 0 + table 1 + ...), its largest on the way
  let max = -Infinity;
  const K = tables.length;
  if (K === 0) {
    lw.set(prior);
    for (let g = 0; g < size; g++) if (lw[g] > max) max = lw[g];
  } else if (K === 1) {
    const l0 = tables[0].logLik;
    for (let g = 0; g < size; g++) lw[g] = prior[g] + l0[g];
    for (let g = 0; g < size; g++) if (lw[g] > max) max = lw[g];
  } else {
    const pre = ws.prefixSum(prior, tables);
    const ll = tables[K - 1].logLik;
    for (let g = 0; g < size; g++) {
      const v = pre[g] + ll[g];
      lw[g] = v;
      if (v > max) max = v;
    }
  }
  const cut = max - NEGLIGIBLE;
  const active = ws.active;
  const wa = ws.w;
  let count = 0;
  let total = 0;
  let muSum = 0;
  let tauSum = 0;
  for (let g = 0; g < size; g++) {
    if (!(lw[g] > cut)) continue;
    const w = Math.exp(lw[g] - max);
    wa[count] = w;
    active[count++] = g;
    total += w;
    muSum += w * grid.mu[g];
    tauSum += w * grid.tau[g];
  }
  const k = tables.length;
  const probAbove = new Array<number>(k);
  const mean = new Array<number>(k);
  const sd = new Array<number>(k);
  const exProbability: number[] | null = tables.some((t) => t.exShare) ? new Array<number>(k) : null;
  for (let j = 0; j < k; j++) {
    const t = tables[j];
    const pa = t.probAbove;
    const pm = t.mean;
    const p2 = t.mean2;
    let sa = 0;
    let sm = 0;
    let s2 = 0;
    for (let i = 0; i < count; i++) {
      const g = active[i];
      const w = wa[i];
      sa += w * pa[g];
      sm += w * pm[g];
      s2 += w * p2[g];
    }
    if (exProbability) {
      const ex = t.exShare;
      let se = 0;
      if (ex) for (let i = 0; i < count; i++) se += wa[i] * ex[active[i]];
      exProbability[j] = ex ? se / total : 1;
    }
    probAbove[j] = sa / total;
    mean[j] = sm / total;
    sd[j] = Math.sqrt(Math.max(0, s2 / total - mean[j] * mean[j]));
  }
  return {
    probAbove, mean, exProbability, muMean: muSum / total, tauMean: tauSum / total, sd,
    weights: { logW: lw, logMax: max, active, w: wa, count, total },
  };
}

/**
 * Basket tables shared by every thread of a run: a slot per (spec, y), y =
 * 0 .. n, on SharedArrayBuffers made once (in a design's prepare) and
 * carried to the threads by reference, so each table is integrated once per
 * run instead of once per thread (tens of milliseconds each). Slot states:
 * 0 empty, 1 being built, 2 ready; the thread that moves a slot from 0 to 1
 * (Atomics.compareExchange) builds the table into it and sets 2 with
 * Atomics.store, waking the threads that wait for it (Atomics.wait); a
 * thread that sees 2 sees the values written before.
 */
export interface SharedBasketTables {
  /** Grid nodes per table. */
  nodes: number;
  /** The shared specs, each with its first slot (y = 0; y = 1 .. n follow). */
  specs: (BasketSpec & { first: number })[];
  state: SharedArrayBuffer;
  /** Per slot: logLik, probAbove, mean, mean2 (nodes doubles each). */
  doubles: SharedArrayBuffer;
  /** Per slot: thetaMean, thetaVar (nodes floats each). */
  floats: SharedArrayBuffer;
}

/** Shared tables for every y of these specs (duplicates counted once), on a grid of `nodes` nodes. */
export function sharedBasketTables(nodes: number, specs: readonly BasketSpec[]): SharedBasketTables {
  const out: SharedBasketTables['specs'] = [];
  let slots = 0;
  for (const s of specs) {
    if (out.some((o) => o.n === s.n && o.offset === s.offset && o.threshold === s.threshold)) continue;
    out.push({ n: s.n, offset: s.offset, threshold: s.threshold, first: slots });
    slots += s.n + 1;
  }
  return { nodes, specs: out, state: sharedMemory(4 * slots), doubles: sharedMemory(8 * 4 * nodes * slots), floats: sharedMemory(4 * 2 * nodes * slots) };
}

/** A builder that has not finished a shared table within this many milliseconds is not waited for (the table is built here too). */
const WAIT_MS = 60_000;

/**
 * Memo of basket tables keyed by (spec, y), so that every count vector of a
 * simulation reuses the tables of the counts it shares with earlier ones;
 * with shared tables, tables of the shared specs are read from (or built
 * into) them, so every thread of a run uses the same ones.
 */
export class BasketTableCache {
  private readonly tables = new Map<string, BasketTable>();
  private readonly state: Int32Array | null;

  constructor(
    private readonly build: (y: number, spec: BasketSpec, into?: BasketTable) => BasketTable,
    private readonly shared?: SharedBasketTables,
  ) {
    this.state = shared ? new Int32Array(shared.state) : null;
  }

  /** The table for y responders under spec, built on first use. */
  get(y: number, spec: BasketSpec): BasketTable {
    const key = `${spec.n}|${spec.offset}|${spec.threshold}|${y}`;
    let t = this.tables.get(key);
    if (!t) {
      t = this.fromShared(y, spec) ?? this.build(y, spec);
      this.tables.set(key, t);
    }
    return t;
  }

  /** The shared table of (spec, y): ready, built here, or waited for; undefined when spec is not shared. */
  private fromShared(y: number, spec: BasketSpec): BasketTable | undefined {
    const sh = this.shared;
    const s = sh?.specs.find((o) => o.n === spec.n && o.offset === spec.offset && o.threshold === spec.threshold);
    if (!sh || !s || y < 0 || y > s.n) return undefined;
    const slot = s.first + y;
    const G = sh.nodes;
    const d = (i: number) => new Float64Array(sh.doubles, 8 * G * (4 * slot + i), G);
    const f = (i: number) => new Float32Array(sh.floats, 4 * G * (2 * slot + i), G);
    const table: BasketTable = { logLik: d(0), probAbove: d(1), mean: d(2), mean2: d(3), thetaMean: f(0), thetaVar: f(1) };
    const state = this.state!;
    if (Atomics.load(state, slot) === 2) return table;
    if (Atomics.compareExchange(state, slot, 0, 1) === 0) {
      this.build(y, spec, table);
      Atomics.store(state, slot, 2);
      Atomics.notify(state, slot);
      return table;
    }
    // another thread is building it
    const until = Date.now() + WAIT_MS;
    while (Atomics.load(state, slot) !== 2 && Date.now() < until) Atomics.wait(state, slot, 1, 1000);
    return Atomics.load(state, slot) === 2 ? table : undefined;
  }

  /** Number of tables held. */
  get size(): number {
    return this.tables.size;
  }
}
