/**
 * The non-compliance design's own summary section: every estimand's true
 * value (exact by enumeration, or with its Monte Carlo error), the shares
 * of the compliance types in the population, which estimand each estimator
 * is judged against, and the scale.
 */
import type { NoncomplianceScenario } from './schema.js';
import type { Estimand } from './truth.js';
import type { EstimandValue } from './plan-types.js';
import { targetOf, estimatorLabel } from './layout.js';
import { noncomplianceSetup, TYPES } from './setup.js';
import type { NoncomplianceSections } from './sections.js';

export const ESTIMAND_LABELS: Record<string, string> = {
  'ate': 'Average treatment effect (everyone)',
  'itt': 'Intention-to-treat effect (of assignment)',
  'late': 'Complier average causal effect (LATE)',
  'att': 'Effect in the treated',
  'as-treated-limit': 'What as-treated converges to',
  'per-protocol-limit': 'What per-protocol converges to',
  'wald-limit': 'What the Wald ratio converges to',
  'rpsft-limit': 'What the RPSFTM converges to',
  'acr': 'Average causal response (full-dose effect weighted by the dose taken: what the IV estimate converges to)',
  'effect:adherent': 'Full-dose effect in patients who would adhere',
  'effect:non-adherent': 'Full-dose effect in patients who would not adhere',
  ...Object.fromEntries(TYPES.map((t) => [`effect:${t}`, `Effect in ${t}s`])),
};

export function noncomplianceDescribe(s: NoncomplianceScenario, truth: { values: Record<string, EstimandValue>; exact: boolean }): NoncomplianceSections {
  const setup = noncomplianceSetup(s);
  const adherence = setup.adherence !== null;
  return {
    noncompliance: {
      scale: s.endpoint?.type === 'binary' ? 'risk difference' : s.endpoint?.type === 'time-to-event' ? 'log hazard ratio' : 'mean difference',
      exact: truth.exact,
      estimands: (Object.keys(truth.values) as Estimand[]).filter((k) => Number.isFinite(truth.values[k].value))
        .map((k) => ({ id: k, label: ESTIMAND_LABELS[k] ?? k, ...truth.values[k] })),
      estimators: setup.estimators.map((e) => ({ id: e, label: estimatorLabel(e, adherence), target: targetOf(e, adherence) })),
      shares: Object.fromEntries(TYPES.map((t, j) => [t, setup.shares[j]])),
      monotonicity: setup.shares[3] === 0,
      ...(s.design.adherence ? { adherence: {
        mean: s.design.adherence.mean, concentration: s.design.adherence.concentration, adherent: s.design.adherence.adherent,
        doseResponse: s.design.adherence.doseResponse.shape === 'emax' ? `Emax (ED50 ${s.design.adherence.doseResponse.ed50})` : 'linear',
      } } : {}),
    },
  };
}
