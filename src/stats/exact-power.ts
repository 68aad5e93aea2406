/**
 * Exact (simulation-free) operating characteristics of two-arm tests.
 *
 * - Binary endpoints: the rejection probability of any test of x1 of n1
 *   (treatment) against x0 of n0 (control), by enumerating both binomial
 *   counts: P(reject) = Σ_{x1} Σ_{x0} b(x1; n1, p1) · b(x0; n0, p0) · 1[reject].
 * - Normal endpoints: the rejection probability of Welch's (or Student's)
 *   two-sample t-test by numerical integration over the two sample variances.
 *
 * These are the references that simulated rejection rates are checked against,
 * so they share no code with the simulator beyond the distribution functions.
 */
import { binomialPmf, normalCdf, normalQuantile, tQuantile, logGamma } from './distributions.js';
import { ExactSum } from './exact-sum.js';

/** Number of sides of a test, as rpact's `sided`: 1 = treatment higher, 2 = either direction. */
export type Sided = 1 | 2;

/** A two-arm binary design: n1 patients with event rate p1 (treatment), n0 with rate p0 (control). */
export interface BinaryDesign {
  n1: number;
  p1: number;
  n0: number;
  p0: number;
}

function checkCount(name: string, n: number): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

function checkRate(name: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${p}`);
}

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}

function binomialPmfs(n: number, p: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let x = 0; x <= n; x++) out[x] = binomialPmf(x, n, p);
  return out;
}

/**
 * Exact probability that a two-arm binary test rejects,
 * Σ_{x1=0}^{n1} Σ_{x0=0}^{n0} b(x1; n1, p1) · b(x0; n0, p0) · 1[reject(x1, x0)],
 * with b the binomial pmf. `reject(x1, x0)` is the test's decision on x1
 * events among the n1 treated and x0 among the n0 controls; it is called
 * at most once for each of the (n1 + 1)(n0 + 1) outcomes (outcomes whose
 * probability underflows to 0 are skipped), so it should be cheap
 * (n1 = n0 = 500 is up to 251,001 calls).
 *
 * With p1 = p0 this is the test's exact size at that common rate; otherwise
 * its exact power. The sums are accumulated exactly (`ExactSum`), so the
 * only errors are those of the binomial pmf values (a few ulps each) and one
 * rounding per x1.
 */
export function exactRejectionProbability(
  design: BinaryDesign & { reject: (x1: number, x0: number) => boolean },
): number {
  const { n1, p1, n0, p0, reject } = design;
  checkCount('n1', n1);
  checkCount('n0', n0);
  checkRate('p1', p1);
  checkRate('p0', p0);
  const b1 = binomialPmfs(n1, p1);
  const b0 = binomialPmfs(n0, p0);
  const total = new ExactSum();
  for (let x1 = 0; x1 <= n1; x1++) {
    if (b1[x1] === 0) continue;
    const inner = new ExactSum();
    for (let x0 = 0; x0 <= n0; x0++) {
      if (b0[x0] !== 0 && reject(x1, x0)) inner.add(b0[x0]);
    }
    // b1 · Σ b0 rounds once more than Σ b1·b0 would; both are within a few
    // ulps, and this halves the work.
    total.add(b1[x1] * inner.value());
  }
  return total.value();
}

/**
 * The pooled two-proportion z statistic z = (p̂1 - p̂0) / sqrt(p̂(1-p̂)(1/n1 + 1/n0)),
 * p̂ the pooled rate; 0 when every patient or no patient has the event (the
 * data then carry no information). Same formula as `pooledZTest`, written out
 * here so that the exact-power reference does not reuse the code it checks.
 */
function pooledZ(x1: number, n1: number, x0: number, n0: number): number {
  const p = (x1 + x0) / (n1 + n0);
  const v = p * (1 - p) * (1 / n1 + 1 / n0);
  return v > 0 ? (x1 / n1 - x0 / n0) / Math.sqrt(v) : 0;
}

/**
 * Exact rejection probability of the pooled two-proportion z-test (Pearson's
 * chi-square without continuity correction, R's `prop.test(correct = FALSE)`)
 * at level `alpha`:
 * - `sided = 1` rejects when z > z_{1-α} (treatment rate higher);
 * - `sided = 2` rejects when |z| > z_{1-α/2}.
 * That is, it rejects when the normal-approximation p-value is below α (up to
 * rounding of the p-value at the boundary). Tables with no events or only
 * events never reject.
 */
export function exactPooledZRejectionProbability(design: BinaryDesign & { alpha: number; sided: Sided }): number {
  const { n1, n0, alpha, sided } = design;
  checkAlpha(alpha);
  if (n1 === 0 || n0 === 0) return 0;
  const crit = normalQuantile(sided === 1 ? 1 - alpha : 1 - alpha / 2);
  const reject = sided === 1
    ? (x1: number, x0: number) => pooledZ(x1, n1, x0, n0) > crit
    : (x1: number, x0: number) => Math.abs(pooledZ(x1, n1, x0, n0)) > crit;
  return exactRejectionProbability({ ...design, reject });
}

// ---------------------------------------------------------------------------
// t-test power by quadrature
// ---------------------------------------------------------------------------

/** A two-arm normal design: treatment mean exceeds control by `delta`; arm SDs sd1, sd0. */
export interface NormalDesign {
  n1: number;
  n0: number;
  /** True mean difference, treatment minus control. */
  delta: number;
  sd1: number;
  sd0: number;
  alpha: number;
  sided: Sided;
}

/** Quadrature controls for `tTestRejectionProbability`. */
export interface QuadratureOptions {
  /**
   * Trapezoid step on the standardised log-chi-square scale (default 0.2). The
   * integrands are analytic, so the error falls like exp(-c/step); 0.2 is
   * already below 1e-10 for the designs tested, and halving it changes the
   * result by less than that.
   */
  step?: number;
  /** Nodes whose weight is below this fraction of the largest are dropped (default 1e-18). */
  cutoff?: number;
}

/** Quadrature nodes and normalised weights for E[g(V)], V ~ chi-square with k df. */
interface ChiSquareRule {
  nodes: Float64Array;
  weights: Float64Array;
}

/**
 * Trapezoid rule for a chi-square expectation on the log scale. With
 * W = log V, W has density f(w) = exp(k w/2 - e^w/2 - (k/2) log 2 - logΓ(k/2)),
 * smooth and log-concave with mode log k and curvature k/2. Writing
 * w = log k + σ z with σ = sqrt(2/k), the rule takes nodes z = j·step for all
 * integers j until the density drops below `cutoff` times its peak, on both
 * sides. The trapezoid rule on the whole line converges geometrically for
 * analytic, rapidly decaying integrands; the weights are normalised to sum to
 * one, which removes the (already negligible) error of the density's own sum.
 */
function chiSquareRule(k: number, step: number, cutoff: number): ChiSquareRule {
  const sigma = Math.sqrt(2 / k);
  const mode = Math.log(k);
  const logNorm = (k / 2) * Math.log(2) + logGamma(k / 2);
  const logDensity = (w: number): number => (k / 2) * w - Math.exp(w) / 2 - logNorm;
  const peak = logDensity(mode);
  const logCut = Math.log(cutoff);
  const ws: number[] = [];
  const lw: number[] = [];
  for (const dir of [1, -1]) {
    for (let j = dir === 1 ? 0 : -1; ; j += dir) {
      const w = mode + sigma * j * step;
      const l = logDensity(w);
      if (l - peak < logCut) break;
      ws.push(w);
      lw.push(l - peak);
    }
  }
  const nodes = new Float64Array(ws.length);
  const weights = new Float64Array(ws.length);
  const sum = new ExactSum();
  for (let i = 0; i < ws.length; i++) {
    nodes[i] = Math.exp(ws[i]);
    weights[i] = Math.exp(lw[i]);
    sum.add(weights[i]);
  }
  const total = sum.value();
  for (let i = 0; i < weights.length; i++) weights[i] /= total;
  return { nodes, weights };
}

/**
 * Exact rejection probability of the two-sample t-test on normal data,
 * computed by quadrature (no simulation).
 *
 * Model: treatment outcomes N(μ0 + delta, sd1²), n1 of them; control
 * N(μ0, sd0²), n0 of them. The sample-mean difference D ~ N(delta, τ²),
 * τ² = sd1²/n1 + sd0²/n0, is independent of the sample variances, and
 * S_i² = sd_i² V_i / (n_i - 1) with V_i ~ χ²_{n_i - 1} independent. Given
 * (S1², S0²), the test's standard error `se` and degrees of freedom ν are
 * fixed, so with c = t_{q,ν}·se
 *   P(reject | S1², S0²) = Φ((delta - c)/τ)                  (sided = 1, q = 1 - α)
 *                        = Φ((delta - c)/τ) + Φ((-c - delta)/τ)  (sided = 2, q = 1 - α/2).
 * The outer expectation over (V1, V0) is a 2-D tensor trapezoid rule on the
 * log-chi-square scale (see `chiSquareRule`); accuracy is about 1e-10 at the
 * default step, far inside the 1e-6 it is used at.
 *
 * - `test = 'welch'`: se² = S1²/n1 + S0²/n0 and Welch-Satterthwaite ν, as
 *   `welchTTest` / R's `t.test(var.equal = FALSE)`.
 * - `test = 'student'`: pooled variance, ν = n1 + n0 - 2, as `studentTTest`.
 *   With sd1 = sd0 this equals the noncentral-t power of R's
 *   `power.t.test(strict = TRUE)`; with sd1 ≠ sd0 it gives Student's test's
 *   true size/power under heteroscedasticity.
 *
 * With sided = 1 the test rejects for large positive t (treatment higher).
 */
export function tTestRejectionProbability(
  design: NormalDesign & { test: 'welch' | 'student' },
  options: QuadratureOptions = {},
): number {
  const { n1, n0, delta, sd1, sd0, alpha, sided, test } = design;
  if (!(Number.isInteger(n1) && Number.isInteger(n0) && n1 >= 2 && n0 >= 2)) {
    throw new RangeError(`n1 and n0 must be integers >= 2, got ${n1}, ${n0}`);
  }
  if (!(sd1 > 0 && sd0 > 0)) throw new RangeError(`sd1 and sd0 must be positive, got ${sd1}, ${sd0}`);
  if (!Number.isFinite(delta)) throw new RangeError(`delta must be finite, got ${delta}`);
  checkAlpha(alpha);
  const step = options.step ?? 0.2;
  const cutoff = options.cutoff ?? 1e-18;
  const k1 = n1 - 1;
  const k0 = n0 - 1;
  const tau = Math.sqrt((sd1 * sd1) / n1 + (sd0 * sd0) / n0);
  const q = sided === 1 ? 1 - alpha : 1 - alpha / 2;
  const r1 = chiSquareRule(k1, step, cutoff);
  const r0 = chiSquareRule(k0, step, cutoff);
  const dfPooled = n1 + n0 - 2;
  const qPooled = tQuantile(q, dfPooled);
  const total = new ExactSum();
  for (let i = 0; i < r1.nodes.length; i++) {
    const s1 = (sd1 * sd1 * r1.nodes[i]) / k1;
    const inner = new ExactSum();
    for (let j = 0; j < r0.nodes.length; j++) {
      const s0 = (sd0 * sd0 * r0.nodes[j]) / k0;
      let c: number;
      if (test === 'welch') {
        const a = s1 / n1;
        const b = s0 / n0;
        const df = ((a + b) * (a + b)) / ((a * a) / k1 + (b * b) / k0);
        c = tQuantile(q, df) * Math.sqrt(a + b);
      } else {
        c = qPooled * Math.sqrt(((k1 * s1 + k0 * s0) / dfPooled) * (1 / n1 + 1 / n0));
      }
      let p = normalCdf((delta - c) / tau);
      if (sided === 2) p += normalCdf((-c - delta) / tau);
      inner.add(r0.weights[j] * p);
    }
    total.add(r1.weights[i] * inner.value());
  }
  return total.value();
}

/** Exact power (or size, at delta = 0) of Welch's t-test; see `tTestRejectionProbability`. */
export function welchTPower(design: NormalDesign, options?: QuadratureOptions): number {
  return tTestRejectionProbability({ ...design, test: 'welch' }, options);
}
