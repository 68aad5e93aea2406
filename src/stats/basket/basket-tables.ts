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

/** Tabulates the conditional integrals of y responders of spec.n over every node. */
export function buildBasketTable(grid: HyperGrid, y: number, spec: BasketSpec): BasketTable {
  const logLik = new Float64Array(grid.size);
  const probAbove = new Float64Array(grid.size);
  const mean = new Float64Array(grid.size);
  const mean2 = new Float64Array(grid.size);
  const thetaMean = new Float32Array(grid.size);
  const thetaVar = new Float32Array(grid.size);
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
 * Combines the baskets' tables into posterior summaries: node weights
 * w_g ∝ exp(logWeight_g + sum_k logLik_k,g), then weighted averages of the
 * conditional summaries. Nodes with relative weight below e^-40 are skipped.
 */
export function combineTables(grid: HyperGrid, tables: readonly BasketTable[]): GridPosterior {
  const size = grid.size;
  const lw = new Float64Array(grid.logWeight);
  for (const t of tables) {
    const ll = t.logLik;
    for (let g = 0; g < size; g++) lw[g] += ll[g];
  }
  let max = -Infinity;
  for (let g = 0; g < size; g++) if (lw[g] > max) max = lw[g];
  const cut = max - NEGLIGIBLE;
  const active = new Int32Array(size);
  const wa = new Float64Array(size);
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
 * Memo of basket tables keyed by (spec, y), so that every count vector of a
 * simulation reuses the tables of the counts it shares with earlier ones.
 */
export class BasketTableCache {
  private readonly tables = new Map<string, BasketTable>();

  constructor(private readonly build: (y: number, spec: BasketSpec) => BasketTable) {}

  /** The table for y responders under spec, built on first use. */
  get(y: number, spec: BasketSpec): BasketTable {
    const key = `${spec.n}|${spec.offset}|${spec.threshold}|${y}`;
    let t = this.tables.get(key);
    if (!t) {
      t = this.build(y, spec);
      this.tables.set(key, t);
    }
    return t;
  }

  /** Number of tables held. */
  get size(): number {
    return this.tables.size;
  }
}
