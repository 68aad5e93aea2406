/**
 * The frequentist basket analyses, each a table look-up per replicate (the
 * critical values are found once):
 * - independent-exact: basket k alone, the one-sided exact binomial test of
 *   H0: p_k <= p0_k, rejecting when y_k >= r_k with r_k the smallest count
 *   whose null tail P(Y >= r_k | p0_k) is at most alpha;
 * - simon: Simon's (1989) two-stage design per basket: stop after n1
 *   patients if at most r1 respond, else treat n and reject if more than r
 *   respond;
 * - pooled: one exact test of the total responder count across baskets
 *   (null law the convolution of Bin(n_k, p0_k)); a rejection declares
 *   every basket a success, the borrowing extreme.
 * Estimates are the observed response rates (pooled: the pooled rate for
 * every basket) with exact Clopper-Pearson intervals; after a Simon stop
 * the estimate is the stage-1 rate, whose bias the summary shows.
 */
import { binomialCriticalValue, pooledBinomialTest } from '../../stats/basket/index.js';
import { newResult, STOP_FUTILITY, STOP_NONE, type BasketAnalyser } from './analysis.js';
import { clopperPearsonTable, writeProportion } from './intervals.js';
import type { AnalysisInfo, BasketSetup } from './setup.js';

export function independentAnalyser(setup: BasketSetup, info: AnalysisInfo & { spec: { method: 'independent-exact' } }): BasketAnalyser {
  const K = setup.baskets.length;
  const sizes = setup.baskets.map((b) => b.n);
  const critical = setup.baskets.map((b) => binomialCriticalValue(b.n, b.p0, info.spec.alpha));
  const tables = sizes.map((n) => clopperPearsonTable(n));
  const result = newResult(K);
  result.enrolled.set(sizes);
  return {
    info, result,
    analyse(data) {
      for (let k = 0; k < K; k++) {
        const y = data.cum[k][sizes[k]];
        result.reject[k] = y >= critical[k] ? 1 : 0;
        writeProportion(result, k, y, sizes[k], tables[k]);
      }
    },
  };
}

export function simonAnalyser(setup: BasketSetup, info: AnalysisInfo): BasketAnalyser {
  const K = setup.baskets.length;
  const stages = info.simon!;
  const tables = stages.map((s) => ({ first: clopperPearsonTable(s.n1), full: clopperPearsonTable(s.n) }));
  const result = newResult(K);
  return {
    info, result,
    analyse(data) {
      for (let k = 0; k < K; k++) {
        const { r1, n1, r, n } = stages[k];
        const y1 = data.cum[k][n1];
        if (y1 <= r1) {
          result.stop[k] = STOP_FUTILITY;
          result.enrolled[k] = n1;
          result.reject[k] = 0;
          writeProportion(result, k, y1, n1, tables[k].first);
        } else {
          const y = data.cum[k][n];
          result.stop[k] = STOP_NONE;
          result.enrolled[k] = n;
          result.reject[k] = y > r ? 1 : 0;
          writeProportion(result, k, y, n, tables[k].full);
        }
      }
    },
  };
}

export function pooledAnalyser(setup: BasketSetup, info: AnalysisInfo & { spec: { method: 'pooled' } }): BasketAnalyser {
  const K = setup.baskets.length;
  const sizes = setup.baskets.map((b) => b.n);
  const total = sizes.reduce((a, b) => a + b, 0);
  const critical = pooledBinomialTest(new Array<number>(K).fill(0), sizes, setup.baskets.map((b) => b.p0), info.spec.alpha).criticalValue;
  const table = clopperPearsonTable(total);
  const result = newResult(K);
  result.enrolled.set(sizes);
  return {
    info, result,
    analyse(data) {
      let s = 0;
      for (let k = 0; k < K; k++) s += data.cum[k][sizes[k]];
      const reject = s >= critical ? 1 : 0;
      for (let k = 0; k < K; k++) {
        result.reject[k] = reject;
        writeProportion(result, k, s, total, table);
      }
    },
  };
}

/** The pooled test's critical total (for describe). */
export function pooledCriticalValue(setup: BasketSetup, alpha: number): number {
  const sizes = setup.baskets.map((b) => b.n);
  return pooledBinomialTest(new Array<number>(sizes.length).fill(0), sizes, setup.baskets.map((b) => b.p0), alpha).criticalValue;
}
