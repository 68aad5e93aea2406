/**
 * The size of each later stage: as planned (the selected populations share
 * it), or re-estimated at the interim from conditional power (Wassmer &
 * Brannath 2016, section 7.3; rpact's getSimulationEnrichmentMeans with
 * conditionalPower, minNumberOfSubjectsPerStage, maxNumberOfSubjectsPerStage):
 * the patients n (both arms) that give the next stage's z, with mean
 * θ √(n r / (1 + r)²) under the interim standardised effect θ, the chance
 * `conditionalPower` of crossing the conditional critical value
 * c* = (c_{k+1} √(Σ_{j≤k+1} w_j²) − Σ_{j≤k} w_j z_j) / w_{k+1}:
 *   n = (1 + r)² / r · max(0, c* + Φ⁻¹(CP))² / θ²,
 * bounded by min and max (max when θ ≤ 0), where z_j are the stage-wise
 * statistics of the selected population that needs the fewest patients
 * (the largest θ and smallest c*) ... see selectedDrive below.
 */
import { normalQuantile } from '../../stats/distributions.js';
import { zOf, type ClosedCombinationTest } from '../../stats/combination/closed-populations.js';
import type { EnrichmentScenario } from './schema.js';
import type { EnrichmentSetup } from './setup.js';
import { compare, type StageCells, type StatisticOptions } from './statistics.js';
import { perStage } from './setup.js';

export function stageSizeRule(s: EnrichmentScenario, setup: EnrichmentSetup, cells: StageCells, test: ClosedCombinationTest, options: StatisticOptions): (k: number, mask: number) => number {
  const d = s.design, re = d.reestimate;
  if (!re) return (k) => setup.stages[k];
  const r = d.allocation;
  const sd = options.sd;
  const zCP = normalQuantile(re.conditionalPower);
  return (k, mask) => {
    const lo = re.min === undefined ? setup.stages[k] : perStage(re.min, k), hi = perStage(re.max, k);
    const last = k - 1;
    const stagesSoFar = Array.from({ length: k }, (_, j) => j);
    let best = Infinity;
    for (let g = 0; g < setup.populations.length; g++) {
      if (!(mask & (1 << g))) continue;
      const c = compare(cells, stagesSoFar, setup.strataOf[g], options);
      const theta = standardised(c.estimate * options.sign, c.se, c, sd);
      // Conditional critical value of the intersection's combination: the closed test needs the global one.
      const combined = test.combined[(1 << setup.populations.length) - 1];
      let w2 = 0;
      for (let j = 0; j <= k; j++) w2 += setup.weights[j] ** 2;
      let sofarW2 = 0;
      for (let j = 0; j <= last; j++) sofarW2 += setup.weights[j] ** 2;
      const sofar = Number.isNaN(combined) ? -Infinity : combined * Math.sqrt(sofarW2);
      const cStar = (setup.critical[k] === Infinity ? setup.critical[setup.critical.length - 1] : setup.critical[k]) * Math.sqrt(w2) - sofar;
      const conditional = cStar / setup.weights[k];
      const n = theta > 0 ? ((1 + r) ** 2 / r) * Math.max(0, conditional + zCP) ** 2 / theta ** 2 : Infinity;
      best = Math.min(best, n);
    }
    return Math.min(Math.max(lo, Math.ceil(best)), hi);
  };
}

/** The interim standardised effect: estimate over the outcome's sd (known, or from the comparison's standard error). */
function standardised(estimate: number, se: number, c: { df: number }, sd: number | null): number {
  void zOf; void c;
  if (!(se > 0)) return NaN;
  return sd !== null ? estimate / sd : estimate / se;
}
