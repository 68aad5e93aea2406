/**
 * Bracketing root finder shared by the group-sequential boundary search and the
 * Dunnett critical-value search.
 *
 * Brent's method (R. P. Brent, "Algorithms for Minimization without
 * Derivatives", 1973, ch. 4; the `zeroin` routine that R's `uniroot` also
 * wraps): inverse quadratic interpolation / secant steps, falling back to
 * bisection whenever the interpolated step is not safely inside the bracket, so
 * it never does worse than bisection and converges superlinearly on the smooth
 * monotone functions used here.
 */

/**
 * Find x in [a, b] with f(x) = 0, given f(a) and f(b) of opposite sign (or one
 * of them zero). Stops when the bracket is narrower than `tol` (absolute, in x)
 * plus 4·eps·|x|. Throws if the root is not bracketed or `maxIter` is reached.
 */
export function brentRoot(
  f: (x: number) => number,
  a: number,
  b: number,
  tol = 1e-12,
  maxIter = 200,
): number {
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (Number.isNaN(fa) || Number.isNaN(fb) || fa * fb > 0) {
    throw new RangeError(`brentRoot: root not bracketed in [${a}, ${b}] (f = ${fa}, ${fb})`);
  }
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIter; iter++) {
    if (Math.abs(fc) < Math.abs(fb)) {
      // Keep b as the best estimate: swap so that |f(b)| <= |f(c)|.
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    const tol1 = 4 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      // Attempt interpolation (secant if only two distinct points, else IQI).
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
  }
  throw new Error(`brentRoot: no convergence after ${maxIter} iterations`);
}
