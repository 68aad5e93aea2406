/**
 * Bayesian hierarchical model for basket trials (Berry, Broglio, Groshen &
 * Berry 2013, "Bayesian hierarchical modeling of patient subpopulations:
 * efficient designs of phase II oncology clinical trials", Clinical Trials
 * 10:720-734), with posteriors by deterministic numerical integration.
 *
 *   y_k ~ Bin(n_k, p_k),  theta_k = logit(p_k) - logit(q_k),
 *   theta_k | mu, tau ~ N(mu, tau^2),  mu ~ N(m0, s0^2),  tau ~ tau prior.
 *
 * Berry et al. put theta relative to a target rate q_k and use
 * mu ~ N(logit(p0) - logit(q), 10^2), tau^2 ~ IG(0.0005, 0.000005). With a
 * common offset that is the same model as our default, theta relative to the
 * null rate (q_k = p0_k) and mu ~ N(0, 10^2): shifting theta by a constant
 * shifts mu's prior mean by the same constant. Pass `offsetRates` (and a
 * matching `muPrior`) to reproduce their parametrisation when the rates
 * differ by basket.
 *
 * No MCMC: given (mu, tau) the baskets are independent, each needing a 1-D
 * integral over theta_k (logit-normal-binomial.ts), and (mu, tau) is
 * integrated on a 2-D grid (hyper-grid.ts). Integrals are tabulated per
 * (n_k, y_k) on first use, so a model object should be created once per
 * design and reused for every simulated trial.
 */
import { logit } from '../distributions.js';
import {
  buildHyperGrid,
  DEFAULT_GRID,
  type GridOptions,
  type HyperGrid,
  type NormalPrior,
} from './hyper-grid.js';
import { BasketTableCache, buildBasketTable, combineTables, CombineWorkspace, type SharedBasketTables, type WeightedGrid } from './basket-tables.js';
import { BERRY_TAU_PRIOR, type TauPrior } from './tau-prior.js';
import type { BasketSpec } from './logit-normal-binomial.js';
import { basketIntervals, IntervalGrid, IntervalWorkspace, type IntervalKind } from './intervals.js';

/** Options of the Berry hierarchical model; only `nullRates` is required. */
export interface BerryModelOptions {
  /** Null response rate p0_k of each basket (decision threshold). */
  nullRates: readonly number[];
  /** Rates q_k with theta_k = logit(p_k) - logit(q_k); default the null rates. */
  offsetRates?: readonly number[];
  /** Prior of mu on the theta scale; default N(0, 10^2). */
  muPrior?: NormalPrior;
  /** Prior of tau; default tau^2 ~ IG(0.0005, 0.000005) (Berry et al. 2013). */
  tauPrior?: TauPrior;
  /** Integration grid resolution. */
  grid?: Partial<GridOptions>;
  /** 95% credible interval of each p_k (intervals.ts): equal-tailed (default), HPD, or none (NaN). */
  interval?: IntervalKind | 'none';
  /** Basket tables shared by the threads of a run (basket-tables.ts), made for this model's tableSpec. */
  sharedTables?: SharedBasketTables;
}

/** Posterior summaries of a basket model for one count vector. */
export interface BasketPosterior {
  /** P(p_k > p0_k | data) for each basket. */
  probAboveNull: number[];
  /** Posterior mean response rate E[p_k | data]. */
  posteriorMean: number[];
  /** Posterior sd of p_k. */
  posteriorSd: number[];
  /** 95% credible interval of p_k (NaN with interval: 'none'). */
  lower: number[];
  upper: number[];
  /** Posterior mean of mu (theta scale). */
  muMean: number;
  /** Posterior mean of the between-basket sd tau. */
  tauMean: number;
}

/** A fitted-once model that returns posteriors for count vectors. */
export interface BasketModel<P> {
  /** Posterior for responders y_k out of sampleSizes n_k (one entry per basket). */
  posterior(responders: readonly number[], sampleSizes: readonly number[]): P;
  /** The integration grid (for diagnostics). */
  readonly grid: HyperGrid;
  /** The node weights of the last count vector fitted (valid until the next fit; grid models only). */
  lastWeights?(): WeightedGrid;
  /** The spec of basket j's tables at n patients (grid models only: what shared tables are made for). */
  tableSpec?(j: number, n: number): BasketSpec;
}

/** Checks counts against the model's basket count. */
export function checkCounts(k: number, responders: readonly number[], sampleSizes: readonly number[]): void {
  if (responders.length !== k || sampleSizes.length !== k) {
    throw new Error(`expected ${k} baskets, got ${responders.length} responder and ${sampleSizes.length} size entries`);
  }
  for (let j = 0; j < k; j++) {
    const y = responders[j];
    const n = sampleSizes[j];
    if (!Number.isInteger(y) || !Number.isInteger(n) || y < 0 || n < 0 || y > n) {
      throw new Error(`basket ${j}: invalid counts ${y}/${n}`);
    }
  }
}

/**
 * Creates the Berry et al. (2013) hierarchical model for K baskets. The
 * returned `posterior(y, n)` gives P(p_k > p0_k | y), E[p_k | y], the
 * posterior sd and a 95% credible interval of p_k by deterministic
 * integration (see hyper-grid.ts and intervals.ts).
 */
export function createBerryHierarchicalModel(options: BerryModelOptions): BasketModel<BasketPosterior> {
  const nullRates = [...options.nullRates];
  const k = nullRates.length;
  const offsets = (options.offsetRates ?? nullRates).map((q) => logit(q));
  const muPrior = options.muPrior ?? { mean: 0, sd: 10 };
  const tauPrior = options.tauPrior ?? BERRY_TAU_PRIOR;
  const thresholds = nullRates.map((p0, j) => logit(p0) - offsets[j]);
  const grid = buildHyperGrid(muPrior, tauPrior, { ...DEFAULT_GRID, ...options.grid }, thresholds, k);
  const cache = new BasketTableCache((y, spec, into) => buildBasketTable(grid, y, spec, into), options.sharedTables);
  const spec = (j: number, n: number): BasketSpec => ({ n, offset: offsets[j], threshold: thresholds[j] });
  const kind = options.interval ?? 'equal-tailed';
  let ig: IntervalGrid | null = null;
  let combine: CombineWorkspace | null = null;
  let ws: IntervalWorkspace | null = null;
  let last: WeightedGrid | null = null;
  return {
    grid,
    lastWeights: () => last!,
    tableSpec: spec,
    posterior(responders, sampleSizes) {
      checkCounts(k, responders, sampleSizes);
      const tables = responders.map((y, j) => cache.get(y, spec(j, sampleSizes[j])));
      const r = combineTables(grid, tables, (combine ??= new CombineWorkspace(grid.size)));
      last = r.weights;
      const lower = new Array<number>(k).fill(NaN);
      const upper = new Array<number>(k).fill(NaN);
      if (kind !== 'none') {
        ig ??= new IntervalGrid(grid, offsets);
        ws ??= new IntervalWorkspace(grid.tauCount);
        const data = {
          responders, sampleSizes, offsets, tables, mean: r.mean,
        };
        basketIntervals(ig, ws, r.weights, data, kind, lower, upper);
      }
      return {
        probAboveNull: r.probAbove, posteriorMean: r.mean, posteriorSd: r.sd, lower, upper,
        muMean: r.muMean, tauMean: r.tauMean,
      };
    },
  };
}
