/**
 * Interims of the Bayesian analyses. At the interim the hierarchical model
 * is fitted to every basket's counts so far; a basket stops for futility
 * when P(p > p0 | data) is below the futility threshold and stops as a
 * success above the efficacy threshold; the final model uses each basket's
 * counts when it closed. The exact operating characteristics come from
 * enumerating every interim and final outcome through the same rule written
 * out again here (double programming); the simulated ones must lie within 4
 * Monte Carlo SEs. Interim timing follows the accrual rates.
 */
import { describe, it, expect } from 'vitest';
import { createBerryHierarchicalModel } from '../../../src/stats/basket/index.js';
import { binomialPmf } from '../../../src/stats/distributions.js';
import { interimSizes, type BasketInfo } from '../../../src/designs/basket/setup.js';
import { basketData, run, expectRate, expectMean, expectEstimateMean } from './helpers.js';

const n = [8, 10];
const n1 = [4, 5];
const rates = [0.15, 0.45];
const p0 = 0.15;
const rule = { threshold: 0.9, futility: 0.2, efficacy: 0.995 };

/** Exact P(success), P(early stop), E[patients] and E[estimate] per basket by enumeration. */
function enumerate() {
  const model = createBerryHierarchicalModel({ nullRates: [p0, p0] });
  const out = { reject: [0, 0], stop: [0, 0], efficacy: [0, 0], patients: [0, 0], estimate: [0, 0], fwer: 0 };
  for (let a = 0; a <= n1[0]; a++) {
    for (let b = 0; b <= n1[1]; b++) {
      const wInterim = binomialPmf(a, n1[0], rates[0]) * binomialPmf(b, n1[1], rates[1]);
      const interim = model.posterior([a, b], n1).probAboveNull;
      const stop = interim.map((p) => (p < rule.futility ? 'futility' : p > rule.efficacy ? 'efficacy' : null));
      const rest = [0, 1].map((k) => (stop[k] ? 0 : n[k] - n1[k]));
      for (let c = 0; c <= rest[0]; c++) {
        for (let d = 0; d <= rest[1]; d++) {
          const w = wInterim * binomialPmf(c, rest[0], rates[0]) * binomialPmf(d, rest[1], rates[1]);
          const sizes = [0, 1].map((k) => n1[k] + rest[k]);
          const post = model.posterior([a + c, b + d], sizes);
          const reject = [0, 1].map((k) => stop[k] === 'efficacy' || (stop[k] === null && post.probAboveNull[k] > rule.threshold));
          for (const k of [0, 1]) {
            if (reject[k]) out.reject[k] += w;
            if (stop[k]) out.stop[k] += w;
            if (stop[k] === 'efficacy') out.efficacy[k] += w;
            out.patients[k] += w * sizes[k];
            out.estimate[k] += w * post.posteriorMean[k];
          }
          if (reject[0]) out.fwer += w;
        }
      }
    }
  }
  return out;
}

describe('Bayesian interims', () => {
  it('futility and efficacy stops of the hierarchical model match the exact enumeration', async () => {
    const exact = enumerate();
    expect(exact.stop[0]).toBeGreaterThan(0.05);
    expect(exact.efficacy[1]).toBeGreaterThan(0.01);
    const s = await run(basketData({
      p0,
      baskets: [{ id: 'x', sampleSize: n[0], responseRate: rates[0] }, { id: 'y', sampleSize: n[1], responseRate: rates[1] }],
      analyses: [{ method: 'hierarchical', threshold: rule.threshold, interim: { fraction: 0.5, futility: rule.futility, efficacy: rule.efficacy } }],
    }, { replicates: 6000, seed: 51 }));
    ['x', 'y'].forEach((id, k) => {
      expectRate(s, `hierarchical:${id}`, exact.reject[k]);
      expectMean(s, `early-stop:hierarchical:${id}`, exact.stop[k]);
      expectMean(s, `efficacy-stop:hierarchical:${id}`, exact.efficacy[k]);
      expectMean(s, `n:hierarchical:${id}`, exact.patients[k]);
      expectEstimateMean(s, `rate:hierarchical:${id}`, exact.estimate[k]);
    });
    expectRate(s, 'hierarchical:fwer', exact.fwer);
    const analyses = s.analyses as { interim: { patients: Record<string, number> } }[];
    expect(analyses[0].interim.patients).toEqual({ x: 4, y: 5 });
  });

  it('the interim is held when the planned fraction of all patients has enrolled at the baskets\' accrual rates', () => {
    const b = (size: number, accrualPerMonth?: number) => ({ n: size, accrualPerMonth }) as BasketInfo;
    // 2.5 patients a month in all reach 15 of 30 at month 6: 12 and 3 enrolled
    expect(Array.from(interimSizes([b(20, 2), b(10, 0.5)], 0.5))).toEqual([12, 3]);
    // the fast basket is full at month 5; the other then reaches 24 of 40 in all at month 7
    expect(Array.from(interimSizes([b(10, 2), b(30, 2)], 0.6))).toEqual([10, 14]);
    // without accrual rates every basket is at the same fraction
    expect(Array.from(interimSizes([b(20), b(15)], 0.5))).toEqual([10, 8]);
  });
});
