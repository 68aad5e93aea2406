/**
 * The standard normal quantile by Wichura's algorithm AS 241 (PPND16,
 * Applied Statistics 37:477-484, 1988): rational approximations accurate to
 * about 1e-16 over the whole range. stdlib's normal quantile loses accuracy in
 * the tails (relative error 2e-9 at p = 1e-10, -Infinity at 1e-20), so
 * trialsim uses this one everywhere (checked against R's qnorm in
 * test/stats/normal-quantile.test.ts).
 */
const A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852545925];
const C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

/**
 * Φ⁻¹(p) for p in [0, 1] (±Infinity at the ends). One function without
 * calls: where V8 does not inline it (the STAR*D participant loop calls it
 * twice a level, past its inlining budget), a call boxes its argument and
 * result only, not also a helper's (the rational function was one, and the
 * boxes were half a replicate's garbage).
 */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  const central = Math.abs(q) <= 0.425;
  let num = A, den = B, x = 0.180625 - q * q;
  if (!central) {
    let r = q < 0 ? p : 1 - p;
    if (r <= 0) return q < 0 ? -Infinity : Infinity;
    r = Math.sqrt(-Math.log(r));
    if (r <= 5) { num = C; den = D; x = r - 1.6; } else { num = E; den = F; x = r - 5; }
  }
  // The rational function num(x) / den(x), both by Horner's rule.
  let n = num[7], d = den[7];
  for (let j = 6; j >= 0; j--) { n = n * x + num[j]; d = d * x + den[j]; }
  const z = n / d;
  return central ? q * z : q < 0 ? -z : z;
}
