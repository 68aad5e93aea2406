/**
 * What each replicate of a response-adaptive trial reports: per experimental
 * arm, whether it was declared best (superior) and its naive final estimate
 * against control; patients per arm and in all; the number of analyses; why
 * the trial stopped; the arm declared best and the most likely best at the
 * last analysis.
 */
import type { ReplicateLayout } from '../types.js';
import type { ResponseAdaptiveSetup } from './setup.js';

export const ARMS_FAMILY = 'arms';

export function adaptiveLayout(setup: ResponseAdaptiveSetup, better: 'higher' | 'lower'): ReplicateLayout {
  const { arms, control, compared, ids } = setup;
  return {
    hypotheses: compared.map((a, k) => ({
      id: ids[k], label: `${arms[a]} declared best (superior to ${arms[control]} and the other arms)`, family: ARMS_FAMILY, estimand: `rd:${ids[k]}`, better,
    })),
    estimates: compared.map((a, k) => ({
      id: `rd:${ids[k]}`, label: `${arms[a]} vs ${arms[control]}, naive estimate at the last analysis (ignores adaptive allocation and stopping)`, scale: 'risk difference',
    })),
    metrics: [
      { id: 'sampleSize', label: 'Patients enrolled', unit: 'patients' },
      { id: 'analyses', label: 'Adaptive analyses done', unit: 'analyses' },
      { id: 'stopped:superiority', label: 'Stopped early: an arm declared best (share of trials)' },
      { id: 'stopped:control', label: 'Stopped early: the control most likely best (share of trials)' },
      { id: 'stopped:all-dropped', label: 'Stopped early: every experimental arm dropped (share of trials)' },
      ...arms.map((a) => ({ id: `patients:${a}`, label: `Patients on ${a}`, unit: 'patients' })),
    ],
    warnings: [],
    selections: [
      { id: 'declared-best', label: 'Arm declared best', family: ARMS_FAMILY },
      { id: 'most-likely-best', label: 'Experimental arm most likely best at the last analysis', family: ARMS_FAMILY },
    ],
  };
}
