/**
 * How each substudy's hypothesis is tested, fixed once per run: either one
 * final analysis with a multiplicity adjustment across substudies, or
 * group-sequential looks with Lan-DeMets efficacy boundaries (one-sided, for
 * benefit) and an optional non-binding futility rule.
 *
 * - Fixed design: each substudy's p-value (two-sided, or one-sided for
 *   benefit) is compared with alpha (none), or adjusted by Bonferroni, Holm
 *   or Hochberg (`stats/multiplicity`), or its z statistic is compared with
 *   Dunnett's single-step critical value (Dunnett 1955). Dunnett's
 *   correlations come from the planned sizes: with all-concurrent shared
 *   controls Corr(Z_k, Z_j) = λ_k λ_j, λ_k = √(n_k / (n_k + n_0)), n_k the
 *   planned drug patients of substudy k and n_0 all planned controls (the
 *   many-to-one structure when every comparison uses the whole control
 *   pool); with matched or separate controls the comparisons share no
 *   patients, λ = 0, and Dunnett reduces to Šidák's 1 - (1 - α)^(1/K).
 * - Group-sequential: boundaries b_1..b_L on the z scale at the planned
 *   information fractions, spending one-sided α (α/2 for a two-sided test),
 *   divided by K under Bonferroni and Holm (Jennison & Turnbull 2000, ch. 7
 *   and 19). Futility is non-binding, so it does not change the boundaries.
 *   Holm with interims is the graphical group-sequential procedure of
 *   Maurer & Bretz (2013, Stat Biopharm Res 5:311-320) with equal weights:
 *   substudies stop on the boundaries at α/K; once r hypotheses are
 *   rejected, every other is retested at each look it reached against the
 *   boundaries at level α/(K - r) (`holmBoundaries`), until no more fall.
 *   It controls the family-wise error strongly whatever the correlation
 *   between substudies, and rejects whatever Bonferroni rejects.
 */
import type { UmbrellaDesignSpec } from './schema.js';
import { efficacyBoundaries } from '../../stats/group-sequential/index.js';
import { upperNormalQuantile } from '../../stats/distributions.js';
import { dunnettCriticalValue, dunnettLambdas } from '../../stats/multiplicity/index.js';

export type Futility = NonNullable<NonNullable<UmbrellaDesignSpec['interims']>['futility']>;

export interface TestingPlan {
  /** One analysis per substudy (no interims). */
  fixed: boolean;
  alpha: number;
  twoSided: boolean;
  multiplicity: UmbrellaDesignSpec['analysis']['multiplicity'];
  /** Group-sequential critical values b_j (z scale, benefit), one per look. */
  boundaries: Float64Array;
  futility: Futility | undefined;
  fractions: number[];
  /** Dunnett's critical value on |z| (two-sided) or z (one-sided). */
  dunnettCritical: number;
  /** Dunnett's λ_k of the planned sizes (for its adjusted p-values); empty for other methods. */
  dunnettLambdas: number[];
  /** Holm with interims: holmBoundaries[m - 1] spends m/K of the one-sided alpha (m = 1..K); empty otherwise. */
  holmBoundaries: Float64Array[];
}

export interface PlannedArms {
  drug: number;
  control: number;
}

export function testingPlan(design: UmbrellaDesignSpec, fractions: number[], multiplicity: TestingPlan['multiplicity'], planned: PlannedArms[], allConcurrent: boolean): TestingPlan {
  const { alpha, sided } = design.analysis;
  const K = planned.length;
  const fixed = fractions.length === 1;
  const total = sided === 'two' ? alpha / 2 : alpha;
  const holmInterims = multiplicity === 'holm' && !fixed;
  const oneSided = total / (multiplicity === 'bonferroni' || holmInterims ? K : 1);
  const spending = design.interims?.efficacy.spending ?? 'obrien-fleming';
  const boundariesAt = (level: number): Float64Array => spending === 'none'
    ? Float64Array.from(fractions, (t) => (t < 1 ? Infinity : upperNormalQuantile(level)))
    : Float64Array.from(efficacyBoundaries({ informationRates: fractions, spending: { type: spending === 'pocock' ? 'asP' : 'asOF' }, alpha: level }).criticalValues);
  const boundaries = fixed ? Float64Array.of(upperNormalQuantile(oneSided)) : boundariesAt(oneSided);
  const holmBoundaries = holmInterims ? Array.from({ length: K }, (_, m) => (m === 0 ? boundaries : boundariesAt((total * (m + 1)) / K))) : [];
  let dunnettCritical = NaN, lambdas: number[] = [];
  if (multiplicity === 'dunnett') {
    const controls = planned.reduce((a, p) => a + p.control, 0);
    lambdas = allConcurrent ? dunnettLambdas(controls, planned.map((p) => p.drug)) : planned.map(() => 0);
    dunnettCritical = dunnettCriticalValue(lambdas, alpha, { sided: sided === 'two' ? 2 : 1 });
  }
  return { fixed, alpha, twoSided: sided === 'two', multiplicity, boundaries, futility: design.interims?.futility, fractions, dunnettCritical, dunnettLambdas: lambdas, holmBoundaries };
}
