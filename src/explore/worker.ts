/**
 * The explorer's Web Worker: checks scenario text, runs chunks of replicates
 * (planned once per scenario, as a worker thread of `trialsim run` is), or
 * computes an exact scenario. The page starts several; a worker busy on
 * text that was edited meanwhile is ended by the page, not asked to stop.
 */
import { planSimulator, runChunk, type Simulator } from '../run/chunk.js';
import { computeExact } from '../run/describe.js';
import { checkText } from './check.js';
import type { FromWorker, ToWorker } from './protocol.js';

/** The worker's global scope, spelled out (this code is type-checked without the DOM libraries). */
const scope = globalThis as unknown as {
  onmessage: ((e: { data: ToWorker }) => void) | null;
  postMessage(message: FromWorker, transfer?: ArrayBuffer[]): void;
};

const planned = new Map<number, Simulator>();

function answer(request: ToWorker): void {
  if (request.kind === 'check') {
    scope.postMessage(checkText(request.id, request.file, request.text, request.overrides, request.variants));
  } else if (request.kind === 'exact') {
    const { loaded } = request.checked;
    scope.postMessage({ kind: 'exact', ok: true, summary: computeExact(loaded).summary });
  } else {
    let sim = planned.get(request.scenarioId);
    if (!sim) {
      if (!request.scenario) throw new Error(`scenario ${request.scenarioId} was never sent to this worker`);
      // One scenario at a time: a page runs one scenario per worker, then the next.
      planned.clear();
      planned.set(request.scenarioId, (sim = planSimulator(request.scenario)));
    }
    const result = runChunk(sim, request.job);
    scope.postMessage({ kind: 'chunk', ok: true, result }, result.rows ? [result.rows.buffer as ArrayBuffer] : []);
  }
}

scope.onmessage = (e) => {
  try {
    answer(e.data);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (e.data.kind === 'check') scope.postMessage({ kind: 'checked', id: e.data.id, ok: false, message, issues: [{ path: [], message }] });
    else scope.postMessage({ kind: e.data.kind, ok: false, message });
  }
};
