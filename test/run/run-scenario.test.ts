/**
 * The run lifecycle as a library: a run writes its results folder; a run
 * stopped while it writes them leaves no results folder and resumes to the
 * byte-identical files by writing alone; a shard writes a partial result.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario, RunInterrupted } from '../../src/run/run-scenario.js';
import { loadScenario } from '../../src/run/scenario.js';
import { tempDir, ROOT } from '../helpers/cli.js';

const loaded = loadScenario(join(ROOT, 'scenarios/flagship/cancellation.yaml'), { replicates: 400 });
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

describe('runScenario', () => {
  it('stopped while writing leaves only its checkpoint, and resuming writes the identical results', async () => {
    const reference = await runScenario(loaded, { out: tempDir(), workers: 0, chunkSize: 50 });
    const out = tempDir();
    const controller = new AbortController();
    const stopped = await runScenario(loaded, {
      out, workers: 0, chunkSize: 50, signal: controller.signal,
      onPhase: (phase) => { if (phase === 'writing') controller.abort(); },
    }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(RunInterrupted);
    expect((stopped as RunInterrupted).whileWriting).toBe(true);
    expect((stopped as RunInterrupted).kind).toBe('interrupted');
    const folder = join(out, readdirSync(out)[0]);
    expect(readdirSync(folder).filter((f) => !f.startsWith('.checkpoint'))).toEqual([]);
    let simulated = 0;
    const resumed = await runScenario(loaded, { out, workers: 0, resume: true, onProgress: (n) => (simulated = n) });
    expect(simulated).toBe(400); // every replicate came from the checkpoint
    expect(read(resumed.path, 'summary.json')).toBe(read(reference.path, 'summary.json'));
    expect(read(resumed.path, 'replicates.csv')).toBe(read(reference.path, 'replicates.csv'));
    expect(read(resumed.path, 'hypotheses.csv')).toBe(read(reference.path, 'hypotheses.csv'));
    expect(readdirSync(folder).filter((f) => f.startsWith('.checkpoint'))).toEqual([]);
  });

  it('a shard writes its partial result and rows, and no summary', async () => {
    const out = tempDir();
    const shard = await runScenario(loaded, { out, workers: 0, shard: { index: 2, count: 3 } });
    expect(shard.summary).toBeUndefined();
    expect(shard.path).toBe(join(out, 'shard-0002-of-0003.json'));
    const partial = JSON.parse(read(out, 'shard-0002-of-0003.json')) as { range: number[] };
    expect(partial.range).toEqual([134, 267]);
    expect(existsSync(join(out, 'shard-0002-of-0003.csv'))).toBe(true);
  });
});
