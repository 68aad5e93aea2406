/**
 * The true values a response-adaptive trial estimates, from the population's
 * arm means (exact when they do not vary or the biomarkers are discrete,
 * else over the truth's virtual population): each arm against the control
 * (risk or mean difference; for time-to-event the log ratio of the arms'
 * mean hazards), or without a control each arm's own value and its
 * advantage over the best other arm (positive only for the truly best arm),
 * oriented so that higher is better. A drift is not in the truth: the
 * values are those at the start of enrolment (a drift common to the arms
 * leaves mean differences and hazard ratios unchanged; risk differences
 * move with it).
 */
import type { RunStreams } from '../../random/stream.js';
import { populationArmMoments, type EstimatedValue } from '../../population/arm-moments.js';
import type { ResponseAdaptiveScenario } from './schema.js';
import { responseAdaptiveSetup } from './setup.js';
import { effectScale, higherIsBetter } from './layout.js';

export function adaptiveTruth(s: ResponseAdaptiveScenario, streams: RunStreams): Record<string, EstimatedValue> {
  const setup = responseAdaptiveSetup(s);
  const { cell, exact } = populationArmMoments(s, streams);
  const tte = s.endpoint!.type === 'time-to-event';
  const { prefix, ownPrefix } = effectScale(s);
  const exactly = (v: EstimatedValue): EstimatedValue => (exact ? { value: v.value, mcse: 0 } : v);
  const contrast = (a: number, c: number) => exactly(tte ? cell.logRatio(a, c) : cell.difference(a, c));
  const truth: Record<string, EstimatedValue> = {};
  if (setup.control >= 0) {
    setup.compared.forEach((arm, k) => {
      truth[`${prefix}:${setup.ids[k]}`] = contrast(arm, setup.control);
      if (s.design.periodAdjusted) truth[`${prefix}-period:${setup.ids[k]}`] = contrast(arm, setup.control);
    });
    return truth;
  }
  const sign = higherIsBetter(s) ? 1 : -1;
  for (const arm of setup.compared) {
    const m = cell.mean(arm), sd = Math.sqrt(Math.max(0, cell.cov(arm, arm)) / cell.count);
    truth[`${ownPrefix}:${setup.arms[arm]}`] = exactly(tte ? { value: Math.log(m), mcse: sd / m } : { value: m, mcse: sd });
    // The advantage over the best other arm: the smallest of the oriented contrasts against each other arm.
    let advantage: EstimatedValue = { value: Infinity, mcse: 0 };
    for (const other of setup.compared) {
      if (other === arm) continue;
      const c = contrast(arm, other), value = sign * c.value;
      if (value < advantage.value) advantage = { value, mcse: c.mcse };
    }
    truth[`advantage:${setup.arms[arm]}`] = advantage;
  }
  return truth;
}
