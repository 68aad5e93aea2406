/**
 * Summary sections of a basket run beyond the per-replicate tables:
 * - `baskets`: one row per basket { basket, label, trueRate, p0, p1,
 *   sampleSize, drugWorks, control?, methods: { <analysis id>: {
 *   hypothesis, estimate, exact? } } }, naming the hypothesis `A:b` and the
 *   estimate `rate:A:b` that hold the simulated rejection rate and mean
 *   estimate (the basket shrinkage plot reads the estimates), and, where an
 *   analysis has closed-form operating characteristics (exact.ts), their
 *   exact values: rejection probability, expected patients, probability of
 *   early stop and mean estimate;
 * - `analyses`: each analysis' resolved rule (critical values, Simon stages,
 *   thresholds, priors, interim sizes) and exact family-wise probabilities
 *   where available.
 */
import type { AnalysisInfo, BasketSetup } from './setup.js';
import { exactAnalysis } from './exact.js';
import { binomialCriticalValue } from '../../stats/basket/index.js';
import { pooledCriticalValue } from './frequentist.js';
import type { BasketSections, BasketAnalysisRow } from './sections.js';

const round = (x: number, digits = 6) => (Number.isFinite(x) ? +x.toPrecision(digits) : null);

/** An analysis' resolved rule: critical values, Simon stages, or its Bayesian parameters with the decision and interim sizes. */
function rule(setup: BasketSetup, a: AnalysisInfo): BasketAnalysisRow {
  const spec = a.spec;
  switch (spec.method) {
    case 'independent-exact':
      return { id: a.id, method: spec.method, alpha: spec.alpha, rejectWhenRespondersAtLeast: Object.fromEntries(setup.baskets.map((b) => [b.id, binomialCriticalValue(b.n, b.p0, spec.alpha)])) };
    case 'simon':
      return {
        id: a.id, method: spec.method, alpha: spec.alpha, power: spec.power, design: spec.design,
        stages: Object.fromEntries(setup.baskets.map((b, k) => [b.id, { ...a.simon![k], rule: `stop if at most ${a.simon![k].r1} of ${a.simon![k].n1} respond; success if more than ${a.simon![k].r} of ${a.simon![k].n}` }])),
      };
    case 'pooled':
      return { id: a.id, method: spec.method, alpha: spec.alpha, rejectWhenTotalRespondersAtLeast: pooledCriticalValue(setup, spec.alpha), totalPatients: setup.baskets.reduce((x, b) => x + b.n, 0) };
    default: {
      const { id: _i, interim, ...params } = spec;
      return {
        id: a.id,
        ...params,
        decision: `success when P(p > p0 | data) > ${spec.threshold}`,
        ...(interim ? { interim: { ...interim, patients: Object.fromEntries(setup.baskets.map((b, k) => [b.id, a.interimSizes![k]])) } } : {}),
      };
    }
  }
}

export function basketDescribe(setup: BasketSetup): BasketSections {
  const exact = setup.analyses.map((a) => exactAnalysis(setup, a));
  const shares = setup.populationShare;
  const baskets = setup.baskets.map((b, k) => ({
    basket: b.id,
    label: b.label,
    trueRate: round(b.rate.value),
    ...(b.rate.mcse > 0 ? { trueRateMcse: round(b.rate.mcse, 3) } : {}),
    p0: b.p0,
    p1: b.p1 ?? null,
    sampleSize: b.n,
    drugWorks: !b.isNull,
    ...(shares ? { populationShare: round(shares[k], 4) } : {}),
    ...(b.accrualPerMonth !== undefined ? { accrualPerMonth: b.accrualPerMonth } : {}),
    ...(b.control ? { control: { sampleSize: b.control.n, trueRate: round(b.control.rate.value), hypothesis: `randomised:${b.id}`, estimate: `rd:${b.id}` } } : {}),
    methods: Object.fromEntries(setup.analyses.map((a, j) => {
      const x = exact[j]?.baskets[k];
      return [a.id, {
        hypothesis: `${a.id}:${b.id}`,
        estimate: `rate:${a.id}:${b.id}`,
        ...(x ? { exact: { rejection: round(x.rejection), expectedPatients: round(x.expectedPatients), earlyStop: round(x.earlyStop), meanEstimate: round(x.meanEstimate) } } : {}),
      }];
    })),
  }));
  const analyses = setup.analyses.map((a, j) => ({
    ...rule(setup, a),
    ...(exact[j] ? { exact: { fwer: exact[j]!.fwer === null ? null : round(exact[j]!.fwer!), anyTrueSuccess: exact[j]!.anyTrueSuccess === null ? null : round(exact[j]!.anyTrueSuccess!) } } : {}),
  }));
  return { baskets, analyses };
}
