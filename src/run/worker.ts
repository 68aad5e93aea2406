/**
 * Worker thread entry: receives jobs, each naming its scenario (sent with
 * the first job of that scenario this thread meets); answers each with its
 * result: a chunk's mergeable statistics, or a calibration's piece
 * (calibration.ts). Errors go back with the replicate range so the run can
 * name it.
 * (Tests inject faults from outside, with `node --import` of
 * test/helpers/faults.mjs; nothing here knows about them.)
 */
import { parentPort } from 'node:worker_threads';
import { planSimulator, runChunk, type ChunkJob, type WorkerScenario } from './chunk.js';
import { isCalibration, planCalibration, type CalibrationJob, type CalibrationScenario } from './calibration.js';
import type { WorkerMessage } from './worker-pool.js';

/** What the pool sends: a scenario's replicates or a calibration's. */
type PoolScenario = WorkerScenario | CalibrationScenario;

/** Planned runners by pool-wide scenario id; the pool says which to forget. */
const prepared = new Map<number, (job: ChunkJob | CalibrationJob) => unknown>();

function plan(scenario: PoolScenario): (job: ChunkJob | CalibrationJob) => unknown {
  if (isCalibration(scenario)) return planCalibration(scenario);
  const w: WorkerScenario = scenario;
  const sim = planSimulator(w);
  return (job) => runChunk(sim, job as ChunkJob);
}

function runnerFor(id: number, scenario: PoolScenario | undefined): (job: ChunkJob | CalibrationJob) => unknown {
  let run = prepared.get(id);
  if (!run) {
    if (!scenario) throw new Error(`scenario ${id} was never sent to this worker`);
    run = plan(scenario);
    prepared.set(id, run);
  }
  return run;
}

parentPort!.on('message', ({ scenarioId, scenario, forget, job }: WorkerMessage & { scenario?: PoolScenario; job: ChunkJob | CalibrationJob }) => {
  for (const id of forget) prepared.delete(id);
  try {
    parentPort!.postMessage({ ok: true, result: runnerFor(scenarioId, scenario)(job) });
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({ ok: false, from: job.from, to: job.to, message: e.message, stack: e.stack });
  }
});
