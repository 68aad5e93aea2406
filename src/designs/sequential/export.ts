/**
 * One replicate's participants as a table: biomarkers, profile, and per level
 * the acceptable-and-available options, the option given, what happened,
 * the exit score, and the potential remission probability and outcome under
 * every option of the level (remission if U_k < p; dropout and intolerance
 * aside), then remission level and relapse.
 */
import type { PatientTable } from '../types.js';
import type { SequentialScenario } from './schema.js';
import { remissionProbability } from './setup.js';
import { RESULT, DRAW, type SequentialTrial } from './trial.js';
import { bitsOf } from './names.js';

/** The words of each RESULT, as the export writes them and analyse reads them. */
export const RESULT_WORDS = ['', 'remitted', 'dropped out', 'intolerant', 'not remitted'];

export function sequentialPatients(s: SequentialScenario, t: SequentialTrial): PatientTable {
  const markers = s.population.biomarkers;
  const profiles = s.population.profiles ?? [];
  const { setup, L } = t;
  const columns = ['id', ...markers.map((m) => m.id), ...(profiles.length ? ['profile'] : [])];
  setup.levels.forEach((l) => {
    columns.push(`${l.id}_eligible`, `${l.id}_option`, `${l.id}_probability`, `${l.id}_result`);
    if (setup.design.score) columns.push(`${l.id}_score`);
    for (const o of l.optionIds) columns.push(`${l.id}_p_${o}`, `${l.id}_remit_${o}`);
  });
  columns.push('remission_level', 'declined_next', 'relapsed');
  const rows: (string | number)[][] = [];
  const c = t.cohort;
  for (let i = 0; i < t.n; i++) {
    const row: (string | number)[] = [i + 1];
    markers.forEach((m, j) => row.push(m.type === 'categorical' ? Object.keys(m.levels)[c.markers[j][i]] : c.markers[j][i]));
    if (profiles.length) row.push(profiles[c.profile[i]].id);
    setup.levels.forEach((l, k) => {
      const at = i * L + k;
      const reached = t.result[at] !== RESULT.notReached;
      const previous = k === 0 ? 1 : t.inverseProbability[at - 1];
      row.push(
        reached ? bitsOf(t.eligible[at]).map((o) => l.optionIds[o]).join('|') : '',
        reached ? l.optionIds[t.option[at]] : '',
        reached ? previous / t.inverseProbability[at] : '',
        RESULT_WORDS[t.result[at]],
      );
      if (setup.design.score) row.push(Number.isNaN(t.score[at]) ? '' : t.score[at]);
      const u = t.uniform(i, k, DRAW.remission);
      l.optionIds.forEach((_, o) => {
        const p = remissionProbability(setup, k, o, c, i);
        row.push(p, u < p ? 1 : 0);
      });
    });
    row.push(t.remitLevel[i] >= 0 ? setup.levels[t.remitLevel[i]].id : '', t.declined[i], t.relapsed[i]);
    rows.push(row);
  }
  return { columns, rows };
}
