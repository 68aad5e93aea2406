/**
 * Observed patient rows (the columns `trialsim export` writes) into a
 * cohort, for designs that analyse a cohort: arm by name, each biomarker
 * (binary 0/1, a categorical level by name, a continuous value), and the
 * outcome: `outcome` (binary 0/1, continuous value, count with its
 * `exposure`), or `entry`, `time` and `event` for time-to-event. Potential
 * outcomes and latent profiles are not read: an analysis sees only what a
 * trial observes. Every problem names its line and column (ObservedReader).
 */
import { Cohort } from './cohort.js';
import type { Scenario } from '../scenario/schema.js';
import type { ObservedReader } from '../scenario/observed.js';

export function cohortFromRows(s: Scenario, arms: readonly string[], r: ObservedReader): Cohort {
  const markers = s.population.biomarkers;
  const type = s.endpoint!.type;
  const arm = r.column('arm', `the arm each patient was randomised to: ${arms.join(', ')}`);
  const markerColumns = markers.map((m) => r.column(m.id, `biomarker ${m.id}`));
  const tte = type === 'time-to-event';
  const outcome = tte ? -1 : r.column('outcome', `the observed ${type} outcome`);
  const [entry, time, event] = tte ? [r.column('entry', 'months from the start of the trial to entry'), r.column('time', 'follow-up time'), r.column('event', '1 for an event, 0 for censoring')] : [-1, -1, -1];
  const exposure = type === 'count' ? r.column('exposure', 'each patient\'s exposure time for the count') : -1;
  const n = r.table.rows.length;
  const c = new Cohort(Math.max(1, n), markers.length);
  if (!r.ok) return c;
  c.n = n;
  for (let i = 0; i < n; i++) {
    c.arm[i] = r.level(i, arm, arms, 'an arm of the scenario');
    markers.forEach((m, j) => { c.markers[j][i] = r.biomarker(i, markerColumns[j], m); });
    if (tte) {
      c.entry[i] = r.number(i, entry);
      c.outcome[i] = r.number(i, time);
      c.event[i] = r.integer(i, event, 0, 1);
      if (c.outcome[i] < 0) r.problem(i, time, `expected a follow-up time >= 0, found ${c.outcome[i]}`);
    } else if (type === 'binary') {
      c.outcome[i] = r.integer(i, outcome, 0, 1);
    } else if (type === 'count') {
      c.outcome[i] = r.integer(i, outcome, 0);
      c.exposure[i] = r.number(i, exposure);
      if (c.exposure[i] <= 0) r.problem(i, exposure, `expected an exposure time > 0, found ${c.exposure[i]}`);
    } else {
      c.outcome[i] = r.number(i, outcome);
    }
  }
  return c;
}
