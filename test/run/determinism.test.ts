/**
 * Reproducibility: the same scenario and seed give byte-identical summaries
 * and replicate rows whatever the number of workers and the chunk size.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../src/run/simulate.js';
import { loadScenario } from '../../src/run/scenario.js';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

const loaded = loadScenario(join(ROOT, 'scenarios/flagship/cancellation.yaml'), { replicates: 600 });

async function run(workers: number, chunkSize: number) {
  const rows: string[] = [];
  const { summary } = await simulate(loaded, { workers, chunkSize, rows: true, onRows: (r) => rows.push(r) });
  return { summary: JSON.stringify(summary), rows: rows.join('') };
}

describe('determinism across workers and chunks', () => {
  it('gives byte-identical summaries and rows for 0, 1, 2 and 4 workers and any chunk size', async () => {
    const reference = await run(0, 600);
    for (const [workers, chunk] of [[1, 600], [2, 37], [4, 1], [2, 250], [0, 7]] as const) {
      const other = await run(workers, chunk);
      expect(other.summary, `workers ${workers}, chunk ${chunk}`).toBe(reference.summary);
      expect(other.rows, `workers ${workers}, chunk ${chunk}`).toBe(reference.rows);
    }
    expect(reference.rows.split('\n').length).toBe(601);
  });

  it('a different seed gives a different summary', async () => {
    const a = await simulate(loaded, { workers: 0 });
    const b = await simulate(loadScenario(join(ROOT, 'scenarios/flagship/cancellation.yaml'), { replicates: 600, seed: 1 }), { workers: 0 });
    expect(JSON.stringify(a.summary)).not.toBe(JSON.stringify(b.summary));
  });
});

describe('determinism of a design with state carried across patients (platform: periods, blocks, a growing cohort)', () => {
  it('gives byte-identical summaries and rows for 0 and 2 workers and any chunk size', async () => {
    const platform = loadScenario(join(ROOT, 'scenarios/platform/four-arms-staggered.yaml'), { replicates: 300 });
    const once = async (workers: number, chunkSize: number) => {
      const rows: string[] = [];
      const { summary } = await simulate(platform, { workers, chunkSize, rows: true, onRows: (r) => rows.push(r) });
      return JSON.stringify(summary) + rows.join('');
    };
    const reference = await once(0, 300);
    for (const [workers, chunk] of [[2, 7], [0, 1], [2, 150]] as const) expect(await once(workers, chunk), `workers ${workers}, chunk ${chunk}`).toBe(reference);
  });
});
