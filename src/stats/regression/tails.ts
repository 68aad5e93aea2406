/**
 * Upper-tail probabilities for the regression tests, computed directly as
 * upper tails so that small p-values keep full relative precision
 * (`1 - cdf` loses all digits below ~1e-16 and most below ~1e-10). Chi-square
 * tails come from `chiSquareUpper` in ../distributions.ts.
 */
import { betaCdf, normalUpper, tCdf } from '../distributions.js';

/** Two-sided normal p-value 2·(1 − Φ(|z|)). */
export function twoSidedNormalP(z: number): number {
  return 2 * normalUpper(Math.abs(z));
}

/** Two-sided Student-t p-value 2·P(T_df > |t|). */
export function twoSidedTP(t: number, df: number): number {
  return 2 * tCdf(-Math.abs(t), df);
}

/**
 * F upper tail P(F_{df1, df2} > f) = I_{df2/(df2 + df1·f)}(df2/2, df1/2)
 * (Abramowitz & Stegun 26.6.2), via the regularized incomplete beta.
 */
export function fUpperTail(f: number, df1: number, df2: number): number {
  if (!(f > 0)) return 1;
  return betaCdf(df2 / (df2 + df1 * f), df2 / 2, df1 / 2);
}
