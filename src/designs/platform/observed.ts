/**
 * Observed platform rows for `trialsim analyse`, as `trialsim export` writes
 * them, in order of entry: `arm`, `time` (the calendar time the patient
 * entered the platform), the outcome (`outcome`: 0/1 or a value; for
 * time-to-event `outcome` is the time from entry to the event and `dropout`
 * the time from entry to loss to follow-up or the data cut, each empty or
 * Inf when there is none), the biomarker `design.eligibility` names when
 * arms are biomarker-driven, and optionally `period` (then checked against
 * the periods the replay cuts). What the data cannot say here (an arm that
 * was not open, an outcome the endpoint cannot take) is refused by line and
 * column; the replay through the trial (trial.ts) refuses the rest.
 */
import type { ObservedReader } from '../../scenario/observed.js';
import type { PlatformScenario } from './schema.js';
import type { PlatformSetup } from './setup.js';

export interface PlatformRows {
  n: number;
  time: Float64Array;
  arm: Int32Array;
  /** The eligibility class of each row (0 without biomarker-driven arms). */
  cls: Float64Array;
  /** The outcome; time-to-event: the event time from entry, Infinity when none was seen. */
  outcome: Float64Array;
  /** Time-to-event: time from entry to loss to follow-up (Infinity: none). */
  dropout: Float64Array;
  /** The 1-based period of each row, when the data give it. */
  period: Int32Array | null;
  columns: { arm: number; time: number; period: number };
}

export function readPlatformRows(s: PlatformScenario, setup: PlatformSetup, r: ObservedReader): PlatformRows {
  const type = s.endpoint!.type;
  const tte = type === 'time-to-event';
  const arm = r.column('arm', `the arm each patient was randomised to: ${setup.armNames.join(', ')}`);
  const time = r.column('time', 'the calendar time each patient entered the platform, in order of entry');
  const outcome = r.column('outcome', tte ? 'the time from entry to the event, empty or Inf if none was seen' : `the observed ${type} outcome`);
  const dropout = tte ? r.column('dropout', 'the time from entry to loss to follow-up or the data cut, empty or Inf if none') : -1;
  const marker = setup.classes.column >= 0 ? s.population.biomarkers[setup.classes.column] : null;
  const markerColumn = marker ? r.column(marker.id, `biomarker ${marker.id}, which biomarker-driven arms enrol on`) : -1;
  const period = r.optional('period');
  const n = r.table.rows.length;
  const rows: PlatformRows = {
    n, time: new Float64Array(n), arm: new Int32Array(n), cls: new Float64Array(n), outcome: new Float64Array(n), dropout: new Float64Array(n).fill(Infinity),
    period: period >= 0 ? new Int32Array(n) : null, columns: { arm, time, period },
  };
  if (!r.ok) return rows;
  const end = s.design.duration ?? Infinity;
  for (let i = 0; i < n; i++) {
    rows.arm[i] = r.level(i, arm, setup.armNames, 'an arm of the scenario');
    rows.time[i] = r.number(i, time);
    if (rows.time[i] < 0) r.problem(i, time, `expected a calendar time >= 0, found ${rows.time[i]}`);
    else if (i > 0 && rows.time[i] < rows.time[i - 1]) r.problem(i, time, `expected rows in order of entry: a time >= ${rows.time[i - 1]} (the row before), found ${rows.time[i]}`);
    if (rows.time[i] >= end) r.problem(i, time, `the platform ends at time ${end} (design.duration): expected an entry before it, found ${rows.time[i]}`);
    if (marker) rows.cls[i] = r.biomarker(i, markerColumn, marker, setup.classes.labels);
    if (rows.period) rows.period[i] = r.integer(i, period, 1);
    if (tte) readSurvival(r, rows, i, outcome, dropout);
    else rows.outcome[i] = type === 'binary' ? r.integer(i, outcome, 0, 1) : r.number(i, outcome);
  }
  return rows;
}

/** A row's event time and dropout: at least one of them seen. */
function readSurvival(r: ObservedReader, rows: PlatformRows, i: number, outcome: number, dropout: number): void {
  rows.outcome[i] = r.timeOrNone(i, outcome);
  rows.dropout[i] = r.timeOrNone(i, dropout);
  if (rows.outcome[i] === Infinity && rows.dropout[i] === Infinity) r.problem(i, dropout, 'a patient with no event needs the time their follow-up ended: expected a time >= 0, found none');
}
