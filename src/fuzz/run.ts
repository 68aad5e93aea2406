/**
 * The fuzz runner: cases go one at a time to each of a few worker threads,
 * each with a heap limit, and a case that overruns its time budget ends its
 * thread (a hang), as does one that runs out of memory; a fresh thread takes
 * the next case. Nothing is written to disk.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fuzzCase, type SeedScenario } from './mutate.js';
import { DEFAULT_LIMITS, type CaseLimits, type CaseOutcome } from './case.js';
import type { FuzzWorkerData } from './worker.js';

export interface FuzzOptions {
  /** Number of cases, numbered from `first`. */
  cases: number;
  first?: number;
  /** Seed of the mutations. */
  seed?: number;
  /** Wall-clock time a case may take before it counts as a hang (ms). */
  budgetMs?: number;
  /** Heap limit of each thread (MB); a case that exceeds it counts as out of memory. */
  memoryMb?: number;
  /** Threads running cases side by side. */
  workers?: number;
  limits?: CaseLimits;
  onOutcome?: (o: CaseOutcome) => void;
}

function workerUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  // Running from src/ (tests): use the built worker.
  return new URL('../../dist/fuzz/worker.js', import.meta.url);
}

/** One thread and the case it is running. */
class Lane {
  private worker: Worker | undefined;

  constructor(private readonly data: FuzzWorkerData, private readonly budgetMs: number, private readonly memoryMb: number) {}

  /** The mutation kinds of a case whose thread did not report (rebuilt here, as the thread would). */
  private kinds(index: number): string[] {
    return fuzzCase(this.data.seeds, this.data.seed, index).kinds;
  }

  private start(): Worker {
    const worker = new Worker(workerUrl(), {
      workerData: this.data,
      // The stack of a main thread (about 1 MB), where the command line reads and checks a scenario.
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, stackSizeMb: 1 },
      stdout: true, stderr: true,
    });
    // Whatever a case prints is not the fuzzer's output.
    worker.stdout.resume();
    worker.stderr.resume();
    return worker;
  }

  run(index: number): Promise<CaseOutcome> {
    const worker = (this.worker ??= this.start());
    const t0 = performance.now();
    return new Promise<CaseOutcome>((resolve) => {
      const settle = (o: CaseOutcome, keep: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (!keep) { this.worker = undefined; void worker.terminate(); }
        resolve(o);
      };
      const lost = (verdict: CaseOutcome['verdict'], message: string): CaseOutcome =>
        ({ index, verdict, stage: 'thread', message, ms: performance.now() - t0, kinds: this.kinds(index) });
      const onMessage = (o: CaseOutcome) => settle(o, o.verdict !== 'pollution');
      const onError = (err: Error & { code?: string }) => settle(err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? lost('out-of-memory', `heap over ${this.memoryMb} MB: ${err.message}`)
        : lost('crash', `uncaught in the thread: ${err.name}: ${err.message.split('\n')[0]}`), false);
      const onExit = (code: number) => settle(lost('crash', `the thread exited with code ${code}`), false);
      const timer = setTimeout(() => settle(lost('hang', `still running after ${this.budgetMs} ms`), false), this.budgetMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(index);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

/** Runs cases first .. first + cases - 1 and returns their outcomes in case order. */
export async function runFuzz(seeds: SeedScenario[], options: FuzzOptions): Promise<CaseOutcome[]> {
  const first = options.first ?? 0;
  const data: FuzzWorkerData = { seeds, seed: options.seed ?? 1, limits: options.limits ?? DEFAULT_LIMITS };
  const lanes = Array.from({ length: Math.max(1, options.workers ?? 1) }, () => new Lane(data, options.budgetMs ?? 30_000, options.memoryMb ?? 1024));
  const outcomes: CaseOutcome[] = new Array(options.cases);
  let next = 0;
  try {
    await Promise.all(lanes.map(async (lane) => {
      while (next < options.cases) {
        const k = next++;
        const o = await lane.run(first + k);
        outcomes[k] = o;
        options.onOutcome?.(o);
      }
    }));
  } finally {
    await Promise.all(lanes.map((l) => l.close()));
  }
  return outcomes;
}
