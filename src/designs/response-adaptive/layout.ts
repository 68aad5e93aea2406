/**
 * What each replicate of a response-adaptive trial reports: per
 * experimental arm, whether it was declared best (superior) and its naive
 * final estimate (against control, or the arm's own without one; and
 * stratified by period when asked); patients per arm and in all; the number
 * of analyses done and skipped; why the trial stopped; the arm declared best
 * and the most likely best at the last analysis.
 */
import type { ReplicateLayout } from '../types.js';
import type { ResponseAdaptiveScenario } from './schema.js';
import type { ResponseAdaptiveSetup } from './setup.js';

export const ARMS_FAMILY = 'arms';

/** Positions of the metrics in each replicate's record (patients per arm from `patients` on). */
export const METRIC = { sampleSize: 0, analyses: 1, superiority: 2, controlBest: 3, equivalence: 4, allDropped: 5, skipped: 6, conclusive: 7, patients: 8 } as const;

/** Position of the metric "experimental arm k (of the compared arms) dropped", after patients per arm. */
export const droppedMetric = (arms: number, k: number): number => METRIC.patients + arms + k;

/** Position of the duration metric (time-to-event only), after the dropped arms. */
export const durationMetric = (arms: number, compared: number): number => METRIC.patients + arms + compared;

/** The effect an arm is estimated on, by endpoint: against a control, and on its own. */
export function effectScale(s: ResponseAdaptiveScenario): { prefix: string; scale: string; ownPrefix: string; ownScale: string } {
  const type = s.endpoint?.type;
  if (type === 'continuous') return { prefix: 'md', scale: 'mean difference', ownPrefix: 'mean', ownScale: 'mean' };
  if (type === 'time-to-event') return { prefix: 'loghr', scale: 'log hazard ratio', ownPrefix: 'loghazard', ownScale: 'log hazard (per month)' };
  return { prefix: 'rd', scale: 'risk difference', ownPrefix: 'rate', ownScale: 'response rate' };
}

/** Whether a higher value of the arm's parameter is better for patients (a hazard is better lower when longer times are). */
export function higherIsBetter(s: ResponseAdaptiveScenario): boolean {
  const e = s.endpoint;
  if (e?.type === 'time-to-event') return e.better === 'lower';
  return !(e && 'better' in e && e.better === 'lower');
}

export function adaptiveLayout(s: ResponseAdaptiveScenario, setup: ResponseAdaptiveSetup): ReplicateLayout {
  const { arms, control, compared, ids } = setup;
  const { prefix, scale, ownPrefix, ownScale } = effectScale(s);
  const withControl = control >= 0;
  // The hazard ratio's better direction is lower when longer times are better.
  const better = higherIsBetter(s) ? 'higher' : 'lower';
  const estimand = (k: number) => (withControl ? `${prefix}:${ids[k]}` : `${ownPrefix}:${arms[compared[k]]}`);
  return {
    hypotheses: compared.map((a, k) => withControl
      ? { id: ids[k], label: s.design.stopping.onSuperiority === 'graduate' ? `${arms[a]} graduated (declared superior)` : `${arms[a]} declared best (superior to ${arms[control]} and the other arms)`, family: ARMS_FAMILY, estimand: estimand(k), better }
      // Without a control the null "arm k is not the best" holds unless its advantage over the best other arm is positive.
      : { id: ids[k], label: `${arms[a]} declared best (superior to the other arms)`, family: ARMS_FAMILY, estimand: `advantage:${arms[a]}`, better: 'higher' as const, nullWhen: 'not-positive' as const }),
    estimates: [
      ...compared.map((a, k) => ({
        id: estimand(k),
        label: withControl ? `${arms[a]} vs ${arms[control]}, naive estimate at the last analysis (ignores adaptive allocation and stopping)` : `${arms[a]}, naive estimate at the last analysis (ignores adaptive allocation and stopping)`,
        scale: withControl ? scale : ownScale,
      })),
      ...(s.design.periodAdjusted && withControl ? compared.map((a, k) => ({
        id: `${prefix}-period:${ids[k]}`, label: `${arms[a]} vs ${arms[control]}, stratified by period of randomisation (removes a drift common to the arms)`, scale,
      })) : []),
    ],
    metrics: [
      { id: 'sampleSize', label: 'Patients enrolled', unit: 'patients' },
      { id: 'analyses', label: 'Adaptive analyses done', unit: 'analyses' },
      { id: 'stopped:superiority', label: 'Stopped early: an arm declared best (share of trials)' },
      { id: 'stopped:control', label: withControl ? 'Stopped early: the control most likely best (share of trials)' : 'Stopped early: the control most likely best (no control: never)' },
      { id: 'stopped:equivalence', label: 'Stopped: all active arms practically equivalent, at an interim or the final analysis (share of trials)' },
      { id: 'stopped:all-dropped', label: 'Stopped early: no experimental arm left (dropped or graduated), or one met a dropping rule with onDrop: stop (share of trials)' },
      { id: 'skipped', label: 'Adaptive analyses skipped: some arm\'s posterior still improper', unit: 'analyses' },
      { id: 'conclusive', label: 'Conclusive: an arm (or the control) declared best, equivalence, or every experimental arm dropped (share of trials)' },
      ...arms.map((a) => ({ id: `patients:${a}`, label: `Patients on ${a}`, unit: 'patients' })),
      ...compared.map((a) => ({ id: `dropped:${arms[a]}`, label: `${arms[a]} dropped (inferiority, equivalence or futility; share of trials)` })),
      // Time-to-event trials run on a calendar: the last metric is the trial's duration.
      ...(s.endpoint?.type === 'time-to-event' ? [{ id: 'duration', label: 'Trial duration: calendar time of the last analysis', unit: 'months' }] : []),
    ],
    warnings: [],
    selections: [
      { id: 'declared-best', label: 'Arm declared best', family: ARMS_FAMILY },
      { id: 'most-likely-best', label: withControl ? 'Experimental arm most likely best at the last analysis' : 'Arm most likely best at the last analysis', family: ARMS_FAMILY },
    ],
  };
}
