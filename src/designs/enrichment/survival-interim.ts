/**
 * The interim decision of a time-to-event enrichment trial after stage k,
 * as interim.ts decides for means and rates, on the log-rank data:
 *
 * - futility: every population still in has its statistic below `futility`
 *   (at the first interim its log-rank z, later its own inverse normal
 *   combination so far), or, with `futilityBounds`, an intersection
 *   containing it at or below the interim's bound;
 * - measures: estimate = the population's Peto log hazard ratio on all its
 *   data so far in the benefit direction (larger is better); statistic =
 *   its cumulative log-rank z; conditional power = the chance its own
 *   combination test rejects at the last stage if it alone takes the later
 *   stages' planned events, under the current trend (each later stage's z
 *   has mean Z √(e_j / D), e_j the stage's planned new events, D the
 *   population's events so far; Wassmer & Brannath 2016, section 7.2);
 * - posterior: the posterior probability of benefit in each population's
 *   own part, a normal prior N(0, priorSd²) on its log hazard ratio and the
 *   normal likelihood of its Peto estimate and standard error.
 */
import { normalCdf } from '../../stats/distributions.js';
import { zOf, type ClosedCombinationTest } from '../../stats/combination/closed-populations.js';
import { inverseNormalConditionalPower, fisherConditionalPower } from '../../stats/combination/conditional-power.js';
import type { EnrichmentScenario } from './schema.js';
import { stageInformation, type EnrichmentSetup } from './setup.js';
import { nesting } from './interim.js';
import { selectByMeasure, selectByPosterior } from './selection.js';
import type { SurvivalComparison } from './survival-statistics.js';

/** Each population's cumulative comparison and stage-wise z at every analysis so far. */
export class SurvivalHistory {
  readonly z: Float64Array[];
  readonly events: Float64Array[];
  readonly benefit: Float64Array[];
  readonly stageZ: Float64Array[];
  constructor(populations: number, stages: number) {
    const rows = () => Array.from({ length: populations }, () => new Float64Array(stages).fill(NaN));
    this.z = rows(); this.events = rows(); this.benefit = rows(); this.stageZ = rows();
  }
  reset(): void { for (const list of [this.z, this.events, this.benefit, this.stageZ]) for (const row of list) row.fill(NaN); }
  set(k: number, g: number, c: SurvivalComparison, stageZ: number): void {
    this.z[g][k] = c.z; this.events[g][k] = c.events; this.benefit[g][k] = c.benefit; this.stageZ[g][k] = stageZ;
  }
}

/** The populations (bit mask) to go on in after stage k among those in `mask`; 0 stops. `ownPart(g)`: the comparison in g's own part now. */
export type SurvivalChoice = (k: number, mask: number) => number;

export function survivalInterimRule(s: EnrichmentScenario, setup: EnrichmentSetup, test: ClosedCombinationTest, history: SurvivalHistory, ownPart: (strata: readonly number[]) => SurvivalComparison): SurvivalChoice {
  const d = s.design, sel = d.selection, G = setup.populations.length;
  const measures = new Float64Array(G);
  const { nestedIn, ownStrata } = nesting(s, setup);
  const planned = stageInformation(d);

  return (k, mask) => {
    if (d.futility !== undefined && futile(s, test, history, k, mask, G)) return 0;
    if (d.futilityBounds && belowBounds(s, test, k, mask, G)) return 0;
    if (sel.rule === 'posterior') {
      const benefit = setup.populations.map((_, g) => (mask & (1 << g) ? posteriorBenefit(ownPart(ownStrata[g]), sel.priorSd ?? 1) : NaN));
      return selectByPosterior(benefit, sel.probability ?? 0.8, mask, nestedIn);
    }
    for (let g = 0; g < G; g++) measures[g] = mask & (1 << g) ? measure(k, g) : NaN;
    return selectByMeasure(sel, measures, mask, setup.populations);
  };

  function measure(k: number, g: number): number {
    if (sel.measure === 'estimate') return history.benefit[g][k];
    if (sel.measure === 'statistic') return history.z[g][k];
    return conditionalPower(s, setup, history, planned, k, g);
  }
}

/** Every population still in below the futility bound (NaN counts as below). */
function futile(s: EnrichmentScenario, test: ClosedCombinationTest, history: SurvivalHistory, k: number, mask: number, G: number): boolean {
  for (let g = 0; g < G; g++) {
    if (!(mask & (1 << g))) continue;
    const c = test.combined[1 << g];
    const statistic = k === 0 ? history.stageZ[g][0] : s.design.combination === 'fisher' ? zOf(c) : c;
    if (statistic >= s.design.futility!) return false;
  }
  return true;
}

/** Every population still in has an intersection containing it at or below the interim's bound (rpact's futility). */
function belowBounds(s: EnrichmentScenario, test: ClosedCombinationTest, k: number, mask: number, G: number): boolean {
  const bound = s.design.futilityBounds![k];
  if (bound === null || bound === undefined || s.design.combination === 'fisher') return false;
  for (let g = 0; g < G; g++) {
    if (!(mask & (1 << g))) continue;
    let futileHere = false;
    for (let J = 1; J < 1 << G && !futileHere; J++) if (J & (1 << g) && test.combined[J] <= bound) futileHere = true;
    if (!futileHere) return false;
  }
  return true;
}

/** Conditional power of population g's own test under the current trend, if it alone takes the later stages' planned events. */
function conditionalPower(s: EnrichmentScenario, setup: EnrichmentSetup, history: SurvivalHistory, planned: number[], k: number, g: number): number {
  const d = s.design, K = planned.length, w = setup.weights;
  const z = history.z[g][k], events = history.events[g][k];
  if (!Number.isFinite(z) || !(events > 0)) return NaN;
  const drift = (j: number) => z * Math.sqrt(planned[j] / events);
  if (K === 2) {
    return d.combination === 'fisher' ? fisherConditionalPower(1 - normalCdf(z), d.alpha, drift(1))
      : inverseNormalConditionalPower(z, [w[0], w[1]], setup.critical[1], drift(1));
  }
  // Later stages collapse into one normal term: Σ_{j>k} w_j Z_j ~ N(Σ w_j drift_j, Σ w_j²).
  let sofar = 0, mean = 0, later = 0, all = 0;
  for (let j = 0; j < K; j++) {
    all += w[j] * w[j];
    const zj = history.stageZ[g][j];
    if (j <= k) sofar += w[j] * (Number.isNaN(zj) ? 0 : zj);
    else { mean += w[j] * drift(j); later += w[j] * w[j]; }
  }
  return normalCdf((mean - (setup.critical[K - 1] * Math.sqrt(all) - sofar)) / Math.sqrt(later));
}

/** P(benefit | the part's Peto estimate) under the normal prior on its log hazard ratio, centred on no effect. */
function posteriorBenefit(c: SurvivalComparison, priorSd: number): number {
  if (!(c.se > 0)) return NaN;
  const precision = 1 / priorSd ** 2 + 1 / c.se ** 2;
  const mean = c.benefit / c.se ** 2 / precision;
  return normalCdf(mean * Math.sqrt(precision));
}
