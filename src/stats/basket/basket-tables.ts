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
 * likelihood, P(p > p0 | y, node), E[p | y, node] and, for mixture models,
 * the conditional probability of the exchangeable component.
 */
export interface BasketTable {
  logLik: Float64Array;
  probAbove: Float64Array;
  mean: Float64Array;
  exShare?: Float64Array;
}

/** Tabulates the conditional integrals of y responders of spec.n over every node. */
export function buildBasketTable(grid: HyperGrid, y: number, spec: BasketSpec): BasketTable {
  const logLik = new Float64Array(grid.size);
  const probAbove = new Float64Array(grid.size);
  const mean = new Float64Array(grid.size);
  for (let g = 0; g < grid.size; g++) {
    const r = logitNormalBinomial(y, spec, grid.mu[g], grid.tau[g]);
    logLik[g] = r.logLik;
    probAbove[g] = r.probAbove;
    mean[g] = r.mean;
  }
  return { logLik, probAbove, mean };
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
  let count = 0;
  let total = 0;
  let muSum = 0;
  let tauSum = 0;
  for (let g = 0; g < size; g++) {
    if (!(lw[g] > cut)) continue;
    const w = Math.exp(lw[g] - max);
    lw[g] = w;
    active[count++] = g;
    total += w;
    muSum += w * grid.mu[g];
    tauSum += w * grid.tau[g];
  }
  const k = tables.length;
  const probAbove = new Array<number>(k);
  const mean = new Array<number>(k);
  const exProbability: number[] | null = tables.some((t) => t.exShare) ? new Array<number>(k) : null;
  for (let j = 0; j < k; j++) {
    const t = tables[j];
    const pa = t.probAbove;
    const pm = t.mean;
    let sa = 0;
    let sm = 0;
    for (let i = 0; i < count; i++) {
      const g = active[i];
      const w = lw[g];
      sa += w * pa[g];
      sm += w * pm[g];
    }
    if (exProbability) {
      const ex = t.exShare;
      let se = 0;
      if (ex) for (let i = 0; i < count; i++) se += lw[active[i]] * ex[active[i]];
      exProbability[j] = ex ? se / total : 1;
    }
    probAbove[j] = sa / total;
    mean[j] = sm / total;
  }
  return { probAbove, mean, exProbability, muMean: muSum / total, tauMean: tauSum / total };
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
