/**
 * Time trends in the outcome, added to the linear predictor (the mean of a
 * continuous endpoint, the log-odds of a binary one) of every patient by
 * the calendar time and period of their entry. The shapes are those of the
 * NCC package's simulations (Bofill Roig et al. 2022, section 3; Krotka et
 * al. 2023): linear, stepwise at each period, stepwise at each arm entry, and
 * inverse-U; here on calendar time, scaled to the planned duration T so that
 * `strength` is the change over the whole platform as planned.
 */
import type { PlatformScenario } from './schema.js';
import { logistic, logit } from '../../stats/distributions.js';

/** The trend of arm a for a patient entering at time t in period `period` after `entries` arm entries. */
export type Trend = (arm: number, t: number, period: number, entries: number) => number;

export function trendOf(s: PlatformScenario, armNames: string[], plannedDuration: number): Trend | null {
  const spec = s.design.trend;
  const strength = Float64Array.from(armNames.map((a) => spec.arms?.[a] ?? spec.strength));
  if (spec.shape === 'none' || strength.every((x) => x === 0)) return null;
  const T = plannedDuration > 0 ? plannedDuration : 1;
  switch (spec.shape) {
    case 'linear': return (a, t) => (strength[a] * t) / T;
    case 'stepwise': return (a, _t, period) => strength[a] * period;
    case 'stepwise-entry': return (a, _t, _p, entries) => strength[a] * Math.max(0, entries - 1);
    case 'inverse-u': {
      const peak = spec.peak ?? T / 2;
      return (a, t) => (strength[a] * (t <= peak ? t : 2 * peak - t)) / T;
    }
  }
}

/** Whether the trend is the same in every arm (then it cancels in concurrent comparisons on the linear-predictor scale). */
export function trendIsCommon(s: PlatformScenario, armNames: string[]): boolean {
  const spec = s.design.trend;
  return armNames.every((a) => (spec.arms?.[a] ?? spec.strength) === spec.strength);
}

/**
 * A patient's mean under an arm with the trend added on the linear-predictor scale: a probability
 * (binary: logit + shift), a mean (continuous: + shift) or, for time-to-event, the log hazard (+ shift),
 * the scale on which the truth averages it.
 */
export function trendedMean(type: string, mean: number, shift: number): number {
  if (type === 'binary') return shift === 0 ? mean : logistic(logit(mean) + shift);
  return type === 'time-to-event' ? Math.log(mean) + shift : mean + shift;
}
