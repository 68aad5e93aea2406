/**
 * Exact runs on threads (run/exact.ts): every outcome belongs to one share,
 * the threads enumerate shares, and the shares' sums merged in share order
 * give the summary of the same computation in this thread to the last digit,
 * for any number of threads or split of the shares. Checked on a basket
 * design with every kind of part: a Bayesian analysis without interim, one
 * with an interim (its second-stage outcomes follow the interim vector's
 * share), Simon's two stages, independent exact tests and a randomised basket.
 */
import { describe, it, expect } from 'vitest';
import { basketData } from '../designs/basket/helpers.js';
import { scenario } from '../helpers/scenarios.js';
import { computeExact, exactOnThreads, describeScenario, SMALL_EXACT } from '../../src/run/simulate.js';
import { exactComputation, exactPieces, mergeExactPieces, type ExactPiece } from '../../src/run/exact.js';
import { EXACT_SHARES, type ExactPart } from '../../src/designs/types.js';
import type { Summary } from '../../src/summary/summarise.js';
import { WorkerPool, WorkerFailure } from '../../src/run/worker-pool.js';
import { FAULTS } from '../helpers/cli.js';
import { enumerateAnalysis } from '../../src/designs/basket/enumerate.js';
import { buildAnalyser } from '../../src/designs/basket/trial.js';
import { TrialData } from '../../src/designs/basket/patients.js';
import type { BasketSetup } from '../../src/designs/basket/setup.js';
import { exactThreads } from '../../src/run/simulate.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const data = basketData({
  p0: 0.2,
  baskets: [
    { id: 'a', sampleSize: 6, responseRate: 0.2 }, { id: 'b', sampleSize: 6, responseRate: 0.35 },
    { id: 'c', sampleSize: 6, responseRate: 0.2 }, { id: 'd', sampleSize: 6, responseRate: 0.5, control: { sampleSize: 6, responseRate: 0.2 } },
  ],
  analyses: [
    { method: 'hierarchical', threshold: 0.9 },
    { method: 'exnex', threshold: 0.9, interim: { fraction: 0.5, futility: 0.2 } },
    { method: 'independent-exact' },
  ],
}, { seed: 3 });

/** The summary without the seconds the enumeration took. */
const bytes = (s: Summary) => JSON.stringify({ ...s, exact: { ...(s.exact as object), seconds: 0 } });

describe('exact runs on threads', () => {
  const here = computeExact(scenario(data, { exact: true })).summary;

  it('run a small computation in this thread, a large one on threads', async () => {
    const small = scenario(data, { exact: true });
    expect(small.prepared.exact).toEqual({ outcomes: expect.any(Number) });
    expect((small.prepared.exact as { outcomes: number }).outcomes).toBeLessThan(SMALL_EXACT);
    // a closed pool refuses every run: the small computation never asks it
    const closed = new WorkerPool(2);
    await closed.close();
    expect(bytes((await exactOnThreads(small, { pool: closed, workers: 2 })).summary)).toBe(bytes(here));
    await expect(exactOnThreads(small, { pool: closed, workers: 2, threadsFrom: 0 })).rejects.toThrow(/closed/);
  });

  it('give the summary of this thread to the last digit on 2 and 3 threads', async () => {
    for (const workers of [2, 3]) expect(bytes((await exactOnThreads(scenario(data, { exact: true }), { workers, threadsFrom: 0 })).summary)).toBe(bytes(here));
  });

  it('say in run.json how many threads they ran on', async () => {
    const small = scenario(data, { exact: true });
    expect(exactThreads(small, { workers: 2 })).toBe(1);
    expect(exactThreads(small, { workers: 1, threadsFrom: 0 })).toBe(1);
    expect(exactThreads(small, { workers: 3, threadsFrom: 0 })).toBe(3);
    const out = mkdtempSync(join(tmpdir(), 'trialsim-exact-'));
    try {
      const { path } = await runScenario(small, { out, workers: 2 });
      expect(JSON.parse(readFileSync(join(path, 'run.json'), 'utf8'))).toMatchObject({ method: 'exact', workers: 1 });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('name the shares, not replicates, when a thread fails', async () => {
    process.env.TRIALSIM_FAULT = 'throw@0';
    const pool = new WorkerPool(2, { execArgv: ['--import', FAULTS] });
    try {
      const failure = await exactOnThreads(scenario(data, { exact: true }), { pool, workers: pool.size, threadsFrom: 0 }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(WorkerFailure);
      expect((failure as WorkerFailure).unit).toBe('exact shares');
      expect((failure as Error).message).toMatch(/^exact shares 0-\d+ failed: injected fault/);
    } finally {
      delete process.env.TRIALSIM_FAULT;
      await pool.close();
    }
  });

  it('give it on a pool kept across runs, and for any split of the shares into pieces', async () => {
    const pool = new WorkerPool(2);
    try {
      expect(bytes((await exactOnThreads(scenario(data, { exact: true }), { pool, workers: pool.size, threadsFrom: 0 })).summary)).toBe(bytes(here));
    } finally {
      await pool.close();
    }
    const loaded = scenario(data, { exact: true });
    const { layout, centres } = describeScenario(loaded);
    const c = exactComputation(loaded.spec, loaded.prepared.data) as { parts: ExactPart[] };
    const units = c.parts.length * EXACT_SHARES;
    const cuts = [0, 5, 64, 65, 100, 191, units];
    const pieces: ExactPiece[] = [];
    // the pieces of uneven splits (within a part and across parts), last ones first
    for (let i = cuts.length - 2; i >= 0; i--) pieces.push(...exactPieces(c, layout, Float64Array.from(centres), cuts[i], cuts[i + 1]));
    expect(pieces.map((p) => p.unit).sort((a, b) => a - b)).toEqual(Array.from({ length: units }, (_, u) => u));
    const whole = mergeExactPieces(c, layout, Float64Array.from(centres), exactPieces(c, layout, Float64Array.from(centres), 0, units));
    const split = mergeExactPieces(c, layout, Float64Array.from(centres), pieces);
    expect(split.parts).toEqual((here.exact as { parts: unknown }).parts);
    expect(JSON.stringify(split.acc.tally(), (_, v) => (v instanceof Map ? [...v] : v))).toBe(JSON.stringify(whole.acc.tally(), (_, v) => (v instanceof Map ? [...v] : v)));
  });

  it('visit every outcome once: each part its whole probability and its known number of outcomes', () => {
    const parts = (here.exact as { parts: { label: string; outcomes: number; probability: number }[] }).parts;
    expect(parts.map((p) => p.label)).toEqual(['analysis hierarchical', 'analysis exnex', 'analysis independent-exact', 'randomised basket d']);
    expect(parts[0].outcomes).toBe(7 ** 4);
    expect(parts[3].outcomes).toBe(7 * 7);
    for (const p of parts) expect(p.probability).toBeCloseTo(1, 13);
  });
});

describe('the shares of a basket analysis', () => {
  it('keep every permutation of exchangeable baskets\' counts together, and spread the sorted vectors over the shares', () => {
    const loaded = scenario(basketData({ p0: 0.2, baskets: ['a', 'b', 'c', 'd'].map((id) => ({ id, sampleSize: 12, responseRate: 0.3 })), analyses: [{ method: 'hierarchical', threshold: 0.9 }] }));
    const setup = loaded.prepared.data as BasketSetup;
    const analyser = buildAnalyser(setup, setup.analyses[0], {});
    const trial = new TrialData(setup);
    const shareOfSorted = new Map<string, number>();
    const used = new Set<number>();
    let outcomes = 0;
    enumerateAnalysis(setup.baskets, [0.3, 0.3, 0.3, 0.3], analyser, trial, (_, share) => {
      outcomes++;
      const key = trial.cum.map((c) => c[12]).sort((x, y) => x - y).join(',');
      expect(shareOfSorted.get(key) ?? share).toBe(share);
      shareOfSorted.set(key, share);
      used.add(share);
    });
    expect(outcomes).toBe(13 ** 4);
    // C(16, 4) sorted vectors over the 64 shares, none empty
    expect(shareOfSorted.size).toBe(1820);
    expect(used.size).toBe(EXACT_SHARES);
  });

  it('skip the outcomes of the shares not wanted, before analysing them', () => {
    const loaded = scenario(basketData({ p0: 0.2, baskets: ['a', 'b'].map((id) => ({ id, sampleSize: 6, responseRate: 0.3 })), analyses: [{ method: 'hierarchical', threshold: 0.9 }] }));
    const setup = loaded.prepared.data as BasketSetup;
    const analyser = buildAnalyser(setup, setup.analyses[0], {});
    let analysed = 0;
    const analyse = analyser.analyse.bind(analyser);
    analyser.analyse = (d) => { analysed++; analyse(d); };
    const seen: number[] = [];
    enumerateAnalysis(setup.baskets, [0.3, 0.3], analyser, new TrialData(setup), (_, share) => seen.push(share), (share) => share < 16);
    expect(seen.every((s) => s < 16)).toBe(true);
    expect(analysed).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(49);
  });
});
