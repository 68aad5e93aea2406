/**
 * The size of each later stage: as planned (the selected populations share
 * it), or re-estimated at each interim for a conditional power (Wassmer &
 * Brannath 2016, section 7.3; the rule of rpact 3.3.4's enrichment
 * simulations with conditionalPower, minNumberOfSubjectsPerStage and
 * maxNumberOfSubjectsPerStage, test/fixtures/enrichment-general-rpact.md §5):
 *
 * - the conditional critical value of the next stage m with an efficacy
 *   test (the next stage, or the last when the next has none), from the
 *   Bonferroni-adjusted stage-wise p-values of the populations selected at
 *   each stage so far, p̃_j = min(m_j min_g p_gj, 1 − 10⁻⁷):
 *   c* = (c_m √t_m − Σ_{j≤k} w_j Φ⁻¹(1 − p̃_j)) / √(t_m − t_k), t_j = Σ_{l≤j} w_l²;
 * - continuous: θ = max(min over the selected populations of the effect
 *   estimate so far (the strata's differences weighted by their sizes) / σ,
 *   10⁻⁷), σ the known sd or the pooled within-arm sd;
 *   n = (1 + r)²/r · max(0, c* + Φ⁻¹(CP))² / θ²;
 * - binary: with each selected population's pooled rates π₁ (treatment), π₂
 *   and π̄ = (r π₁ + π₂)/(1 + r),
 *   n = (1 + 1/r) · max(0, max_g [c* √(π̄(1 − π̄)(1 + r)) + Φ⁻¹(CP) √(π₁(1 − π₁) + r π₂(1 − π₂))])²
 *       / max(10⁻⁷, max_g (π₁ − π₂))²;
 * - when stages without an efficacy test lie before m, the n per stage is
 *   divided by (Σ_{j=k+1..m} w_j)² / (t_m − t_k), the drift of their sum;
 * - the maximum when c* > 8; bounded by min and max; rounded to a patient.
 * Every remaining stage takes the new size until the next interim re-estimates it.
 */
import { normalQuantile } from '../../stats/distributions.js';
import { zOf } from '../../stats/combination/closed-populations.js';
import type { EnrichmentScenario } from './schema.js';
import { perStage, type EnrichmentSetup } from './setup.js';
import { compare, pooledArms, type StageCells, type StatisticOptions } from './statistics.js';

/** Most a Bonferroni-adjusted p-value is taken to be in the conditional critical value (rpact's cap). */
const P_CAP = 1 - 1e-7;

/** Stage k's Bonferroni-adjusted p-value over the tested populations' p-values (NaN: not tested). */
export function bonferroniStageP(ps: ArrayLike<number>): number {
  let m = 0, lo = Infinity;
  for (let g = 0; g < ps.length; g++) if (!Number.isNaN(ps[g])) { m++; lo = Math.min(lo, ps[g]); }
  return m === 0 ? NaN : Math.min(m * lo, P_CAP);
}

/**
 * The rule giving the size of stage k (k ≥ 1) for the populations in `mask`, from the Bonferroni-adjusted
 * p-values of the stages so far (`adjusted[j]`).
 */
export function stageSizeRule(s: EnrichmentScenario, setup: EnrichmentSetup, cells: StageCells, options: StatisticOptions, adjusted: Float64Array): (k: number, mask: number) => number {
  const d = s.design, re = d.reestimate;
  if (!re) return (k) => setup.stages[k];
  const r = d.allocation, K = setup.stages.length, w = setup.weights;
  const zCP = normalQuantile(re.conditionalPower);
  const t = w.map((_, j) => w.slice(0, j + 1).reduce((a, x) => a + x * x, 0));
  return (k, mask) => {
    const lo = re.min === undefined ? setup.stages[k] : perStage(re.min, k), hi = perStage(re.max, k);
    const last = k - 1;
    let target = k;
    while (target < K - 1 && !Number.isFinite(setup.critical[target])) target++;
    let sofar = 0;
    for (let j = 0; j <= last; j++) sofar += w[j] * zOf(Number.isNaN(adjusted[j]) ? 1 : adjusted[j]);
    const cStar = (setup.critical[target] * Math.sqrt(t[target]) - sofar) / Math.sqrt(t[target] - t[last]);
    if (cStar > 8) return hi;
    let between = 0;
    for (let j = k; j <= target; j++) between += w[j];
    const drift = (between * between) / (t[target] - t[last]);
    const stages = Array.from({ length: k }, (_, j) => j);
    const selected = setup.strataOf.filter((_, g) => mask & (1 << g));
    const n = options.binary ? ratesSize(selected, stages) : meansSize(selected, stages);
    return Math.min(Math.max(lo, Math.round(n / drift)), hi);

    function meansSize(populations: number[][], sofarStages: number[]): number {
      let smallest = Infinity;
      for (const strata of populations) {
        // rpact's overall effect: the strata's differences weighted by their sizes (the stratified estimate).
        const effect = compare(cells, sofarStages, strata, options).estimate;
        const sd = options.sd ?? Math.sqrt(pooledArms(cells, sofarStages, strata).variance);
        smallest = Math.min(smallest, (options.sign * effect) / sd);
      }
      const theta = Math.max(Number.isNaN(smallest) ? 1e-7 : smallest, 1e-7);
      return ((1 + r) ** 2 / r) * Math.max(0, cStar + zCP) ** 2 / theta ** 2;
    }

    function ratesSize(populations: number[][], sofarStages: number[]): number {
      let numerator = -Infinity, denominator = -Infinity;
      for (const strata of populations) {
        const a = pooledArms(cells, sofarStages, strata);
        const p1 = a.mean[1], p2 = a.mean[0], pm = (r * p1 + p2) / (1 + r);
        numerator = Math.max(numerator, cStar * Math.sqrt(pm * (1 - pm) * (1 + r)) + zCP * Math.sqrt(p1 * (1 - p1) + r * p2 * (1 - p2)));
        denominator = Math.max(denominator, options.sign * (p1 - p2));
      }
      return (1 + 1 / r) * Math.max(0, numerator) ** 2 / Math.max(1e-7, denominator) ** 2;
    }
  };
}
