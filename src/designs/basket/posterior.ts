/**
 * The Bayesian basket models as one function of a count vector: y_k
 * responders of n_k in each basket -> per basket P(p_k > p0_k | data), the
 * posterior mean of p_k and, where the posterior has a closed form, a 95%
 * equal-tailed credible interval and the posterior sd (NaN otherwise),
 * packed as [prob..., mean..., lower..., upper..., sd...] so one cache entry
 * holds them (ENTRY values per basket).
 *
 * - hierarchical: Berry et al. (2013), logit(p_k) - logit(p0_k) ~ N(mu, tau^2);
 * - exnex: Neuenschwander et al. (2016), exchangeable with prior
 *   probability w, else a basket-specific prior;
 * - fujikawa: Fujikawa et al. (2020), Beta posteriors shared with weights
 *   from the Jensen-Shannon similarity; its posteriors are Beta, so the
 *   interval is exact.
 * The hierarchical and EXNEX posteriors are integrated deterministically
 * over (mu, tau) (src/stats/basket/hyper-grid.ts), no MCMC.
 */
import {
  createBerryHierarchicalModel, createExnexModel, fujikawaPosterior,
  type TauPrior, type FujikawaOptions,
} from '../../stats/basket/index.js';
import { betaQuantile } from '../../stats/distributions.js';
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

function pack(prob: readonly number[], mean: readonly number[], beta?: { shape1: readonly number[]; shape2: readonly number[] }): Float64Array {
  const K = prob.length;
  const out = new Float64Array(ENTRY * K).fill(NaN);
  for (let k = 0; k < K; k++) {
    out[k] = prob[k];
    out[K + k] = mean[k];
    if (beta) {
      const a = beta.shape1[k];
      const b = beta.shape2[k];
      out[2 * K + k] = betaQuantile(0.025, a, b);
      out[3 * K + k] = betaQuantile(0.975, a, b);
      out[4 * K + k] = Math.sqrt((a * b) / ((a + b) * (a + b) * (a + b + 1)));
    }
  }
  return out;
}

/** The posterior function of a Bayesian analysis for baskets with null rates p0. */
export function posteriorFunction(spec: BayesSpec, nullRates: readonly number[]): PosteriorFunction {
  switch (spec.method) {
    case 'hierarchical': {
      const model = createBerryHierarchicalModel({ nullRates, muPrior: spec.muPrior, tauPrior: tauPrior(spec.tauPrior) });
      return (y, n) => {
        const p = model.posterior(y, n);
        return pack(p.probAboveNull, p.posteriorMean);
      };
    }
    case 'exnex': {
      const model = createExnexModel({
        nullRates, exWeights: spec.exWeight, priorRate: spec.priorRate, muPrior: spec.muPrior,
        tauPrior: tauPrior(spec.tauPrior), nexPriors: spec.nexPrior,
      });
      return (y, n) => {
        const p = model.posterior(y, n);
        return pack(p.probAboveNull, p.posteriorMean);
      };
    }
    case 'fujikawa': {
      const options = fujikawaOptions(spec);
      return (y, n) => {
        const p = fujikawaPosterior(y, n, nullRates, options);
        return pack(p.probAboveNull, p.posteriorMean, p);
      };
    }
  }
}
