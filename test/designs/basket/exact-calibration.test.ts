/**
 * Exact calibration (calibrate --exact): the threshold is the smallest value
 * of the statistic whose exact error under the global null is at most the
 * target, the same for every seed; an exact run at that threshold has its
 * error at most the target, and at the next value below it the error
 * exceeds the target (so no smaller threshold would do).
 */
import { describe, it, expect } from 'vitest';
import { basketData } from './helpers.js';
import { scenario } from '../../helpers/scenarios.js';
import { computeExact } from '../../../src/run/simulate.js';
import { calibrateExactly } from '../../../src/designs/basket/exact-calibration.js';
import { calibrateExactlyOn } from '../../../src/run/calibration.js';
import { globalNullSetup } from '../../../src/designs/basket/calibrate.js';
import { buildAnalyser } from '../../../src/designs/basket/trial.js';
import { TrialData } from '../../../src/designs/basket/patients.js';
import { enumerateAnalysis } from '../../../src/designs/basket/enumerate.js';
import type { BasketSetup } from '../../../src/designs/basket/setup.js';
import { calibrateThresholds } from '../../../src/designs/basket/calibrate.js';
import { runStreams } from '../../../src/random/stream.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';
import type { Summary } from '../../../src/summary/summarise.js';

const design = (threshold: number, rates = [0.2, 0.2, 0.2]) => basketData({
  p0: 0.2,
  baskets: rates.map((r, k) => ({ id: `b${k}`, sampleSize: 12, responseRate: r })),
  analyses: [{ method: 'hierarchical', threshold }, { method: 'fujikawa', id: 'fuji', threshold, interim: { fraction: 0.5, futility: 0.05 } }],
});

const exactRun = (threshold: number): Summary => computeExact(scenario(design(threshold), { exact: true })).summary;

describe('exact calibration of basket thresholds', () => {
  const loaded = scenario(design(0.95));
  const perBasket = (seed: number) => calibrateExactly(loaded.spec, loaded.prepared.data, { target: 0.05, seed });
  const fwer = calibrateExactly(loaded.spec, loaded.prepared.data, { target: 0.1, error: 'fwer', seed: 1 });

  it('returns the same thresholds whatever the seed', () => {
    expect(perBasket(1).thresholds).toEqual(perBasket(99).thresholds);
    expect(perBasket(1).method).toBe('exact');
  });

  it('holds the per-basket error at the target exactly, and no smaller threshold would', () => {
    for (const t of perBasket(1).thresholds) {
      const at = exactRun(t.threshold!);
      const id = t.analysis;
      const worst = Math.max(...['b0', 'b1', 'b2'].map((b) => at.hypotheses.find((h) => h.id === `${id}:${b}`)!.rate));
      expect(worst).toBeLessThanOrEqual(0.05);
      expect(Math.abs(worst - t.achieved)).toBeLessThan(1e-12);
      // Just below the threshold the outcomes at it are rejected too: the error jumps above the target.
      const below = exactRun(t.threshold! - 1e-12);
      expect(Math.max(...['b0', 'b1', 'b2'].map((b) => below.hypotheses.find((h) => h.id === `${id}:${b}`)!.rate))).toBeGreaterThan(0.05);
    }
  });

  it('gives the same thresholds, errors and outcomes on threads as in this thread (its null outcomes shared out by share)', async () => {
    for (const options of [{ target: 0.05, seed: 1 }, { target: 0.1, error: 'fwer' as const, seed: 1, analyses: ['fuji'] }]) {
      const here = calibrateExactly(loaded.spec, loaded.prepared.data, options);
      const inThread = await calibrateExactlyOn(loaded.spec, loaded.prepared.data, options, 0);
      const onThreads = await calibrateExactlyOn(loaded.spec, loaded.prepared.data, options, 2);
      expect(inThread).toEqual(here);
      expect(onThreads).toEqual(here);
    }
    await expect(calibrateExactlyOn(loaded.spec, loaded.prepared.data, { target: 1.5, seed: 1 }, 2)).rejects.toThrow(/target: expected an error rate between 0 and 1, found 1.5/);
  });

  it('holds the family-wise error at the target when asked', () => {
    for (const t of fwer.thresholds) {
      expect(t.fwer).toBeLessThanOrEqual(0.1);
      const at = exactRun(t.threshold!);
      expect(Math.abs(at.families!.find((f) => f.id === t.analysis)!.familywiseError!.rate - t.fwer)).toBeLessThan(1e-12);
    }
  });

  it('the simulated calibration estimates, at its threshold, the exact errors within 4 Monte Carlo SEs', () => {
    const R = 20_000;
    const simulated = calibrateThresholds(loaded.spec, loaded.prepared.data, runStreams(5), { target: 0.05, replicates: R, seed: 5 });
    for (const s of simulated.thresholds) {
      const at = exactRun(s.threshold!);
      for (const [b, estimated] of Object.entries(s.byBasket)) {
        const exact = at.hypotheses.find((h) => h.id === `${s.analysis}:${b}`)!.rate;
        expectWithinMcse(estimated, exact, { mcse: binomialMcse(exact, R), what: `${s.analysis}:${b}` });
      }
    }
  });
});

describe('the statistic an exact calibration reads', () => {
  // The calibration fits without credible intervals (interval: none, about 5x faster for four baskets of 25): it must
  // not move the statistic P(p_k > p0 | data) by a bit, for any method, interval kind or interim.
  const analyses = {
    'hierarchical, equal-tailed': { method: 'hierarchical', threshold: 0.95 },
    'hierarchical, hpd, with an interim': { method: 'hierarchical', threshold: 0.9, interval: 'hpd', interim: { fraction: 0.5, futility: 0.1, efficacy: 0.99 } },
    'exnex, hpd': { method: 'exnex', threshold: 0.95, interval: 'hpd' },
    'fujikawa, with an interim': { method: 'fujikawa', threshold: 0.95, interim: { fraction: 0.5, futility: 0.05 } },
  };
  for (const [what, analysis] of Object.entries(analyses)) {
    it(`is the same bits with and without intervals (${what})`, () => {
      const loaded = scenario(basketData({ p0: 0.2, baskets: [8, 10, 10].map((n, k) => ({ id: `b${k}`, sampleSize: n, responseRate: 0.2 + 0.1 * k })), analyses: [analysis] }));
      const setup = globalNullSetup(loaded.prepared.data as BasketSetup);
      const info = setup.analyses[0];
      const statistics = (spec: typeof info.spec) => {
        const a = buildAnalyser(setup, { ...info, spec }, { cacheBytes: 1 << 26, shared: false });
        const out: number[] = [];
        enumerateAnalysis(setup.baskets, setup.baskets.map((b) => b.p0), a, new TrialData(setup), () => out.push(...a.result.statistic));
        return out;
      };
      const withIntervals = statistics(info.spec), without = statistics({ ...info.spec, interval: 'none' } as typeof info.spec);
      expect(without.length).toBeGreaterThan(3 * 9 * 11 * 11 - 1);
      expect(without.every((x, i) => Object.is(x, withIntervals[i]))).toBe(true);
    });
  }
});

