/**
 * Upper-tail probabilities for the regression tests, computed directly as
 * upper tails so that small p-values keep full relative precision
 * (`1 - cdf` loses all digits below ~1e-16 and most below ~1e-10).
 */
import { betaCdf, logGamma, normalUpper, tCdf } from '../distributions.js';

/** Two-sided normal p-value 2·(1 − Φ(|z|)). */
export function twoSidedNormalP(z: number): number {
  return 2 * normalUpper(Math.abs(z));
}

/** Two-sided Student-t p-value 2·P(T_df > |t|). */
export function twoSidedTP(t: number, df: number): number {
  return 2 * tCdf(-Math.abs(t), df);
}

/**
 * Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a): series for
 * P = 1 − Q when x < a + 1, Lentz's continued fraction for Q otherwise
 * (Press et al., Numerical Recipes, 3rd ed., §6.2).
 */
export function upperRegularizedGamma(a: number, x: number): number {
  if (!(x > 0)) return 1;
  if (!Number.isFinite(x)) return 0;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 1000; k++) {
      term *= x / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}

/**
 * Chi-square upper tail P(χ²_df > x): exact forms for df = 1 (2·(1 − Φ(√x)))
 * and df = 2 (e^{−x/2}), otherwise Q(df/2, x/2).
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(x > 0)) return 1;
  if (df === 1) return 2 * normalUpper(Math.sqrt(x));
  if (df === 2) return Math.exp(-x / 2);
  return upperRegularizedGamma(df / 2, x / 2);
}

/**
 * F upper tail P(F_{df1, df2} > f) = I_{df2/(df2 + df1·f)}(df2/2, df1/2)
 * (Abramowitz & Stegun 26.6.2), via the regularized incomplete beta.
 */
export function fUpperTail(f: number, df1: number, df2: number): number {
  if (!(f > 0)) return 1;
  return betaCdf(df2 / (df2 + df1 * f), df2 / 2, df1 / 2);
}
