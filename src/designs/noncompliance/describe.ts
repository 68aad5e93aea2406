/**
 * The non-compliance design's own summary section: every estimand's true
 * value (exact by enumeration, or with its Monte Carlo error), the shares
 * of the compliance types in the population, which estimand each estimator
 * is judged against, and the scale.
 */
import type { NoncomplianceScenario } from './schema.js';
import type { Estimand, EstimandValue } from './truth.js';
import { TARGET, ESTIMATOR_LABELS } from './layout.js';
import { noncomplianceSetup, TYPES } from './setup.js';

export interface NoncomplianceSection {
  scale: string;
  exact: boolean;
  estimands: { id: Estimand; label: string; value: number; mcse: number }[];
  estimators: { id: string; label: string; target: string }[];
  shares: Record<string, number>;
  monotonicity: boolean;
}

export const ESTIMAND_LABELS: Record<string, string> = {
  'ate': 'Average treatment effect (everyone)',
  'itt': 'Intention-to-treat effect (of assignment)',
  'late': 'Complier average causal effect (LATE)',
  'att': 'Effect in the treated',
  'as-treated-limit': 'What as-treated converges to',
  'per-protocol-limit': 'What per-protocol converges to',
  'wald-limit': 'What the Wald ratio converges to',
  ...Object.fromEntries(TYPES.map((t) => [`effect:${t}`, `Effect in ${t}s`])),
};

export function noncomplianceDescribe(s: NoncomplianceScenario, truth: { values: Record<Estimand, EstimandValue>; exact: boolean }): { noncompliance: NoncomplianceSection } {
  const setup = noncomplianceSetup(s);
  return {
    noncompliance: {
      scale: s.endpoint?.type === 'binary' ? 'risk difference' : 'mean difference',
      exact: truth.exact,
      estimands: (Object.keys(truth.values) as Estimand[]).filter((k) => Number.isFinite(truth.values[k].value))
        .map((k) => ({ id: k, label: ESTIMAND_LABELS[k] ?? k, ...truth.values[k] })),
      estimators: setup.estimators.map((e) => ({ id: e, label: ESTIMATOR_LABELS[e], target: TARGET[e] })),
      shares: Object.fromEntries(TYPES.map((t, j) => [t, setup.shares[j]])),
      monotonicity: setup.shares[3] === 0,
    },
  };
}
