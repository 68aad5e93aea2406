/**
 * The sequential design's randomisation method. Permuted blocks within each
 * level and set of accepted options keep the options' counts within one
 * block of their weights at every level (exact, in every replicate); simple
 * randomisation (the default, as STAR*D) does not, and says so in the
 * checked scenario. The marginal allocation probability is the weight share
 * either way; with permuted blocks the randomised comparison at level 1
 * rejects under the null at its test's exact size, enumerated over the
 * arms' possible sizes and outcomes (4 MCSE). A replicate's blocks start afresh, so
 * its allocations do not depend on the replicates a worker ran before it.
 */
import { describe, it, expect } from 'vitest';
import { sequential, level, run, hypothesis } from './helpers.js';
import { SequentialTrial } from '../../../src/designs/sequential/trial.js';
import { sequentialSetup } from '../../../src/designs/sequential/setup.js';
import type { SequentialScenario } from '../../../src/designs/sequential/schema.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';
import { binomialPmfVector } from '../../../src/stats/basket/exact-binomial.js';
import { pooledZTest } from '../../../src/stats/proportions.js';

const design = (method: 'simple' | 'permuted-block') => ({
  sampleSize: 301,
  randomisation: { method, blocks: 2 },
  treatments: { A: {}, B: {}, C: {} },
  levels: [level('L1', { A: 0.3, B: 0.3, C: 0.3 }), level('L2', { B: 0.2, C: 0.2 })],
  analysis: { comparisons: [{ level: 'L1', compare: ['A', 'B'] }] },
});

/** Largest spread between option counts at level 1 over replicates 1..R. */
function worstImbalance(method: 'simple' | 'permuted-block', R: number): number {
  const spec = sequential(design(method)).spec as SequentialScenario;
  const trial = new SequentialTrial(spec, sequentialSetup(spec), 301);
  let worst = 0;
  for (let r = 1; r <= R; r++) {
    trial.run(new ReplicateStreams(17, r), 301);
    const counts = [0, 0, 0];
    for (let i = 0; i < 301; i++) counts[trial.option[i * trial.L]]++;
    worst = Math.max(worst, Math.max(...counts) - Math.min(...counts));
  }
  return worst;
}

describe('sequential randomisation', () => {
  it('says simple randomisation when not told otherwise', () => {
    const defaulted = sequential({ ...design('simple'), randomisation: undefined }).spec as SequentialScenario;
    expect(defaulted.design.randomisation).toEqual({ method: 'simple', blocks: 2 });
  });

  it('permuted blocks of 2 x 3 keep the three options within 2 of each other in every trial', () => {
    expect(worstImbalance('permuted-block', 200)).toBeLessThanOrEqual(2);
    expect(worstImbalance('simple', 200)).toBeGreaterThan(2);
  });

  it('a replicate\'s permuted blocks do not depend on the replicates run before it', () => {
    const spec = sequential(design('permuted-block')).spec as SequentialScenario;
    const options = (trial: SequentialTrial) => Array.from(trial.option);
    const alone = options(new SequentialTrial(spec, sequentialSetup(spec), 301).run(new ReplicateStreams(17, 5), 301));
    const after = new SequentialTrial(spec, sequentialSetup(spec), 301);
    for (const r of [1, 2, 3, 4]) after.run(new ReplicateStreams(17, r), 301);
    expect(options(after.run(new ReplicateStreams(17, 5), 301))).toEqual(alone);
  });

  it('the level-1 comparison rejects at the exact size of its test under the null with permuted blocks', async () => {
    // 301 patients in blocks of six: 50 whole blocks give each option 100, the last patient goes to A, B or C
    // with probability 1/3 each, so (n_A, n_B) is (101, 100), (100, 101) or (100, 100). The exact size of the
    // two-sided pooled z test at 0.05 with remission 0.3 in both arms, by enumerating every outcome pair:
    const size = (nA: number, nB: number) => {
      const fA = binomialPmfVector(nA, 0.3), fB = binomialPmfVector(nB, 0.3);
      let p = 0;
      for (let a = 0; a <= nA; a++) for (let b = 0; b <= nB; b++) if (pooledZTest(a, nA, b, nB).pTwoSided <= 0.05) p += fA[a] * fB[b];
      return p;
    };
    const exact = (size(101, 100) + size(100, 101) + size(100, 100)) / 3;
    const R = 4000;
    const summary = await run(sequential(design('permuted-block'), { replicates: R }));
    const h = summary.hypotheses.find((x) => x.family !== 'sequence' && /L1/.test(x.id))!;
    expect(hypothesis(summary, h.id).meaning).toBe('type I error');
    expectWithinMcse(h.rate, exact, { mcse: binomialMcse(exact, R), what: `rejection rate (exact size ${exact})` });
  });
});
