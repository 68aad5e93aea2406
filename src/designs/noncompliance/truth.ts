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
import { noncomplianceSetup, TYPES, COMPLIER, NEVER, ALWAYS, DEFIER, type AdherenceModel } from './setup.js';
import { survivalEstimands } from './truth-survival.js';
import { betaExpectation, betaTailExpectation, betaTail } from '../../stats/quadrature/beta.js';

export const ESTIMANDS = ['ate', 'itt', 'late', 'att', 'as-treated-limit', 'per-protocol-limit', 'wald-limit', ...TYPES.map((t) => `effect:${t}`)] as const;
/** With partial adherence: the average causal response instead of the LATE, and the full-dose effect in those who would (not) adhere. */
export const ADHERENCE_ESTIMANDS = ['ate', 'itt', 'acr', 'as-treated-limit', 'per-protocol-limit', 'effect:adherent', 'effect:non-adherent'] as const;
export type Estimand = (typeof ESTIMANDS)[number] | (typeof ADHERENCE_ESTIMANDS)[number];

export type { EstimandValue } from './plan-types.js';
import type { EstimandValue } from './plan-types.js';

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
    addSums(this, o, TYPE_SUMS);
    for (let t = 0; t < 4; t++) { this.type[t] += o.type[t]; this.typeDelta[t] += o.typeDelta[t]; }
  }
  values(): Record<string, number> {
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
    return out;
  }
}

/** Adds the named sums of `o` into `into` (named, so a field that is not a sum is never added by accident). */
function addSums<T>(into: T, o: T, keys: readonly (keyof T)[]): void {
  for (const k of keys) (into[k] as number) += o[k] as number;
}

const TYPE_SUMS = ['w', 'delta', 'itt', 'first', 'q', 'qDelta', 'qm1', 'notQ', 'notQm0', 'ppTreat', 'ppTreatM1', 'ppControl', 'ppControlM0'] as const;
const ADHERENCE_SUMS = ['w', 'delta', 'm0', 'itt', 'dose', 'm0Dose', 'fDoseDelta', 'dose2', 'adherent', 'ppNumerator', 'adherentDelta'] as const;

/**
 * The same with partial adherence, from each patient's moments of the fraction A they would take
 * (Beta; f the dose-response): with D = Z A the dose taken and Y = m0 + f(D) Δ on average,
 *   ITT = E[E f(A) Δ],  ACR = ITT / E[A]  (what the Wald ratio converges to: Angrist & Imbens 1995),
 *   as-treated limit = Cov(Y, D)/Var(D),  E[D] = p E[A], E[D²] = p E[A²], E[YD] = p E[m0 A + Δ E f(A) A],
 *   per-protocol limit = E[P(A ≥ c) m0 + E f(A) 1{A ≥ c} Δ] / E[P(A ≥ c)] − E[m0],
 *   effect in those who would adhere = E[P(A ≥ c) Δ] / E[P(A ≥ c)] (and its complement).
 */
class AdherenceSums {
  w = 0; delta = 0; m0 = 0; itt = 0; dose = 0; m0Dose = 0; fDoseDelta = 0; dose2 = 0; adherent = 0; ppNumerator = 0; adherentDelta = 0;
  add(w: number, m1: number, m0: number, a: DoseMoments): void {
    const d = m1 - m0;
    this.w += w; this.delta += w * d; this.m0 += w * m0; this.itt += w * a.f * d; this.dose += w * a.mean;
    this.m0Dose += w * m0 * a.mean; this.fDoseDelta += w * a.fDose * d; this.dose2 += w * a.square;
    this.adherent += w * a.adherent; this.ppNumerator += w * (a.adherent * m0 + a.fAdherent * d); this.adherentDelta += w * a.adherent * d;
  }
  merge(o: AdherenceSums): void { addSums(this, o, ADHERENCE_SUMS); }
  /** p: the chance of assignment to the treatment. */
  values(p: number): Record<string, number> {
    const { w } = this;
    const ey = (this.m0 + p * this.itt) / w, ed = (p * this.dose) / w;
    const slope = ((p * (this.m0Dose + this.fDoseDelta)) / w - ey * ed) / ((p * this.dose2) / w - ed * ed);
    return {
      'ate': this.delta / w, 'itt': this.itt / w, 'acr': this.itt / this.dose, 'as-treated-limit': slope,
      'per-protocol-limit': this.ppNumerator / this.adherent - this.m0 / w,
      'effect:adherent': this.adherent > 0 ? this.adherentDelta / this.adherent : NaN,
      'effect:non-adherent': w - this.adherent > 0 ? (this.delta - this.adherentDelta) / (w - this.adherent) : NaN,
    };
  }
}

/** One patient's moments of the fraction of the dose they would take, A ~ Beta(μκ, (1 − μ)κ). */
interface DoseMoments { mean: number; square: number; f: number; fDose: number; adherent: number; fAdherent: number }

/** Closed forms for a linear dose-response (E[A 1{A ≥ c}] = μ P(Beta(a + 1, b) ≥ c)); Gauss-Jacobi quadrature for Emax. */
export function doseMoments(mu: number, adherence: AdherenceModel): DoseMoments {
  const c = adherence.adherent, f = adherence.response;
  if (mu >= 1 || mu <= 0) { const a = mu >= 1 ? 1 : 0; return { mean: a, square: a, f: f(a), fDose: f(a) * a, adherent: a >= c ? 1 : 0, fAdherent: a >= c ? f(a) : 0 }; }
  const kappa = adherence.concentration, a = mu * kappa, b = (1 - mu) * kappa;
  const square = (mu * (1 - mu)) / (kappa + 1) + mu * mu;
  const adherent = betaTail(a, b, c);
  if (adherence.linear) return { mean: mu, square, f: mu, fDose: square, adherent, fAdherent: mu * betaTail(a + 1, b, c) };
  // A concentrated Beta is far from a low-degree polynomial's weight: more nodes (below 1e-8 relative up to a + b of 1000).
  const n = kappa > 100 ? 160 : 48;
  return { mean: mu, square, f: betaExpectation(f, a, b, n), fDose: betaExpectation((x) => f(x) * x, a, b, n), adherent, fAdherent: betaTailExpectation(f, a, b, c, n) };
}

export function noncomplianceEstimands(s: NoncomplianceScenario, streams: RunStreams): { values: Record<string, EstimandValue>; exact: boolean } {
  const setup = noncomplianceSetup(s);
  if (setup.survival) return survivalEstimands(s, streams);
  const model = buildOutcomeModel(s);
  const ratios = setup.armNames.map((a) => s.design.allocation?.[a] ?? 1);
  const p = ratios[setup.treatment] / (ratios[setup.treatment] + ratios[setup.control]);
  const pi = new Float64Array(4);
  const one = new Cohort(1, s.population.biomarkers.length);
  const adherence = setup.adherence;
  const ids: readonly Estimand[] = adherence ? ADHERENCE_ESTIMANDS : ESTIMANDS;
  type Accumulator = { merge(o: Accumulator): void; values(p: number): Record<string, number> };
  const newSums = (): Accumulator => (adherence ? new AdherenceSums() : new Sums()) as Accumulator;
  // The mean fraction taken often depends on discrete biomarkers only: its moments are remembered by value.
  const moments = new Map<number, DoseMoments>();
  const momentsAt = (mu: number): DoseMoments => {
    let m = moments.get(mu);
    if (!m) { if (moments.size > 4096) moments.clear(); m = doseMoments(mu, adherence!); moments.set(mu, m); }
    return m;
  };
  const addPatient = (sums: Accumulator, w: number) => {
    const m1 = model.mean(one, 0, setup.treatment), m0 = model.mean(one, 0, setup.control);
    if (adherence) { (sums as unknown as AdherenceSums).add(w, m1, m0, momentsAt(adherence.mean(one, 0, setup.benefitOf(m1, m0)))); return; }
    setup.compliance.probabilities(one, 0, setup.benefitOf(m1, m0), pi);
    (sums as unknown as Sums).add(w, m1, m0, pi, p);
  };
  const exactPatterns = discretePatterns(s);
  if (exactPatterns) {
    const sums = newSums();
    for (const pt of exactPatterns) {
      placePattern(one, 0, pt);
      addPatient(sums, pt.weight);
    }
    const v = sums.values(p);
    return { values: Object.fromEntries(ids.map((k) => [k, { value: v[k], mcse: 0 }])), exact: true };
  }
  const source = streams.truth();
  const normal = normalSampler(source);
  const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
  const B = 100, per = Math.max(1, Math.floor(s.truth.patients / B));
  const total = newSums();
  const batches: Record<string, number>[] = [];
  for (let b = 0; b < B; b++) {
    const sums = newSums();
    for (let i = 0; i < per; i++) { draw(one, 0); model.drawLatent(source, normal, one, 0); addPatient(sums, 1); }
    batches.push(sums.values(p));
    total.merge(sums);
  }
  const v = total.values(p);
  const mcse = (k: Estimand) => {
    const xs = batches.map((x) => x[k]);
    const m = xs.reduce((a, x) => a + x, 0) / B;
    return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (B - 1) / B);
  };
  return { values: Object.fromEntries(ids.map((k) => [k, { value: v[k], mcse: mcse(k) }])), exact: false };
}
