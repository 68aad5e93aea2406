/**
 * A drift in the outcome over enrolment, common to every arm: a shift of
 * the linear predictor (log odds, mean, log hazard) growing linearly from 0
 * at the first patient to `size` at the last, or stepping to `size` at a
 * fraction of the maximum sample size (the time trends whose effect on
 * response-adaptive randomisation Proschan & Evans 2020 and Villar et al.
 * 2018 describe: with allocation changing over time, a common drift biases
 * the pooled comparison).
 */
import type { ResponseAdaptiveScenario } from './schema.js';
import type { OutcomeModel } from '../../population/outcomes.js';
import type { Cohort } from '../../population/cohort.js';
import { logistic, logit } from '../../stats/distributions.js';

/** The shift at enrolment fraction f in [0, 1); `none` when there is no drift. */
export type Drift = ((f: number) => number) & { none: boolean };

export function driftOf(s: ResponseAdaptiveScenario): Drift {
  const spec = s.design.drift;
  const shift = !spec || spec.size === 0 ? () => 0
    : spec.shape === 'linear' ? (f: number) => spec.size * f
    : (f: number) => (f >= spec.at ? spec.size : 0);
  return Object.assign(shift, { none: !spec || spec.size === 0 });
}

/**
 * Patient i's observed outcome under their arm with the linear predictor
 * shifted (their latent draw already made): binary 0/1 from the uniform,
 * continuous mean + shift + sd x normal, time-to-event the event time at
 * hazard x e^shift.
 */
export function observeWithDrift(model: OutcomeModel, c: Cohort, i: number, shift: number): number {
  const e = model.endpoint, arm = c.arm[i];
  if (e.type === 'binary') return c.latent[i] < (shift === 0 ? model.mean(c, i, arm) : logistic(logit(model.mean(c, i, arm)) + shift)) ? 1 : 0;
  if (e.type === 'continuous') return model.mean(c, i, arm) + shift + e.sd * c.latent[i];
  if (e.type === 'time-to-event') return model.outcome(c, i, arm) * Math.exp(-shift / e.shape);
  throw new Error(`a response-adaptive design does not analyse ${e.type} endpoints`);
}
