/**
 * A run that shows its estimate as it goes: chunks of replicates are handed
 * to a pool of workers (growing in size, so that the first estimate comes
 * within a fraction of a second), and merged strictly in replicate order.
 * The summary shown at any moment is therefore the summary of replicates
 * 1..k, exactly what `trialsim run --replicates k` would print, and the
 * final one is `trialsim run`'s summary.json byte for byte (any chunk sizes
 * give the same replicates, and the merged sums are exact).
 */
import { Accumulator } from '../summary/accumulator.js';
import { summaryOf } from '../run/describe.js';
import { rowsText } from '../run/row-buffer.js';
import type { ChunkJob, ChunkResult, WorkerScenario } from '../run/chunk.js';
import type { Summary } from '../summary/summarise.js';
import type { Checked } from './protocol.js';

/** Somewhere chunks run: Web Workers in the page, or this thread in a test. */
export interface ChunkPool {
  /** How many chunks it runs at once. */
  readonly size: number;
  run(scenarioId: number, scenario: WorkerScenario, job: ChunkJob): Promise<ChunkResult>;
}

export class RunCancelled extends Error {
  constructor() {
    super('run cancelled');
    this.name = 'RunCancelled';
  }
}

export interface ProgressiveOptions {
  /** Called with the summary of replicates 1..done, at most every `everyMs` and at the end. */
  onUpdate?: (summary: Summary, done: number) => void;
  everyMs?: number;
  /** Collect each replicate's CSV row (compare pairs replicates), passed on in replicate order. */
  onRows?: (rows: string) => void;
  signal?: AbortSignal;
  /** Largest chunk (replicates). */
  maxChunk?: number;
}

/** Chunks of 50, 100, 200, ... replicates up to `max`: an early estimate first, then few messages. */
export function growingChunks(replicates: number, max = 1000): [number, number][] {
  const out: [number, number][] = [];
  for (let from = 1, size = 50; from <= replicates; from += size, size = Math.min(max, 2 * size)) {
    out.push([from, Math.min(replicates + 1, from + size)]);
  }
  return out;
}

let nextScenarioId = 1;

export async function runProgressively(checked: Checked, pool: ChunkPool, options: ProgressiveOptions = {}): Promise<Summary> {
  const { loaded, described } = checked;
  const scenario: WorkerScenario = { spec: loaded.spec, data: loaded.prepared.data, ...(loaded.prepared.decision ? { decision: loaded.prepared.decision } : {}) };
  const scenarioId = nextScenarioId++;
  const chunks = growingChunks(loaded.spec.replicates, options.maxChunk);
  const acc = new Accumulator(described.layout, Float64Array.from(described.centres));
  const arrived = new Map<number, ChunkResult>();
  let merged = 0, done = 0, lastUpdate = -Infinity;
  const everyMs = options.everyMs ?? 150;
  const mergeInOrder = () => {
    const before = merged;
    while (merged < chunks.length && arrived.has(chunks[merged][0])) {
      const r = arrived.get(chunks[merged][0])!;
      arrived.delete(r.from);
      acc.merge(r.state);
      if (options.onRows && r.rows) options.onRows(rowsText(r.rows));
      done += r.to - r.from;
      merged++;
    }
    const now = performance.now();
    if (options.onUpdate && merged > before && (merged === chunks.length || now - lastUpdate >= everyMs)) {
      lastUpdate = now;
      options.onUpdate(summaryOf(loaded, described, acc).summary, done);
    }
  };
  const job = ([from, to]: [number, number]): ChunkJob => ({ from, to, centres: described.centres, rows: options.onRows !== undefined });
  // Two chunks in flight per worker, so a worker never waits for the page between chunks.
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < chunks.length) {
      if (options.signal?.aborted) throw new RunCancelled();
      const r = await pool.run(scenarioId, scenario, job(chunks[next++]));
      if (options.signal?.aborted) throw new RunCancelled();
      arrived.set(r.from, r);
      mergeInOrder();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, 2 * pool.size) }, lane));
  if (chunks.length === 0) options.onUpdate?.(summaryOf(loaded, described, acc).summary, 0);
  return summaryOf(loaded, described, acc).summary;
}
