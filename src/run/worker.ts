/**
 * Worker thread entry: receives jobs, each naming its scenario (sent with
 * the first job of that scenario this thread meets); answers each with its
 * result: a chunk's mergeable statistics, a calibration's piece
 * (calibration.ts), or the sums of some shares of an exact computation
 * (exact.ts). Errors go back with the replicate range so the run can
 * name it.
 * (Tests inject faults from outside, with `node --import` of
 * test/helpers/faults.mjs; nothing here knows about them.)
 */
import { parentPort } from 'node:worker_threads';
import { planSimulator, runChunk, type ChunkJob, type WorkerScenario } from './chunk.js';
import { isCalibration, planCalibration, type CalibrationJob, type CalibrationScenario } from './calibration.js';
import { isExactScenario, planExact, type ExactScenario } from './exact.js';
import type { WorkerMessage } from './worker-pool.js';

/** What the pool sends: a scenario's replicates, a calibration's, or an exact computation's shares. */
type PoolScenario = WorkerScenario | CalibrationScenario | ExactScenario;

/** A job's result, and the buffers in it to move to the main thread rather than copy. */
interface Answer { result: unknown; transfer: ArrayBuffer[] }
type Runner = (job: ChunkJob | CalibrationJob) => Answer;

/** Planned runners by pool-wide scenario id; the pool says which to forget. */
const prepared = new Map<number, Runner>();

function plan(scenario: PoolScenario): Runner {
  if (isCalibration(scenario)) {
    const calibrate = planCalibration(scenario);
    return (job) => ({ result: calibrate(job), transfer: [] });
  }
  if (isExactScenario(scenario)) {
    const pieces = planExact(scenario);
    return (job) => ({ result: pieces(job), transfer: [] });
  }
  const w: WorkerScenario = scenario;
  const sim = planSimulator(w);
  return (job) => {
    const result = runChunk(sim, job as ChunkJob);
    // A chunk's rows (up to megabytes) are moved, not copied.
    return { result, transfer: result.rows ? [result.rows.buffer as ArrayBuffer] : [] };
  };
}

function runnerFor(id: number, scenario: PoolScenario | undefined): Runner {
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
    const { result, transfer } = runnerFor(scenarioId, scenario)(job);
    parentPort!.postMessage({ ok: true, result }, transfer);
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({ ok: false, from: job.from, to: job.to, message: e.message, stack: e.stack });
  }
});
