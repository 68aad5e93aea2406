/**
 * One replicate's enrolled patients for `trialsim export`: the population
 * table (biomarkers, arm, outcome, potential outcomes) with each patient's
 * substudy and entry month; time-to-event: each patient's follow-up `time`
 * and `event` as seen at the last analysis that compares them, from which
 * every earlier look's follow-up follows (`trialsim analyse` replays the
 * looks from them). Screened patients who did not enrol are not listed.
 */
import type { UmbrellaScenario } from './schema.js';
import type { ReplicateStreams } from '../../random/stream.js';
import type { PatientTable } from '../types.js';
import { patientTable } from '../../population/export.js';
import { buildUmbrella } from './plan.js';
import type { Calibration } from './calibration.js';
import { observedBy } from './survival.js';

export function umbrellaPatients(s: UmbrellaScenario, calibration: Calibration, streams: ReplicateStreams): PatientTable {
  const { setup, ctx, screening, trials, configs } = buildUmbrella(s, calibration);
  const trial = trials[0];
  screening.run([trial], streams.patients, [streams.allocation]);
  const outcome = trial.outcome;
  const c = trial.cohort;
  if (setup.endpointType === 'time-to-event') {
    // Follow-up as analysed: to the last analysis that compares the patient, loss to follow-up or the event;
    // a shared control compared with every substudy open when they entered is followed to the last of those.
    const lastAnalysis = (i: number) => {
      let time = outcome.analysisTime[trial.substudyOf[i]];
      if (!configs[0].allConcurrent) return time;
      setup.substudies.forEach((sub, k) => {
        if (sub.control === c.arm[i] && c.entry[i] <= outcome.closeTime[k]) time = Math.max(time, outcome.analysisTime[k]);
      });
      return time;
    };
    for (let i = 0; i < c.n; i++) {
      // The trial keeps each patient's event time from entry, uncensored, in `outcome`.
      const t = c.outcome[i];
      const analysisTime = lastAnalysis(i);
      const seen = observedBy(t, c.entry[i], c.dropout[i], analysisTime);
      c.outcome[i] = seen ? t : Math.min(c.dropout[i], analysisTime - c.entry[i]);
      c.event[i] = seen ? 1 : 0;
    }
  }
  const table = patientTable(s, ctx.model, c);
  const armAt = table.columns.indexOf('arm');
  const hasEntry = table.columns.includes('entry');
  const columns = [...table.columns.slice(0, armAt), 'substudy', ...(hasEntry ? [] : ['entry']), ...table.columns.slice(armAt)];
  const rows = table.rows.map((row, i) => [
    ...row.slice(0, armAt), setup.substudies[trial.substudyOf[i]].id, ...(hasEntry ? [] : [c.entry[i]]), ...row.slice(armAt),
  ]);
  return { columns, rows };
}
