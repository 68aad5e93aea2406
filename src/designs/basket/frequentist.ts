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
import { binomialCriticalValue, binomialPmfVector, convolvedBinomialPmf, pooledBinomialTest, upperTailsFromPmf } from '../../stats/basket/index.js';
import { newExactTest, newResult, STOP_FUTILITY, STOP_NONE, type BasketAnalyser } from './analysis.js';
import { clopperPearsonTable, writeProportion } from './intervals.js';
import type { AnalysisInfo, BasketSetup } from './setup.js';

export function independentAnalyser(setup: BasketSetup, info: AnalysisInfo & { spec: { method: 'independent-exact' } }): BasketAnalyser {
  const K = setup.baskets.length;
  const sizes = setup.baskets.map((b) => b.n);
  const critical = setup.baskets.map((b) => binomialCriticalValue(b.n, b.p0, info.spec.alpha));
  const tables = sizes.map((n) => clopperPearsonTable(n));
  // P(Y >= y | p0) for every count y (binom.test(y, n, p0, "greater")$p.value).
  const tails = setup.baskets.map((b) => upperTailsFromPmf(binomialPmfVector(b.n, b.p0)));
  const result = newResult(K);
  const test = (result.test = newExactTest(K));
  result.enrolled.set(sizes);
  return {
    info, result,
    analyse(data) {
      for (let k = 0; k < K; k++) {
        const y = data.cum[k][sizes[k]];
        test.responders[k] = y; test.p[k] = tails[k][y];
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
  const pValues = stages.map((s, k) => simonPValues(s, setup.baskets[k].p0));
  const result = newResult(K);
  const test = (result.test = newExactTest(K));
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
          test.responders[k] = y1; test.p[k] = pValues[k].stopped[y1]; test.look[k] = 1;
          writeProportion(result, k, y1, n1, tables[k].first);
        } else {
          const y = data.cum[k][n];
          result.stop[k] = STOP_NONE;
          result.enrolled[k] = n;
          result.reject[k] = y > r ? 1 : 0;
          test.responders[k] = y; test.p[k] = pValues[k].completed[y]; test.look[k] = 2;
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
  const tails = upperTailsFromPmf(convolvedBinomialPmf(sizes, setup.baskets.map((b) => b.p0)));
  const result = newResult(K);
  const test = (result.test = newExactTest(K));
  result.enrolled.set(sizes);
  return {
    info, result,
    analyse(data) {
      let s = 0;
      for (let k = 0; k < K; k++) s += data.cum[k][sizes[k]];
      const reject = s >= critical ? 1 : 0;
      for (let k = 0; k < K; k++) {
        test.responders[k] = s; test.p[k] = tails[s];
        result.reject[k] = reject;
        writeProportion(result, k, s, total, table);
      }
    },
  };
}

/**
 * Exact p-values of Simon's two-stage design under the stage-wise ordering
 * (every outcome that goes on to stage 2 is more extreme than any stage-1
 * stop; within a stage, more responders are more extreme; Koyama & Chen
 * 2008, Stat Med 27:3145-3154): after a stop with y1 <= r1 responders,
 * P(Y1 >= y1 | p0); after stage 2 with y in all,
 * P(Y1 > r1, Y1 + Y2 >= y | p0) = Σ_{x > r1} P(Y1 = x) P(Y2 >= y - x). So the
 * p-value is at most the design's attained alpha when y > r.
 */
export function simonPValues(d: { r1: number; n1: number; n: number }, p0: number): { stopped: Float64Array; completed: Float64Array } {
  const first = binomialPmfVector(d.n1, p0);
  const stopped = upperTailsFromPmf(first);
  const n2 = d.n - d.n1;
  const second = upperTailsFromPmf(binomialPmfVector(n2, p0));
  const completed = new Float64Array(d.n + 1);
  for (let y = 0; y <= d.n; y++) {
    let p = 0;
    for (let x = d.n1; x > d.r1; x--) p += first[x] * (y - x <= 0 ? 1 : y - x > n2 ? 0 : second[y - x]);
    completed[y] = Math.min(1, p);
  }
  return { stopped, completed };
}

/** The pooled test's critical total (for describe). */
export function pooledCriticalValue(setup: BasketSetup, alpha: number): number {
  const sizes = setup.baskets.map((b) => b.n);
  return pooledBinomialTest(new Array<number>(sizes.length).fill(0), sizes, setup.baskets.map((b) => b.p0), alpha).criticalValue;
}
