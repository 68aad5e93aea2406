/**
 * Randomised baskets: the drug arm (its planned patients) against the
 * basket's own control arm by the one-sided Fisher exact test (drug better),
 * decisions tabulated once over every (drug, control) responder pair, and
 * the risk difference with its Wald interval; and any Bayesian comparisons
 * that borrow the log odds ratio across randomised baskets
 * (stats/basket/effect-hierarchy.ts, or Fujikawa's similarity weights within
 * each arm, stats/basket/fujikawa-comparison.ts; the counts of every
 * randomised basket together). The single-arm analyses look at the drug arm only; these
 * comparisons are reported beside them.
 */
import { fisherExactTest } from '../../stats/fisher.js';
import { riskDifference } from '../../stats/proportions.js';
import type { BasketSetup } from './setup.js';
import { createEffectHierarchy, fujikawaComparison, logOddsRatio, type EffectPosterior } from '../../stats/basket/index.js';
import { tauPrior } from './posterior.js';
import type { TrialData } from './patients.js';

export interface ComparisonResult {
  /** Index of each randomised basket. */
  baskets: number[];
  reject: Uint8Array;
  estimate: Float64Array;
  se: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Fisher's test: the drug arm's responders (its statistic, conditional on the margins) and its one-sided p-value. */
  responders: Float64Array;
  p: Float64Array;
  /** Each borrowing comparison's decisions and log odds ratio posteriors (mean, sd, credible limits), per randomised basket. */
  borrowing: Omit<ComparisonResult, 'baskets' | 'borrowing' | 'responders' | 'p'>[];
}

/** Posterior caches hold at most this many count vectors per borrowing method. */
const BORROWING_CACHE = 20_000;

type EffectBorrowingSpec = NonNullable<BasketSetup['design']['comparison']['borrowing']>[number];

/** The randomised baskets' counts: drug responders and patients, control responders and patients (one entry per randomised basket). */
interface ArmCounts { x1: number[]; n1: number[]; x0: number[]; n0: number[] }

/**
 * The posterior of a borrowing method, cached per vector of (drug, control)
 * counts: the normal hierarchical or EXNEX model of the log odds ratios'
 * estimates d with variances v (stats/basket/effect-hierarchy.ts), or
 * Fujikawa's design within each arm (stats/basket/fujikawa-comparison.ts).
 */
function borrowingPosterior(spec: EffectBorrowingSpec, m: number): (key: string, d: number[], v: number[], counts: ArmCounts) => EffectPosterior {
  let model: (d: number[], v: number[], counts: ArmCounts) => EffectPosterior;
  if (spec.method === 'fujikawa') {
    const options = {
      priorShape1: spec.prior.shape1, priorShape2: spec.prior.shape2, epsilon: spec.epsilon, tau: spec.tau,
      logBase: spec.logBase === 'e' ? Math.E : 2, sharePrior: spec.sharePrior,
    };
    model = (_d, _v, c) => {
      const { effect } = fujikawaComparison(c.x1, c.n1, c.x0, c.n0, options);
      return {
        probPositive: effect.map((e) => e.probPositive), mean: effect.map((e) => e.mean), sd: effect.map((e) => e.sd),
        lower: effect.map((e) => e.lower), upper: effect.map((e) => e.upper), exchangeable: effect.map(() => NaN),
      };
    };
  } else {
    const tau = tauPrior(spec.tauPrior) ?? { kind: 'halfNormal', scale: 1 } as const;
    const normal = createEffectHierarchy(spec.method === 'exnex'
      ? { muPrior: spec.muPrior, tauPrior: tau, exWeights: new Array<number>(m).fill(spec.exWeight), nexPriors: new Array(m).fill(spec.nexPrior) }
      : { muPrior: spec.muPrior, tauPrior: tau }, m);
    model = (d, v) => normal(d, v);
  }
  const cache = new Map<string, EffectPosterior>();
  return (key, d, v, counts) => {
    let p = cache.get(key);
    if (!p) {
      p = model(d, v, counts);
      if (cache.size >= BORROWING_CACHE) cache.clear();
      cache.set(key, p);
    }
    return p;
  };
}

export interface Comparator {
  result: ComparisonResult;
  compare(data: TrialData): void;
}

/** The one-sided (drug better) Fisher p-value for each (x1, x0): index x1 (n0 + 1) + x0; the test rejects where it is at most alpha. */
function fisherPValues(n1: number, n0: number): Float64Array {
  const table = new Float64Array((n1 + 1) * (n0 + 1));
  for (let x1 = 0; x1 <= n1; x1++) {
    for (let x0 = 0; x0 <= n0; x0++) table[x1 * (n0 + 1) + x0] = fisherExactTest(x1, n1, x0, n0).pGreater;
  }
  return table;
}

export function comparator(setup: BasketSetup): Comparator {
  const baskets = setup.baskets.flatMap((b, k) => (b.control ? [k] : []));
  const m = baskets.length;
  const tables = baskets.map((k) => fisherPValues(setup.baskets[k].n, setup.baskets[k].control!.n));
  const alpha = setup.design.comparison.alpha;
  const columns = () => ({ reject: new Uint8Array(m), estimate: new Float64Array(m), se: new Float64Array(m), lower: new Float64Array(m), upper: new Float64Array(m) });
  const specs = setup.design.comparison.borrowing ?? [];
  const result: ComparisonResult = { baskets, ...columns(), responders: new Float64Array(m), p: new Float64Array(m), borrowing: specs.map(columns) };
  const posteriors = specs.map((spec) => borrowingPosterior(spec, m));
  const d = new Array<number>(m), v = new Array<number>(m), counts = new Array<number>(2 * m);
  const arms: ArmCounts = { x1: new Array<number>(m), n1: new Array<number>(m), x0: new Array<number>(m), n0: new Array<number>(m) };
  return {
    result,
    compare(data) {
      for (let j = 0; j < m; j++) {
        const b = setup.baskets[baskets[j]];
        const n0 = b.control!.n;
        const x1 = data.cum[baskets[j]][b.n];
        const x0 = data.controlResponders[baskets[j]];
        const p = tables[j][x1 * (n0 + 1) + x0];
        result.reject[j] = p <= alpha ? 1 : 0;
        result.responders[j] = x1; result.p[j] = p;
        const rd = riskDifference(x1, b.n, x0, n0, 0.95);
        result.estimate[j] = rd.estimate;
        result.se[j] = rd.se;
        result.lower[j] = rd.lower;
        result.upper[j] = rd.upper;
        const e = logOddsRatio(x1, b.n, x0, n0);
        d[j] = e.estimate; v[j] = e.variance; counts[2 * j] = x1; counts[2 * j + 1] = x0;
        arms.x1[j] = x1; arms.n1[j] = b.n; arms.x0[j] = x0; arms.n0[j] = n0;
      }
      if (specs.length === 0) return;
      const key = counts.join(',');
      specs.forEach((spec, i) => {
        const p = posteriors[i](key, d, v, arms);
        const r = result.borrowing[i];
        for (let j = 0; j < m; j++) {
          r.reject[j] = p.probPositive[j] > spec.threshold ? 1 : 0;
          r.estimate[j] = p.mean[j]; r.se[j] = p.sd[j]; r.lower[j] = p.lower[j]; r.upper[j] = p.upper[j];
        }
      });
    },
  };
}
