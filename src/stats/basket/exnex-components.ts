/**
 * EXNEX with several exchangeable components (Neuenschwander, Wandel,
 * Roychoudhury & Bailey 2016, section 2: their case study had two), by
 * deterministic integration:
 *
 *   theta_k = logit(p_k); with prior probability w_kc (c = 1..C) basket k is
 *   exchangeable in component c, theta_k | mu_c, tau_c ~ N(mu_c, tau_c^2);
 *   with 1 - sum_c w_kc it is not, theta_k ~ N(m_k, s_k^2); each component
 *   has its own priors on (mu_c, tau_c).
 *
 * With one component, exnex.ts mixes per node. With several, the components'
 * hyperparameters are integrated separately given which baskets each holds:
 * for a membership assignment a (each basket in a component or NEX), the
 * marginal likelihood factorises as
 *
 *   prod_k w_{k,a_k} * prod_c Z_c(S_c) * prod_{k NEX} L_k^NEX,
 *   Z_c(S) = sum over component c's (mu, tau) nodes of weight x prod_{k in S} L_k,
 *
 * so every Z_c(S) over the 2^K subsets S (and the sums that give basket k's
 * conditional summaries in S) is computed once per count vector, and the
 * (C + 1)^K assignments are then summed exactly. Work and memory per count
 * vector: C 2^K grid passes (depth first, one buffer per depth: K + 1 grids
 * of nodes in memory) and (C + 1)^K assignments, so K is at most
 * MAX_BASKETS_WITH_COMPONENTS and (C + 1)^K at most MAX_COMPONENT_ASSIGNMENTS
 * (two components and ten baskets, three and seven, four and six).
 * Credible intervals are not computed here (lower, upper NaN).
 */
import { logit } from '../distributions.js';
import { buildHyperGrid, DEFAULT_GRID, type GridOptions, type HyperGrid, type NormalPrior } from './hyper-grid.js';
import { BasketTableCache, buildBasketTable, type BasketTable } from './basket-tables.js';
import { logitNormalBinomial, type NodeIntegrals } from './logit-normal-binomial.js';
import type { TauPrior } from './tau-prior.js';
import { checkCounts, type BasketModel, type BasketPosterior } from './hierarchical.js';

/** Most baskets with several components: 2^10 subsets of baskets per component. */
export const MAX_BASKETS_WITH_COMPONENTS = 10;

/** Most membership assignments (C + 1)^K a posterior sums: 3^10, two components and ten baskets. */
const MAX_COMPONENT_ASSIGNMENTS = 59_049;

/** Why C components cannot take K baskets, or null when they can. */
export function componentsLimit(C: number, K: number): string | null {
  const assignments = (C + 1) ** K;
  if (K > MAX_BASKETS_WITH_COMPONENTS) return `several exchangeable components take at most ${MAX_BASKETS_WITH_COMPONENTS} baskets (the posterior integrates each component over every subset of baskets, 2^K of them), found ${K}`;
  if (assignments > MAX_COMPONENT_ASSIGNMENTS) {
    return `${C} exchangeable components and ${K} baskets make (${C} + 1)^${K} = ${assignments.toLocaleString('en-US')} memberships to sum per posterior; at most ${MAX_COMPONENT_ASSIGNMENTS.toLocaleString('en-US')} (3^10: two components and up to 10 baskets, three and up to 7, four and up to 6)`;
  }
  return null;
}

export interface ExchangeableComponent {
  muPrior: NormalPrior;
  tauPrior: TauPrior;
}

export interface ExnexComponentsOptions {
  nullRates: readonly number[];
  components: readonly ExchangeableComponent[];
  /** weights[k][c]: prior probability that basket k is exchangeable in component c (NEX: 1 - their sum). */
  weights: readonly (readonly number[])[];
  nexPriors: readonly NormalPrior[];
  grid?: Partial<GridOptions>;
}

export interface ExnexComponentsPosterior extends BasketPosterior {
  /** P(basket k exchangeable in any component | data). */
  exchangeabilityProbability: number[];
  /** componentProbability[k][c]: P(basket k in component c | data). */
  componentProbability: number[][];
}

/** Per component and subset S of baskets: log Z_c(S) and the sums giving each member's conditional summaries. */
interface SubsetSums {
  logZ: Float64Array;
  /** [S * K * 3 + k * 3 + f]: E[f_k | S in component c], f = P(theta > t), p, p^2. */
  summary: Float64Array;
}

/** Z_c(S) and the members' summaries for every subset, by a depth-first walk that multiplies one basket in at a time. */
function subsetSums(grid: HyperGrid, tables: readonly BasketTable[]): SubsetSums {
  const K = tables.length, G = grid.size;
  let maxW = -Infinity;
  for (let g = 0; g < G; g++) maxW = Math.max(maxW, grid.logWeight[g]);
  const w = Float64Array.from(grid.logWeight, (x) => Math.exp(x - maxW));
  // each basket's likelihood scaled by its largest value, whose log is added back to log Z
  const scale = tables.map((t) => t.logLik.reduce((m, x) => Math.max(m, x), -Infinity));
  const L = tables.map((t, k) => Float64Array.from(t.logLik, (x) => Math.exp(x - scale[k])));
  const logZ = new Float64Array(1 << K);
  const summary = new Float64Array((1 << K) * K * 3);
  const record = (S: number, prod: Float64Array, logScale: number) => {
    let z = 0;
    for (let g = 0; g < G; g++) z += prod[g];
    logZ[S] = Math.log(z) + logScale + maxW;
    for (let k = 0; k < K; k++) {
      if (!((S >> k) & 1)) continue;
      const t = tables[k];
      let a = 0, m = 0, m2 = 0;
      for (let g = 0; g < G; g++) { a += prod[g] * t.probAbove[g]; m += prod[g] * t.mean[g]; m2 += prod[g] * t.mean2[g]; }
      const at = (S * K + k) * 3;
      summary[at] = a / z; summary[at + 1] = m / z; summary[at + 2] = m2 / z;
    }
  };
  // one product buffer per depth of the walk (a subset's product is only read by its descendants)
  const buffers = Array.from({ length: K }, () => new Float64Array(G));
  const visit = (start: number, S: number, prod: Float64Array, logScale: number, depth: number) => {
    record(S, prod, logScale);
    for (let j = start; j < K; j++) {
      const next = buffers[depth];
      for (let g = 0; g < G; g++) next[g] = prod[g] * L[j][g];
      visit(j + 1, S | (1 << j), next, logScale + scale[j], depth + 1);
    }
  };
  visit(0, 0, w, 0, 0);
  return { logZ, summary };
}

export function createExnexComponentsModel(options: ExnexComponentsOptions): BasketModel<ExnexComponentsPosterior> {
  const K = options.nullRates.length, C = options.components.length;
  const limit = componentsLimit(C, K);
  if (limit) throw new RangeError(`EXNEX: ${limit}`);
  const thresholds = options.nullRates.map((p0) => logit(p0));
  const grids = options.components.map((c) => buildHyperGrid(c.muPrior, c.tauPrior, { ...DEFAULT_GRID, ...options.grid }, thresholds, K));
  const caches = grids.map((grid) => new BasketTableCache((y, spec) => buildBasketTable(grid, y, spec)));
  const logPrior = options.weights.map((w) => [Math.log(Math.max(0, 1 - w.reduce((a, b) => a + b, 0))), ...w.map(Math.log)]);
  const assignments = (C + 1) ** K;

  return {
    grid: grids[0],
    posterior(responders, sampleSizes) {
      checkCounts(K, responders, sampleSizes);
      const specs = responders.map((_, k) => ({ n: sampleSizes[k], offset: 0, threshold: thresholds[k] }));
      const sums = caches.map((cache, c) => subsetSums(grids[c], responders.map((y, k) => cache.get(y, specs[k]))));
      const nex: NodeIntegrals[] = responders.map((y, k) => logitNormalBinomial(y, specs[k], options.nexPriors[k].mean, options.nexPriors[k].sd));
      const logW = new Float64Array(assignments);
      const a = new Int32Array(K);
      const masks = new Int32Array(C + 1);
      let max = -Infinity;
      const decode = (index: number) => {
        masks.fill(0);
        for (let k = 0, r = index; k < K; k++, r = Math.floor(r / (C + 1))) { a[k] = r % (C + 1); masks[a[k]] |= 1 << k; }
      };
      for (let i = 0; i < assignments; i++) {
        decode(i);
        let lw = 0;
        for (let k = 0; k < K; k++) lw += logPrior[k][a[k]] + (a[k] === 0 ? nex[k].logLik : 0);
        for (let c = 1; c <= C; c++) lw += sums[c - 1].logZ[masks[c]];
        logW[i] = lw;
        if (lw > max) max = lw;
      }
      let total = 0;
      const f = new Float64Array(K * 3);
      const member = Array.from({ length: K }, () => new Array<number>(C + 1).fill(0));
      for (let i = 0; i < assignments; i++) {
        if (!(logW[i] > max - 745)) continue;
        const wi = Math.exp(logW[i] - max);
        total += wi;
        decode(i);
        for (let k = 0; k < K; k++) {
          const c = a[k];
          member[k][c] += wi;
          if (c === 0) { f[3 * k] += wi * nex[k].probAbove; f[3 * k + 1] += wi * nex[k].mean; f[3 * k + 2] += wi * nex[k].mean2; continue; }
          const at = (masks[c] * K + k) * 3, s = sums[c - 1].summary;
          f[3 * k] += wi * s[at]; f[3 * k + 1] += wi * s[at + 1]; f[3 * k + 2] += wi * s[at + 2];
        }
      }
      const mean = Array.from({ length: K }, (_, k) => f[3 * k + 1] / total);
      return {
        probAboveNull: Array.from({ length: K }, (_, k) => f[3 * k] / total),
        posteriorMean: mean,
        posteriorSd: mean.map((m, k) => Math.sqrt(Math.max(0, f[3 * k + 2] / total - m * m))),
        lower: new Array<number>(K).fill(NaN),
        upper: new Array<number>(K).fill(NaN),
        exchangeabilityProbability: member.map((m) => 1 - m[0] / total),
        componentProbability: member.map((m) => m.slice(1).map((x) => x / total)),
        muMean: NaN,
        tauMean: NaN,
      };
    },
  };
}
