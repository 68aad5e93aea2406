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
import { posteriorFunction, priorClassKeys, ENTRY } from './posterior.js';
import type { AnalysisInfo, BasketSetup, BayesSpec } from './setup.js';
import { ExchangeableBaskets } from './symmetry.js';
import { SharedPosteriors } from './shared-table.js';

export function bayesianAnalyser(setup: BasketSetup, info: AnalysisInfo & { spec: BayesSpec }, cacheBytes = CACHE_BYTES): BasketAnalyser {
  const spec = info.spec;
  const K = setup.baskets.length;
  const sizes = Int32Array.from(setup.baskets, (b) => b.n);
  const interim = info.interimSizes ?? null;
  const posterior = posteriorFunction(spec, setup.baskets.map((b) => b.p0), setup.baskets.map((b) => b.id));
  const keys = new OutcomeKey(sizes, interim);
  const cache = ResultCache.forEntries<Float64Array>(8 * ENTRY * K, cacheBytes);
  const y = new Array<number>(K).fill(0);
  const n = new Array<number>(K).fill(0);
  const result = newResult(K);
  const futility = spec.interim?.futility ?? -Infinity;
  // A compound go rule folds into the statistic, so calibration still searches one threshold.
  const go = spec.go ?? null;
  const efficacy = spec.interim?.efficacy ?? Infinity;

  const exchangeable = new ExchangeableBaskets(setup.baskets, interim, priorClassKeys(spec, setup.baskets.map((b) => b.id)));
  const shared = info.shared ? new SharedPosteriors(info.shared, ENTRY * K) : null;
  const permuted = new Float64Array(ENTRY * K);
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
    return exchangeable.unpermute(fitted(exchangeable.y, exchangeable.n), K, permuted);
  };

  return {
    info, result,
    cacheStats: () => (shared ? shared.stats() : cache.stats()),
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
        result.lower[k] = p[2 * K + k];
        result.upper[k] = p[3 * K + k];
        result.se[k] = p[4 * K + k];
      }
    },
  };
}
