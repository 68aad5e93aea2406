/**
 * One scenario's replicates simulated with a checkpoint (checkpoint.ts):
 * each finished chunk is recorded as it completes, and with `resume` the
 * chunks already recorded are merged (their rows read back) instead of run
 * again. `trialsim run` records into one checkpoint per run; a sweep or a
 * comparison records each of its runs into its own, inside a checkpoint set
 * (checkpoint-set.ts). Either way the summary is the same, byte for byte, as
 * an uninterrupted run's, whatever the worker count: the chunks are those of
 * the checkpoint's manifest, and every sum is exact.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedScenario } from './scenario.js';
import { UserError } from '../scenario/errors.js';
import { simulate, type Simulation } from './simulate.js';
import { defaultChunkSize, type RunOptions } from './pool.js';
import { patientsPerReplicate } from './workload.js';
import { Checkpoint } from './checkpoint.js';
import { VERSION } from '../version.js';

export interface OpenCheckpointOptions {
  /** Continue the checkpoint in the folder, if there is one (else start a new one). */
  resume: boolean;
  /** Whether chunks keep their CSV rows. */
  rows: boolean;
  workers: number;
  /** Chunk size of a new checkpoint (a resumed one keeps its own). */
  chunkSize?: number;
  /** Said when a new checkpoint replaces an interrupted run's. */
  onNotice?: (message: string) => void;
}

/** The checkpoint to record a scenario's replicates in `range` into: resumed (when asked and it matches) or new. */
export function openRunCheckpoint(loaded: LoadedScenario, dir: string, o: OpenCheckpointOptions, range: [number, number]): Checkpoint {
  const resumed = o.resume ? Checkpoint.open(dir) : undefined;
  if (resumed) {
    const m = resumed.manifest;
    if (m.hash !== loaded.hash || m.trialsim !== VERSION || m.rows !== o.rows || m.seed !== loaded.spec.seed || m.replicates !== loaded.spec.replicates) {
      resumed.close();
      throw new UserError(`${dir}: the checkpoint belongs to a different scenario, trialsim version or --csv setting; run without --resume to start over`);
    }
    return resumed;
  }
  const replacing = !o.resume && existsSync(join(dir, 'manifest.json'));
  const chunkSize = o.chunkSize ?? defaultChunkSize(range, o.workers, { rows: o.rows, patientsPerReplicate: patientsPerReplicate(loaded.spec) });
  // Created (and locked) before the notice, so a run refused by another's lock says only that.
  const created = Checkpoint.create(dir, { trialsim: VERSION, hash: loaded.hash, seed: loaded.spec.seed, replicates: loaded.spec.replicates, range, chunkSize, rows: o.rows });
  if (replacing) o.onNotice?.('an interrupted run of this scenario is being replaced (use --resume to continue one)');
  return created;
}

/** Replicates recorded in a checkpoint. */
export function savedReplicates(checkpoint: Checkpoint): number {
  return [...checkpoint.finished()].reduce((a, [f, c]) => a + c.to - f, 0);
}

export type CheckpointedOptions = Omit<RunOptions, 'range' | 'done' | 'onChunk' | 'doneRows' | 'chunkSize' | 'rows'> & OpenCheckpointOptions & {
  /** The checkpoint folder of this run. */
  dir: string;
};

/**
 * Every replicate of a scenario, recorded into (and with `resume`,
 * continued from) the checkpoint in `dir`. Rows of resumed chunks reach
 * `onRows` from the checkpoint, in replicate order with the new ones. The
 * checkpoint is left in place (closed): the caller removes it once its
 * results are written. Rejects with `Interrupted` on the signal.
 */
export async function simulateCheckpointed(loaded: LoadedScenario, o: CheckpointedOptions): Promise<{ simulation: Simulation; checkpoint: Checkpoint; resumed: number }> {
  const range: [number, number] = [1, loaded.spec.replicates + 1];
  const checkpoint = openRunCheckpoint(loaded, o.dir, o, range);
  const done = checkpoint.finished();
  try {
    const simulation = await simulate(loaded, {
      ...o, range, done, chunkSize: checkpoint.manifest.chunkSize, rows: o.rows,
      onChunk: (r) => checkpoint.record(r),
      ...(o.rows ? { doneRows: (from: number) => checkpoint.readRows(from) } : {}),
    });
    return { simulation, checkpoint, resumed: [...done.values()].length };
  } finally {
    checkpoint.close();
  }
}
