/**
 * The interim decision of an enrichment trial after stage k: a futility stop
 * when every population still in has its statistic below the bound, else
 * the selection rule applied to each population's interim measure:
 *
 * - estimate: its effect estimate from every stage so far (pooled, naive),
 *   signed so that larger is better;
 * - statistic: at the first interim the stage-1 z (or t) statistic, later
 *   the test statistic of every stage so far pooled;
 * - conditional power: the chance that the population's own combination
 *   test rejects at the last stage if it alone takes the later stages'
 *   planned patients, under the current trend (each later stage's z has
 *   mean z_pooled √(n_j / N_k); Wassmer & Brannath 2016, section 7.2);
 * - posterior: the posterior probability of benefit in each population's
 *   own part (normal prior N(0, priorSd²) on the part's effect, normal
 *   likelihood of its estimate from every stage so far).
 */
import { normalCdf } from '../../stats/distributions.js';
import { zOf, type ClosedCombinationTest } from '../../stats/combination/closed-populations.js';
import { inverseNormalConditionalPower, fisherConditionalPower } from '../../stats/combination/conditional-power.js';
import type { EnrichmentScenario } from './schema.js';
import type { EnrichmentSetup } from './setup.js';
import { compare, type Comparison, type StageCells, type StatisticOptions } from './statistics.js';
import { selectByMeasure, selectByPosterior } from './selection.js';

export interface InterimRule {
  reset(): void;
  /** Keeps stage k's comparison of population g (its stage-wise statistic). */
  record(k: number, g: number, c: Comparison): void;
  /** The populations (bit mask) to go on in after stage k, among those in `mask`; 0 stops the trial. */
  choose(k: number, mask: number): number;
}

/**
 * Each population's own part: its strata not in a subpopulation nested in
 * it, and the populations nested in it (every subpopulation in F; a
 * subpopulation declared within another, in that one).
 */
export function nesting(s: EnrichmentScenario, setup: EnrichmentSetup): { nestedIn: number[][]; ownStrata: number[][] } {
  const specs = s.design.subpopulations ?? [];
  const nestedIn = setup.populations.map((_, g) => (g === 0
    ? setup.populations.map((__, h) => h).filter((h) => h > 0)
    : specs.map((x, j) => (x.within === setup.populations[g] ? j + 1 : -1)).filter((h) => h > 0)));
  const ownStrata = setup.strataOf.map((list, g) => list.filter((x) => !nestedIn[g].some((h) => setup.strataOf[h].includes(x))));
  return { nestedIn, ownStrata };
}

export function interimRule(s: EnrichmentScenario, setup: EnrichmentSetup, cells: StageCells, test: ClosedCombinationTest, options: StatisticOptions): InterimRule {
  const d = s.design, sel = d.selection;
  const K = setup.stages.length, G = setup.populations.length;
  const z = setup.populations.map(() => new Float64Array(K).fill(NaN));
  const measures = new Float64Array(G);
  const { nestedIn, ownStrata } = nesting(s, setup);
  const stagesTo = (k: number) => Array.from({ length: k + 1 }, (_, j) => j);

  return {
    reset: () => { for (const row of z) row.fill(NaN); },
    record: (k, g, c) => { z[g][k] = c.z; },
    choose,
  };

  function choose(k: number, mask: number): number {
    if (d.futility !== undefined && futile(k, mask)) return 0;
    if (d.futilityBounds && belowBounds(k, mask)) return 0;
    if (sel.rule === 'posterior') {
      const benefit = setup.populations.map((_, g) => (mask & (1 << g) ? posteriorBenefit(compare(cells, stagesTo(k), ownStrata[g], options)) : NaN));
      return selectByPosterior(benefit, sel.probability ?? 0.8, mask, nestedIn);
    }
    for (let g = 0; g < G; g++) measures[g] = mask & (1 << g) ? measure(k, g) : NaN;
    return selectByMeasure(sel, measures, mask, setup.populations);
  }

  /** Every population still in below the futility bound (NaN counts as below). */
  function futile(k: number, mask: number): boolean {
    for (let g = 0; g < G; g++) {
      if (!(mask & (1 << g))) continue;
      const statistic = k === 0 ? z[g][0] : ownCombined(g);
      if (statistic >= d.futility!) return false;
    }
    return true;
  }

  /** Every population still in has an intersection containing it at or below the interim's bound (rpact's futility). */
  function belowBounds(k: number, mask: number): boolean {
    const bound = d.futilityBounds![k];
    if (bound === null || bound === undefined || d.combination === 'fisher') return false;
    for (let g = 0; g < G; g++) {
      if (!(mask & (1 << g))) continue;
      let futileHere = false;
      for (let J = 1; J < 1 << G && !futileHere; J++) if (J & (1 << g) && test.combined[J] <= bound) futileHere = true;
      if (!futileHere) return false;
    }
    return true;
  }

  /** The population's own combination test statistic so far, on the z scale. */
  function ownCombined(g: number): number {
    const c = test.combined[1 << g];
    return d.combination === 'fisher' ? zOf(c) : c;
  }

  function measure(k: number, g: number): number {
    const c = compare(cells, stagesTo(k), setup.strataOf[g], options);
    if (sel.measure === 'estimate') return options.sign * c.estimate;
    if (sel.measure === 'statistic') return c.z;
    return conditionalPower(k, g, c);
  }

  /** Conditional power of population g's own test under the current trend, if it alone takes the later stages. */
  function conditionalPower(k: number, g: number, pooled: Comparison): number {
    const nSoFar = stagesTo(k).reduce((a, j) => a + cells.patients(j, setup.strataOf[g]), 0);
    if (!Number.isFinite(pooled.z) || !(nSoFar > 0)) return NaN;
    const drift = (j: number) => pooled.z * Math.sqrt(setup.stages[j] / nSoFar);
    if (K === 2) {
      return d.combination === 'fisher' ? fisherConditionalPower(pooled.p, d.alpha, drift(1))
        : inverseNormalConditionalPower(pooled.z, [setup.weights[0], setup.weights[1]], setup.critical[1], drift(1));
    }
    // Later stages collapse into one normal term: Σ_{j>k} w_j Z_j ~ N(Σ w_j drift_j, Σ w_j²).
    let sofar = 0, mean = 0, later = 0, all = 0;
    for (let j = 0; j < K; j++) {
      const w = setup.weights[j];
      all += w * w;
      if (j <= k) sofar += w * (Number.isNaN(z[g][j]) ? 0 : z[g][j]);
      else { mean += w * drift(j); later += w * w; }
    }
    return normalCdf((mean - (setup.critical[K - 1] * Math.sqrt(all) - sofar)) / Math.sqrt(later));
  }

  /** P(effect of benefit | the part's estimate) under the normal prior centred on no effect. */
  function posteriorBenefit(c: Comparison): number {
    if (!(c.se > 0)) return NaN;
    const precision = 1 / (sel.priorSd ?? 1) ** 2 + 1 / c.se ** 2;
    const mean = (options.sign * c.estimate) / c.se ** 2 / precision;
    return normalCdf(mean * Math.sqrt(precision));
  }
}
