/**
 * Randomised baskets: the drug arm (its planned patients) against the
 * basket's own control arm by the one-sided Fisher exact test (drug better),
 * decisions tabulated once over every (drug, control) responder pair, and
 * the risk difference with its Wald interval. The single-arm analyses look
 * at the drug arm only; this comparison is reported beside them.
 */
import { fisherExactTest } from '../../stats/fisher.js';
import { riskDifference } from '../../stats/proportions.js';
import type { BasketSetup } from './setup.js';
import type { TrialData } from './patients.js';

export interface ComparisonResult {
  /** Index of each randomised basket. */
  baskets: number[];
  reject: Uint8Array;
  estimate: Float64Array;
  se: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

export interface Comparator {
  result: ComparisonResult;
  compare(data: TrialData): void;
}

/** Whether the one-sided Fisher test rejects for each (x1, x0): index x1 (n0 + 1) + x0. */
export function fisherDecisions(n1: number, n0: number, alpha: number): Uint8Array {
  const table = new Uint8Array((n1 + 1) * (n0 + 1));
  for (let x1 = 0; x1 <= n1; x1++) {
    for (let x0 = 0; x0 <= n0; x0++) table[x1 * (n0 + 1) + x0] = fisherExactTest(x1, n1, x0, n0).pGreater <= alpha ? 1 : 0;
  }
  return table;
}

export function comparator(setup: BasketSetup): Comparator {
  const baskets = setup.baskets.flatMap((b, k) => (b.control ? [k] : []));
  const m = baskets.length;
  const tables = baskets.map((k) => fisherDecisions(setup.baskets[k].n, setup.baskets[k].control!.n, setup.design.comparison.alpha));
  const result: ComparisonResult = {
    baskets, reject: new Uint8Array(m), estimate: new Float64Array(m), se: new Float64Array(m), lower: new Float64Array(m), upper: new Float64Array(m),
  };
  return {
    result,
    compare(data) {
      for (let j = 0; j < m; j++) {
        const b = setup.baskets[baskets[j]];
        const n0 = b.control!.n;
        const x1 = data.cum[baskets[j]][b.n];
        const x0 = data.controlResponders[baskets[j]];
        result.reject[j] = tables[j][x1 * (n0 + 1) + x0];
        const rd = riskDifference(x1, b.n, x0, n0, 0.95);
        result.estimate[j] = rd.estimate;
        result.se[j] = rd.se;
        result.lower[j] = rd.lower;
        result.upper[j] = rd.upper;
      }
    },
  };
}
