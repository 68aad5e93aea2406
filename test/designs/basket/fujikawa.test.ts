/**
 * Design-level checks of the Fujikawa et al. (2020) analysis:
 * - a single basket has nothing to borrow from, so its posterior is
 *   Beta(1 + y, 1 + n - y) and the decision is a critical count, with exact
 *   rejection probabilities and posterior means (R fixture);
 * - with two baskets, the simulated rejection rates match the exact ones
 *   from enumerating every pair of counts through the borrowed posterior
 *   (the stats tests check that posterior against a worked example); the
 *   cache and the layout must not change any decision.
 */
import { describe, it, expect } from 'vitest';
import { fujikawaPosterior } from '../../../src/stats/basket/index.js';
import { binomialPmf } from '../../../src/stats/distributions.js';
import { basketData, run, expectRate, expectEstimateMean, fixture } from './helpers.js';

describe('Fujikawa borrowing in the basket design', () => {
  it('one basket alone: the Beta posterior rule rejects with the exact binomial probability', async () => {
    const f = fixture.fujikawa;
    for (const [k, rate] of f.rate.entries()) {
      const s = await run(basketData({
        p0: f.p0,
        baskets: [{ id: 'only', sampleSize: f.n, responseRate: rate }],
        analyses: [{ method: 'fujikawa', threshold: f.threshold }],
      }, { replicates: 5000, seed: 40 + k }));
      expectRate(s, 'fujikawa:only', f.rejection[k]);
      expectEstimateMean(s, 'rate:fujikawa:only', f.meanEstimate[k]);
    }
  });

  it('two baskets: rejection rates and the family-wise error equal the enumeration over all outcomes', async () => {
    const n = [10, 12];
    const rates = [0.15, 0.45];
    const p0 = 0.15;
    const threshold = 0.9;
    const options = { epsilon: 2, tau: 0.3 };
    const exact = [0, 0];
    let anyFalse = 0;
    for (let y1 = 0; y1 <= n[0]; y1++) {
      for (let y2 = 0; y2 <= n[1]; y2++) {
        const w = binomialPmf(y1, n[0], rates[0]) * binomialPmf(y2, n[1], rates[1]);
        const post = fujikawaPosterior([y1, y2], n, p0, options);
        const reject = post.probAboveNull.map((p) => p > threshold);
        reject.forEach((r, k) => (exact[k] += r ? w : 0));
        if (reject[0]) anyFalse += w;
      }
    }
    expect(exact[0]).toBeGreaterThan(0.01);
    const s = await run(basketData({
      p0,
      baskets: [{ id: 'x', sampleSize: n[0], responseRate: rates[0] }, { id: 'y', sampleSize: n[1], responseRate: rates[1] }],
      analyses: [{ method: 'fujikawa', threshold, ...options }],
    }, { replicates: 5000, seed: 44 }));
    expectRate(s, 'fujikawa:x', exact[0]);
    expectRate(s, 'fujikawa:y', exact[1]);
    expectRate(s, 'fujikawa:fwer', anyFalse);
  });
});
