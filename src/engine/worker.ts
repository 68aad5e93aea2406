/**
 * Worker thread entry: receives the scenario once, then chunk jobs; answers
 * each with the chunk's mergeable statistics. Errors go back with the
 * replicate range so the run can name it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../scenario/schema.js';
import { prepareSimulator, runChunk, type ChunkJob } from './chunk.js';

const { scenario, seed } = workerData as { scenario: Scenario; seed: number };
const sim = prepareSimulator(scenario);

parentPort!.on('message', (job: ChunkJob) => {
  try {
    parentPort!.postMessage({ ok: true, result: runChunk(sim, seed, job) });
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({ ok: false, from: job.from, to: job.to, message: e.message, stack: e.stack });
  }
});
