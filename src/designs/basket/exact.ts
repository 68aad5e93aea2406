/**
 * Exact operating characteristics of the analyses that have them in closed
 * form, at the baskets' true rates (for describe(), and as the yardstick of
 * the simulation tests):
 * - independent-exact: P(Y_k >= r_k), Y_k ~ Bin(n_k, p_k); E[Y_k / n_k] = p_k;
 * - simon: Simon's (1989) formulas for rejection, PET and EN, and the mean
 *   of the estimate (stage-1 rate after a stop) by enumeration of (X1, X2);
 * - pooled: P(sum_k Y_k >= r) under the convolution of Bin(n_k, p_k); the
 *   pooled rate's mean sum n_k p_k / sum n_k.
 * With independent baskets the family-wise probabilities follow as
 * 1 - prod(1 - P(reject k)) over the null (or the active) baskets; for the
 * pooled test they are P(reject) itself.
 * The Bayesian analyses have no such form (each decision depends on all
 * baskets' counts): their values are the simulated ones.
 */
import {
  binomialCriticalValue, binomialUpperTail, binomialPmfVector, pooledBinomialRejectionProbability, simonOperatingCharacteristics,
  type SimonDesign,
} from '../../stats/basket/index.js';
import type { AnalysisInfo, BasketSetup } from './setup.js';

export interface ExactBasket {
  rejection: number;
  expectedPatients: number;
  earlyStop: number;
  meanEstimate: number;
}

export interface ExactAnalysis {
  baskets: ExactBasket[];
  fwer: number | null;
  anyTrueSuccess: number | null;
}

/** E[estimate] of a Simon basket: x1 / n1 after a stop, (x1 + x2) / n otherwise. */
export function simonMeanEstimate(d: SimonDesign, p: number): number {
  const f1 = binomialPmfVector(d.n1, p);
  const f2 = binomialPmfVector(d.n - d.n1, p);
  let m = 0;
  for (let x1 = 0; x1 <= d.n1; x1++) {
    if (x1 <= d.r1) { m += f1[x1] * (x1 / d.n1); continue; }
    for (let x2 = 0; x2 < f2.length; x2++) m += f1[x1] * f2[x2] * ((x1 + x2) / d.n);
  }
  return m;
}

function family(setup: BasketSetup, reject: number[]): { fwer: number | null; anyTrueSuccess: number | null } {
  const none = (keep: (isNull: boolean) => boolean) => setup.baskets.reduce((acc, b, k) => (keep(b.isNull) ? acc * (1 - reject[k]) : acc), 1);
  return {
    fwer: setup.baskets.some((b) => b.isNull) ? 1 - none((x) => x) : null,
    anyTrueSuccess: setup.baskets.some((b) => !b.isNull) ? 1 - none((x) => !x) : null,
  };
}

export function exactAnalysis(setup: BasketSetup, info: AnalysisInfo): ExactAnalysis | null {
  const spec = info.spec;
  const bs = setup.baskets;
  if (spec.method === 'independent-exact') {
    const rejection = bs.map((b) => binomialUpperTail(binomialCriticalValue(b.n, b.p0, spec.alpha), b.n, b.rate.value));
    return { baskets: bs.map((b, k) => ({ rejection: rejection[k], expectedPatients: b.n, earlyStop: 0, meanEstimate: b.rate.value })), ...family(setup, rejection) };
  }
  if (spec.method === 'simon') {
    const oc = bs.map((b, k) => simonOperatingCharacteristics(info.simon![k], b.rate.value));
    const rejection = oc.map((o) => o.rejectionProbability);
    return {
      baskets: bs.map((b, k) => ({ rejection: rejection[k], expectedPatients: oc[k].expectedSampleSize, earlyStop: oc[k].probEarlyTermination, meanEstimate: simonMeanEstimate(info.simon![k], b.rate.value) })),
      ...family(setup, rejection),
    };
  }
  if (spec.method === 'pooled') {
    const sizes = bs.map((b) => b.n);
    const reject = pooledBinomialRejectionProbability(sizes, bs.map((b) => b.p0), spec.alpha, bs.map((b) => b.rate.value));
    const mean = bs.reduce((a, b) => a + b.n * b.rate.value, 0) / sizes.reduce((a, b) => a + b, 0);
    return {
      baskets: bs.map((b) => ({ rejection: reject, expectedPatients: b.n, earlyStop: 0, meanEstimate: mean })),
      fwer: bs.some((b) => b.isNull) ? reject : null,
      anyTrueSuccess: bs.some((b) => !b.isNull) ? reject : null,
    };
  }
  return null;
}
