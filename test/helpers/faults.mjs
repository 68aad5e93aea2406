/**
 * Test-only fault injection, loaded with `node --import` into a process and
 * (through the inherited options) its worker threads: TRIALSIM_FAULT makes
 * a worker fail at a replicate, to check that faults end a run cleanly and
 * leave it resumable: "throw@R" throws, "exit@R" exits the thread, "oom@R"
 * allocates until the heap limit is hit. Production code has no hook: this
 * wraps the worker's message listener from outside.
 */
import { isMainThread, parentPort } from 'node:worker_threads';

const fault = /^(throw|exit|oom)@(\d+)$/.exec(process.env.TRIALSIM_FAULT ?? '');

function inject(job) {
  const at = Number(fault[2]);
  if (!job || at < job.from || at >= job.to) return;
  if (fault[1] === 'throw') throw new Error(`injected fault at replicate ${at}`);
  if (fault[1] === 'exit') process.exit(3);
  const hog = [];
  for (;;) hog.push(new Array(1e6).fill(Math.random()));
}

if (!isMainThread && fault && parentPort) {
  const on = parentPort.on.bind(parentPort);
  parentPort.on = (event, listener) => on(event, event === 'message' ? (message) => { inject(message.job); listener(message); } : listener);
}
