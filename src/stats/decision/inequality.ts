/**
 * Equally-distributed equivalent (EDE) health and inequality indices of a
 * distribution of health over groups: the level of health which, if every
 * person had it, society would value as much as the actual distribution.
 * In distributional cost-effectiveness analysis the distribution is the
 * mean health (e.g. quality-adjusted life expectancy) of equity-relevant
 * groups, each weighted by its share of the population, not of individuals
 * (Asaria, Griffin & Cookson 2016, Med Decis Making 36:8-19), so the
 * indices measure inequality between those groups only.
 *
 * - Atkinson (1970, J Econ Theory 2:244-263), relative inequality aversion
 *   ε ≥ 0: EDE = (Σ w h^(1−ε))^(1/(1−ε)), the geometric mean at ε = 1; the
 *   index is 1 − EDE / mean. Needs positive health when ε > 0.
 * - Kolm (1976, J Econ Theory 12:416-442), absolute inequality aversion
 *   α > 0 (per health unit): EDE = −(1/α) log Σ w exp(−α h); the index is
 *   mean − EDE, in health units.
 *
 * Both are computed about the mean with log1p/expm1, so they stay accurate
 * when the health levels are large and close together (a gain of 0.01
 * years on a life expectancy of 70): the EDEs of two allocations differ in
 * the fifth significant digit, and the flip epsilon is where they cross.
 * Weights need not sum to 1 (they are normalised).
 */

/** Weighted mean health. */
export function meanHealth(weights: ArrayLike<number>, health: ArrayLike<number>): number {
  let W = 0, S = 0;
  for (let g = 0; g < health.length; g++) { W += weights[g]; S += weights[g] * health[g]; }
  return S / W;
}

/**
 * Atkinson's EDE at inequality aversion ε: with m the mean and
 * l = log(h / m), k = 1 − ε, EDE = m exp(log1p(Σ w expm1(k l)) / k), which
 * is the formula above rearranged; at k = 0, m exp(Σ w l) (the geometric
 * mean). NaN when ε > 0 and some health is not positive.
 * Example: w = (½, ½), h = (1, 4): ε = 0.5 gives 2.25, ε = 2 gives 1.6.
 */
export function atkinsonEde(weights: ArrayLike<number>, health: ArrayLike<number>, epsilon: number): number {
  const m = meanHealth(weights, health);
  if (epsilon === 0) return m;
  let W = 0;
  for (let g = 0; g < health.length; g++) { if (!(health[g] > 0)) return NaN; W += weights[g]; }
  const k = 1 - epsilon;
  let s = 0;
  for (let g = 0; g < health.length; g++) {
    const l = Math.log(health[g] / m);
    s += (weights[g] / W) * (k === 0 ? l : Math.expm1(k * l));
  }
  return k === 0 ? m * Math.exp(s) : m * Math.exp(Math.log1p(s) / k);
}

/** Atkinson's index 1 − EDE / mean: the share of mean health society would give up for equality. */
export function atkinsonIndex(weights: ArrayLike<number>, health: ArrayLike<number>, epsilon: number): number {
  return 1 - atkinsonEde(weights, health, epsilon) / meanHealth(weights, health);
}

/**
 * Kolm's index at absolute aversion α: (1/α) log Σ w exp(−α (h − m)), as
 * (1/α) log1p(Σ w expm1(−α (h − m))); 0 at α = 0.
 * Example: w = (½, ½), h = (1, 4), α = ln 2: Σ w 2^(−h) = 9/32, EDE =
 * −log2(9/32) = 1.830075, index 2.5 − 1.830075 = 0.669925.
 */
export function kolmIndex(weights: ArrayLike<number>, health: ArrayLike<number>, alpha: number): number {
  if (alpha === 0) return 0;
  const m = meanHealth(weights, health);
  let W = 0, s = 0;
  for (let g = 0; g < health.length; g++) W += weights[g];
  for (let g = 0; g < health.length; g++) s += (weights[g] / W) * Math.expm1(-alpha * (health[g] - m));
  return Math.log1p(s) / alpha;
}

/** Kolm's EDE: mean − Kolm's index. */
export function kolmEde(weights: ArrayLike<number>, health: ArrayLike<number>, alpha: number): number {
  return meanHealth(weights, health) - kolmIndex(weights, health, alpha);
}

/**
 * The first ε in [from, to] at which `difference(ε)` changes sign (the
 * Atkinson EDE of one allocation minus another's: where the preferred one
 * flips), found on a grid of `steps` intervals and refined by bisection to
 * machine precision; null when the sign never changes on the grid. A flip
 * and flip back within one grid interval is missed (with 400 intervals
 * over [0, 50], within 0.125).
 */
export function flipEpsilon(difference: (epsilon: number) => number, [from, to]: readonly [number, number], steps = 400): number | null {
  let a = from, da = difference(a);
  for (let j = 1; j <= steps; j++) {
    const b = from + ((to - from) * j) / steps, db = difference(b);
    if (da * db < 0) return bisect(difference, a, da, b);
    // A zero on the grid (a tie) is stepped over: the flip is where the signs on either side of it differ.
    if (db !== 0 || da === 0) { a = b; da = db; }
  }
  return null;
}

function bisect(f: (x: number) => number, a: number, fa: number, b: number): number {
  for (let i = 0; i < 200 && b - a > 1e-13 * Math.max(1, Math.abs(a)); i++) {
    const c = (a + b) / 2, fc = f(c);
    if (fc === 0) return c;
    if (fa * fc < 0) b = c; else { a = c; fa = fc; }
  }
  return (a + b) / 2;
}
