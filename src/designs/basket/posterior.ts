/**
 * The Bayesian basket models as one function of a count vector: y_k
 * responders of n_k in each basket -> per basket P(p_k > p0_k | data), the
 * posterior mean of p_k, a 95% credible interval (the analysis' `interval`:
 * equal-tailed or HPD) and the posterior sd, packed as [prob..., mean...,
 * lower..., upper..., sd...] so one cache entry holds them (ENTRY values per
 * basket).
 *
 * - hierarchical: Berry et al. (2013), logit(p_k) - logit(p0_k) ~ N(mu, tau^2);
 * - exnex: Neuenschwander et al. (2016), exchangeable with prior
 *   probability w, else a basket-specific prior;
 * - fujikawa: Fujikawa et al. (2020), Beta posteriors shared with weights
 *   from the Jensen-Shannon similarity; its posteriors are Beta, so the
 *   interval and sd are exact.
 * The hierarchical and EXNEX posteriors, intervals included, are integrated
 * deterministically over (mu, tau) (src/stats/basket/hyper-grid.ts,
 * intervals.ts), no MCMC.
 */
import {
  betaInterval, createBerryHierarchicalModel, createExnexModel, createExnexComponentsModel, fujikawaPosterior, createCoverageModel, exnexPriors,
  type BasketModel, type BasketPosterior, type TauPrior, type FujikawaOptions, type IntervalKind, type NormalPrior,
} from '../../stats/basket/index.js';
import type { SharedBasketTables, WeightedGrid } from '../../stats/basket/basket-tables.js';
import { betaQuantile, logit } from '../../stats/distributions.js';
import type { TauPriorSpec } from './schema.js';
import type { BayesSpec } from './setup.js';

export type PosteriorFunction = (y: readonly number[], n: readonly number[]) => Float64Array;

export function tauPrior(spec: TauPriorSpec | undefined): TauPrior | undefined {
  if (!spec) return undefined;
  switch (spec.kind) {
    case 'inverse-gamma-variance': return { kind: 'inverseGammaVariance', shape: spec.shape, rate: spec.rate };
    case 'half-normal': return { kind: 'halfNormal', scale: spec.scale };
    case 'half-cauchy': return { kind: 'halfCauchy', scale: spec.scale };
  }
}

export function fujikawaOptions(spec: Extract<BayesSpec, { method: 'fujikawa' }>): FujikawaOptions {
  return {
    priorShape1: spec.prior.shape1, priorShape2: spec.prior.shape2,
    epsilon: spec.epsilon, tau: spec.tau, logBase: spec.logBase === 'e' ? Math.E : 2, sharePrior: spec.sharePrior,
  };
}

/** Values per basket in a packed posterior. */
export const ENTRY = 5;

function pack(p: Pick<BasketPosterior, 'probAboveNull' | 'posteriorMean' | 'lower' | 'upper' | 'posteriorSd'>): Float64Array {
  const K = p.probAboveNull.length;
  const out = new Float64Array(ENTRY * K);
  for (let k = 0; k < K; k++) {
    out[k] = p.probAboveNull[k];
    out[K + k] = p.posteriorMean[k];
    out[2 * K + k] = p.lower[k];
    out[3 * K + k] = p.upper[k];
    out[4 * K + k] = p.posteriorSd[k];
  }
  return out;
}

/** The Beta posteriors' intervals and sds. */
function betaSummaries(shape1: readonly number[], shape2: readonly number[], kind: IntervalKind | 'none'): Pick<BasketPosterior, 'lower' | 'upper' | 'posteriorSd'> {
  const lower: number[] = [];
  const upper: number[] = [];
  const posteriorSd: number[] = [];
  shape1.forEach((a, k) => {
    const b = shape2[k];
    if (kind === 'none') {
      lower.push(NaN);
      upper.push(NaN);
    } else if (kind === 'hpd') {
      const c = betaInterval(a, b, 'hpd');
      lower.push(c.lower);
      upper.push(c.upper);
    } else {
      lower.push(betaQuantile(0.025, a, b));
      upper.push(betaQuantile(0.975, a, b));
    }
    posteriorSd.push(Math.sqrt((a * b) / ((a + b) * (a + b) * (a + b + 1))));
  });
  return { lower, upper, posteriorSd };
}

/** A record's own value for a basket id (never one from Object's prototype, e.g. for a basket named valueOf). */
const ownValue = <T>(record: Record<string, T>, id: string): T | undefined => (Object.hasOwn(record, id) ? record[id] : undefined);

/** EXNEX's weights per basket (a list per component with components), in basket order. */
function exWeights(spec: Extract<BayesSpec, { method: 'exnex' }>, ids: readonly string[]): (number | number[])[] {
  const w = spec.exWeight;
  return ids.map((id) => (typeof w === 'number' || Array.isArray(w) ? w : ownValue(w, id)!));
}

/** EXNEX's NEX priors per basket (undefined: the default unit-information prior), in basket order. */
function nexPriors(spec: Extract<BayesSpec, { method: 'exnex' }>, ids: readonly string[]): NormalPrior | (NormalPrior | undefined)[] | undefined {
  const p = spec.nexPrior;
  if (p === undefined || 'mean' in p) return p as NormalPrior | undefined;
  return ids.map((id) => ownValue(p as Record<string, NormalPrior>, id));
}

/** EXNEX with several exchangeable components (stats/basket/exnex-components.ts), default priors as for one. */
function exnexComponents(spec: Extract<BayesSpec, { method: 'exnex' }>, nullRates: readonly number[], ids: readonly string[]): PosteriorFunction {
  const pbar = spec.priorRate ?? nullRates.reduce((a, b) => a + b, 0) / nullRates.length;
  const unit: NormalPrior = { mean: Math.log(pbar / (1 - pbar)), sd: 1 / Math.sqrt(pbar * (1 - pbar)) };
  const nex = nexPriors(spec, ids);
  const model = createExnexComponentsModel({
    nullRates,
    components: spec.components!.map((c) => ({ muPrior: c.muPrior ?? unit, tauPrior: tauPrior(c.tauPrior) ?? { kind: 'halfNormal', scale: 1 } })),
    weights: exWeights(spec, ids) as number[][],
    nexPriors: ids.map((_, k) => (nex === undefined ? unit : 'mean' in nex ? nex : nex[k] ?? unit)),
  });
  return (y, n) => pack(model.posterior(y, n));
}

/**
 * A key per basket that differs where the analysis' priors differ between
 * baskets (EXNEX's per-basket weights and NEX priors), so only baskets with
 * the same prior are treated as exchangeable (symmetry.ts).
 */
export function priorClassKeys(spec: BayesSpec, ids: readonly string[]): string[] {
  if (spec.method !== 'exnex') return ids.map(() => '');
  const w = exWeights(spec, ids);
  const nex = spec.nexPrior && !('mean' in spec.nexPrior) ? spec.nexPrior as Record<string, NormalPrior> : {};
  return ids.map((id, k) => {
    const own = ownValue(nex, id);
    return `${w[k]}|${own ? `${own.mean},${own.sd}` : ''}`;
  });
}

/**
 * The grid-integrated model of a hierarchical or (one-component) EXNEX
 * analysis; null for the others. Creating it builds only its grid: its
 * tables are built as count vectors need them (or read from `sharedTables`).
 */
export function gridModel(spec: BayesSpec, nullRates: readonly number[], ids: readonly string[], sharedTables?: SharedBasketTables, interval: IntervalKind | 'none' = spec.interval): BasketModel<BasketPosterior> | null {
  if (spec.method === 'hierarchical') {
    return createBerryHierarchicalModel({ nullRates, muPrior: spec.muPrior, tauPrior: tauPrior(spec.tauPrior), interval, sharedTables });
  }
  if (spec.method === 'exnex' && !spec.components) {
    return createExnexModel({
      nullRates, exWeights: exWeights(spec, ids) as number[], priorRate: spec.priorRate, muPrior: spec.muPrior,
      tauPrior: tauPrior(spec.tauPrior), nexPriors: nexPriors(spec, ids), interval, sharedTables,
    });
  }
  return null;
}

/** The posterior function of a Bayesian analysis for baskets with these ids and null rates p0 (tables shared by the threads when given). */
export function posteriorFunction(spec: BayesSpec, nullRates: readonly number[], ids: readonly string[], sharedTables?: SharedBasketTables): PosteriorFunction {
  switch (spec.method) {
    case 'hierarchical': {
      const model = gridModel(spec, nullRates, ids, sharedTables)!;
      return (y, n) => pack(model.posterior(y, n));
    }
    case 'exnex': {
      if (spec.components) return exnexComponents(spec, nullRates, ids);
      const model = gridModel(spec, nullRates, ids, sharedTables)!;
      return (y, n) => pack(model.posterior(y, n));
    }
    case 'fujikawa': {
      const options = fujikawaOptions(spec);
      return (y, n) => {
        const p = fujikawaPosterior(y, n, nullRates, options);
        return pack({ ...p, ...betaSummaries(p.shape1, p.shape2, spec.interval) });
      };
    }
  }
}

/**
 * An exact run's posterior of a hierarchical or EXNEX analysis with
 * equal-tailed intervals: the decision probability, posterior mean and sd
 * exactly as posteriorFunction gives them (the same fit, without its
 * intervals), and in place of the interval limits the posterior CDF
 * P(p_k <= r | data) at each rate r of `rates[k]` (stats/basket/coverage.ts),
 * which tells whether the interval covers r: q(0.025) <= r <= q(0.975) iff
 * the CDF at r lies in [0.025, 0.975]. Packed as [prob..., mean..., sd...,
 * CDF at the first rate..., at the second..., ...] (K values each). Null
 * for analyses whose intervals this does not cover (Fujikawa's are exact
 * and cheap; HPD intervals are not a CDF condition; several EXNEX
 * components and interval: none have no interval).
 */
export function coveragePosteriorFunction(
  spec: BayesSpec, nullRates: readonly number[], ids: readonly string[], sizes: readonly number[], rates: readonly (readonly number[])[],
  sharedTables?: SharedBasketTables,
): PosteriorFunction | null {
  if (spec.method === 'fujikawa' || spec.interval !== 'equal-tailed' || (spec.method === 'exnex' && spec.components)) return null;
  const K = nullRates.length;
  const T = Math.max(...rates.map((r) => r.length));
  const cdf = new Float64Array(T * K);
  const maxN = (n: readonly number[]) => Math.max(...n);
  const packed = (p: BasketPosterior, weights: WeightedGrid, y: readonly number[], n: readonly number[], cover: ReturnType<typeof createCoverageModel>): Float64Array => {
    const out = new Float64Array((3 + T) * K);
    cover(y, n, weights, cdf);
    for (let k = 0; k < K; k++) {
      out[k] = p.probAboveNull[k];
      out[K + k] = p.posteriorMean[k];
      out[2 * K + k] = p.posteriorSd[k];
    }
    out.set(cdf, 3 * K);
    return out;
  };
  if (spec.method === 'hierarchical') {
    const model = createBerryHierarchicalModel({ nullRates, muPrior: spec.muPrior, tauPrior: tauPrior(spec.tauPrior), interval: 'none', sharedTables });
    const cover = createCoverageModel({ grid: model.grid, offsets: nullRates.map((p0) => logit(p0)), rates, maxN: maxN(sizes) });
    return (y, n) => packed(model.posterior(y, n), model.lastWeights!(), y, n, cover);
  }
  const options = {
    nullRates, exWeights: exWeights(spec, ids) as number[], priorRate: spec.priorRate, muPrior: spec.muPrior,
    tauPrior: tauPrior(spec.tauPrior), nexPriors: nexPriors(spec, ids),
  };
  const model = createExnexModel({ ...options, interval: 'none', sharedTables });
  const priors = exnexPriors(options);
  const cover = createCoverageModel({
    grid: model.grid, offsets: nullRates.map(() => 0), rates, maxN: maxN(sizes), exWeights: priors.weights, nexPriors: priors.nexPriors,
  });
  return (y, n) => packed(model.posterior(y, n), model.lastWeights!(), y, n, cover);
}
