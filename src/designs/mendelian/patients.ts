/**
 * One Mendelian randomisation replicate's people as analysed: which
 * association they enter (exposure sample, outcome sample, or both in one
 * cohort), their allele counts, the confounder (unmeasured in a real study),
 * exposure and outcome. `trialsim analyse` reads the file back and gives the
 * replicate's row again.
 */
import type { PatientTable } from '../types.js';
import type { ReplicateStreams } from '../../random/stream.js';
import { newRecord } from '../types.js';
import type { MendelianScenario } from './schema.js';
import { planMendelian } from './trial.js';

export function mendelianPatients(s: MendelianScenario, streams: ReplicateStreams): PatientTable {
  const rows: (string | number)[][] = [];
  const plan = planMendelian(s, (sample, g, u, x, y) => {
    rows.push([rows.length + 1, sample, ...g, u, x, y]);
  });
  plan.simulate(streams, newRecord(plan.layout));
  return { columns: ['id', 'sample', ...s.design.variants.map((v) => `g_${v.id}`), 'confounder', 'exposure', 'outcome'], rows };
}
