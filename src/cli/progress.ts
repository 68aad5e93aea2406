/**
 * What the simulating commands (run, sweep, compare) share on the terminal:
 * stopping on Ctrl-C or SIGTERM between chunks, and progress (a bar with ETA
 * when stderr is a terminal, else a plain line per tenth, nothing with
 * --quiet).
 */
import cliProgress from 'cli-progress';
import { RunsInterrupted } from '../run/checkpoint-set.js';

/**
 * Ctrl-C and SIGTERM (from a scheduler): while listening, a signal stops the
 * run between chunks (it keeps what is finished); while not, it ends the
 * process at once (Node's default), for stretches where this thread is busy
 * and nothing but a checkpoint is written.
 */
/**
 * Runs `work` while Ctrl-C stops it between chunks (the signal it is given),
 * adds the command that resumes to an interruption's message, and at the end,
 * however it ends, stops the progress display (`stop`) and the listening.
 */
export async function resumableWork<T>(work: (signal: AbortSignal) => Promise<T>, resumeCommand: () => string, stop: () => void): Promise<T> {
  const signals = new StopOnSignal();
  try {
    signals.listen(true);
    return await work(signals.signal);
  } catch (err) {
    if (err instanceof RunsInterrupted) err.message += `. Resume with: ${resumeCommand()}`;
    throw err;
  } finally {
    stop();
    signals.listen(false);
  }
}

export class StopOnSignal {
  private readonly controller = new AbortController();
  private readonly stop = () => this.controller.abort();
  readonly signal: AbortSignal = this.controller.signal;
  private listening = false;
  listen(on: boolean): void {
    if (on === this.listening) return;
    this.listening = on;
    for (const name of ['SIGINT', 'SIGTERM'] as const) {
      if (on) process.on(name, this.stop);
      else process.off(name, this.stop);
    }
  }
}

/**
 * Progress for logs (stderr not a terminal, e.g. a Slurm job): a plain line
 * at each tenth of the replicates, once the run has taken 2 s (short runs
 * print nothing), with the elapsed time.
 */
export function plainProgress(name: string, write = (line: string) => { process.stderr.write(line); }, now = Date.now, unit = 'replicates'): (n: number, total: number) => void {
  const start = now();
  let printed = 0;
  return (n, total) => {
    const tenth = Math.floor((10 * n) / total);
    const seconds = (now() - start) / 1000;
    if (tenth <= printed || seconds < 2) return;
    printed = tenth;
    write(`${name}: ${10 * tenth}% (${n}/${total} ${unit}, ${seconds.toFixed(0)} s)\n`);
  };
}

/** Progress of one task as `run` shows it: `update(n, total)`, then `stop()` (nothing with `quiet`). */
export function progressDisplay(name: string, quiet: boolean, unit = 'replicates'): { update: (n: number, total: number) => void; stop: () => void } {
  if (quiet) return { update: () => {}, stop: () => {} };
  if (!process.stderr.isTTY) return { update: plainProgress(name, undefined, undefined, unit), stop: () => {} };
  const bar = new cliProgress.SingleBar({ format: `${name.slice(0, 30)} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`, stream: process.stderr, etaBuffer: 50 }, cliProgress.Presets.shades_classic);
  return {
    update: (n, total) => { if (!bar.isActive) bar.start(total, n); else bar.update(n); },
    stop: () => bar.stop(),
  };
}
