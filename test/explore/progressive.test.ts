/**
 * The explorer's progressive run, with chunks run in this thread: its final
 * summary is `simulate`'s summary.json byte for byte, each update is the
 * summary of a prefix of the replicates (what a run with that many
 * replicates gives), and a cancelled run stops.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../../src/run/scenario.js';
import { simulate, summaryJson } from '../../src/run/simulate.js';
import { planSimulator, runChunk, type Simulator } from '../../src/run/chunk.js';
import { checkText } from '../../src/explore/check.js';
import { runProgressively, growingChunks, RunCancelled, type ChunkPool } from '../../src/explore/progressive.js';

const FILE = 'scenarios/flagship/two-arm-binary.yaml';

/** Chunks run here, answered out of order (the later of each pair first), as workers may. */
function threadPool(): ChunkPool {
  const sims = new Map<number, Simulator>();
  let k = 0;
  return {
    size: 2,
    run: (id, scenario, job) => {
      const sim = sims.get(id) ?? sims.set(id, planSimulator(scenario)).get(id)!;
      const result = runChunk(sim, job);
      return new Promise((resolve) => setTimeout(() => resolve(result), k++ % 2 === 0 ? 5 : 0));
    },
  };
}

function checked(replicates: number) {
  const a = checkText(1, 'two-arm-binary.yaml', readFileSync(FILE, 'utf8'), { replicates, workers: 2 });
  if (!a.ok) throw new Error(a.message);
  return a.base;
}

describe('a progressive run', () => {
  it('cuts the replicates into growing chunks covering each once', () => {
    const chunks = growingChunks(3000, 1000);
    expect(chunks.slice(0, 4)).toEqual([[1, 51], [51, 151], [151, 351], [351, 751]]);
    expect(chunks.at(-1)![1]).toBe(3001);
    for (let k = 1; k < chunks.length; k++) expect(chunks[k][0]).toBe(chunks[k - 1][1]);
  });

  it('ends with the summary.json of simulate, byte for byte, and shows prefixes of it on the way', async () => {
    const updates: { done: number; json: string }[] = [];
    const summary = await runProgressively(checked(1200), threadPool(), { everyMs: 0, onUpdate: (s, done) => updates.push({ done, json: summaryJson(s) }) });
    const cli = await simulate(loadScenario(FILE, { replicates: 1200 }), { workers: 0 });
    expect(summaryJson(summary)).toBe(summaryJson(cli.summary));
    const boundaries = growingChunks(1200).map(([, to]) => to - 1);
    const done = updates.map((u) => u.done);
    expect(done.at(-1)).toBe(1200);
    for (const [k, d] of done.entries()) {
      expect(boundaries).toContain(d);
      if (k > 0) expect(d).toBeGreaterThan(done[k - 1]);
    }
    for (const u of updates.slice(0, -1)) {
      const prefix = await simulate(loadScenario(FILE, { replicates: u.done }), { workers: 0 });
      expect(u.json, `the update after ${u.done} replicates`).toBe(summaryJson(prefix.summary));
    }
  });

  it('stops when cancelled', async () => {
    const stop = new AbortController();
    const run = runProgressively(checked(5000), threadPool(), { onUpdate: () => stop.abort(), everyMs: 0, signal: stop.signal });
    await expect(run).rejects.toBeInstanceOf(RunCancelled);
  });
});
