/**
 * What each Mendelian randomisation replicate reports: per estimator its
 * estimate of the causal effect and the two-sided test of no effect
 * (MR-Egger also its intercept, the test of directional pleiotropy), and
 * the instruments' mean F statistic.
 */
import type { ReplicateLayout, HypothesisInfo, EstimateInfo } from '../types.js';
import type { MrEstimator } from './schema.js';

export const MR_LABELS: Record<MrEstimator | 'egger-intercept', string> = {
  'ivw': 'inverse-variance weighted (multiplicative random effects)',
  'egger': 'MR-Egger slope',
  'egger-intercept': 'MR-Egger intercept (directional pleiotropy)',
  'weighted-median': 'weighted median (bootstrap SE)',
  'observational': 'observational regression of outcome on exposure (confounded)',
};

/** The estimate (and hypothesis) ids in record order: MR-Egger's intercept follows its slope. */
export function mrSlots(estimators: readonly MrEstimator[]): (MrEstimator | 'egger-intercept')[] {
  return estimators.flatMap((e) => (e === 'egger' ? ['egger', 'egger-intercept'] as const : [e]));
}

export function mendelianLayout(estimators: readonly MrEstimator[], alpha: number, pleiotropy: boolean): ReplicateLayout {
  const ids = mrSlots(estimators);
  // trial.ts tests each estimate against 0, two-sided, with t where the estimator has degrees of freedom.
  const test = { statistic: 'estimate over its SE (t where the estimator has degrees of freedom, else z)', sided: 'two' as const };
  return {
    hypotheses: ids.map((id): HypothesisInfo => (id === 'egger-intercept'
      ? { id, label: `${MR_LABELS[id]} is not 0`, family: 'pleiotropy', nullIsTrue: !pleiotropy, level: alpha, test }
      : { id, label: `${MR_LABELS[id]}: causal effect is not 0`, family: 'estimators', estimand: id, level: alpha, test })),
    estimates: ids.map((id): EstimateInfo => ({ id, label: MR_LABELS[id], scale: id === 'egger-intercept' ? 'outcome per unit of variant-exposure association' : 'outcome per unit of exposure' })),
    metrics: [{ id: 'mean-F', label: 'Mean F statistic of the variants (weak instruments below about 10)' }],
    warnings: [],
  };
}
