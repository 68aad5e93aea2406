/**
 * Priors for the between-basket standard deviation tau of a hierarchical
 * model theta_k ~ N(mu, tau^2), expressed as densities of u = log tau, the
 * variable the posterior is integrated over.
 */
import { logGamma } from '../distributions.js';

/**
 * A prior on tau.
 *
 * - `inverseGammaVariance`: tau^2 ~ IG(shape, rate), density
 *   rate^shape / Gamma(shape) (tau^2)^(-shape-1) exp(-rate / tau^2). Berry et
 *   al. (2013) use IG(0.0005, 0.000005): nearly flat in log tau down to
 *   tau ~ 0.002, so it favours strong borrowing when baskets agree.
 * - `halfNormal`: tau ~ |N(0, scale^2)|; Neuenschwander et al. (2016) use
 *   scale 1 for the EXNEX exchangeable component.
 * - `halfCauchy`: tau ~ |Cauchy(0, scale)| (Gelman 2006).
 */
export type TauPrior =
  | { kind: 'inverseGammaVariance'; shape: number; rate: number }
  | { kind: 'halfNormal'; scale: number }
  | { kind: 'halfCauchy'; scale: number };

/** Berry et al. (2013): tau^2 ~ IG(0.0005, 0.000005). */
export const BERRY_TAU_PRIOR: TauPrior = { kind: 'inverseGammaVariance', shape: 0.0005, rate: 0.000005 };

/**
 * log density of u = log tau under `prior` (the Jacobian d tau / d u = tau
 * included). For tau^2 ~ IG(a, b) this is
 * a log b - log Gamma(a) + log 2 - 2 a u - b e^(-2u).
 */
export function logDensityLogTau(prior: TauPrior, u: number): number {
  switch (prior.kind) {
    case 'inverseGammaVariance': {
      const { shape: a, rate: b } = prior;
      return a * Math.log(b) - logGamma(a) + Math.LN2 - 2 * a * u - b * Math.exp(-2 * u);
    }
    case 'halfNormal': {
      const s = prior.scale;
      const t = Math.exp(u) / s;
      return Math.LN2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI) - 0.5 * t * t + u;
    }
    case 'halfCauchy': {
      const s = prior.scale;
      const t = Math.exp(u) / s;
      return Math.log(2 / (Math.PI * s)) - Math.log1p(t * t) + u;
    }
  }
}

/**
 * Default integration range [uLow, uHigh] for u = log tau.
 *
 * The lower end is where the prior mass below is negligible: for IG(a, b) on
 * tau^2 where b e^(-2u) = 50 (the density has fallen by e^-50); for the
 * half-normal and half-Cauchy 12 units below log(scale) (prior mass below
 * < 1e-5, and the likelihood is flat there because all baskets are pooled).
 * The upper end is where the prior or the likelihood has died out: 8 scales
 * for the half-normal; tau = 100 (IG) or 1000 scales (half-Cauchy), beyond
 * which the K basket likelihoods each fall like 1/tau.
 */
export function defaultLogTauRange(prior: TauPrior): [number, number] {
  switch (prior.kind) {
    case 'inverseGammaVariance':
      return [0.5 * Math.log(prior.rate / 50), Math.log(100)];
    case 'halfNormal':
      return [Math.log(prior.scale) - 12, Math.log(8 * prior.scale)];
    case 'halfCauchy':
      return [Math.log(prior.scale) - 12, Math.log(1000 * prior.scale)];
  }
}
