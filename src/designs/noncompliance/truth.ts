/**
 * The estimands of a trial with non-compliance, from the potential outcomes
 * of a virtual population (Angrist, Imbens & Rubin 1996; Hernán & Robins,
 * Causal Inference, ch. 16), with Δ = m1 − m0 each patient's own effect
 * (mean or probability difference), π their type probabilities and p the
 * chance of assignment to treatment:
 *
 *   ATE  = E[Δ]
 *   ITT  = E[(π_c − π_d) Δ]                         (assignment's effect)
 *   LATE = E[π_c Δ] / E[π_c]                         (compliers' effect)
 *   effect in type t = E[π_t Δ] / E[π_t]
 *   ATT  = E[q Δ] / E[q],  q = π_a + p π_c + (1 − p) π_d   (the treated)
 *   as-treated limit   = E[q m1]/E[q] − E[(1 − q) m0]/E[1 − q]
 *   per-protocol limit = E[(π_c + π_a) m1]/E[π_c + π_a] − E[(π_c + π_n) m0]/E[π_c + π_n]
 *   Wald limit         = ITT / E[π_c − π_d]  (= LATE without defiers)
 *
 * Exact by enumeration when every biomarker is binary or categorical (and
 * at most five are correlated; population/patterns.ts): a weighted sum over
 * the patterns; otherwise averaged over `truth.patients` virtual patients, with
 * Monte Carlo errors from 100 batch means.
 */
import type { RunStreams } from '../../random/stream.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { discretePatterns, placePattern } from '../../population/patterns.js';
import type { NoncomplianceScenario } from './schema.js';
import { noncomplianceSetup, TYPES, COMPLIER, NEVER, ALWAYS, DEFIER } from './setup.js';

export const ESTIMANDS = ['ate', 'itt', 'late', 'att', 'as-treated-limit', 'per-protocol-limit', 'wald-limit', ...TYPES.map((t) => `effect:${t}`)] as const;
export type Estimand = (typeof ESTIMANDS)[number];

export interface EstimandValue { value: number; mcse: number }

/** Weighted sums of the per-patient quantities the estimands are ratios of. */
class Sums {
  w = 0; delta = 0; itt = 0; first = 0; q = 0; qDelta = 0; qm1 = 0; notQ = 0; notQm0 = 0; ppTreat = 0; ppTreatM1 = 0; ppControl = 0; ppControlM0 = 0;
  type = new Float64Array(4); typeDelta = new Float64Array(4);
  add(w: number, m1: number, m0: number, pi: Float64Array, p: number): void {
    const d = m1 - m0, q = pi[ALWAYS] + p * pi[COMPLIER] + (1 - p) * pi[DEFIER];
    this.w += w; this.delta += w * d;
    this.itt += w * (pi[COMPLIER] - pi[DEFIER]) * d; this.first += w * (pi[COMPLIER] - pi[DEFIER]);
    this.q += w * q; this.qDelta += w * q * d; this.qm1 += w * q * m1; this.notQ += w * (1 - q); this.notQm0 += w * (1 - q) * m0;
    this.ppTreat += w * (pi[COMPLIER] + pi[ALWAYS]); this.ppTreatM1 += w * (pi[COMPLIER] + pi[ALWAYS]) * m1;
    this.ppControl += w * (pi[COMPLIER] + pi[NEVER]); this.ppControlM0 += w * (pi[COMPLIER] + pi[NEVER]) * m0;
    for (let t = 0; t < 4; t++) { this.type[t] += w * pi[t]; this.typeDelta[t] += w * pi[t] * d; }
  }
  merge(o: Sums): void {
    for (const k of Object.keys(this) as (keyof Sums)[]) {
      const v = this[k];
      if (typeof v === 'number') (this as unknown as Record<string, number>)[k] = v + (o[k] as number);
    }
    for (let t = 0; t < 4; t++) { this.type[t] += o.type[t]; this.typeDelta[t] += o.typeDelta[t]; }
  }
  values(): Record<Estimand, number> {
    const itt = this.itt / this.w;
    const out: Record<string, number> = {
      'ate': this.delta / this.w, 'itt': itt,
      'late': this.typeDelta[COMPLIER] / this.type[COMPLIER],
      'att': this.qDelta / this.q,
      'as-treated-limit': this.qm1 / this.q - this.notQm0 / this.notQ,
      'per-protocol-limit': this.ppTreatM1 / this.ppTreat - this.ppControlM0 / this.ppControl,
      'wald-limit': itt / (this.first / this.w),
    };
    TYPES.forEach((t, j) => { out[`effect:${t}`] = this.type[j] > 0 ? this.typeDelta[j] / this.type[j] : NaN; });
    return out as Record<Estimand, number>;
  }
}

export function noncomplianceEstimands(s: NoncomplianceScenario, streams: RunStreams): { values: Record<Estimand, EstimandValue>; exact: boolean } {
  const setup = noncomplianceSetup(s);
  const model = buildOutcomeModel(s);
  const ratios = setup.armNames.map((a) => s.design.allocation?.[a] ?? 1);
  const p = ratios[setup.treatment] / (ratios[setup.treatment] + ratios[setup.control]);
  const pi = new Float64Array(4);
  const one = new Cohort(1, s.population.biomarkers.length);
  const addPatient = (sums: Sums, w: number) => {
    const m1 = model.mean(one, 0, setup.treatment), m0 = model.mean(one, 0, setup.control);
    setup.compliance.probabilities(one, 0, m1 - m0, pi);
    sums.add(w, m1, m0, pi, p);
  };
  const exactPatterns = discretePatterns(s);
  if (exactPatterns) {
    const sums = new Sums();
    for (const pt of exactPatterns) {
      placePattern(one, 0, pt);
      addPatient(sums, pt.weight);
    }
    const v = sums.values();
    return { values: Object.fromEntries(ESTIMANDS.map((k) => [k, { value: v[k], mcse: 0 }])) as Record<Estimand, EstimandValue>, exact: true };
  }
  const source = streams.truth();
  const normal = normalSampler(source);
  const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
  const B = 100, per = Math.max(1, Math.floor(s.truth.patients / B));
  const total = new Sums();
  const batches: Record<Estimand, number>[] = [];
  for (let b = 0; b < B; b++) {
    const sums = new Sums();
    for (let i = 0; i < per; i++) { draw(one, 0); model.drawLatent(source, normal, one, 0); addPatient(sums, 1); }
    batches.push(sums.values());
    total.merge(sums);
  }
  const v = total.values();
  const mcse = (k: Estimand) => {
    const xs = batches.map((x) => x[k]);
    const m = xs.reduce((a, x) => a + x, 0) / B;
    return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (B - 1) / B);
  };
  return { values: Object.fromEntries(ESTIMANDS.map((k) => [k, { value: v[k], mcse: mcse(k) }])) as Record<Estimand, EstimandValue>, exact: false };
}
