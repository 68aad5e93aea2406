/**
 * Sufficient sums of per-patient arm means (outcome probabilities or means
 * under every arm) in one cell of a virtual population: the true
 * differences between arms and their Monte Carlo errors, which come only
 * from sampling the patients' biomarkers (zero when the means do not vary).
 */
import { logit } from '../stats/distributions.js';
import type { Scenario } from '../scenario/schema.js';
import type { RunStreams } from '../random/stream.js';
import { normalSampler } from '../random/samplers.js';
import { Cohort } from './cohort.js';
import { biomarkerSampler, compilePopulation } from './biomarkers.js';
import { buildOutcomeModel } from './outcomes.js';
import { discretePatterns, placePattern } from './patterns.js';

/** A true value with its Monte Carlo error (the shape of the designs' TrueValue). */
export interface EstimatedValue {
  value: number;
  mcse: number;
}

/**
 * Sums of the per-patient arm means in one cell; a patient may carry a
 * weight (a biomarker pattern's probability, when the population is
 * enumerated), and `count` is then the cell's probability.
 */
export class CellMoments {
  count = 0;
  sum: Float64Array;
  cross: Float64Array;
  constructor(private arms: number) {
    this.sum = new Float64Array(arms);
    this.cross = new Float64Array(arms * arms);
  }
  add(means: Float64Array, weight = 1): void {
    this.count += weight;
    for (let a = 0; a < this.arms; a++) {
      this.sum[a] += weight * means[a];
      for (let b = 0; b < this.arms; b++) this.cross[a * this.arms + b] += weight * means[a] * means[b];
    }
  }
  mean(a: number): number { return this.sum[a] / this.count; }
  cov(a: number, b: number): number { return this.cross[a * this.arms + b] / this.count - this.mean(a) * this.mean(b); }
  difference(a: number, c: number): EstimatedValue {
    const v = this.cov(a, a) + this.cov(c, c) - 2 * this.cov(a, c);
    return { value: this.mean(a) - this.mean(c), mcse: Math.sqrt(Math.max(0, v) / this.count) };
  }
  /** log(E[m_a] / E[m_c]): a marginal log rate ratio, with its delta-method error. */
  logRatio(a: number, c: number): EstimatedValue {
    const ma = this.mean(a), mc = this.mean(c);
    const v = this.cov(a, a) / (ma * ma) + this.cov(c, c) / (mc * mc) - (2 * this.cov(a, c)) / (ma * mc);
    return { value: Math.log(ma / mc), mcse: Math.sqrt(Math.max(0, v) / this.count) };
  }
  logOddsRatio(a: number, c: number): EstimatedValue {
    const pa = this.mean(a), pc = this.mean(c);
    const ga = 1 / (pa * (1 - pa)), gc = -1 / (pc * (1 - pc));
    const v = ga * ga * this.cov(a, a) + gc * gc * this.cov(c, c) + 2 * ga * gc * this.cov(a, c);
    return { value: logit(pa) - logit(pc), mcse: Math.sqrt(Math.max(0, v) / this.count) };
  }
}

/** Whether every patient has the same outcome means under every arm. */
export function meansAreConstant(s: Scenario): boolean {
  const e = s.endpoint!;
  if (s.population.biomarkers.length === 0) return true;
  const prognostic = 'prognostic' in e && Object.keys(e.prognostic ?? {}).length > 0;
  const rates = e.type === 'binary' && e.model === 'rates' && (e.rates ?? []).some((row) => Object.keys(row.subgroup).length > 0);
  const predictive = Object.values(s.arms ?? {}).some((a) => Object.keys(a.interactions ?? {}).length > 0);
  return !prognostic && !rates && !predictive;
}

/**
 * How armMeanDifferences computes the truth, for a design's description:
 * `constant` says why it is exact when the means do not vary.
 */
export function armMeanTruthMethod(s: Scenario, constant: string): string {
  if (meansAreConstant(s)) return `exact: ${constant}`;
  const patterns = discretePatterns(s);
  return patterns
    ? `exact: a weighted sum over the population's ${patterns.length} biomarker patterns`
    : `estimated from a virtual population of ${s.truth.patients} patients (Monte Carlo errors in the estimates table)`;
}

/**
 * The sums of every arm's per-patient mean (probability, mean or rate) over
 * the population: exact (`exact`: Monte Carlo error 0) when no patient
 * differs from another in their means or when the biomarkers are discrete
 * (a weighted sum over their patterns), else over `truth.patients` virtual
 * patients drawn from the truth stream.
 */
export function populationArmMoments(s: Scenario, streams: RunStreams): { cell: CellMoments; exact: boolean } {
  const model = buildOutcomeModel(s);
  const patterns = meansAreConstant(s) ? null : discretePatterns(s);
  if (patterns) {
    const cell = new CellMoments(model.arms.length);
    const one = new Cohort(1, s.population.biomarkers.length);
    const means = new Float64Array(model.arms.length);
    for (const p of patterns) {
      placePattern(one, 0, p);
      for (let a = 0; a < means.length; a++) means[a] = model.mean(one, 0, a);
      cell.add(means, p.weight);
    }
    return { cell, exact: true };
  }
  const exact = meansAreConstant(s);
  const N = exact ? 1 : s.truth.patients;
  const A = model.arms.length;
  const source = streams.truth();
  const normal = normalSampler(source);
  const batch = Math.min(4096, N);
  const cohort = new Cohort(batch, s.population.biomarkers.length);
  const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
  const cell = new CellMoments(A);
  const means = new Float64Array(A);
  for (let start = 0; start < N; start += batch) {
    const size = Math.min(batch, N - start);
    for (let i = 0; i < size; i++) {
      draw(cohort, i);
      model.drawLatent(source, normal, cohort, i);
      for (let a = 0; a < A; a++) means[a] = model.mean(cohort, i, a);
      cell.add(means);
    }
  }
  return { cell, exact };
}

/** Each arm's mean minus the control's over the population (populationArmMoments). */
export function armMeanDifferences(s: Scenario, streams: RunStreams, control: number, compared: readonly number[]): EstimatedValue[] {
  const { cell, exact } = populationArmMoments(s, streams);
  return compared.map((a) => {
    const t = cell.difference(a, control);
    return exact ? { value: t.value, mcse: 0 } : t;
  });
}
