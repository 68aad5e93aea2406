/**
 * The thread that runs fuzz cases, one at a time, as the runner sends their
 * numbers; it rebuilds each case from (seeds, seed, index) and posts back its
 * outcome. The runner ends the thread when a case overruns its time budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fuzzCase, type SeedScenario } from './mutate.js';
import { runCase, prototypeFingerprint, type CaseLimits } from './case.js';

export interface FuzzWorkerData {
  seeds: SeedScenario[];
  seed: number;
  limits: CaseLimits;
}

const { seeds, seed, limits } = workerData as FuzzWorkerData;
const clean = prototypeFingerprint();

parentPort!.on('message', async (index: number) => {
  const outcome = await runCase(fuzzCase(seeds, seed, index), limits);
  if (prototypeFingerprint() !== clean) {
    // The prototypes of this thread are spoilt: the runner ends it and starts a fresh one.
    parentPort!.postMessage({ ...outcome, verdict: 'pollution', message: `built-in prototypes changed (case ended ${outcome.verdict}: ${outcome.message})` });
    return;
  }
  parentPort!.postMessage(outcome);
});
