/**
 * Distribution functions used by the tests and models.
 *
 * These are thin, typed re-exports of stdlib's special functions (accurate to
 * near machine precision, checked against Boost and R by their authors), so
 * trialsim writes none of the incomplete-beta or inverse-normal code by hand.
 */
import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf';
import tCdfImpl from '@stdlib/stats-base-dists-t-cdf';
import tQuantileImpl from '@stdlib/stats-base-dists-t-quantile';
import betaCdfImpl from '@stdlib/stats-base-dists-beta-cdf';
import betaQuantileImpl from '@stdlib/stats-base-dists-beta-quantile';
import binomialPmfImpl from '@stdlib/stats-base-dists-binomial-pmf';
import gammalnImpl from '@stdlib/math-base-special-gammaln';
import gammaincImpl from '@stdlib/math-base-special-gammainc';
import betalnImpl from '@stdlib/math-base-special-betaln';
import digammaImpl from '@stdlib/math-base-special-digamma';
import trigammaImpl from '@stdlib/math-base-special-trigamma';

/** Standard normal CDF Φ(x). */
export const normalCdf = (x: number): number => normalCdfImpl(x, 0, 1);
/** Standard normal quantile Φ⁻¹(p) (Wichura's AS 241; see normal-quantile.ts). */
export { normalQuantile } from './normal-quantile.js';
import { normalQuantile as normalQuantileAs241 } from './normal-quantile.js';
/** The z whose upper tail is p: Φ⁻¹(1 - p), computed as -Φ⁻¹(p) to keep precision for small p. */
export const upperNormalQuantile = (p: number): number => -normalQuantileAs241(p);
/** Upper tail 1 - Φ(x), computed as Φ(-x) to keep precision far in the tail. */
export const normalUpper = (x: number): number => normalCdfImpl(-x, 0, 1);
/** Student t CDF with `df` degrees of freedom. */
export const tCdf = (x: number, df: number): number => tCdfImpl(x, df);
/** Student t quantile. */
export const tQuantile = (p: number, df: number): number => tQuantileImpl(p, df);
/**
 * Chi-square upper tail P(X > x), as the regularised upper incomplete gamma
 * Q(df/2, x/2) directly, not 1 - CDF (which loses every digit below 1e-16).
 */
export const chiSquareUpper = (x: number, df: number): number => (x <= 0 ? 1 : gammaincImpl(x / 2, df / 2, true, true));
/** Beta(a, b) CDF. */
export const betaCdf = (x: number, a: number, b: number): number => betaCdfImpl(x, a, b);
/** Beta(a, b) quantile. */
export const betaQuantile = (p: number, a: number, b: number): number => betaQuantileImpl(p, a, b);
/** Binomial(n, p) probability mass at x. */
export const binomialPmf = (x: number, n: number, p: number): number => binomialPmfImpl(x, n, p);
/** log Γ(x). */
export const logGamma = (x: number): number => gammalnImpl(x);
/** log B(a, b). */
export const logBeta = (a: number, b: number): number => betalnImpl(a, b);

/** ψ(x) = d/dx log Γ(x). */
export const digamma = (x: number): number => digammaImpl(x);

/** ψ'(x). */
export const trigamma = (x: number): number => trigammaImpl(x);

/** Regularised upper incomplete gamma Q(a, x) = P(Gamma(a) > x): the Poisson cdf P(Y ≤ k | μ) is Q(k + 1, μ). */
export const upperIncompleteGamma = (a: number, x: number): number => gammaincImpl(x, a, true, true);

/** Logistic function 1 / (1 + e^-x). */
export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
/** Logit log(p / (1 - p)). */
export const logit = (p: number): number => Math.log(p / (1 - p));
