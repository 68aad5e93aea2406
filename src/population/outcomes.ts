/**
 * Potential outcomes: every patient has an outcome under every arm, all
 * driven by one latent draw, so the arms differ only by the treatment.
 *
 * - binary: P(Y=1 | arm a) = logistic(η_a) (logit model) or the rates-table
 *   entry; Y_a = 1[U < p_a] with one uniform U per patient;
 * - continuous: Y_a = μ_a + σ ε with one standard normal ε per patient;
 * - time-to-event: hazard h_a(t) = λ k t^(k-1) exp(η_a) (Weibull; k = 1 is
 *   exponential); T_a = (E / (λ exp(η_a)))^(1/k) with one E ~ Exp(1), so the
 *   potential times are ordered as the hazards are (Bender et al. 2005).
 *
 * Coupling the potential outcomes through one draw is a modelling choice (the
 * joint law of potential outcomes is not identifiable from data); it makes
 * individual effects monotone and keeps Monte Carlo noise of effects low.
 */
import type { Scenario } from '../scenario/schema.js';
import type { EndpointSpec } from '../scenario/endpoint.js';
import type { RandomSource } from '../random/stream.js';
import { logistic } from '../stats/distributions.js';
import { compilePredictor, evaluate, type Predictor } from './predictor.js';
import { Cohort } from './cohort.js';
import { poissonQuantile, drawCountLatent } from './count-outcomes.js';
import { patientFree } from './biomarkers.js';
import { discreteKey, keyFunction, decodeKey, patientTypes, tableByType } from './discrete-table.js';

export interface OutcomeModel {
  endpoint: EndpointSpec;
  arms: string[];
  /** Draws the patient's coupling variable (and entry/dropout for time-to-event). */
  drawLatent(source: RandomSource, normal: () => number, c: Cohort, i: number): void;
  /** P(Y=1), mean, or hazard multiplier λ exp(η) of patient i under arm a. */
  mean(c: Cohort, i: number, arm: number): number;
  /** The potential outcome of patient i under arm a (for time-to-event: the event time). */
  outcome(c: Cohort, i: number, arm: number): number;
  /**
   * The outcome patient i would have, from the same coupling draw, if their
   * P(Y=1), mean, hazard multiplier or rate were `mean` (e.g. part of the
   * dose: between two arms' means); outcome(c, i, a) = outcomeAt(c, i, mean(c, i, a)).
   */
  outcomeAt(c: Cohort, i: number, mean: number): number;
  /** Sets the observed outcome (and event flag) of patient i under their assigned arm. */
  observe(c: Cohort, i: number): void;
  /** drawLatent then observe, in one call. */
  drawOutcome(source: RandomSource, normal: () => number, c: Cohort, i: number): void;
  /**
   * As drawOutcome, from the same draws, but keeping only the observed outcome
   * where the coupling draw need not be stored: the replicate loop's hot path
   * when nothing reads the potential outcomes.
   */
  drawObserved(source: RandomSource, normal: () => number, c: Cohort, i: number): void;
  /**
   * The observed outcome of a patient of a known type on an arm, from the
   * same draw as drawObserved: where the outcome is a function of type and
   * arm (a binary endpoint over discrete covariates), the replicate loop
   * passes what it knows instead of the model reading it back.
   */
  observedOfType?(source: RandomSource, type: number, arm: number): number;
  /**
   * The observed outcome of a patient on an arm where patients are only
   * their arm (patientFree: no biomarkers, no profiles), from the same draws
   * as drawObserved: a design whose analysis reads sums per arm need not
   * keep a cohort (binary and continuous endpoints).
   */
  observedOfArm?(source: RandomSource, normal: () => number, arm: number): number;
}

export function buildOutcomeModel(s: Scenario): OutcomeModel {
  const endpoint = s.endpoint!;
  const armNames = Object.keys(s.arms!);
  const armSpecs = armNames.map((a) => s.arms![a]);
  if (endpoint.type === 'binary' && endpoint.model === 'rates') return ratesModel(s, endpoint, armNames);
  const intercept = endpoint.type === 'time-to-event' || endpoint.type === 'count' ? 0 : endpoint.intercept ?? 0;
  const predictors: Predictor[] = armSpecs.map((arm) =>
    compilePredictor(s, intercept + arm.effect, 'prognostic' in endpoint ? endpoint.prognostic : undefined, arm.interactions),
  );
  if (endpoint.type === 'binary') {
    const mean = tabulated(s, predictors, (p, c, i) => logistic(evaluate(p, c, i)))
      ?? ((c: Cohort, i: number, a: number) => logistic(evaluate(predictors[a], c, i)));
    return binaryModel(s, endpoint, armNames, mean);
  }
  if (endpoint.type === 'continuous') {
    const sd = endpoint.sd;
    const mean = (c: Cohort, i: number, a: number) => evaluate(predictors[a], c, i);
    return {
      endpoint, arms: armNames, mean,
      drawLatent: (_s, normal, c, i) => { c.latent[i] = normal(); },
      outcome: (c, i, a) => mean(c, i, a) + sd * c.latent[i],
      outcomeAt: (c, i, m) => m + sd * c.latent[i],
      observe: (c, i) => { c.outcome[i] = mean(c, i, c.arm[i]) + sd * c.latent[i]; },
      drawOutcome: (_s, normal, c, i) => {
        const e = normal();
        c.latent[i] = e;
        c.outcome[i] = mean(c, i, c.arm[i]) + sd * e;
      },
      drawObserved: (_s, normal, c, i) => { c.outcome[i] = mean(c, i, c.arm[i]) + sd * normal(); },
      ...(patientFree(s.population) ? { observedOfArm: observedOfArm(predictors, sd) } : {}),
    };
  }
  if (endpoint.type === 'count') return countModel(endpoint, armNames, predictors);
  const rate = endpoint.baselineHazard ?? Math.log(2) / Math.pow(endpoint.median!, endpoint.shape);
  const shape = endpoint.shape;
  const { accrualDuration, followUp, dropoutHazard } = endpoint;
  const mean = (c: Cohort, i: number, a: number) => rate * Math.exp(evaluate(predictors[a], c, i));
  const outcome = (c: Cohort, i: number, a: number) => Math.pow(c.latent[i] / mean(c, i, a), 1 / shape);
  const drawLatent = (source: RandomSource, _n: () => number, c: Cohort, i: number) => {
    c.latent[i] = -Math.log(1 - source());
    c.entry[i] = accrualDuration * source();
    c.dropout[i] = dropoutHazard > 0 ? -Math.log(1 - source()) / dropoutHazard : Infinity;
  };
  const observe = (c: Cohort, i: number) => {
    const t = outcome(c, i, c.arm[i]);
    const censor = Math.min(accrualDuration + followUp - c.entry[i], c.dropout[i]);
    c.event[i] = t <= censor ? 1 : 0;
    c.outcome[i] = Math.min(t, censor);
  };
  const drawOutcome = (source: RandomSource, normal: () => number, c: Cohort, i: number) => { drawLatent(source, normal, c, i); observe(c, i); };
  const outcomeAt = (c: Cohort, i: number, m: number) => Math.pow(c.latent[i] / m, 1 / shape);
  return { endpoint, arms: armNames, mean, outcome, outcomeAt, drawLatent, observe, drawOutcome, drawObserved: drawOutcome };
}

/**
 * Counts: mean(c, i, a) is the patient's event rate per unit exposure under
 * arm a (without frailty, whose mean is 1); the outcome is the Poisson
 * quantile of the patient's uniform at mean exposure x frailty x rate.
 */
function countModel(endpoint: Extract<EndpointSpec, { type: 'count' }>, arms: string[], predictors: Predictor[]): OutcomeModel {
  const rate = endpoint.rate;
  const mean = (c: Cohort, i: number, a: number) => rate * Math.exp(evaluate(predictors[a], c, i));
  const outcome = (c: Cohort, i: number, a: number) => poissonQuantile(c.latent[i], c.exposure[i] * c.frailty[i] * mean(c, i, a));
  const drawLatent = (source: RandomSource, normal: () => number, c: Cohort, i: number) => drawCountLatent(endpoint, source, normal, c, i);
  const observe = (c: Cohort, i: number) => { c.outcome[i] = outcome(c, i, c.arm[i]); };
  const drawOutcome = (source: RandomSource, normal: () => number, c: Cohort, i: number) => { drawLatent(source, normal, c, i); observe(c, i); };
  const outcomeAt = (c: Cohort, i: number, m: number) => poissonQuantile(c.latent[i], c.exposure[i] * c.frailty[i] * m);
  return { endpoint, arms, mean, outcome, outcomeAt, drawLatent, observe, drawOutcome, drawObserved: drawOutcome };
}

/** The arm means as a table over the discrete covariates, when the predictors allow it. */
function tabulated(
  s: Scenario, predictors: Predictor[], f: (p: Predictor, c: Cohort, i: number) => number,
): ((c: Cohort, i: number, a: number) => number) | null {
  const key = discreteKey(s, predictors);
  if (!key) return null;
  const arms = predictors.length;
  const table = new Float64Array(key.size * arms);
  const one = new Cohort(1, s.population.biomarkers.length);
  for (let k = 0; k < key.size; k++) {
    decodeKey(key, k, one);
    for (let a = 0; a < arms; a++) table[k * arms + a] = f(predictors[a], one, 0);
  }
  const keyOfPatient = keyFunction(key);
  return (c, i, a) => table[keyOfPatient(c, i) * arms + a];
}

function ratesModel(s: Scenario, endpoint: Extract<EndpointSpec, { type: 'binary' }>, armNames: string[]): OutcomeModel {
  const biomarkers = s.population.biomarkers;
  const rows = endpoint.rates!.map((row) => ({
    conditions: Object.entries(row.subgroup).map(([id, v]) => {
      const j = biomarkers.findIndex((b) => b.id === id);
      const m = biomarkers[j];
      return { column: j, value: m.type === 'categorical' ? Object.keys(m.levels).indexOf(String(v)) : Number(v) };
    }),
    rates: Float64Array.from(armNames.map((a) => row.rates[a])),
  }));
  const rowOf = (c: Cohort, i: number) => {
    for (const row of rows) if (row.conditions.every((k) => c.markers[k.column][i] === k.value)) return row;
    throw new Error(`patient ${i} matches no row of the rates table`);
  };
  // Tabulate over the table's columns so each patient costs one look-up.
  const key = discreteKey(s, [], [...new Set(rows.flatMap((r) => r.conditions.map((k) => k.column)))])!;
  const arms = armNames.length;
  const table = new Float64Array(key.size * arms);
  const one = new Cohort(1, biomarkers.length);
  for (let k = 0; k < key.size; k++) {
    decodeKey(key, k, one);
    table.set(rowOf(one, 0).rates, k * arms);
  }
  const keyOfPatient = keyFunction(key);
  const mean = (c: Cohort, i: number, a: number) => table[keyOfPatient(c, i) * arms + a];
  return binaryModel(s, endpoint, armNames, mean);
}

/**
 * A binary outcome model over P(Y = 1) by patient and arm: Y_a = 1[U < p_a],
 * one uniform U per patient. With patient types, the replicate loop looks
 * P(Y = 1) up by type and arm.
 */
function binaryModel(s: Scenario, endpoint: EndpointSpec, arms: string[], mean: (c: Cohort, i: number, a: number) => number): OutcomeModel {
  const types = patientTypes(s.population);
  const width = arms.length;
  const byType = types ? tableByType(types, width, mean) : null;
  /** P(Y = 1) of patient i under their assigned arm. */
  const probability = byType
    ? (c: Cohort, i: number) => { const t = c.type[i]; return t >= 0 ? byType[t * width + c.arm[i]] : mean(c, i, c.arm[i]); }
    : (c: Cohort, i: number) => mean(c, i, c.arm[i]);
  return {
    endpoint, arms, mean,
    drawLatent: (source, _n, c, i) => { c.latent[i] = source(); },
    outcome: (c, i, a) => (c.latent[i] < mean(c, i, a) ? 1 : 0),
    outcomeAt: (c, i, m) => (c.latent[i] < m ? 1 : 0),
    observe: (c, i) => { c.outcome[i] = c.latent[i] < mean(c, i, c.arm[i]) ? 1 : 0; },
    // +(u < p): a comparison's bit, without the branch a ternary compiles to (mispredicted as often as the outcome is uncertain).
    drawOutcome: (source, _n, c, i) => {
      const u = source();
      c.latent[i] = u;
      c.outcome[i] = +(u < probability(c, i));
    },
    drawObserved: (source, _n, c, i) => { c.outcome[i] = +(source() < probability(c, i)); },
    ...(byType ? { observedOfType: (source: RandomSource, type: number, arm: number) => +(source() < byType[type * width + arm]) } : {}),
    // A patient-free population has one type, 0 (patientTypes): every patient's P(Y = 1) on arm a is byType[a].
    ...(byType && patientFree(s.population) ? { observedOfArm: (source: RandomSource, _n: () => number, arm: number) => +(source() < byType[arm]) } : {}),
  };
}

/**
 * A continuous outcome on an arm without patients' covariates: the arm's
 * mean is its predictor's constant plus profile 0's coefficient, the sum
 * evaluate() forms for every patient of a patient-free population.
 */
function observedOfArm(predictors: Predictor[], sd: number) {
  const means = Float64Array.from(predictors, (p) => p.constant + p.profileCoefs[0]);
  return (_s: RandomSource, normal: () => number, arm: number) => means[arm] + sd * normal();
}
