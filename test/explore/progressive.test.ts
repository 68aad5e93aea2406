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

/**
 * Chunks run here and answered out of order, as workers may: the first of
 * each pair in submission order waits for the second, which is answered
 * first (the first once the second's answer has been taken in; the last
 * chunk, with no partner, at once). `answered` lists the
 * chunks' first replicates in the order they were answered.
 */
function threadPool(replicates: number): ChunkPool & { answered: number[] } {
  const sims = new Map<number, Simulator>();
  const answered: number[] = [];
  let held: (() => void) | undefined;
  return {
    size: 2,
    answered,
    run: (id, scenario, job) => {
      const sim = sims.get(id) ?? sims.set(id, planSimulator(scenario)).get(id)!;
      const result = runChunk(sim, job);
      return new Promise((resolve) => {
        const answer = () => { answered.push(job.from); resolve(result); };
        if (held) { const first = held; held = undefined; answer(); setImmediate(first); } else if (job.to > replicates) answer(); else held = answer;
      });
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
    const pool = threadPool(1200);
    const summary = await runProgressively(checked(1200), pool, { everyMs: 0, onUpdate: (s, done) => updates.push({ done, json: summaryJson(s) }) });
    const cli = await simulate(loadScenario(FILE, { replicates: 1200 }), { workers: 0 });
    expect(summaryJson(summary)).toBe(summaryJson(cli.summary));
    // Chunks 1-50, 51-150, 151-350 and 351-750 submitted at once (two a worker), 751-1200 when the first answer
    // frees a lane; the first of each pair answered after the second: 751-1200 arrives before 1-50, yet the
    // updates are the prefixes merged in order, never one with a gap.
    expect(pool.answered).toEqual([51, 351, 751, 1, 151]);
    expect(updates.map((u) => u.done)).toEqual([150, 1200]);
    for (const u of updates.slice(0, -1)) {
      const prefix = await simulate(loadScenario(FILE, { replicates: u.done }), { workers: 0 });
      expect(u.json, `the update after ${u.done} replicates`).toBe(summaryJson(prefix.summary));
    }
  });

  it('stops when cancelled', async () => {
    const stop = new AbortController();
    const run = runProgressively(checked(5000), threadPool(5000), { onUpdate: () => stop.abort(), everyMs: 0, signal: stop.signal });
    await expect(run).rejects.toBeInstanceOf(RunCancelled);
  });
});
