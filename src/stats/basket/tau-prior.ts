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
 * Default integration range [uLow, uHigh] for u = log tau, and the largest
 * sensible grid step (a third of the prior's sd in u where it is
 * concentrated).
 *
 * For IG(a, b) on tau^2 the log density in u, -2a u - b e^(-2u), is concave
 * with its peak at u* = log(b / a) / 2 and curvature -4a there: the range
 * runs from where it has fallen 40 below the peak on the left (the
 * doubly-exponential cut-off near tau^2 ~ b) to where it has fallen 40 on the
 * right or, for small a (Berry's 0.0005, nearly flat in u), to
 * max(tau = 100, u* + 1), beyond which the K basket likelihoods each decay
 * like 1/tau, so the posterior beyond falls like e^(-K u): negligible
 * (< 1e-6) for K >= 3, but ~1e-4 for two baskets, whose range goes on to
 * tau = e^7 (one basket would need e^14; left at 100). For the half-normal:
 * 12 units below log(scale) (prior mass below < 1e-5, and the likelihood is
 * flat there because all baskets are pooled) up to 8 scales; for the
 * half-Cauchy up to 1000 scales.
 */
export function defaultLogTauRange(prior: TauPrior, baskets = Infinity): { range: [number, number]; maxStep: number } {
  switch (prior.kind) {
    case 'inverseGammaVariance': {
      const a = prior.shape;
      const uStar = 0.5 * Math.log(prior.rate / a);
      const top = logDensityLogTau(prior, uStar) - 40;
      let lo = uStar;
      while (logDensityLogTau(prior, lo) > top) lo -= 0.05;
      const cap = Math.max(Math.log(100), uStar + 1, baskets === 2 ? 7 : -Infinity);
      let hi = uStar;
      while (hi < cap && logDensityLogTau(prior, hi) > top) hi += 0.05;
      return { range: [lo, hi], maxStep: 1 / (3 * Math.sqrt(4 * a)) };
    }
    case 'halfNormal':
      return { range: [Math.log(prior.scale) - 12, Math.log(8 * prior.scale)], maxStep: Infinity };
    case 'halfCauchy':
      return { range: [Math.log(prior.scale) - 12, Math.log(1000 * prior.scale)], maxStep: Infinity };
  }
}
