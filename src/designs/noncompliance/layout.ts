/**
 * What each replicate of a non-compliance trial reports: per estimator its
 * estimate of the treatment effect (mean or risk difference) and the test
 * of no effect; the compliance seen (who took the treatment by assignment),
 * the first-stage F, and the patients per compliance type.
 */
import type { ReplicateLayout } from '../types.js';
import { namedWarnings } from '../types.js';
import type { Estimator } from './schema.js';
import { TYPES } from './setup.js';

export const ESTIMATOR_LABELS: Record<Estimator, string> = {
  'itt': 'intention to treat (by assignment)',
  'as-treated': 'as treated (by arm received)',
  'per-protocol': 'per protocol (patients who took their assignment)',
  'iv-wald': 'instrumental variable, Wald ratio (assignment as instrument)',
  'iv-2sls': 'instrumental variable, 2SLS with covariates',
  'ipw-itt': 'intention to treat, complete cases weighted by the inverse probability of being observed',
};

/** The estimand each estimator is judged against (its bias and its null), by id in the truth table. */
export const TARGET: Record<Estimator, 'itt' | 'ate' | 'late'> = {
  'itt': 'itt', 'as-treated': 'ate', 'per-protocol': 'ate', 'iv-wald': 'late', 'iv-2sls': 'late', 'ipw-itt': 'itt',
};

export const noncomplianceWarnings = namedWarnings({
  weak: { id: 'weak-instrument', label: 'The instrument had no effect on the treatment taken (first stage singular): the IV estimates are missing' },
  empty: { id: 'empty-group', label: 'A comparison had a group with fewer than two patients: its estimate is missing' },
  weights: { id: 'ipw-failed', label: 'The model of being observed could not be fitted (separation): the IPW estimate is missing' },
});


export function noncomplianceLayout(estimators: Estimator[], scale: string, level: number, better: 'higher' | 'lower' | undefined): ReplicateLayout {
  return {
    hypotheses: estimators.map((e) => ({ id: e, label: `${ESTIMATOR_LABELS[e]}: effect is not 0`, family: 'estimators', estimand: e, level, ...(better ? { better } : {}) })),
    estimates: estimators.map((e) => ({ id: e, label: ESTIMATOR_LABELS[e], scale })),
    metrics: [
      { id: 'patients', label: 'Patients randomised', unit: 'patients' },
      { id: 'took:assigned-treatment', label: 'Share taking the treatment, of those assigned to it' },
      { id: 'took:assigned-control', label: 'Share taking the treatment, of those assigned to control' },
      { id: 'first-stage-F', label: 'First-stage F of the assignment (weak instrument below about 10)' },
      ...TYPES.map((t) => ({ id: `type:${t}`, label: `Share of ${t}s (unobserved in a real trial)` })),
      { id: 'missing', label: 'Share of outcomes missing (dropout)' },
    ],
    warnings: noncomplianceWarnings.warnings,
  };
}
