/**
 * A replicate's patients as a table: id, biomarkers, profile, arm, observed
 * outcome (with event flag and entry time for time-to-event) and the
 * potential outcome (and its probability, mean or hazard) under every arm.
 */
import type { Scenario } from '../scenario/schema.js';
import type { OutcomeModel } from './outcomes.js';
import type { Cohort } from './cohort.js';

/** A patient-level data set of one replicate, exactly as analysed. */
export interface PatientTable {
  columns: string[];
  rows: (string | number)[][];
}

export function patientTable(s: Scenario, model: OutcomeModel, c: Cohort): PatientTable {
  const markers = s.population.biomarkers;
  const profiles = s.population.profiles ?? [];
  const tte = model.endpoint.type === 'time-to-event';
  const count = model.endpoint.type === 'count';
  const meanWord = model.endpoint.type === 'binary' ? 'p' : model.endpoint.type === 'continuous' ? 'mean' : 'hazard';
  const columns = [
    'id', ...markers.map((m) => m.id), ...(profiles.length ? ['profile'] : []), 'arm',
    ...(tte ? ['entry', 'time', 'event'] : ['outcome']), ...(count ? ['exposure'] : []),
    ...model.arms.flatMap((a) => [`${meanWord}_${a}`, tte ? `time_${a}` : `outcome_${a}`]),
  ];
  const rows: (string | number)[][] = [];
  for (let i = 0; i < c.n; i++) {
    const row: (string | number)[] = [i + 1];
    markers.forEach((m, j) => row.push(m.type === 'categorical' ? Object.keys(m.levels)[c.markers[j][i]] : c.markers[j][i]));
    if (profiles.length) row.push(profiles[c.profile[i]].id);
    row.push(model.arms[c.arm[i]]);
    if (tte) row.push(c.entry[i], c.outcome[i], c.event[i]);
    else row.push(c.outcome[i]);
    if (count) row.push(c.exposure[i]);
    model.arms.forEach((_, a) => row.push(model.mean(c, i, a), model.outcome(c, i, a)));
    rows.push(row);
  }
  return { columns, rows };
}
