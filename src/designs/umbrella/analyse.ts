/**
 * `trialsim analyse` for an umbrella trial (binary and continuous
 * endpoints): the enrolled patients as `trialsim export` writes them
 * (substudy, entry month, arm, biomarkers, outcome), replayed in order of
 * entry through the design's own trial: each substudy's looks come at its
 * planned patient counts, with the design's boundaries, futility rule and
 * multiplicity, so the decisions and estimates are what a simulated
 * replicate with these patients reports. Screening is not observed: the
 * funnel metrics are missing, and the side-by-side separate trials are not
 * analysed.
 */
import type { ReplicateRecord } from '../types.js';
import { ObservedReader, type ObservedTable } from '../../scenario/observed.js';
import { Cohort } from '../../population/cohort.js';
import type { UmbrellaScenario } from './schema.js';
import type { Calibration } from './calibration.js';
import { buildUmbrella } from './plan.js';
import { umbrellaLayout } from './layout.js';
import { writeOutcome } from './record.js';

export function analyseUmbrella(s: UmbrellaScenario, calibration: Calibration, table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
  const r = new ObservedReader(table);
  const { setup, ctx, trials } = buildUmbrella(s, calibration);
  if (setup.endpointType === 'time-to-event') {
    r.note('analysing observed time-to-event umbrella data is not offered yet: its looks are event-driven and need each patient\'s event time; binary and continuous substudies can be analysed');
    r.done();
  }
  const ids = setup.substudies.map((x) => x.id);
  const markers = s.population.biomarkers;
  const substudy = r.column('substudy', `the substudy each patient enrolled in: ${ids.join(', ')}`);
  const entry = r.column('entry', 'month of enrolment');
  const arm = r.column('arm');
  const outcome = r.column('outcome');
  const markerColumns = markers.map((m) => r.column(m.id, `biomarker ${m.id}`));
  r.done();
  const patient = new Cohort(1, markers.length);
  const rows = table.rows.map((_, i) => i).sort((a, b) => r.number(a, entry) - r.number(b, entry) || a - b);
  r.done();
  const trial = trials[0];
  trial.begin();
  const armNames = ctx.model.arms;
  for (const i of rows) {
    const k = r.level(i, substudy, ids, 'a substudy of the design');
    const a = r.level(i, arm, armNames, 'an arm of the scenario');
    const y = setup.endpointType === 'binary' ? r.integer(i, outcome, 0, 1) : r.number(i, outcome);
    markers.forEach((m, j) => {
      patient.markers[j][0] = m.type === 'categorical' ? r.level(i, markerColumns[j], Object.keys(m.levels), `a level of ${m.id}`) : m.type === 'binary' ? r.integer(i, markerColumns[j], 0, 1) : r.number(i, markerColumns[j]);
    });
    if (k < 0 || a < 0 || Number.isNaN(y)) continue;
    const sub = setup.substudies[k];
    if (a !== sub.drug && a !== sub.control) { r.problem(i, arm, `substudy ${sub.id} randomises ${armNames[sub.drug]} and ${armNames[sub.control]}, found ${JSON.stringify(armNames[a])}`); continue; }
    if (!r.ok) continue;
    if (!trial.replay(patient, k, r.number(i, entry), a === sub.control, y)) {
      r.problem(i, substudy, `substudy ${sub.id} had concluded (target reached or stopped at a look) before this patient entered`);
    }
  }
  r.done();
  const last = rows.length ? r.number(rows[rows.length - 1], entry) : 0;
  // Substudies below their targets are analysed with the patients they have (as at a screening cap).
  const o = trial.finish(true, last);
  const layout = umbrellaLayout(setup, calibration.sharpNull);
  writeOutcome(o, layout.runs[0], calibration.sharpNull, setup.fractions.length > 1, out);
  // Unobserved: the screening funnel.
  const m = layout.runs[0].metrics;
  for (const k of [0, 1, 2, 3, 6, 7]) out.metric[m + k] = NaN;
  const unobserved = [...layout.hypotheses, ...layout.estimates, ...layout.metrics].map((x) => x.id)
    .filter((id) => id.startsWith('separate:') || id.startsWith('patients-saved') || id.startsWith('months-saved'));
  const funnel = [0, 1, 2, 3, 6, 7].map((k) => layout.metrics[m + k].id);
  return { patients: rows.length, omitted: [...unobserved, ...funnel] };
}
