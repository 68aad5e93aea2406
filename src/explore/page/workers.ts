/**
 * The page's Web Workers. Their code comes as text (worker-source.js sets
 * it), started from a Blob: a page opened from a file may not start a
 * worker from another file. Stopping a run ends its workers outright, so a
 * chunk or a preparation that takes long never holds the page.
 */
import type { ChunkJob, ChunkResult, WorkerScenario } from '../../run/chunk.js';
import type { ScenarioOverrides } from '../../run/setup.js';
import type { SweepValue } from '../../compare/values.js';
import type { CheckAnswer, Checked, FromWorker, ToWorker } from '../protocol.js';
import type { Summary } from '../../summary/summarise.js';
import { RunCancelled, type ChunkPool } from '../progressive.js';

let blobUrl: string | undefined;

function startWorker(): Worker {
  const source = (globalThis as { trialsimWorkerSource?: string }).trialsimWorkerSource;
  if (!source) throw new Error('worker-source.js did not load: the explorer folder is incomplete');
  blobUrl ??= URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new Worker(blobUrl, { name: 'trialsim' });
}

interface Pending { resolve: (a: FromWorker) => void; reject: (e: Error) => void }

/** One worker answering requests in order. */
class Lane {
  readonly worker = startWorker();
  readonly known = new Set<number>();
  readonly pending: Pending[] = [];

  constructor() {
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.pending.shift()?.resolve(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      for (const p of this.pending.splice(0)) p.reject(new Error(e.message || 'the worker failed'));
    };
  }

  ask(request: ToWorker): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.worker.postMessage(request);
    });
  }

  end(): void {
    this.worker.terminate();
    for (const p of this.pending.splice(0)) p.reject(new RunCancelled());
  }
}

/** Workers for chunks of replicates, one per core. */
export class WorkerPool implements ChunkPool {
  private lanes: Lane[] = [];

  constructor(readonly size: number) {}

  /** Starts the workers now, so that they have loaded their code by the time a run needs them. */
  start(): this {
    if (this.lanes.length === 0) this.lanes = Array.from({ length: this.size }, () => new Lane());
    return this;
  }

  async run(scenarioId: number, scenario: WorkerScenario, job: ChunkJob): Promise<ChunkResult> {
    this.start();
    const lane = this.lanes.reduce((a, b) => (b.pending.length < a.pending.length ? b : a));
    const first = !lane.known.has(scenarioId);
    lane.known.add(scenarioId);
    const a = await lane.ask({ kind: 'chunk', scenarioId, ...(first ? { scenario } : {}), job });
    if (a.kind !== 'chunk') throw new Error(`unexpected answer ${a.kind}`);
    if (!a.ok) throw new Error(`replicates ${job.from}-${job.to - 1}: ${a.message}`);
    return a.result;
  }

  async exact(checked: Checked): Promise<Summary> {
    this.start();
    const a = await this.lanes[0].ask({ kind: 'exact', checked });
    if (a.kind !== 'exact') throw new Error(`unexpected answer ${a.kind}`);
    if (!a.ok) throw new Error(a.message);
    return a.summary;
  }

  /** Ends every worker (their chunks are lost) and starts new ones for the next run. */
  cancel(): void {
    for (const lane of this.lanes) lane.end();
    this.lanes = [];
    this.start();
  }
}

/** Checks scenario text in a worker of its own; a new check ends one still running on older text. */
export class Checker {
  private lane?: Lane;
  private busy = false;
  private id = 0;

  async check(file: string, text: string, overrides: ScenarioOverrides, variants?: Record<string, SweepValue>[]): Promise<CheckAnswer | undefined> {
    if (this.busy) this.lane?.end();
    if (!this.lane || this.busy) this.lane = new Lane();
    const id = ++this.id;
    this.busy = true;
    try {
      const a = await this.lane.ask({ kind: 'check', id, file, text, overrides, ...(variants ? { variants } : {}) });
      return a.kind === 'checked' && a.id === this.id ? a : undefined;
    } catch (err) {
      if (err instanceof RunCancelled) return undefined;
      throw err;
    } finally {
      if (id === this.id) this.busy = false;
    }
  }
}
