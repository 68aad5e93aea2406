/**
 * A worker pool kept across runs: concurrent runs of different scenarios,
 * more scenarios than a thread keeps prepared, a failing run, and an
 * interrupted run leave every other run's results byte-identical to a run
 * in this thread, and the pool usable.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { runReplicates, WorkerPool, WorkerFailure, Interrupted } from '../../src/run/pool.js';
import { describeScenario } from '../../src/run/simulate.js';
import { logit } from '../../src/stats/distributions.js';
import { scenario } from '../helpers/scenarios.js';
import { FAULTS } from '../helpers/cli.js';

function trial(sampleSize: number) {
  return scenario({
    name: `n=${sampleSize}`, seed: 5, replicates: 300, truth: { patients: 1000 },
    population: { biomarkers: [{ id: 'mplus', type: 'binary', prevalence: 0.4 }] },
    endpoint: { type: 'binary', intercept: logit(0.3) },
    arms: { control: {}, drug: { effect: 0.3, interactions: { mplus: 0.5 } } },
    design: { type: 'two-arm', sampleSize, randomisation: { method: 'permuted-block', blockSize: 4, strata: ['mplus'] }, analysis: { primary: { test: 'z-pooled' }, subgroups: ['mplus'] } },
  });
}

async function state(s: ReturnType<typeof trial>, options: Parameters<typeof runReplicates>[2]) {
  const acc = await runReplicates(s, describeScenario(s).centres, options);
  // Exact sums' partials depend on the merge order; their values do not.
  return JSON.stringify({
    replicates: acc.replicates, rejections: acc.rejections, warnings: acc.warnings,
    estimates: acc.est.map((e) => [e.n, e.withSe, e.covered, e.withInterval, e.sum.value(), e.sumSq.value(), e.seSum.value(), e.seSumSq.value()]),
    metrics: acc.met.map((m) => [m.sum.value(), m.sumSq.value(), m.min, m.max]),
  });
}

const pools: WorkerPool[] = [];
const newPool = (size: number) => { const p = new WorkerPool(size); pools.push(p); return p; };
afterEach(async () => { await Promise.all(pools.splice(0).map((p) => p.close())); delete process.env.TRIALSIM_FAULT; });

describe('worker pool kept across runs', () => {
  it('runs concurrent runs of different scenarios, and more scenarios than a thread keeps, as a run in this thread would', async () => {
    const scenarios = [40, 60, 80, 100, 120, 140].map(trial);
    const reference = await Promise.all(scenarios.map((s) => state(s, { workers: 0 })));
    const pool = newPool(2);
    const concurrent = await Promise.all(scenarios.map((s) => state(s, { pool, chunkSize: 23 })));
    expect(concurrent).toEqual(reference);
    // The first scenario again, after five others have passed through the threads.
    expect(await state(scenarios[0], { pool, chunkSize: 50 })).toBe(reference[0]);
  });

  it('a failing run names its replicates; the pool runs the next one', async () => {
    process.env.TRIALSIM_FAULT = 'throw@7';
    const pool = new WorkerPool(2, { execArgv: ['--import', FAULTS] });
    pools.push(pool);
    const s = trial(60);
    const failure = await state(s, { pool, chunkSize: 10 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkerFailure);
    expect((failure as Error).message).toBe('replicates 1-10 failed: injected fault at replicate 7');
    const reference = await state(s, { workers: 0, range: [11, 301] });
    expect(await state(s, { pool, chunkSize: 10, range: [11, 301] })).toBe(reference);
  });

  it('an interrupted run stops; the pool runs the next one', async () => {
    const pool = newPool(2);
    const s = trial(200);
    const controller = new AbortController();
    const interrupted = state(trial(200), { pool, chunkSize: 5, range: [1, 5001], signal: controller.signal, onProgress: (done) => { if (done >= 20) controller.abort(); } });
    await expect(interrupted).rejects.toBeInstanceOf(Interrupted);
    expect(await state(s, { pool, chunkSize: 40 })).toBe(await state(s, { workers: 0 }));
  });

  it('closing the pool rejects the runs in progress, and none reports partial results as complete', async () => {
    const pool = newPool(1);
    let closing: Promise<void> | undefined;
    // Close as soon as the first chunk is in: both runs are then certainly in progress.
    const onProgress = () => { closing ??= pool.close(); };
    const runs = [trial(100), trial(120)].map((s, k) => state(s, { pool, chunkSize: 5, range: [1, 2001], onProgress: k === 0 ? onProgress : undefined }));
    const settled = await Promise.allSettled(runs);
    await closing;
    expect(settled.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    for (const r of settled) expect((r as PromiseRejectedResult).reason.message).toBe('the worker pool is closed');
  });

  it('a thread that dies while idle does not crash the process; the next run fails naming its replicates', async () => {
    // Threads with a 2 MB heap die while loading; wait for both to have ended.
    let ended = 0;
    let bothEnded!: () => void;
    const dead = new Promise<void>((resolve) => (bothEnded = resolve));
    const pool = new WorkerPool(2, { workerMemoryMb: 2, onThreadEnd: () => { if (++ended === 2) bothEnded(); } }).start();
    pools.push(pool);
    await dead;
    await expect(state(trial(40), { pool, chunkSize: 100 })).rejects.toBeInstanceOf(WorkerFailure);
  });

  it('a closed pool refuses work', async () => {
    const pool = newPool(1);
    await pool.close();
    await expect(state(trial(40), { pool })).rejects.toThrow('the worker pool is closed');
  });
});
