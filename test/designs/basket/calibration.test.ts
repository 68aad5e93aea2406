/**
 * Calibration of the Bayesian thresholds: calibrate under the global null on
 * one seed, then run the design with the calibrated thresholds under the
 * global null on another seed. Each basket's type I error (or the
 * family-wise error) must be within 4 Monte Carlo SEs of the target, the SE
 * combining the run's binomial error and the calibration's own,
 * sqrt(target (1 - target) (1 / R_run + 1 / R_calibration)).
 */
import { describe, it, expect } from 'vitest';
import { calibrateThresholds, quantileThreshold } from '../../../src/designs/basket/calibrate.js';
import { roundThreshold } from '../../../src/cli/calibrate.js';
import { basketData, load, run, hypothesis } from './helpers.js';
import { runStreams } from '../../../src/random/stream.js';
import type { TestScenario } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';

/** Calibrates a loaded basket scenario from the calibration streams of `seed`. */
function calibrated(loaded: TestScenario, options: { target: number; error?: 'basket' | 'fwer'; replicates: number; seed: number }) {
  return calibrateThresholds(loaded.spec, loaded.prepared.data, runStreams(options.seed), options);
}

const target = 0.05;
const Rcal = 8000;
const Rrun = 8000;
const baskets = ['a', 'b', 'c', 'd'].map((id) => ({ id, sampleSize: 15, responseRate: 0.2 }));

function design(thresholds: { hierarchical: number; fujikawa: number }) {
  return basketData({
    p0: 0.2,
    baskets,
    analyses: [
      { method: 'hierarchical', threshold: thresholds.hierarchical },
      { method: 'fujikawa', threshold: thresholds.fujikawa },
    ],
  }, { replicates: Rrun, seed: 202 });
}

/** The fresh run's binomial MCSE at the target, combined with the calibration's own Monte Carlo error. */
const mcse = (errorMcse: number) => Math.hypot(binomialMcse(target, Rrun), errorMcse);

describe('calibrated thresholds hold the target error on fresh replicates', () => {
  it('per basket: every basket\'s type I error is within Monte Carlo error of the target', async () => {
    const cal = calibrated(load(design({ hierarchical: 0.95, fujikawa: 0.95 })), { target, replicates: Rcal, seed: 101 });
    const [h, f] = cal.thresholds;
    expect(h.analysis).toBe('hierarchical');
    expect(h.lower!).toBeLessThanOrEqual(h.threshold!);
    expect(h.threshold!).toBeLessThanOrEqual(h.upper!);
    expect(h.achieved).toBeLessThanOrEqual(target);
    const s = await run(design({ hierarchical: roundThreshold(h.threshold!), fujikawa: roundThreshold(f.threshold!) }));
    for (const method of ['hierarchical', 'fujikawa']) {
      for (const b of baskets) {
        const rate = hypothesis(s, `${method}:${b.id}`).rate;
        expectWithinMcse(rate, target, { mcse: mcse(cal.errorMcse), what: `${method}:${b.id}` });
      }
    }
  });

  it('family-wise: the chance of any false success is within Monte Carlo error of the target', async () => {
    const cal = calibrated(load(design({ hierarchical: 0.95, fujikawa: 0.95 })), { target, error: 'fwer', replicates: Rcal, seed: 103 });
    const [h, f] = cal.thresholds;
    expect(h.fwer).toBeLessThanOrEqual(target);
    const s = await run(design({ hierarchical: roundThreshold(h.threshold!), fujikawa: roundThreshold(f.threshold!) }));
    for (const method of ['hierarchical', 'fujikawa']) {
      const rate = hypothesis(s, `${method}:fwer`).rate;
      expectWithinMcse(rate, target, { mcse: mcse(cal.errorMcse), what: `${method}:fwer` });
    }
  });

  it('the threshold is the order statistic leaving at most the target share above it, with a binomial-rank interval', () => {
    const sorted = Float64Array.from({ length: 1000 }, (_, i) => (i + 1) / 1000);
    const q = quantileThreshold(sorted, 0.05);
    expect(q.threshold).toBe(0.95);
    // ranks 950 -+ 1.96 sqrt(1000 x 0.05 x 0.95) = 950 -+ 13.5
    expect(q.lower).toBe(0.936);
    expect(q.upper).toBe(0.964);
  });
});
