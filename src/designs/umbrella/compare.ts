/**
 * One substudy comparison (its drug against its comparison controls) from
 * running tallies, so an interim look costs one test whatever the number of
 * patients. Binary and continuous outcomes are taken as known at enrolment.
 * Time-to-event comparisons need follow-up and are in `survival.ts`.
 */
import { pooledZTest, unpooledZTest, chiSquareTest, signedChiSquareRoot, riskDifference, logOddsRatio, confidenceLevel, type Estimate } from '../../stats/proportions.js';
import { fisherExactTest } from '../../stats/fisher.js';
import { meanDifferenceTest } from '../../stats/t-tests.js';
import type { UmbrellaDesignSpec } from './schema.js';

export interface Comparison {
  /** The test's statistic as reported per replicate (design-parts.ts: testStatistic). */
  statistic: number;
  pTwoSided: number;
  /** One-sided p-value against the alternative that the drug is better. */
  pBenefit: number;
  /** Both groups non-empty and the data able to show a difference. */
  informative: boolean;
  zeroCell: boolean;
  /** Estimates in the order of `effectScales`. */
  estimates: Estimate[];
}

const NAN: Estimate = { estimate: NaN, se: NaN, lower: NaN, upper: NaN };

/** Running count, sum, mean and sum of squared deviations per group (Welford 1962). */
export class Tallies {
  readonly n: Float64Array;
  readonly sum: Float64Array;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  constructor(groups: number) {
    this.n = new Float64Array(groups);
    this.sum = new Float64Array(groups);
    this.mean = new Float64Array(groups);
    this.m2 = new Float64Array(groups);
  }
  reset(): void { this.n.fill(0); this.sum.fill(0); this.mean.fill(0); this.m2.fill(0); }
  add(g: number, y: number): void {
    const n = ++this.n[g];
    this.sum[g] += y;
    const d = y - this.mean[g];
    this.mean[g] += d / n;
    this.m2[g] += d * (y - this.mean[g]);
  }
}

export type TallyComparer = (t: Tallies, drug: number, control: number) => Comparison;

/** `oneSided`: the decisions read one-sided p-values (then a chi-square test reports its signed root). */
export function buildComparer(endpointType: 'binary' | 'continuous', analysis: UmbrellaDesignSpec['analysis'], direction: number, oneSided: boolean, knownSd = NaN): TallyComparer {
  const { test, confidence } = analysis;
  const ci = confidenceLevel(confidence);
  if (endpointType === 'binary') {
    return (t, g1, g0) => {
      const x1 = t.sum[g1], n1 = t.n[g1], x0 = t.sum[g0], n0 = t.n[g0];
      const r = test === 'fisher' ? fisherExactTest(x1, n1, x0, n0)
        : test === 'chi-square' ? chiSquareTest(x1, n1, x0, n0, false)
        : test === 'z-unpooled' ? unpooledZTest(x1, n1, x0, n0) : pooledZTest(x1, n1, x0, n0);
      const both = n1 > 0 && n0 > 0;
      const or = both ? logOddsRatio(x1, n1, x0, n0, ci) : { ...NAN, corrected: false };
      return {
        statistic: test === 'chi-square' && oneSided ? signedChiSquareRoot(r.statistic, x1, n1, x0, n0) : r.statistic,
        pTwoSided: r.pTwoSided, pBenefit: direction > 0 ? r.pGreater : r.pLess,
        informative: both && x1 + x0 > 0 && x1 + x0 < n1 + n0, zeroCell: or.corrected,
        estimates: [both ? riskDifference(x1, n1, x0, n0, ci) : NAN, or],
      };
    };
  }
  const meanTest = meanDifferenceTest(test, knownSd);
  return (t, g1, g0) => {
    const arm = (g: number) => ({ mean: t.mean[g], variance: t.n[g] > 1 ? t.m2[g] / (t.n[g] - 1) : NaN, n: t.n[g] });
    const r = meanTest(arm(g1), arm(g0), confidence);
    return {
      statistic: r.statistic, pTwoSided: r.pTwoSided, pBenefit: direction > 0 ? r.pGreater : r.pLess,
      informative: !Number.isNaN(r.df), zeroCell: false, estimates: [r.difference],
    };
  };
}
