/**
 * What each replicate of a MAMS design reports: one hypothesis per
 * experimental arm (one family, so the summary gives family-wise error,
 * disjunctive and conjunctive power), the naive effect estimate at each
 * arm's last analysis, sample sizes and the stage the trial ended, and the
 * arms chosen: the winner and the leader at each interim.
 */
import type { ReplicateLayout } from '../types.js';
import type { MamsSetup } from './setup.js';

export const ARMS_FAMILY = 'arms';

export function mamsLayout(setup: MamsSetup): ReplicateLayout {
  const { arms, control, experimental, comparison, scale } = setup;
  const J = setup.armStage.length;
  const better = setup.direction > 0 ? 'higher' : 'lower';
  return {
    hypotheses: experimental.map((a, k) => ({
      id: comparison[k], label: `${arms[a]} vs ${arms[control]}`, family: ARMS_FAMILY, estimand: `${scale.prefix}:${comparison[k]}`, better,
      // The z the bounds are applied to, at the stage the arm left; the bounds control the family-wise error jointly, so no adjusted p-value.
      test: { statistic: `z for benefit on cumulative data (${setup.endpointType === 'binary' ? 'pooled-variance z of the risk difference' : 'mean difference over its SE, known or pooled sd'}), compared with the stage's bounds`, sided: 'one' as const },
    })),
    estimates: experimental.map((a, k) => ({
      id: `${scale.prefix}:${comparison[k]}`,
      label: `${arms[a]} vs ${arms[control]}, naive estimate at the arm's last analysis (ignores the interim looks)`,
      scale: scale.words,
    })),
    metrics: [
      { id: 'sampleSize', label: 'Patients enrolled', unit: 'patients' },
      { id: 'stages', label: 'Stage at which the trial ended', unit: 'stage' },
      ...Array.from({ length: J }, (_, j) => ({ id: `endedAt:stage-${j + 1}`, label: `Trial ended at stage ${j + 1} (share of trials)` })),
      ...arms.map((a) => ({ id: `patients:${a}`, label: `Patients on ${a}`, unit: 'patients' })),
    ],
    warnings: [],
    selections: [
      { id: 'winner', label: 'Winner: the first arm to cross its efficacy bound (the highest z among arms crossing together)', family: ARMS_FAMILY },
      ...Array.from({ length: J - 1 }, (_, j) => ({ id: `leader:stage-${j + 1}`, label: `Leading arm (highest z) at the stage ${j + 1} analysis`, family: ARMS_FAMILY })),
    ],
  };
}
