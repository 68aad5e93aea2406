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
  'rpsft': 'rank-preserving structural failure time model (switching undone; test-based SE from the ITT log-rank test)',
};

/** With partial adherence the comparisons are by the fraction of the dose taken. */
const ADHERENCE_LABELS: Partial<Record<Estimator, string>> = {
  'as-treated': 'as treated (least-squares slope of the outcome on the fraction of the dose taken: per full dose)',
  'per-protocol': 'per protocol (adherent patients assigned the treatment against control)',
  'iv-wald': 'instrumental variable, Wald ratio per full dose (assignment as instrument)',
  'iv-2sls': 'instrumental variable, 2SLS per full dose with covariates',
};

export const estimatorLabel = (e: Estimator, adherence: boolean): string => (adherence ? ADHERENCE_LABELS[e] : undefined) ?? ESTIMATOR_LABELS[e];

/**
 * The estimand each estimator is judged against (its bias and its null), by
 * id in the truth table: the IV estimates against the LATE, or with partial
 * adherence the average causal response (the full-dose effect weighted by
 * the dose taken; Angrist & Imbens 1995).
 */
export function targetOf(e: Estimator, adherence: boolean): 'itt' | 'ate' | 'late' | 'acr' {
  if (e === 'itt' || e === 'ipw-itt') return 'itt';
  if (e === 'as-treated' || e === 'per-protocol' || e === 'rpsft') return 'ate';
  return adherence ? 'acr' : 'late';
}

export const noncomplianceWarnings = namedWarnings({
  weak: { id: 'weak-instrument', label: 'The instrument had no effect on the treatment taken (first stage singular): the IV estimates are missing' },
  empty: { id: 'empty-group', label: 'A comparison had a group with fewer than two patients: its estimate is missing' },
  weights: { id: 'ipw-failed', label: 'The model of being observed could not be fitted (separation): the IPW estimate is missing' },
});


/** One hypothesis (effect is not 0) and one estimate per estimator; its test one-sided for benefit when the design says which direction is better. */
function estimatorEntries(estimators: Estimator[], scale: string, level: number, better: 'higher' | 'lower' | undefined, adherence: boolean, statistic: string): Pick<ReplicateLayout, 'hypotheses' | 'estimates'> {
  const test = { statistic, sided: better ? 'one' as const : 'two' as const };
  return {
    hypotheses: estimators.map((e) => ({ id: e, label: `${estimatorLabel(e, adherence)}: effect is not 0`, family: 'estimators', estimand: e, level, ...(better ? { better } : {}), test })),
    estimates: estimators.map((e) => ({ id: e, label: estimatorLabel(e, adherence), scale })),
  };
}

/**
 * Metrics: patients, uptake by assignment (with adherence: the mean fraction
 * of the dose taken), the first-stage F, then the compliance types' shares
 * (or, with adherence, the share adherent), and last the share missing.
 */
export function noncomplianceLayout(estimators: Estimator[], scale: string, level: number, better: 'higher' | 'lower' | undefined, adherence = false): ReplicateLayout {
  const took = adherence ? 'Mean fraction of the dose taken' : 'Share taking the treatment';
  return {
    ...estimatorEntries(estimators, scale, level, better, adherence, 'estimate over its SE (t where the estimator has degrees of freedom, else z)'),
    metrics: [
      { id: 'patients', label: 'Patients randomised', unit: 'patients' },
      { id: 'took:assigned-treatment', label: `${took}, of those assigned to it` },
      { id: 'took:assigned-control', label: `${took}, of those assigned to control` },
      { id: 'first-stage-F', label: 'First-stage F of the assignment (weak instrument below about 10)' },
      ...(adherence ? [{ id: 'adherent', label: 'Share adherent (fraction of the dose at least the threshold), of those assigned the treatment' }]
        : TYPES.map((t) => ({ id: `type:${t}`, label: `Share of ${t}s (unobserved in a real trial)` }))),
      { id: 'missing', label: 'Share of outcomes missing (dropout)' },
    ],
    warnings: noncomplianceWarnings.warnings,
  };
}

export const survivalWarnings = namedWarnings({
  failed: { id: 'cox-failed', label: 'A Cox model had no events, or one group had none (infinite estimate): its estimate is missing' },
  noRoot: { id: 'rpsft-no-root', label: 'The RPSFTM found no ψ in [−3, 3] balancing the arms: its estimate is missing' },
});

/**
 * Time-to-event: log hazard ratios; metrics: patients, the arm taken at the
 * start by assignment, the share switching arm during follow-up, events,
 * the compliance types' shares, and the share lost to follow-up (dropout).
 */
export function survivalNoncomplianceLayout(estimators: Estimator[], level: number, better: 'higher' | 'lower' | undefined): ReplicateLayout {
  return {
    ...estimatorEntries(estimators, 'log hazard ratio', level, better, false, 'z of the log hazard ratio (Wald; rpsft: the ITT log-rank z)'),
    metrics: [
      { id: 'patients', label: 'Patients randomised', unit: 'patients' },
      { id: 'took:assigned-treatment', label: 'Share starting the treatment, of those assigned to it' },
      { id: 'took:assigned-control', label: 'Share starting the treatment, of those assigned to control' },
      { id: 'switched', label: 'Share switching arm during follow-up (cross-over)' },
      { id: 'events', label: 'Events', unit: 'events' },
      ...TYPES.map((t) => ({ id: `type:${t}`, label: `Share of ${t}s (unobserved in a real trial)` })),
      { id: 'lost', label: 'Share lost to follow-up: censored before their event and the end of follow-up (dropout)' },
    ],
    warnings: survivalWarnings.warnings,
  };
}
