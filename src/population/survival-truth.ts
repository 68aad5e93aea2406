/**
 * The true marginal log hazard ratio of drug vs control in a virtual
 * population: every patient followed under both arms with the design's
 * censoring, and the two-group Cox estimate of the pooled data (the value a
 * trial's estimator converges to). The Monte Carlo error is the Cox standard
 * error over root 2, the pairs being positively correlated.
 */
import type { Scenario } from '../scenario/schema.js';
import { twoGroupLogHazardRatio } from '../stats/cox-two-group.js';
import type { Cohort } from './cohort.js';
import type { OutcomeModel } from './outcomes.js';

export function marginalLogHazardRatio(
  s: Scenario, c: Cohort, model: OutcomeModel, drug: number, control: number, include: (i: number) => boolean,
): { value: number; mcse: number } {
  const e = s.endpoint as Extract<Scenario['endpoint'], { type: 'time-to-event' }>;
  const time = new Float64Array(2 * c.n), event = new Uint8Array(2 * c.n), group = new Uint8Array(2 * c.n);
  let m = 0;
  for (let i = 0; i < c.n; i++) {
    if (!include(i)) continue;
    const censor = Math.min(e.accrualDuration + e.followUp - c.entry[i], c.dropout[i]);
    for (const [a, g] of [[control, 0], [drug, 1]] as const) {
      const t = model.outcome(c, i, a);
      time[m] = Math.min(t, censor); event[m] = t <= censor ? 1 : 0; group[m] = g; m++;
    }
  }
  if (m === 0) return { value: NaN, mcse: NaN };
  const r = twoGroupLogHazardRatio(time, event, group, m);
  return { value: r.logHr, mcse: r.se / Math.SQRT2 };
}
