/**
 * EXNEX model for basket trials (Neuenschwander, Wandel, Roychoudhury &
 * Bailey 2016, "Robust exchangeability designs for early phase clinical
 * trials with multiple strata", Pharmaceutical Statistics 15:123-134), with
 * one exchangeable component and posteriors by deterministic integration.
 *
 *   y_k ~ Bin(n_k, p_k),  theta_k = logit(p_k),
 *   with prior probability w_k  (EX):  theta_k | mu, tau ~ N(mu, tau^2),
 *   with prior probability 1-w_k (NEX): theta_k ~ N(m_k, s_k^2),
 *   mu ~ N(m_mu, s_mu^2),  tau ~ half-normal(1) by default.
 *
 * Exact handling of the mixture without enumerating the 2^K membership
 * configurations: given (mu, tau) the baskets are independent and basket k's
 * marginal likelihood is the two-term mixture
 *   w_k L_k^EX(mu, tau) + (1 - w_k) L_k^NEX,
 * so p(mu, tau | y) ∝ p(mu) p(tau) prod_k [w_k L^EX + (1 - w_k) L^NEX].
 * Conditionally on (mu, tau), basket k is exchangeable with probability
 * e_k = w_k L^EX / (w_k L^EX + (1 - w_k) L^NEX), and its summaries are the
 * e_k-mixtures of the EX and NEX conditional summaries; averaging over
 * p(mu, tau | y) gives P(p_k > p0_k | y), E[p_k | y] and the posterior
 * exchangeability probability P(EX_k | y).
 *
 * Default priors follow the paper's weakly-informative recommendation of
 * unit-information normal priors on the logit scale: mean logit(pbar) and
 * variance 1 / (pbar (1 - pbar)), for both mu and the NEX components, with
 * pbar the mean null rate unless `priorRate` is given; tau ~ HN(1); w = 0.5.
 * (Their case study used two EX components: see exnex-components.ts.)
 */
import { logit } from '../distributions.js';
import {
  buildHyperGrid,
  DEFAULT_GRID,
  type GridOptions,
  type NormalPrior,
} from './hyper-grid.js';
import { BasketTableCache, buildBasketTable, combineTables, CombineWorkspace, type BasketTable, type SharedBasketTables, type WeightedGrid } from './basket-tables.js';
import { basketIntervals, IntervalGrid, IntervalWorkspace, type IntervalKind } from './intervals.js';
import { logitNormalBinomial, type NodeIntegrals } from './logit-normal-binomial.js';
import type { TauPrior } from './tau-prior.js';
import { checkCounts, type BasketModel, type BasketPosterior } from './hierarchical.js';

/** Options of the EXNEX model; only `nullRates` is required. */
export interface ExnexOptions {
  /** Null response rate p0_k of each basket (decision threshold). */
  nullRates: readonly number[];
  /** Prior probability w_k that basket k is exchangeable; default 0.5. */
  exWeights?: number | readonly number[];
  /** Planning rate pbar for the default priors; default mean of nullRates. */
  priorRate?: number;
  /** Prior of the EX mean mu (logit scale). */
  muPrior?: NormalPrior;
  /** Prior of the EX sd tau; default half-normal with scale 1. */
  tauPrior?: TauPrior;
  /** NEX prior(s) N(m_k, s_k^2) on logit(p_k). */
  nexPriors?: NormalPrior | readonly (NormalPrior | undefined)[];
  /** Integration grid resolution. */
  grid?: Partial<GridOptions>;
  /** 95% credible interval of each p_k (intervals.ts): equal-tailed (default), HPD, or none (NaN). */
  interval?: IntervalKind | 'none';
  /** EX tables shared by the threads of a run (basket-tables.ts), made for this model's tableSpec. */
  sharedTables?: SharedBasketTables;
}

/** EXNEX posterior: the basket summaries plus P(EX_k | data). */
export interface ExnexPosterior extends BasketPosterior {
  exchangeabilityProbability: number[];
}

/**
 * Mixes an EX table with the (node-independent) NEX integrals at prior
 * weight w: per node, the log of w L^EX + (1 - w) L^NEX, the conditional EX
 * probability, and the mixed conditional summaries.
 */
export function mixExNex(ex: BasketTable, nex: NodeIntegrals, w: number): BasketTable {
  const size = ex.logLik.length;
  const logLik = new Float64Array(size);
  const probAbove = new Float64Array(size);
  const mean = new Float64Array(size);
  const mean2 = new Float64Array(size);
  const thetaMean = new Float32Array(size);
  const thetaVar = new Float32Array(size);
  const exShare = new Float64Array(size);
  const lw = Math.log(w);
  const lv = Math.log(1 - w);
  const nexSq = nex.thetaVar + nex.thetaMean * nex.thetaMean;
  for (let g = 0; g < size; g++) {
    const a = lw + ex.logLik[g];
    const b = lv + nex.logLik;
    const m = Math.max(a, b);
    const lse = m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    const e = w === 0 ? 0 : Math.exp(a - lse);
    logLik[g] = lse;
    exShare[g] = e;
    probAbove[g] = e * ex.probAbove[g] + (1 - e) * nex.probAbove;
    mean[g] = e * ex.mean[g] + (1 - e) * nex.mean;
    mean2[g] = e * ex.mean2[g] + (1 - e) * nex.mean2;
    const tm = e * ex.thetaMean[g] + (1 - e) * nex.thetaMean;
    const exSq = ex.thetaVar[g] + ex.thetaMean[g] * ex.thetaMean[g];
    thetaMean[g] = tm;
    thetaVar[g] = Math.max(0, e * exSq + (1 - e) * nexSq - tm * tm);
  }
  return { logLik, probAbove, mean, mean2, thetaMean, thetaVar, exShare };
}

/** The EXNEX model's priors with their defaults filled in (the unit-information priors at pbar, tau ~ HN(1), w = 0.5). */
export function exnexPriors(options: ExnexOptions): { weights: number[]; nexPriors: NormalPrior[]; muPrior: NormalPrior; tauPrior: TauPrior } {
  const nullRates = [...options.nullRates];
  const k = nullRates.length;
  const pbar = options.priorRate ?? nullRates.reduce((a, b) => a + b, 0) / k;
  const unitInfo: NormalPrior = { mean: logit(pbar), sd: 1 / Math.sqrt(pbar * (1 - pbar)) };
  const weights = typeof options.exWeights === 'number' || options.exWeights === undefined
    ? new Array<number>(k).fill(options.exWeights ?? 0.5)
    : [...options.exWeights];
  const nexPriors = options.nexPriors === undefined
    ? new Array<NormalPrior>(k).fill(unitInfo)
    : 'mean' in options.nexPriors
      ? new Array<NormalPrior>(k).fill(options.nexPriors)
      : options.nexPriors.map((p) => p ?? unitInfo);
  return { weights, nexPriors, muPrior: options.muPrior ?? unitInfo, tauPrior: options.tauPrior ?? { kind: 'halfNormal', scale: 1 } };
}

/** Creates an EXNEX model for K baskets (see the module comment). */
export function createExnexModel(options: ExnexOptions): BasketModel<ExnexPosterior> {
  const nullRates = [...options.nullRates];
  const k = nullRates.length;
  const { weights, nexPriors, muPrior, tauPrior } = exnexPriors(options);
  const thresholds = nullRates.map((p0) => logit(p0));
  const grid = buildHyperGrid(muPrior, tauPrior, { ...DEFAULT_GRID, ...options.grid }, thresholds, k);
  const exCache = new BasketTableCache((y, spec, into) => buildBasketTable(grid, y, spec, into), options.sharedTables);
  const mixed = new Map<string, { table: BasketTable; ex: BasketTable; nexLogLik: number }>();

  const table = (j: number, y: number, n: number): { table: BasketTable; ex: BasketTable; nexLogLik: number } => {
    const spec = { n, offset: 0, threshold: thresholds[j] };
    const nex = nexPriors[j];
    const w = weights[j];
    const key = `${n}|${spec.threshold}|${y}|${w}|${nex.mean}|${nex.sd}`;
    let t = mixed.get(key);
    if (!t) {
      const ex = exCache.get(y, spec);
      const nexIntegrals = logitNormalBinomial(y, spec, nex.mean, nex.sd);
      t = { table: mixExNex(ex, nexIntegrals, w), ex, nexLogLik: nexIntegrals.logLik };
      mixed.set(key, t);
    }
    return t;
  };
  const kind = options.interval ?? 'equal-tailed';
  let ig: IntervalGrid | null = null;
  let combine: CombineWorkspace | null = null;
  let ws: IntervalWorkspace | null = null;

  let last: WeightedGrid | null = null;
  return {
    grid,
    lastWeights: () => last!,
    tableSpec: (j, n) => ({ n, offset: 0, threshold: thresholds[j] }),
    posterior(responders, sampleSizes) {
      checkCounts(k, responders, sampleSizes);
      const entries = responders.map((y, j) => table(j, y, sampleSizes[j]));
      const tables = entries.map((e) => e.table);
      const r = combineTables(grid, tables, (combine ??= new CombineWorkspace(grid.size)));
      last = r.weights;
      const lower = new Array<number>(k).fill(NaN);
      const upper = new Array<number>(k).fill(NaN);
      if (kind !== 'none') {
        ig ??= new IntervalGrid(grid, [0]);
        ws ??= new IntervalWorkspace(grid.tauCount);
        const data = {
          responders, sampleSizes, offsets: new Array<number>(k).fill(0), tables,
          mean: r.mean, exWeights: weights, exTables: entries.map((e) => e.ex),
          nex: nexPriors.map((p, j) => ({ mean: p.mean, sd: p.sd, logLik: entries[j].nexLogLik })),
        };
        basketIntervals(ig, ws, r.weights, data, kind, lower, upper);
      }
      return {
        probAboveNull: r.probAbove,
        posteriorMean: r.mean,
        posteriorSd: r.sd,
        lower,
        upper,
        exchangeabilityProbability: r.exProbability ?? new Array<number>(k).fill(0),
        muMean: r.muMean,
        tauMean: r.tauMean,
      };
    },
  };
}
