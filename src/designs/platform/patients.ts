/**
 * One platform replicate's patients as analysed: id, biomarkers, arm, entry
 * time, period and observed outcome, then under every arm the mean (with the
 * time trend at the patient's entry) and the potential outcome.
 */
import type { PatientTable } from '../types.js';
import type { ReplicateStreams } from '../../random/stream.js';
import { newRecord } from '../types.js';
import type { PlatformScenario } from './schema.js';
import { planPlatform } from './trial.js';
import { trendedMean } from './trend.js';

export function platformPatients(s: PlatformScenario, streams: ReplicateStreams): PatientTable {
  const plan = planPlatform(s);
  plan.simulate(streams, newRecord(plan.layout));
  const { cohort: c, period, entries, trend, model, setup } = plan.last();
  const markers = s.population.biomarkers;
  const binary = model.endpoint.type === 'binary';
  const tte = model.endpoint.type === 'time-to-event';
  const shape = model.endpoint.type === 'time-to-event' ? model.endpoint.shape : 1;
  // Time-to-event: outcome is the event time from entry, uncensored; each analysis censors it at the dropout time or its own analysis time.
  const columns = ['id', ...markers.map((m) => m.id), 'arm', 'time', 'period', 'outcome', ...(tte ? ['dropout'] : []), ...setup.armNames.flatMap((a) => [`${binary ? 'p' : tte ? 'hazard' : 'mean'}_${a}`, `outcome_${a}`])];
  const rows: (string | number)[][] = [];
  for (let i = 0; i < c.n; i++) {
    const row: (string | number)[] = [i + 1];
    markers.forEach((m, j) => row.push(m.type === 'categorical' ? Object.keys(m.levels)[c.markers[j][i]] : c.markers[j][i]));
    row.push(setup.armNames[c.arm[i]], c.entry[i], period[i] + 1, c.outcome[i]);
    if (tte) row.push(c.dropout[i]);
    setup.armNames.forEach((_, a) => {
      const shift = trend ? trend(a, c.entry[i], period[i], entries[i]) : 0;
      const base = model.mean(c, i, a);
      if (tte) { const hazard = base * Math.exp(shift); row.push(hazard, Math.pow(c.latent[i] / hazard, 1 / shape)); return; }
      const mean = trendedMean(model.endpoint.type, base, shift);
      row.push(mean, binary ? (c.latent[i] < mean ? 1 : 0) : model.outcome(c, i, a) + shift);
    });
    rows.push(row);
  }
  return { columns, rows };
}
