/**
 * The checkpoints of several runs done together: a sweep's grid points, a
 * comparison's designs. Each run records into its own checkpoint folder
 * (checkpoint.ts, the same format as `trialsim run`'s) inside the set's
 * folder; the set adds only `set.json`, what the runs belong to (the
 * command, scenario hashes, seed, replicates, swept keys and values), so a
 * resume of a different sweep or comparison is refused naming what
 * differs, before anything in the folder changes.
 *
 * Layout:
 *   set.json       { trialsim, what: { label: value, ... } }
 *   lock           the process using the set (checkpoint-lock.ts)
 *   run-<k>/       run k's checkpoint
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../scenario/errors.js';
import { canonicalJson } from '../scenario/hash.js';
import { writeFileAtomic } from '../util/atomic.js';
import { writingTo } from '../util/output-errors.js';
import { makeFolder } from '../util/make-folder.js';
import { lockCheckpoint, forgetLock } from './checkpoint-lock.js';
import { VERSION } from '../version.js';
import { Checkpoint } from './checkpoint.js';

/** What the runs of a set belong to, by the label a refusal names (e.g. "seed", "values of design.sampleSize"). */
export type SetIdentity = Record<string, unknown>;

interface SetManifest { trialsim: string; command: string; what: SetIdentity }

const shown = (v: unknown) => {
  const text = typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? v.slice(0, 12) : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** "seed 3 here, 5 in the checkpoint; values of design.sampleSize ..." */
function differences(stored: SetManifest, wanted: SetManifest): string[] {
  const out: string[] = [];
  if (stored.command !== wanted.command) out.push(`command ${wanted.command} here, ${stored.command} in the checkpoint`);
  if (stored.trialsim !== wanted.trialsim) out.push(`trialsim version ${wanted.trialsim} here, ${stored.trialsim} in the checkpoint`);
  const labels = [...new Set([...Object.keys(wanted.what), ...Object.keys(stored.what ?? {})])];
  for (const label of labels) {
    const a = wanted.what[label], b = stored.what?.[label];
    if (canonicalJson(a) === canonicalJson(b)) continue;
    if (b === undefined) out.push(`${label} ${shown(a)} here, none in the checkpoint`);
    else if (a === undefined) out.push(`${label}: none here, ${shown(b)} in the checkpoint`);
    else out.push(`${label} ${shown(a)} here, ${shown(b)} in the checkpoint`);
  }
  return out;
}

export class CheckpointSet {
  private constructor(readonly dir: string, readonly resumed: boolean) {}

  /**
   * Opens the set in `dir` for `command` with its identity: with `resume`,
   * continues the set there (refused, naming each difference, when it
   * belongs to other runs; a new set when there is none); without, starts a
   * new set, replacing any earlier one (said through `onNotice`). Refused
   * while another process holds the folder.
   */
  static open(dir: string, command: string, what: SetIdentity, o: { resume: boolean; onNotice?: (message: string) => void }): CheckpointSet {
    const wanted: SetManifest = { trialsim: VERSION, command, what: JSON.parse(JSON.stringify(what)) as SetIdentity };
    const path = join(dir, 'set.json');
    const exists = existsSync(path);
    if (o.resume && exists) {
      let stored: SetManifest;
      try {
        stored = JSON.parse(readFileSync(path, 'utf8')) as SetManifest;
      } catch (err) {
        throw new UserError(`${dir}: not a readable checkpoint (${(err as Error).message}); run without --resume to start over`);
      }
      const diff = differences(stored, wanted);
      if (diff.length > 0) {
        throw new UserError(`${dir}: the checkpoint belongs to a different ${command}: ${diff.join('; ')}. Resume with the same files and options, or run without --resume to start over (the checkpoint is left as it is)`);
      }
      lockCheckpoint(dir);
      return new CheckpointSet(dir, true);
    }
    writingTo(dir, () => makeFolder(dir));
    const lock = lockCheckpoint(dir);
    writingTo(dir, () => {
      for (const entry of readdirSync(dir)) if (join(dir, entry) !== lock) rmSync(join(dir, entry), { recursive: true, force: true });
    });
    writeFileAtomic(path, `${JSON.stringify(wanted, null, 2)}\n`);
    if (exists && !o.resume) o.onNotice?.(`an interrupted ${command} is being replaced (use --resume to continue it)`);
    return new CheckpointSet(dir, false);
  }

  /** Run k's checkpoint folder. */
  runDir(k: number): string {
    return join(this.dir, `run-${k}`);
  }

  /** Replicates recorded in the checkpoints of runs 0 .. runs - 1. */
  savedReplicates(runs: number): number {
    let saved = 0;
    for (let k = 0; k < runs; k++) {
      const cp = Checkpoint.peek(this.runDir(k));
      if (cp) saved += [...cp.finished()].reduce((a, [f, c]) => a + c.to - f, 0);
    }
    return saved;
  }

  /** Deletes the folder, every run's checkpoint and the lock with it. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
    forgetLock(join(this.dir, 'lock'));
  }
}

/** How a sweep or comparison checkpoints its runs. */
export interface SetCheckpointOptions<Result> {
  /** The checkpoint set's folder. */
  dir: string;
  /** Continue the set found in `dir` (refused if it belongs to other runs). */
  resume: boolean;
  /** Writes the results; the set is removed once it returns, and kept if it throws. */
  write?: (result: Result) => void;
  /** Said when a new set replaces an interrupted one. */
  onNotice?: (message: string) => void;
}

/** Runs of a set stopped on request; every finished chunk is in their checkpoints. */
export class RunsInterrupted extends UserError {
  constructor(readonly finished: number, readonly total: number, readonly unit: string, readonly saved: number) {
    super(`interrupted; ${finished} of ${total} ${unit} finished, ${saved} replicates saved`, 'interrupted');
    this.name = 'RunsInterrupted';
  }
}
