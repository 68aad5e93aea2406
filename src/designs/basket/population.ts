/**
 * Baskets derived from the population model: each basket is a level of a
 * categorical biomarker (e.g. tumour type), optionally restricted by an
 * eligibility rule (e.g. "braf == 1"), and a patient's response probability
 * on the drug is the binary endpoint model's P(Y = 1 | biomarkers, drug arm).
 * A basket's true response rate is that probability averaged over its
 * eligible patients, so its responder count is exactly Binomial(n, rate):
 * patients are independent draws from the basket's population.
 *
 * Patients of basket k are drawn from the population until one falls in
 * level k and meets the rule (rejection sampling, which keeps every
 * correlation of the Gaussian copula within the basket).
 */
import type { BasketScenario } from './schema.js';
import type { RandomSource, RunStreams } from '../../random/stream.js';
import type { TrueValue } from '../types.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel, type OutcomeModel } from '../../population/outcomes.js';
import { compileRule } from '../../scenario/rules/compile.js';
import { ScenarioRefusal } from '../../scenario/errors.js';

/** Draws before giving up on filling a basket (a level or rule almost nobody meets). */
const MAX_DRAWS = 10_000_000;

export interface BasketPopulation {
  model: OutcomeModel;
  drugArm: number;
  controlArm: number;
  /** The basket of patient i of the cohort (-1: no basket, or not eligible). */
  basketOf(c: Cohort, i: number): number;
  /** A patient sampler over a random source. */
  sampler(source: RandomSource): (c: Cohort, i: number) => void;
}

export function basketPopulation(s: BasketScenario): BasketPopulation {
  const d = s.design;
  const pop = d.population!;
  const column = s.population.biomarkers.findIndex((m) => m.id === pop.basketBy);
  const marker = s.population.biomarkers[column] as Extract<BasketScenario['population']['biomarkers'][number], { type: 'categorical' }>;
  const levels = Object.keys(marker.levels);
  const levelToBasket = new Int32Array(levels.length).fill(-1);
  d.baskets.forEach((b, k) => (levelToBasket[levels.indexOf(b.level ?? b.id)] = k));
  const rule = pop.eligibility === undefined ? null : compileRule(pop.eligibility, s.population.biomarkers, (s.population.profiles ?? []).map((p) => p.id));
  const eligible = rule && rule.ok ? rule.eligible : null;
  const model = buildOutcomeModel(s);
  const compiled = compilePopulation(s.population);
  return {
    model,
    drugArm: model.arms.indexOf(pop.arm),
    controlArm: pop.control === undefined ? -1 : model.arms.indexOf(pop.control),
    basketOf: (c, i) => {
      const k = levelToBasket[c.markers[column][i]];
      return k >= 0 && (eligible === null || eligible(c, i)) ? k : -1;
    },
    sampler: (source) => biomarkerSampler(compiled, source, normalSampler(source)),
  };
}

/** Draws patients into row i until one belongs to basket k. */
export function drawInto(p: BasketPopulation, draw: (c: Cohort, i: number) => void, c: Cohort, i: number, k: number): void {
  for (let t = 0; t < MAX_DRAWS; t++) {
    draw(c, i);
    if (p.basketOf(c, i) === k) return;
  }
  throw new Error(`basket ${k + 1}: no eligible patient in ${MAX_DRAWS} draws`);
}

export interface PopulationRates {
  drug: TrueValue[];
  control: TrueValue[];
  /** Share of the population in each basket (level and rule). */
  share: number[];
}

/** Per-basket mean and its standard error from sums shifted by the first value. */
class ShiftedMoments {
  private readonly shift: Float64Array;
  private readonly sum: Float64Array;
  private readonly sumSq: Float64Array;
  constructor(K: number) {
    this.shift = new Float64Array(K).fill(NaN);
    this.sum = new Float64Array(K);
    this.sumSq = new Float64Array(K);
  }
  add(k: number, x: number): void {
    if (Number.isNaN(this.shift[k])) this.shift[k] = x;
    const d = x - this.shift[k];
    this.sum[k] += d;
    this.sumSq[k] += d * d;
  }
  value(k: number, m: number): TrueValue {
    const mean = this.sum[k] / m;
    return { value: this.shift[k] + mean, mcse: Math.sqrt(Math.max(0, this.sumSq[k] / m - mean * mean) / m) };
  }
}

/**
 * True drug and control response rates of each basket: the mean response
 * probability over the basket's patients in a virtual population of
 * `truth.patients` (stream `truth`), with its Monte Carlo error
 * sd(p) / sqrt(m) (zero when every patient of the basket has the same
 * probability). Computed once, when the scenario is prepared.
 */
export function populationRates(s: BasketScenario, streams: RunStreams): PopulationRates {
  const d = s.design;
  const p = basketPopulation(s);
  const K = d.baskets.length;
  const source = streams.truth();
  const draw = p.sampler(source);
  const c = new Cohort(1, s.population.biomarkers.length);
  const count = new Float64Array(K);
  // sums of p - shift and its square, shifted by each basket's first value so
  // that a probability constant within the basket has exactly zero variance
  const drug = new ShiftedMoments(K);
  const control = new ShiftedMoments(K);
  for (let t = 0; t < s.truth.patients; t++) {
    draw(c, 0);
    const k = p.basketOf(c, 0);
    if (k < 0) continue;
    count[k]++;
    drug.add(k, p.model.mean(c, 0, p.drugArm));
    if (p.controlArm >= 0) control.add(k, p.model.mean(c, 0, p.controlArm));
  }
  const empty = d.baskets.flatMap((b, k) => (count[k] > 0 ? [] : [{
    path: ['design', 'baskets', k],
    message: `basket "${b.id}": no patient of the ${s.truth.patients} in the virtual population (truth.patients) falls in it; check its level, the eligibility rule, or raise truth.patients`,
  }]));
  if (empty.length > 0) throw new ScenarioRefusal(empty);
  return {
    drug: d.baskets.map((_, k) => drug.value(k, count[k])),
    control: d.baskets.map((_, k) => (p.controlArm >= 0 ? control.value(k, count[k]) : { value: NaN, mcse: 0 })),
    share: Array.from(count, (m) => m / s.truth.patients),
  };
}
