/**
 * The names of everything a basket replicate reports, in a fixed order. Per
 * analysis A (its id, by default the method) and basket b:
 * - hypothesis `A:b` (family A): basket b declared a success, with
 *   nullIsTrue = (true rate <= p0), so the summary calls its rate the
 *   type I error or the power;
 * - estimate `rate:A:b`: A's estimate of b's response rate (observed rate,
 *   or posterior mean: the shrinkage toward the other baskets shows as
 *   bias against the true rate);
 * - family-wise hypotheses (family "family-wise"): `A:fwer`, a basket where
 *   the drug does not work declared a success (when there is one), and
 *   `A:any-true-success`, at least one basket where it works declared a
 *   success (when there is one);
 * - metrics: `n:A` drug patients enrolled; for analyses that can stop a
 *   basket early `n:A:b` and `early-stop:A:b` (0/1, so its mean is the
 *   probability of early stop), `efficacy-stop:A:b` with an efficacy rule;
 *   `months:A` (last basket closed) when accrual rates are given.
 * Randomised baskets add `randomised:b` (drug vs control, Fisher) and the
 * risk difference `rd:b`.
 */
import type { ReplicateLayout, HypothesisInfo, EstimateInfo, MetricInfo, TestInfo } from '../types.js';
import type { AnalysisInfo, BasketSetup } from './setup.js';

/**
 * The exact test a frequentist analysis reports per basket (frequentist.ts);
 * none for the Bayesian analyses, whose decisions are posterior
 * probabilities, not p-values.
 */
function frequentistTest(a: AnalysisInfo): { test: TestInfo } | Record<string, never> {
  switch (a.spec.method) {
    case 'independent-exact': return { test: { statistic: 'responders (exact binomial test against p0)', sided: 'one' } };
    case 'simon': return { test: { statistic: 'responders at the stage the basket ended (exact, stage-wise ordering)', sided: 'one' } };
    case 'pooled': return { test: { statistic: 'responders in all baskets (exact test of the total)', sided: 'one' } };
    default: return {};
  }
}

export interface AnalysisSlots {
  /** First per-basket hypothesis and estimate. */
  hypotheses: number;
  estimates: number;
  fwer: number;
  anySuccess: number;
  /** Total patients; then per basket n and early stop (staged only); -1 when absent. */
  total: number;
  perBasket: number;
  efficacyStops: number;
  months: number;
}

export interface BasketLayout extends ReplicateLayout {
  analyses: AnalysisSlots[];
  /** First randomised hypothesis and estimate (-1 without randomised baskets). */
  comparisonHypotheses: number;
  comparisonEstimates: number;
}

export const RATE_SCALE = 'response rate';

export function basketLayout(setup: BasketSetup): BasketLayout {
  const hypotheses: HypothesisInfo[] = [];
  const estimates: EstimateInfo[] = [];
  const metrics: MetricInfo[] = [];
  const anyNull = setup.baskets.some((b) => b.isNull);
  const anyActive = setup.baskets.some((b) => !b.isNull);
  const analyses = setup.analyses.map((a): AnalysisSlots => {
    const slots: AnalysisSlots = { hypotheses: hypotheses.length, estimates: estimates.length, fwer: -1, anySuccess: -1, total: -1, perBasket: -1, efficacyStops: -1, months: -1 };
    for (const b of setup.baskets) {
      hypotheses.push({ id: `${a.id}:${b.id}`, label: `${a.id}: ${b.label} declared a success (p0 = ${b.p0})`, family: a.id, estimand: `rate:${a.id}:${b.id}`, nullIsTrue: b.isNull, ...frequentistTest(a) });
      estimates.push({ id: `rate:${a.id}:${b.id}`, label: `${a.id}: response rate in ${b.label}`, scale: RATE_SCALE });
    }
    if (anyNull) {
      slots.fwer = hypotheses.length;
      hypotheses.push({ id: `${a.id}:fwer`, label: `${a.id}: family-wise error, a basket where the drug does not work declared a success`, family: 'family-wise', nullIsTrue: true });
    }
    if (anyActive) {
      slots.anySuccess = hypotheses.length;
      hypotheses.push({ id: `${a.id}:any-true-success`, label: `${a.id}: at least one basket where the drug works declared a success`, family: 'family-wise', nullIsTrue: false });
    }
    slots.total = metrics.length;
    metrics.push({ id: `n:${a.id}`, label: `${a.id}: drug patients enrolled`, unit: 'patients' });
    if (a.staged) {
      slots.perBasket = metrics.length;
      for (const b of setup.baskets) {
        metrics.push({ id: `n:${a.id}:${b.id}`, label: `${a.id}: drug patients enrolled in ${b.label}`, unit: 'patients' });
        metrics.push({ id: `early-stop:${a.id}:${b.id}`, label: `${a.id}: ${b.label} stopped early` });
      }
      const spec = a.spec;
      if ('interim' in spec && spec.interim?.efficacy !== undefined) {
        slots.efficacyStops = metrics.length;
        for (const b of setup.baskets) metrics.push({ id: `efficacy-stop:${a.id}:${b.id}`, label: `${a.id}: ${b.label} stopped early for efficacy` });
      }
    }
    if (setup.hasAccrual) {
      slots.months = metrics.length;
      metrics.push({ id: `months:${a.id}`, label: `${a.id}: months until the last basket closed`, unit: 'months' });
    }
    return slots;
  });
  let comparisonHypotheses = -1;
  let comparisonEstimates = -1;
  if (setup.randomised) {
    comparisonHypotheses = hypotheses.length;
    comparisonEstimates = estimates.length;
    for (const b of setup.baskets) {
      if (!b.control) continue;
      const isNull = b.rate.value - b.control.rate.value <= Math.max(1e-9, 4 * Math.hypot(b.rate.mcse, b.control.rate.mcse));
      hypotheses.push({
        id: `randomised:${b.id}`, label: `${b.label}: drug better than control (one-sided Fisher exact test)`, family: 'randomised', estimand: `rd:${b.id}`, nullIsTrue: isNull,
        test: { statistic: 'responders on the drug (Fisher, conditional on the margins)', sided: 'one' },
      });
      estimates.push({ id: `rd:${b.id}`, label: `${b.label}: drug minus control response rate`, scale: 'risk difference' });
    }
    // borrowing comparisons follow Fisher's, one block of randomised baskets each (comparison.ts)
    for (const spec of setup.design.comparison.borrowing ?? []) {
      const id = spec.id ?? spec.method;
      for (const b of setup.baskets) {
        if (!b.control) continue;
        const isNull = b.rate.value - b.control.rate.value <= Math.max(1e-9, 4 * Math.hypot(b.rate.mcse, b.control.rate.mcse));
        hypotheses.push({ id: `randomised:${id}:${b.id}`, label: `${b.label}: drug better than control (${id} on the log odds ratio, P > ${spec.threshold})`, family: `randomised:${id}`, estimand: `logOR:${id}:${b.id}`, nullIsTrue: isNull });
        estimates.push({ id: `logOR:${id}:${b.id}`, label: `${b.label}: log odds ratio, drug vs control (${id}, posterior mean)`, scale: 'log odds ratio' });
      }
    }
  }
  return { hypotheses, estimates, metrics, warnings: [], analyses, comparisonHypotheses, comparisonEstimates };
}
