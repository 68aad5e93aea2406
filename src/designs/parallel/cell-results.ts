/**
 * What each cell's test leaves for the decisions made after all cells (the
 * multiplicity adjustment across comparisons, the interaction tests across
 * subgroup levels): per cell of the layout, in typed arrays overwritten
 * every replicate, so the replicate loop keeps no test object.
 */
import { writeEstimateOf, writeTest, type ReplicateRecord } from '../types.js';
import { chiSquareUpper, normalUpper } from '../../stats/distributions.js';
import type { Confidence } from '../../stats/proportions.js';

export class CellResults {
  readonly informative: Uint8Array;
  /** The test's statistic, as reported per replicate (design-parts.ts: testStatistic). */
  readonly statistic: Float64Array;
  readonly pTwoSided: Float64Array;
  /** One-sided p-value against the alternative that the treatment is better. */
  readonly pBenefit: Float64Array;
  /** The estimate on the analysis scale (the cell's last) and its standard error. */
  readonly estimate: Float64Array;
  readonly se: Float64Array;

  constructor(cells: number) {
    this.informative = new Uint8Array(cells);
    this.statistic = new Float64Array(cells);
    this.pTwoSided = new Float64Array(cells);
    this.pBenefit = new Float64Array(cells);
    this.estimate = new Float64Array(cells);
    this.se = new Float64Array(cells);
  }

  keep(cell: number, informative: boolean, statistic: number, pTwoSided: number, pBenefit: number, estimate: number, se: number): void {
    this.informative[cell] = informative ? 1 : 0;
    this.statistic[cell] = statistic;
    this.pTwoSided[cell] = pTwoSided;
    this.pBenefit[cell] = pBenefit;
    this.estimate[cell] = estimate;
    this.se[cell] = se;
  }
}

/**
 * Test of heterogeneity of an effect across subgroup levels (Cochran's Q:
 * Q = Σ w_l (d_l - d̄)², w_l = 1/se_l², χ² with L-1 df), over the
 * analysis-scale estimates of the levels' cells (`levels`, in level order).
 * With two levels this is the Wald test of the treatment x subgroup
 * interaction; on the log odds ratio scale it equals the Wald test of the
 * saturated logistic model's interaction coefficient, whose estimate is the
 * difference of the two log odds ratios with variance the sum of their Woolf
 * variances. With two levels and `benefit` ±1 the test is one-sided: that
 * the effect is larger (benefit = 1) or smaller (-1) in the second level
 * than in the first; with more levels Q has no direction and stays
 * two-sided. Returns the p-value, and writes the test (z with two levels,
 * else Q; none when a level has no finite estimate, p then 1) to hypothesis
 * `hypothesis` of `out`; with two levels the difference (NaN when a level
 * has no finite estimate) goes to estimate slot `slot` of `out` when it is
 * 0 or more.
 */
export function heterogeneityTest(r: CellResults, levels: Int32Array, confidence: Confidence, benefit: -1 | 0 | 1, out: ReplicateRecord, slot: number, hypothesis: number): number {
  for (let l = 0; l < levels.length; l++) {
    if (!Number.isFinite(r.estimate[levels[l]]) || !(r.se[levels[l]] > 0)) {
      if (slot >= 0) writeEstimateOf(out, slot, NaN, NaN, NaN, NaN);
      writeTest(out, hypothesis, NaN, NaN, NaN, 1);
      return 1;
    }
  }
  let sw = 0, swd = 0;
  for (let l = 0; l < levels.length; l++) { const se = r.se[levels[l]], w = 1 / (se * se); sw += w; swd += w * r.estimate[levels[l]]; }
  const mean = swd / sw;
  let q = 0;
  for (let l = 0; l < levels.length; l++) { const d = r.estimate[levels[l]] - mean, se = r.se[levels[l]]; q += (d * d) / (se * se); }
  if (levels.length !== 2) {
    const p = chiSquareUpper(q, levels.length - 1);
    writeTest(out, hypothesis, q, p, NaN, 1);
    return p;
  }
  const difference = r.estimate[levels[1]] - r.estimate[levels[0]];
  const se = Math.hypot(r.se[levels[0]], r.se[levels[1]]);
  if (slot >= 0) writeEstimateOf(out, slot, difference, se, difference - confidence.z * se, difference + confidence.z * se);
  const z = difference / se;
  const p = benefit === 0 ? 2 * normalUpper(Math.abs(z)) : normalUpper(benefit * z);
  writeTest(out, hypothesis, z, p, NaN, 1);
  return p;
}
