/**
 * Worker thread entry: receives chunk jobs, each naming its scenario (sent
 * with the first job of that scenario this thread meets); answers each with
 * the chunk's mergeable statistics. Errors go back with the replicate range
 * so the run can name it.
 * (Tests inject faults from outside, with `node --import` of
 * test/helpers/faults.mjs; nothing here knows about them.)
 */
import { parentPort } from 'node:worker_threads';
import { planSimulator, runChunk, type ChunkJob, type Simulator, type WorkerScenario } from './chunk.js';

/** Prepared simulators by pool-wide scenario id; the pool says which to forget. */
const prepared = new Map<number, { sim: Simulator; seed: number }>();

function simulatorFor(id: number, scenario: WorkerScenario | undefined): { sim: Simulator; seed: number } {
  let entry = prepared.get(id);
  if (!entry) {
    if (!scenario) throw new Error(`scenario ${id} was never sent to this worker`);
    entry = { sim: planSimulator(scenario), seed: scenario.spec.seed };
    prepared.set(id, entry);
  }
  return entry;
}

parentPort!.on('message', ({ scenarioId, scenario, forget, job }: { scenarioId: number; scenario?: WorkerScenario; forget: number[]; job: ChunkJob }) => {
  for (const id of forget) prepared.delete(id);
  try {
    const { sim, seed } = simulatorFor(scenarioId, scenario);
    parentPort!.postMessage({ ok: true, result: runChunk(sim, seed, job) });
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({ ok: false, from: job.from, to: job.to, message: e.message, stack: e.stack });
  }
});
