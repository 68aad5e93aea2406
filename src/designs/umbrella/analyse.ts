/**
 * `trialsim analyse` for an umbrella trial: the enrolled patients as
 * `trialsim export` writes them (substudy, entry month, arm, biomarkers,
 * and the outcome: `outcome`, or `time` and `event` for time-to-event),
 * replayed in order of entry through the design's own trial: each
 * substudy's looks come at its planned patient counts, or, time-to-event,
 * at the calendar times its comparison reaches its planned events (each
 * patient's event at entry + time when `event` is 1; a 0 is censoring at
 * entry + time, which no earlier look sees past), with the design's
 * boundaries, futility rule and multiplicity, so the decisions and
 * estimates are what a simulated replicate with these patients reports.
 * Substudies still open when the rows end close at the screening cap's
 * month (or, with no such cap, at the last entry), as at a cap. Screening
 * is not observed: the funnel metrics are missing, and the side-by-side
 * separate trials are not analysed.
 */
import type { ReplicateRecord } from '../types.js';
import { ObservedReader, type ObservedTable } from '../../scenario/observed.js';
import { Cohort } from '../../population/cohort.js';
import { cohortFromRows } from '../../population/observed-cohort.js';
import type { UmbrellaScenario } from './schema.js';
import type { Calibration } from './calibration.js';
import { buildUmbrella } from './plan.js';
import { umbrellaLayout } from './layout.js';
import { writeOutcome } from './record.js';
import type { UmbrellaSetup } from './setup.js';

export function analyseUmbrella(s: UmbrellaScenario, calibration: Calibration, table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
  const r = new ObservedReader(table);
  const { setup, ctx, trials } = buildUmbrella(s, calibration);
  const { rows, studyOf, substudy } = readPatients(s, setup, ctx.model.arms, r);
  const tte = setup.endpointType === 'time-to-event';
  const order = Array.from({ length: rows.n }, (_, i) => i).sort((a, b) => rows.entry[a] - rows.entry[b] || a - b);
  const patient = new Cohort(1, s.population.biomarkers.length);
  const trial = trials[0];
  trial.begin();
  for (const i of order) {
    const sub = setup.substudies[studyOf[i]];
    for (let j = 0; j < patient.markers.length; j++) patient.markers[j][0] = rows.markers[j][i];
    // Time-to-event: an event at `time`, or follow-up lost (censored) there.
    patient.dropout[0] = tte && !rows.event[i] ? rows.outcome[i] : Infinity;
    const y = tte && !rows.event[i] ? Infinity : rows.outcome[i];
    if (!trial.replay(patient, studyOf[i], rows.entry[i], rows.arm[i] === sub.control, y)) {
      r.problem(i, substudy, `substudy ${sub.id} had concluded (target reached or stopped at a look) before this patient entered`);
    }
  }
  r.done();
  const last = order.length ? rows.entry[order[order.length - 1]] : 0;
  const end = screeningEnd(setup, last);
  // After the last enrolment, screening went on until a look stopped the substudies still open, or it ended.
  trial.lookUntil(end);
  // Substudies still open are analysed with the patients they have, as at the screening cap.
  const o = trial.finish(true, Number.isFinite(end) ? end : last);
  const layout = umbrellaLayout(setup, calibration.sharpNull);
  writeOutcome(o, layout.runs[0], calibration.sharpNull, setup.fractions.length > 1, out);
  // Unobserved: the screening funnel.
  const m = layout.runs[0].metrics;
  for (const k of [0, 1, 2, 3, 6, 7]) out.metric[m + k] = NaN;
  const unobserved = [...layout.hypotheses, ...layout.estimates, ...layout.metrics].map((x) => x.id)
    .filter((id) => id.startsWith('separate:') || id.startsWith('patients-saved') || id.startsWith('months-saved'));
  const funnel = [0, 1, 2, 3, 6, 7].map((k) => layout.metrics[m + k].id);
  return { patients: rows.n, omitted: [...unobserved, ...funnel] };
}

/** The rows as a cohort (arm, biomarkers, entry, outcome), each row's substudy, and that column; an arm its substudy does not randomise is refused. */
function readPatients(s: UmbrellaScenario, setup: UmbrellaSetup, armNames: readonly string[], r: ObservedReader) {
  const ids = setup.substudies.map((x) => x.id);
  const substudy = r.column('substudy', `the substudy each patient enrolled in: ${ids.join(', ')}`);
  // Time-to-event rows carry their entry with the follow-up (read with the cohort).
  const entry = setup.endpointType === 'time-to-event' ? -1 : r.column('entry', 'month of enrolment');
  const rows = cohortFromRows(s, armNames, r);
  const armColumn = r.table.columns.indexOf('arm');
  const studyOf = new Int32Array(rows.n);
  for (let i = 0; i < rows.n; i++) {
    if (entry >= 0) rows.entry[i] = r.number(i, entry);
    const k = (studyOf[i] = r.level(i, substudy, ids, 'a substudy of the design'));
    const sub = setup.substudies[k], a = rows.arm[i];
    if (k >= 0 && a >= 0 && a !== sub.drug && a !== sub.control) r.problem(i, armColumn, `substudy ${sub.id} randomises ${armNames[sub.drug]} and ${armNames[sub.control]}, found ${JSON.stringify(armNames[a])}`);
  }
  r.done();
  return { rows, studyOf, substudy };
}

/**
 * When screening ended, as far as the rows tell: at the cap's month; with no
 * cap, only once the looks had stopped every substudy (Infinity); at a cap of
 * patients screened, an unobserved time, taken as the last entry.
 */
function screeningEnd(setup: UmbrellaSetup, last: number): number {
  const cap = setup.design.screening.cap;
  if (cap === undefined) return Infinity;
  return cap.months !== undefined && cap.patients === undefined ? Math.max(cap.months, last) : last;
}
