/**
 * One non-compliance replicate's patients as analysed: id, biomarkers, arm
 * assigned, arm received, compliance type (with adherence: the fraction of
 * the dose taken, and the fraction the patient would take if assigned it), outcome and whether it was
 * observed (dropout), and under each
 * arm the mean and the potential outcome.
 */
import type { PatientTable } from '../types.js';
import type { NoncomplianceReplicate } from './plan-types.js';
import type { ReplicateStreams } from '../../random/stream.js';
import { newRecord } from '../types.js';
import type { NoncomplianceScenario } from './schema.js';
import { planNoncompliance } from './trial.js';
import { TYPES } from './setup.js';

export function noncompliancePatients(s: NoncomplianceScenario, streams: ReplicateStreams): PatientTable {
  const plan = planNoncompliance(s);
  plan.simulate(streams, newRecord(plan.layout));
  const last = plan.last();
  if (last.records) return survivalPatients(s, last);
  const { cohort: c, assigned, received, type, dose, missing, model, setup } = last;
  const adherence = setup.adherence !== null;
  const markers = s.population.biomarkers;
  const word = model.endpoint.type === 'binary' ? 'p' : 'mean';
  const arm = (z: number) => setup.armNames[z === 1 ? setup.treatment : setup.control];
  const columns = ['id', ...markers.map((m) => m.id), 'assigned', 'received', adherence ? 'adherence' : 'type', 'outcome', 'observed', ...setup.armNames.flatMap((a) => [`${word}_${a}`, `outcome_${a}`])];
  const rows: (string | number)[][] = [];
  for (let i = 0; i < c.n; i++) {
    const row: (string | number)[] = [i + 1];
    markers.forEach((m, j) => row.push(m.type === 'categorical' ? Object.keys(m.levels)[c.markers[j][i]] : c.markers[j][i]));
    // With adherence: the fraction taken, and the fraction the patient would take if assigned the treatment.
    if (adherence) row.push(arm(assigned[i]), received[i], dose[i], c.outcome[i], missing[i] ? 0 : 1);
    else row.push(arm(assigned[i]), arm(received[i]), TYPES[type[i]], c.outcome[i], missing[i] ? 0 : 1);
    setup.armNames.forEach((_, a) => row.push(model.mean(c, i, a), model.outcome(c, i, a)));
    rows.push(row);
  }
  return { columns, rows };
}

/**
 * Time-to-event: the arm taken at the start, when the patient switched (NA:
 * never, within their follow-up), time and event, entry, and under each arm
 * the hazard multiplier and the event time without switching.
 */
function survivalPatients(s: NoncomplianceScenario, last: NoncomplianceReplicate): PatientTable {
  const { cohort: c, assigned, received, type, model, setup } = last;
  const r = last.records!;
  const markers = s.population.biomarkers;
  const arm = (z: number) => setup.armNames[z === 1 ? setup.treatment : setup.control];
  const columns = ['id', ...markers.map((m) => m.id), 'assigned', 'received', 'type', 'switched_at', 'time', 'event', 'entry', ...setup.armNames.flatMap((a) => [`hazard_${a}`, `time_${a}`])];
  const rows: (string | number)[][] = [];
  for (let i = 0; i < c.n; i++) {
    const row: (string | number)[] = [i + 1];
    markers.forEach((m, j) => row.push(m.type === 'categorical' ? Object.keys(m.levels)[c.markers[j][i]] : c.markers[j][i]));
    row.push(arm(assigned[i]), arm(received[i]), TYPES[type[i]], r.switchAt[i] < Infinity ? r.switchAt[i] : 'NA', r.time[i], r.event[i], c.entry[i]);
    setup.armNames.forEach((_, a) => row.push(model.mean(c, i, a), model.outcome(c, i, a)));
    rows.push(row);
  }
  return { columns, rows };
}
