/**
 * The comparison of one arm with the control on cumulative data: the z
 * statistic the boundaries are applied to (oriented so that benefit is
 * positive) and the naive estimate with its Wald interval.
 *
 * Continuous: difference in means over σ√(1/n_k + 1/n_0), with σ the
 * endpoint's sd (known variance, as in Magirr et al. 2012) or the pooled
 * sample standard deviation of the two groups. Binary: the pooled-variance
 * z statistic for a difference in proportions; the interval uses the
 * unpooled standard error and is clipped to [-1, 1].
 */
import { writeEstimateOf, type EstimateColumns } from '../types.js';
import { riskDifference, type Confidence } from '../../stats/proportions.js';
import type { MamsScenario } from './schema.js';
import type { MamsSetup } from './setup.js';

/** Running sums of outcomes per arm. */
export interface ArmSums {
  n: Float64Array;
  sum: Float64Array;
  sumSq: Float64Array;
}

export type ArmComparison = (sums: ArmSums, arm: number, slot: number, out: EstimateColumns) => number;

export function armComparison(s: MamsScenario, setup: MamsSetup, confidence: Confidence): ArmComparison {
  const zConf = confidence.z;
  const c = setup.control;
  const dir = setup.direction;
  if (setup.endpointType === 'binary') {
    return (sums, a, slot, out) => {
      const na = sums.n[a], nc = sums.n[c];
      const rd = riskDifference(sums.sum[a], na, sums.sum[c], nc, confidence);
      const diff = rd.estimate;
      writeEstimateOf(out, slot, diff, rd.se, rd.lower, rd.upper);
      const pooled = (sums.sum[a] + sums.sum[c]) / (na + nc);
      const v = pooled * (1 - pooled) * (1 / na + 1 / nc);
      return v > 0 ? (dir * diff) / Math.sqrt(v) : 0;
    };
  }
  const endpoint = s.endpoint!;
  const knownSd = s.design.variance === 'known' && endpoint.type === 'continuous' ? endpoint.sd : NaN;
  return (sums, a, slot, out) => {
    const na = sums.n[a], nc = sums.n[c];
    const diff = sums.sum[a] / na - sums.sum[c] / nc;
    let sd = knownSd;
    if (Number.isNaN(sd)) {
      const ss = sums.sumSq[a] - (sums.sum[a] * sums.sum[a]) / na + sums.sumSq[c] - (sums.sum[c] * sums.sum[c]) / nc;
      sd = na + nc > 2 ? Math.sqrt(Math.max(0, ss) / (na + nc - 2)) : NaN;
    }
    const se = sd * Math.sqrt(1 / na + 1 / nc);
    writeEstimateOf(out, slot, diff, se, diff - zConf * se, diff + zConf * se);
    return se > 0 ? (dir * diff) / se : 0;
  };
}
