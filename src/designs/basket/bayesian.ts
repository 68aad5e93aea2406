/**
 * A Bayesian basket analysis in a trial: an optional interim, then the
 * final analysis, each a posterior over all baskets' counts so far.
 *
 * At the interim (when `fraction` of the planned drug patients have
 * enrolled; sizes from setup.ts) the model is fitted to every basket's
 * counts so far, and basket k stops for futility if
 * P(p_k > p0_k | data) < futility, or stops and is declared a success if
 * it exceeds the efficacy threshold (baskets with no patients yet, or
 * already complete, go on). The final model uses each basket's counts when
 * it closed (stopped baskets keep informing the others), and a basket that
 * went on is a success when P(p_k > p0_k | data) > threshold.
 *
 * Posteriors are cached by the (y, n) vector (cache.ts): the interim and
 * final fits are each computed once per distinct outcome, and fitted at the
 * vector sorted within classes of exchangeable baskets (symmetry.ts), so
 * permutations of one outcome share a fit. When the prepared setup holds a
 * shared posterior table (shared-table.ts), every worker thread reads and
 * fills that one table instead of a cache of its own.
 */
import { newResult, STOP_EFFICACY, STOP_FUTILITY, STOP_NONE, type BasketAnalyser } from './analysis.js';
import { CACHE_BYTES, OutcomeKey, ResultCache } from './cache.js';
import { posteriorFunction, coveragePosteriorFunction, priorClassKeys, ENTRY } from './posterior.js';
import type { AnalysisInfo, BasketSetup, BayesSpec } from './setup.js';
import { ExchangeableBaskets } from './symmetry.js';
import { SharedPosteriors } from './shared-table.js';
import { SharedPosteriorHash } from './shared-hash.js';

/**
 * An exact run's coverage (exact-parts.ts): each basket's true rate. The
 * hierarchical and EXNEX analyses with equal-tailed intervals then compute,
 * instead of the limits, the posterior CDF at the truth, and report the
 * interval as the truth itself when the CDF there lies in [0.025, 0.975]
 * (the interval covers it) and as truth + 1 when not: the record is only
 * ever read for coverage in an exact run (summary/weighted.ts), never
 * written out. Other analyses compute their intervals as in a simulation.
 */
export interface ExactCoverage {
  truths: readonly number[];
}

export function bayesianAnalyser(setup: BasketSetup, info: AnalysisInfo & { spec: BayesSpec }, cacheBytes = CACHE_BYTES, exact?: ExactCoverage): BasketAnalyser {
  const spec = info.spec;
  const K = setup.baskets.length;
  const sizes = Int32Array.from(setup.baskets, (b) => b.n);
  const interim = info.interimSizes ?? null;
  const ids = setup.baskets.map((b) => b.id);
  const exchangeable = new ExchangeableBaskets(setup.baskets, interim, priorClassKeys(spec, ids));
  // an exact run's coverage: the CDF at every truth of a basket's exchangeable class (a sorted vector's slot may hold any of them)
  const rates = exact ? setup.baskets.map((_, k) => [...new Set(exchangeable.classOf(k).map((j) => exact.truths[j]))].sort((a, b) => a - b)) : null;
  const covering = rates ? coveragePosteriorFunction(spec, setup.baskets.map((b) => b.p0), ids, setup.baskets.map((b) => b.n), rates, info.tables) : null;
  const posterior = covering ?? posteriorFunction(spec, setup.baskets.map((b) => b.p0), ids, info.tables);
  const width = covering ? (3 + Math.max(...rates!.map((r) => r.length))) * K : ENTRY * K;
  const truthAt = rates ? rates.map((r, k) => r.indexOf(exact!.truths[k])) : null;
  const keys = new OutcomeKey(sizes, interim);
  const cache = ResultCache.forEntries<Float64Array>(8 * width, cacheBytes);
  const y = new Array<number>(K).fill(0);
  const n = new Array<number>(K).fill(0);
  const result = newResult(K);
  const futility = spec.interim?.futility ?? -Infinity;
  // A compound go rule folds into the statistic, so calibration still searches one threshold.
  const go = spec.go ?? null;
  const efficacy = spec.interim?.efficacy ?? Infinity;

  const shared = info.shared && !covering ? new SharedPosteriors(info.shared, ENTRY * K) : null;
  const hashed = !shared && info.sharedHash && !covering && keys.numeric ? new SharedPosteriorHash(info.sharedHash, ENTRY * K) : null;
  const permuted = new Float64Array(width);
  const fitted = (yy: number[], nn: number[]): Float64Array => {
    const key = keys.key(yy, nn);
    let p = cache.get(key);
    if (p === undefined) {
      p = posterior(yy, nn);
      cache.set(key, p);
    }
    return p;
  };
  const fit = (): Float64Array => {
    exchangeable.canonical(y, n);
    if (shared) {
      const slot = exchangeable.rank();
      if (!shared.has(slot)) shared.set(slot, posterior(exchangeable.y, exchangeable.n));
      return exchangeable.unpermute(shared.values, K, permuted, slot * ENTRY * K);
    }
    if (hashed) {
      // the threads' shared hash table first, then this thread's own cache (for what the full table cannot take)
      const key = keys.key(exchangeable.y, exchangeable.n) as number;
      const slot = hashed.find(key);
      if (slot >= 0) return exchangeable.unpermute(hashed.values, K, permuted, slot * ENTRY * K);
      let p = cache.get(key);
      if (p === undefined) {
        p = posterior(exchangeable.y, exchangeable.n);
        if (!hashed.set(key, p)) cache.set(key, p);
      }
      return exchangeable.unpermute(p, K, permuted);
    }
    return exchangeable.unpermute(fitted(exchangeable.y, exchangeable.n), K, permuted);
  };

  return {
    info, result,
    cacheStats: () => (shared ? shared.stats() : hashed ? hashed.stats() : cache.stats()),
    analyse(data) {
      result.stop.fill(STOP_NONE);
      if (interim) {
        for (let k = 0; k < K; k++) {
          n[k] = interim[k];
          y[k] = data.cum[k][interim[k]];
        }
        const p = fit();
        for (let k = 0; k < K; k++) {
          if (interim[k] === 0 || interim[k] === sizes[k]) continue;
          if (p[k] < futility) result.stop[k] = STOP_FUTILITY;
          else if (p[k] > efficacy) result.stop[k] = STOP_EFFICACY;
        }
      }
      for (let k = 0; k < K; k++) {
        n[k] = result.stop[k] === STOP_NONE ? sizes[k] : interim![k];
        y[k] = data.cum[k][n[k]];
        result.enrolled[k] = n[k];
      }
      const p = fit();
      for (let k = 0; k < K; k++) {
        const stop = result.stop[k];
        result.statistic[k] = stop === STOP_FUTILITY ? -Infinity : stop === STOP_EFFICACY ? Infinity : p[k];
        if (go && stop === STOP_NONE) {
          const observed = y[k] >= go.observedRate * n[k] - 1e-9;
          if (go.combine === 'and' && !observed) result.statistic[k] = -Infinity;
          if (go.combine === 'or' && observed) result.statistic[k] = Infinity;
        }
        result.reject[k] = result.statistic[k] > spec.threshold ? 1 : 0;
        result.estimate[k] = p[K + k];
        if (covering) {
          const truth = exact!.truths[k];
          const cdf = p[(3 + truthAt![k]) * K + k];
          result.lower[k] = result.upper[k] = cdf >= 0.025 && cdf <= 0.975 ? truth : truth + 1;
          result.se[k] = p[2 * K + k];
          continue;
        }
        result.lower[k] = p[2 * K + k];
        result.upper[k] = p[3 * K + k];
        result.se[k] = p[4 * K + k];
      }
    },
  };
}
