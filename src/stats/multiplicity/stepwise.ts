/**
 * p-value-based familywise-error-rate procedures for K hypotheses (e.g. the
 * substudies of an umbrella trial): Bonferroni, Holm's step-down (Holm 1979,
 * Scand J Stat 6:65-70) and Hochberg's step-up (Hochberg 1988, Biometrika
 * 75:800-802). Adjusted p-values are exactly R's `p.adjust(p, method)`:
 *   Bonferroni  p̃_i = min(1, K p_i)
 *   Holm        p̃_(i) = max_{j ≤ i} min(1, (K - j + 1) p_(j))   (p_(1) ≤ ... ≤ p_(K))
 *   Hochberg    p̃_(i) = min_{j ≥ i} min(1, (K - j + 1) p_(j))
 * and H_i is rejected at FWER α iff p̃_i ≤ α. Rejections are nested:
 * Bonferroni ⊆ Holm ⊆ Hochberg. Bonferroni and Holm control the FWER under
 * any dependence; Hochberg relies on the Simes inequality, which holds for
 * independent or positively dependent statistics (Sarkar 1998, Ann Stat
 * 26:494-504; Sarkar 2008 for one-sided positively correlated normals — e.g.
 * many-to-one comparisons against a shared control).
 */

/** Rejection decisions and adjusted p-values, in the input order. */
export interface MultiplicityResult {
  rejected: boolean[];
  adjusted: number[];
}

/** Refuses p-values outside [0, 1] (a programming error: tests give p-values). */
export function checkP(p: readonly number[]): void {
  for (const x of p) {
    if (!(x >= 0 && x <= 1)) throw new RangeError(`p-values must lie in [0, 1], got ${x}`);
  }
}

function decide(adjusted: number[], alpha: number): MultiplicityResult {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  return { rejected: adjusted.map((q) => q <= alpha), adjusted };
}

/** Indices sorting p ascending (stable, so ties keep input order). */
export function ascendingOrder(p: readonly number[]): number[] {
  return p.map((_, i) => i).sort((a, b) => p[a]! - p[b]! || a - b);
}

/** Bonferroni adjusted p-values min(1, K p_i) (R `p.adjust(p, "bonferroni")`). */
export function bonferroniAdjust(p: readonly number[]): number[] {
  checkP(p);
  const K = p.length;
  return p.map((x) => Math.min(1, K * x));
}

/** Holm step-down adjusted p-values (R `p.adjust(p, "holm")`). */
export function holmAdjust(p: readonly number[]): number[] {
  checkP(p);
  const K = p.length;
  const order = ascendingOrder(p);
  const out = new Array<number>(K);
  let running = 0;
  for (let j = 0; j < K; j++) {
    const i = order[j]!;
    running = Math.max(running, Math.min(1, (K - j) * p[i]!));
    out[i] = running;
  }
  return out;
}

/** Hochberg step-up adjusted p-values (R `p.adjust(p, "hochberg")`). */
export function hochbergAdjust(p: readonly number[]): number[] {
  checkP(p);
  const K = p.length;
  const order = ascendingOrder(p);
  const out = new Array<number>(K);
  let running = 1;
  for (let j = K - 1; j >= 0; j--) {
    const i = order[j]!;
    running = Math.min(running, Math.min(1, (K - j) * p[i]!));
    out[i] = running;
  }
  return out;
}

/** Bonferroni test at FWER α: reject H_i iff K p_i ≤ α. */
export function bonferroni(p: readonly number[], alpha: number): MultiplicityResult {
  return decide(bonferroniAdjust(p), alpha);
}

/**
 * Holm step-down test at FWER α: with p_(1) ≤ ... ≤ p_(K), reject H_(1..j*)
 * where j* is the last j such that p_(i) ≤ α/(K - i + 1) for all i ≤ j.
 */
export function holm(p: readonly number[], alpha: number): MultiplicityResult {
  return decide(holmAdjust(p), alpha);
}

/**
 * Hochberg step-up test at FWER α: reject H_(1..j*) for the largest j* with
 * p_(j*) ≤ α/(K - j* + 1).
 */
export function hochberg(p: readonly number[], alpha: number): MultiplicityResult {
  return decide(hochbergAdjust(p), alpha);
}
