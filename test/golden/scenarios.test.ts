/**
 * Golden results: every shipped scenario, at its own seed and 200
 * replicates, gives exactly the summary, replicate rows and patient export
 * recorded in `test/golden/summaries/`. Any change to a number fails here;
 * a deliberate change is re-recorded with `npx vitest run test/golden -u`
 * and explained in its commit.
 */
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { join, basename } from 'node:path';
import { loadScenario } from '../../src/run/scenario.js';
import { simulate } from '../../src/run/simulate.js';
import { designFor } from '../../src/designs/registry.js';
import { ReplicateStreams } from '../../src/random/stream.js';
import { toCsv } from '../../src/util/csv.js';
import { shippedScenarioFiles } from '../helpers/scenarios.js';

const REPLICATES = 200;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function goldenText(file: string): Promise<string> {
  const loaded = loadScenario(file, { replicates: REPLICATES });
  const rows: string[] = [];
  const sim = await simulate(loaded, { workers: 0, rows: true, onRows: (r) => rows.push(r) });
  const design = designFor(loaded.spec.design.type);
  const patients = design.patients?.(loaded.spec, loaded.prepared.data, new ReplicateStreams(loaded.spec.seed, 1));
  const summary = { ...sim.summary, trialsim: '(version)' };
  return `${JSON.stringify({
    file,
    rowsSha256: sha256(rows.join('')),
    patientsSha256: patients ? sha256(toCsv(patients.columns, patients.rows)) : null,
    summary,
  }, null, 2)}\n`;
}

describe('every shipped scenario gives its recorded results', () => {
  for (const file of shippedScenarioFiles('scenarios')) {
    it(file, async () => {
      const name = file.replace(/^scenarios\//, '').replace(/\//g, '--').replace(/\.ya?ml$/, '.json');
      await expect(await goldenText(file)).toMatchFileSnapshot(join('summaries', name || basename(file)));
    });
  }
});
