/**
 * Worker thread entry: receives the scenario once, then chunk jobs; answers
 * each with the chunk's mergeable statistics. Errors go back with the
 * replicate range so the run can name it.
 *
 * TRIALSIM_FAULT (tests only) makes the worker fail at a replicate, to check
 * that faults end the run cleanly: "throw@R" throws, "exit@R" exits the
 * thread, "oom@R" allocates until the heap limit is hit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../scenario/schema.js';
import { prepareSimulator, runChunk, type ChunkJob } from './chunk.js';

const { scenario, seed } = workerData as { scenario: Scenario; seed: number };
const sim = prepareSimulator(scenario);
const fault = /^(throw|exit|oom)@(\d+)$/.exec(process.env.TRIALSIM_FAULT ?? '');

function injectFault(job: ChunkJob): void {
  if (!fault) return;
  const at = Number(fault[2]);
  if (at < job.from || at >= job.to) return;
  if (fault[1] === 'throw') throw new Error(`injected fault at replicate ${at}`);
  if (fault[1] === 'exit') process.exit(3);
  const hog: number[][] = [];
  for (;;) hog.push(new Array(1e6).fill(Math.random()));
}

parentPort!.on('message', (job: ChunkJob) => {
  try {
    injectFault(job);
    parentPort!.postMessage({ ok: true, result: runChunk(sim, seed, job) });
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({ ok: false, from: job.from, to: job.to, message: e.message, stack: e.stack });
  }
});
