/**
 * Partial adherence (a continuous fraction of the dose taken, with a
 * dose-response) against exact values. The estimands are computed here by
 * hand over the two biomarker patterns, integrating over each pattern's
 * Beta distribution of the fraction taken with a plain midpoint rule on the
 * density (independent of the design's closed forms and Gauss-Jacobi
 * quadrature); the simulated estimators' means lie within MCSE of their
 * exact limits: the IV estimate on the average causal response (the
 * full-dose effect weighted by the dose taken), as-treated on the
 * least-squares limit of the outcome on the dose, per-protocol on the mean
 * difference between adherers and control. With everyone taking the full
 * dose every estimator gives the ITT estimate.
 */
import { describe, it, expect } from 'vitest';
import { noncomplianceDesign } from '../../../src/designs/noncompliance/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { scenario, refusalOf } from '../../helpers/scenarios.js';
import { expectWithinMcse, meanMcse } from '../../helpers/mcse.js';
import { estimateMeans } from './estimate-means.js';

const prevalence = 0.4, effect = { responder: 1.0, other: 0.2 }, kappa = 12, threshold = 0.8;
type DoseResponse = { shape: 'linear' } | { shape: 'emax'; ed50: number };
function trial(adherence: Record<string, unknown>, replicates = 10, sampleSize = 2000, estimators = ['itt', 'as-treated', 'per-protocol', 'iv-wald'], age = 0, prognosis = 0) {
  // age (continuous, prognostic when `age` is not 0) sends the estimands to the virtual-population path
  const biomarkers = [{ id: 'responder', type: 'binary', prevalence }, ...(age ? [{ id: 'age', type: 'continuous', mean: 60, sd: 10 }] : [])];
  return scenario({
    name: 'adherence', seed: 11, replicates, ...(age ? { truth: { patients: 200_000 } } : {}),
    population: { biomarkers },
    endpoint: { type: 'continuous', sd: 1, prognostic: { ...(age ? { age } : {}), ...(prognosis ? { responder: prognosis } : {}) } },
    arms: { control: {}, drug: { effect: effect.other, interactions: { responder: effect.responder - effect.other } } },
    design: { type: 'noncompliance', sampleSize, adherence, analysis: { estimators } },
  });
}
const selection = (doseResponse: DoseResponse) => ({ mean: 0.6, concentration: kappa, benefit: 1.5, doseResponse, adherent: threshold });

/** E[g(A)] for A ~ Beta(a, b), a, b > 1, by the midpoint rule on the density over 200,000 cells. */
function integrate(g: (x: number) => number, a: number, b: number): number {
  const K = 200_000;
  let total = 0, mass = 0;
  for (let k = 0; k < K; k++) {
    const x = (k + 0.5) / K, density = Math.pow(x, a - 1) * Math.pow(1 - x, b - 1);
    total += density * g(x); mass += density;
  }
  return total / mass;
}

/** By hand: control mean `prognosis` in responders and 0 in the others (m1 = m0 + Δ); assignment 1:1; the fraction taken may depend on being a responder. */
function byHand(dr: DoseResponse, prognosis = 0, adherenceByResponder = 0) {
  const f = dr.shape === 'linear' ? (x: number) => x : (x: number) => (x * (1 + dr.ed50)) / (x + dr.ed50);
  const patterns = [{ w: prevalence, d: effect.responder, r: 1 }, { w: 1 - prevalence, d: effect.other, r: 0 }].map(({ w, d, r }) => {
    const mu = 1 / (1 + Math.exp(-(Math.log(0.6 / 0.4) + 1.5 * d + adherenceByResponder * r))), a = mu * kappa, b = (1 - mu) * kappa;
    const adheres = (x: number) => (x >= threshold ? 1 : 0);
    return {
      w, d, mu, m0: prognosis * r, f: integrate(f, a, b), fA: integrate((x) => f(x) * x, a, b), A2: integrate((x) => x * x, a, b),
      P: integrate(adheres, a, b), fP: integrate((x) => f(x) * adheres(x), a, b),
    };
  });
  type P = (typeof patterns)[number];
  const E = (g: (p: P) => number) => patterns.reduce((s, p) => s + p.w * g(p), 0);
  const p = 0.5, ey = E((q) => q.m0) + p * E((q) => q.f * q.d), ed = p * E((q) => q.mu);
  return {
    ate: E((q) => q.d),
    itt: E((q) => q.f * q.d),
    acr: E((q) => q.f * q.d) / E((q) => q.mu),
    // Cov(Y, D) / Var(D), D = Z A: E[YD] = p E[m0 A + Δ f(A) A]
    asTreated: (p * E((q) => q.m0 * q.mu + q.fA * q.d) - ey * ed) / (p * E((q) => q.A2) - ed * ed),
    perProtocol: E((q) => q.P * q.m0 + q.fP * q.d) / E((q) => q.P) - E((q) => q.m0),
    adherent: E((q) => q.P * q.d) / E((q) => q.P),
    shareAdherent: E((q) => q.P),
  };
}

const shapes: DoseResponse[] = [{ shape: 'linear' }, { shape: 'emax', ed50: 0.2 }];

describe.each(shapes)('adherence with a $shape dose-response: exact estimands', (dr) => {
  it('equal the hand integration over patterns and the fraction taken, to 1e-7 (the midpoint rule\'s error)', () => {
    const { values, exact } = trial(selection(dr)).prepared.data as { values: Record<string, { value: number }>; exact: boolean };
    const h = byHand(dr);
    expect(exact).toBe(true);
    expect(values.ate.value).toBeCloseTo(h.ate, 12);
    expect(values.itt.value).toBeCloseTo(h.itt, 7);
    expect(values.acr.value).toBeCloseTo(h.acr, 7);
    expect(values['as-treated-limit'].value).toBeCloseTo(h.asTreated, 7);
    expect(values['per-protocol-limit'].value).toBeCloseTo(h.perProtocol, 7);
    expect(values['effect:adherent'].value).toBeCloseTo(h.adherent, 7);
  });

  it('from a virtual population (a prognostic continuous biomarker, which moves no estimand), within its Monte Carlo error of them', () => {
    const { values, exact } = trial(selection(dr), 10, 2000, undefined, 0.05).prepared.data as { values: Record<string, { value: number; mcse: number }>; exact: boolean };
    const h = byHand(dr);
    expect(exact).toBe(false);
    for (const [id, truth] of [['itt', h.itt], ['acr', h.acr], ['as-treated-limit', h.asTreated], ['per-protocol-limit', h.perProtocol]] as const) {
      expectWithinMcse(values[id].value, truth, { mcse: values[id].mcse, what: id });
    }
  });
});

describe('adherence that depends on a prognostic biomarker (responders, who also do better on control, take less)', () => {
  it('the exact as-treated and per-protocol limits carry the prognosis: equal to the hand integration', () => {
    const dr: DoseResponse = { shape: 'emax', ed50: 0.2 };
    // (a negative log odds keeps both patterns' Beta densities bounded, where the midpoint rule is accurate)
    const loaded = trial({ ...selection(dr), biomarkers: { responder: -1 } }, 10, 2000, undefined, 0, 0.8);
    const { values } = loaded.prepared.data as { values: Record<string, { value: number }> };
    const h = byHand(dr, 0.8, -1);
    expect(values['as-treated-limit'].value).toBeCloseTo(h.asTreated, 7);
    expect(values['per-protocol-limit'].value).toBeCloseTo(h.perProtocol, 7);
    expect(values.acr.value).toBeCloseTo(h.acr, 7);
    // the prognosis moves both limits away from where they would be without it
    expect(Math.abs(h.asTreated - byHand(dr, 0, -1).asTreated)).toBeGreaterThan(0.01);
  });
});

describe.each(shapes)('adherence with a $shape dose-response: estimators against the exact estimands', (dr) => {
  const R = 1500;
  const loaded = trial(selection(dr), R);
  let dose = 0, adherent = 0;
  const mean = estimateMeans(loaded, 11, R, (record) => { dose += record.metric[1]; adherent += record.metric[4]; });
  const h = byHand(dr);

  it('the IV estimate is centred on the average causal response, above the ATE since those who gain take more', () => {
    const iv = mean('iv-wald');
    expectWithinMcse(iv.m, h.acr, { mcse: iv.mcse, what: 'IV vs ACR' });
    expect(h.acr - h.ate).toBeGreaterThan(5 * iv.mcse);
  });

  it('ITT, as-treated and per-protocol are centred on their exact limits', () => {
    for (const [id, truth] of [['itt', h.itt], ['as-treated', h.asTreated], ['per-protocol', h.perProtocol]] as const) {
      expectWithinMcse(mean(id).m, truth, { mcse: mean(id).mcse, what: id });
    }
  });

  it('reports the mean fraction taken on the treatment arm and the share adherent', () => {
    const loadedValues = loaded.prepared.data as { values: Record<string, { value: number }> };
    expect(loadedValues.values.ate.value).toBeCloseTo(h.ate, 12);
    // E[A | assigned] = Σ w μ; each replicate's mean over about 1,000 patients (sd of A at most 0.5).
    const mu = [effect.responder, effect.other].map((d) => 1 / (1 + Math.exp(-(Math.log(1.5) + 1.5 * d))));
    expectWithinMcse(dose / R, prevalence * mu[0] + (1 - prevalence) * mu[1], { mcse: meanMcse(0.5, R * 1000), what: 'mean dose' });
    // P(A >= 0.8) over the patterns, by the same hand integration (an indicator's sd is at most 0.5)
    expectWithinMcse(adherent / R, h.shareAdherent, { mcse: meanMcse(0.5, R * 1000), what: 'share adherent' });
  });
});

describe('adherence: everyone takes the full dose', () => {
  it('every estimator gives the ITT estimate and standard error in every replicate', () => {
    const loaded = trial({ mean: 1 }, 10, 400);
    const plan = noncomplianceDesign.plan(loaded.spec, loaded.prepared.data);
    const record = newRecord(plan.layout);
    for (let r = 1; r <= 30; r++) {
      plan.simulate(new ReplicateStreams(11, r), record);
      for (let k = 1; k < plan.layout.estimates.length; k++) {
        expect(Math.abs(record.estimate[k] - record.estimate[0])).toBeLessThan(1e-12);
        expect(Math.abs(record.se[k] - record.se[0])).toBeLessThan(1e-12);
        expect(record.rejected[k]).toBe(record.rejected[0]);
      }
    }
  });
});

describe('adherence: bad input', () => {
  const text = (design: string) => `name: x\nseed: 1\npopulation: { biomarkers: [{ id: responder, type: binary, prevalence: 0.4 }] }\nendpoint: { type: continuous, sd: 1 }\narms: { control: {}, drug: { effect: 0.5 } }\ndesign: { type: noncompliance, sampleSize: 100, ${design} }\n`;
  it('refuses compliance types and adherence together, and neither, naming the key', () => {
    expect(refusalOf(text('compliance: { never-taker: { share: 0.2 } }, adherence: { mean: 0.7 }'))).toMatch(/design\.adherence.*either compliance types.*found both/s);
    expect(refusalOf(text('analysis: {}'))).toMatch(/design\.compliance.*found neither/s);
  });
  it('refuses an unknown biomarker in the adherence model, with a suggestion', () => {
    expect(refusalOf(text('adherence: { mean: 0.7, biomarkers: { responer: 1 } }'))).toMatch(/design\.adherence\.biomarkers.*responer.*did you mean "responder"/is);
  });
  it('refuses a mean fraction of 0 (no one would take the treatment: the IV estimate would divide by zero)', () => {
    expect(refusalOf(text('adherence: { mean: 0 }'))).toMatch(/design\.adherence\.mean/);
  });
});
