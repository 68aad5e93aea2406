/**
 * Decisions: at a group-sequential look (efficacy boundary, non-binding
 * futility rule) and, for fixed designs, across substudies once all are
 * analysed (multiplicity adjustment).
 */
import { conditionalPowerCurrentTrend } from '../../stats/group-sequential/index.js';
import { upperNormalQuantile } from '../../stats/distributions.js';
import { bonferroni, holm, hochberg, dunnettAdjust } from '../../stats/multiplicity/index.js';
import type { Comparison } from './compare.js';
import type { TestingPlan } from './testing.js';
import type { TrialOutcome } from './outcome.js';

export type LookDecision = 'efficacy' | 'futility' | 'continue' | 'final';

/**
 * Look j (0-based) of a group-sequential substudy: stop for efficacy when
 * z ≥ b_j; at the last look the analysis is final whatever z is; at earlier
 * looks stop for futility when the estimated benefit (risk or mean
 * difference, sign set so that positive is benefit) is below the threshold,
 * or when the conditional power under the current trend,
 * Φ((z/√t - b_L)/√(1 - t)) (Jennison & Turnbull 2000, §10.2), is below it.
 */
export function decideAtLook(plan: TestingPlan, j: number, c: Comparison, direction: number): LookDecision {
  const last = j === plan.boundaries.length - 1;
  if (c.informative) {
    const z = upperNormalQuantile(c.pBenefit);
    if (z >= plan.boundaries[j]) return 'efficacy';
    if (last) return 'final';
    const f = plan.futility;
    if (f?.type === 'effect' && direction * c.estimates[0].estimate < f.threshold) return 'futility';
    if (f?.type === 'conditional-power') {
      const t = plan.fractions[j];
      // No sign of benefit at all (p = 1, z = -infinity): conditional power 0.
      const power = z === -Infinity ? 0 : conditionalPowerCurrentTrend(z, t, plan.boundaries[plan.boundaries.length - 1]);
      if (power < f.threshold) return 'futility';
    }
  }
  return last ? 'final' : 'continue';
}

/**
 * Holm with interims (testing.ts; Maurer & Bretz 2013): after the trial,
 * with r hypotheses rejected, each other substudy is rejected when its z
 * for benefit at a look it reached meets the boundary at level (r + 1)/K
 * of alpha, i.e. alpha/K passed on from each rejection; repeated until no
 * more fall. Rejections on the first boundaries happened during the trial.
 */
export function decideHolmAcrossLooks(plan: TestingPlan, o: TrialOutcome): void {
  const S = o.substudies, L = o.looks;
  let rejected = 0;
  for (let s = 0; s < S; s++) rejected += o.rejected[s];
  for (let more = true; more && rejected < S;) {
    more = false;
    const b = plan.holmBoundaries[rejected];
    for (let s = 0; s < S; s++) {
      if (o.rejected[s]) continue;
      for (let j = 0; j < L; j++) {
        if (o.zAtLook[s * L + j] >= b[j]) { o.rejected[s] = 1; more = true; break; }
      }
    }
    if (more) { rejected = 0; for (let s = 0; s < S; s++) rejected += o.rejected[s]; }
  }
}

/**
 * Multiplicity-adjusted rejections of a fixed design, from each substudy's
 * p-value or z, with the adjusted p-values (a substudy without information
 * counts as p = 1). Dunnett's are the single-step adjusted p-values at the
 * planned correlations of its critical value, so p̃ < alpha exactly when z
 * exceeds it; they integrate, so they are skipped without `adjustedP`.
 */
export function decideFixed(plan: TestingPlan, o: TrialOutcome, p: number[], adjustedP = true): void {
  const S = o.substudies;
  for (let s = 0; s < S; s++) p[s] = o.informative[s] ? o.p[s] : 1;
  switch (plan.multiplicity) {
    case 'none':
      for (let s = 0; s < S; s++) o.rejected[s] = o.informative[s] && p[s] < plan.alpha ? 1 : 0;
      return;
    case 'dunnett': {
      for (let s = 0; s < S; s++) o.rejected[s] = o.informative[s] && o.z[s] > plan.dunnettCritical ? 1 : 0;
      if (!adjustedP) return;
      const adjusted = dunnettAdjust(Array.from(o.z, (z, s) => (o.informative[s] ? z : 0)), plan.dunnettLambdas, { sided: plan.twoSided ? 2 : 1 });
      for (let s = 0; s < S; s++) o.adjustedP[s] = o.informative[s] ? adjusted[s] : 1;
      return;
    }
    default: {
      const r = (plan.multiplicity === 'bonferroni' ? bonferroni : plan.multiplicity === 'holm' ? holm : hochberg)(p, plan.alpha);
      for (let s = 0; s < S; s++) { o.rejected[s] = o.informative[s] && r.rejected[s] ? 1 : 0; o.adjustedP[s] = r.adjusted[s]; }
    }
  }
}
