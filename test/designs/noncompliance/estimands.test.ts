/**
 * The non-compliance design against exact values. The estimands, computed
 * here by hand over the two biomarker patterns and the compliance types,
 * equal the design's enumeration; the simulated IV estimate's mean lies
 * within MCSE of the exact LATE and far from the ATE, as-treated and
 * per-protocol lie on their exact probability limits (biased in the
 * direction selection on gains predicts), ITT on the ITT effect; with full
 * compliance every estimator gives the ITT estimate, replicate by replicate.
 */
import { describe, it, expect } from 'vitest';
import { noncomplianceDesign } from '../../../src/designs/noncompliance/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { scenario } from '../../helpers/scenarios.js';
import { expectWithinMcse } from '../../helpers/mcse.js';
import { estimateMeans } from './estimate-means.js';

const prevalence = 0.4, effect = { responder: 1.0, other: 0.2 };
function trial(compliance: Record<string, unknown>, replicates = 10, sampleSize = 400) {
  return scenario({
    name: 'nc', seed: 8, replicates,
    population: { biomarkers: [{ id: 'responder', type: 'binary', prevalence }] },
    endpoint: { type: 'continuous', sd: 1 },
    arms: { control: {}, drug: { effect: effect.other, interactions: { responder: effect.responder - effect.other } } },
    design: { type: 'noncompliance', sampleSize, compliance },
  });
}
const selection = { 'never-taker': { share: 0.3, benefit: -3 }, 'always-taker': { share: 0.1 } };

/** By hand: per pattern, the type probabilities of the multinomial logit against compliers. */
function byHand() {
  const patterns = [{ w: prevalence, d: effect.responder }, { w: 1 - prevalence, d: effect.other }].map(({ w, d }) => {
    const never = Math.exp(Math.log(0.3 / 0.6) - 3 * d), always = Math.exp(Math.log(0.1 / 0.6));
    const total = 1 + never + always;
    return { w, d, c: 1 / total, n: never / total, a: always / total };
  });
  const E = (f: (p: (typeof patterns)[number]) => number) => patterns.reduce((s, p) => s + p.w * f(p), 0);
  const q = (p: (typeof patterns)[number]) => p.a + 0.5 * p.c;
  return {
    ate: E((p) => p.d),
    itt: E((p) => p.c * p.d),
    late: E((p) => p.c * p.d) / E((p) => p.c),
    att: E((p) => q(p) * p.d) / E(q),
    // Control mean 0 for everyone, so m1 = Δ and m0 = 0.
    asTreated: E((p) => q(p) * p.d) / E(q),
    perProtocol: E((p) => (p.c + p.a) * p.d) / E((p) => p.c + p.a),
  };
}

describe('non-compliance: exact estimands', () => {
  it('equal the hand computation over patterns and types, to 1e-14', () => {
    const loaded = trial(selection);
    const { values, exact } = loaded.prepared.data as { values: Record<string, { value: number; mcse: number }>; exact: boolean };
    const h = byHand();
    expect(exact).toBe(true);
    expect(values.ate.value).toBeCloseTo(h.ate, 14);
    expect(values.itt.value).toBeCloseTo(h.itt, 14);
    expect(values.late.value).toBeCloseTo(h.late, 14);
    expect(values.att.value).toBeCloseTo(h.att, 14);
    expect(values['as-treated-limit'].value).toBeCloseTo(h.asTreated, 14);
    expect(values['per-protocol-limit'].value).toBeCloseTo(h.perProtocol, 14);
    expect(values['wald-limit'].value).toBeCloseTo(h.late, 14);
  });
});

describe('non-compliance: estimators against the exact estimands', () => {
  const R = 4000;
  const loaded = trial(selection, R);
  const mean = estimateMeans(loaded, 8, R);
  const h = byHand();

  it('the IV estimate is centred on the LATE, which lies far above the ATE here', () => {
    const iv = mean('iv-wald');
    expectWithinMcse(iv.m, h.late, { mcse: iv.mcse, what: 'IV vs LATE' });
    expect(h.late - h.ate).toBeGreaterThan(10 * iv.mcse);
  });

  it('ITT is centred on the ITT effect; as-treated and per-protocol on their limits, above the ATE as selection on gains predicts', () => {
    expectWithinMcse(mean('itt').m, h.itt, { mcse: mean('itt').mcse });
    expectWithinMcse(mean('as-treated').m, h.asTreated, { mcse: mean('as-treated').mcse });
    expectWithinMcse(mean('per-protocol').m, h.perProtocol, { mcse: mean('per-protocol').mcse });
    expect(h.asTreated - h.ate).toBeGreaterThan(10 * mean('as-treated').mcse);
    expect(h.perProtocol - h.ate).toBeGreaterThan(10 * mean('per-protocol').mcse);
  });
});

describe('non-compliance: full compliance', () => {
  it('every estimator gives the ITT estimate and standard error in every replicate', () => {
    const loaded = trial({});
    const plan = noncomplianceDesign.plan(loaded.spec, loaded.prepared.data);
    const record = newRecord(plan.layout);
    for (let r = 1; r <= 50; r++) {
      plan.simulate(new ReplicateStreams(8, r), record);
      for (let k = 1; k < plan.layout.estimates.length; k++) {
        expect(Math.abs(record.estimate[k] - record.estimate[0])).toBeLessThan(1e-12);
        expect(Math.abs(record.se[k] - record.se[0])).toBeLessThan(1e-12);
        expect(record.rejected[k]).toBe(record.rejected[0]);
      }
    }
  });
});
