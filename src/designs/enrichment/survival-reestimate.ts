/**
 * The events of each later stage of a time-to-event enrichment trial: as
 * planned, or re-estimated at each interim for a conditional power (rpact
 * 3.3.4's getSimulationEnrichmentSurvival with conditionalPower,
 * minNumberOfEventsPerStage and maxNumberOfEventsPerStage;
 * test/fixtures/enrichment-general-rpact.md §5.2), the events analogue of
 * reestimate.ts's patients:
 *
 * - c*, the conditional critical value of the next stage m with an
 *   efficacy test, from the Bonferroni-adjusted stage-wise p-values of the
 *   populations tested at each stage so far (as reestimate.ts);
 * - θ = max(min over the selected populations of the interim log hazard
 *   ratio estimate in the benefit direction, −log(1 − 10⁻⁷)) when longer
 *   times are better (rpact: log(min(max HR̂, 1 − 10⁻⁷))), or
 *   max(min, log(1 + 10⁻⁷)) when shorter are (rpact: log(max(min HR̂, 1 + 10⁻⁷)));
 * - e = (1 + r)²/r · max(0, c* + Φ⁻¹(CP))² / θ² new events (Schoenfeld 1983),
 *   divided by the drift of the stages before m without an efficacy test
 *   as in reestimate.ts; the maximum when c* > 8; bounded by min (default:
 *   the planned new events of the stage) and max; rounded to an event.
 * Every remaining stage's target moves to the last target plus e per stage,
 * until the next interim re-estimates it. The stages' patients stay as
 * planned; a target they cannot reach brings the analysis at the end of
 * follow-up.
 */
import { normalQuantile } from '../../stats/distributions.js';
import { zOf } from '../../stats/combination/closed-populations.js';
import type { EnrichmentScenario } from './schema.js';
import { perStage, stageInformation, type EnrichmentSetup } from './setup.js';

/** The re-estimated new events of stage k (k ≥ 1) for the populations in `mask`, given their interim benefit estimates. */
export type EventRule = (k: number, mask: number, benefit: (g: number) => number) => number;

export function eventTargetRule(s: EnrichmentScenario, setup: EnrichmentSetup, longerIsBetter: boolean, adjusted: Float64Array): EventRule {
  const d = s.design, re = d.reestimate;
  const planned = stageInformation(d);
  if (!re) return (k) => planned[k];
  const r = d.allocation, K = planned.length, w = setup.weights;
  const zCP = normalQuantile(re.conditionalPower);
  const t = w.map((_, j) => w.slice(0, j + 1).reduce((a, x) => a + x * x, 0));
  const floor = longerIsBetter ? -Math.log1p(-1e-7) : Math.log1p(1e-7);
  return (k, mask, benefit) => {
    const lo = re.min === undefined ? planned[k] : perStage(re.min, k), hi = perStage(re.max, k);
    let target = k;
    while (target < K - 1 && !Number.isFinite(setup.critical[target])) target++;
    let sofar = 0;
    for (let j = 0; j < k; j++) sofar += w[j] * zOf(Number.isNaN(adjusted[j]) ? 1 : adjusted[j]);
    const cStar = (setup.critical[target] * Math.sqrt(t[target]) - sofar) / Math.sqrt(t[target] - t[k - 1]);
    if (cStar > 8) return hi;
    let between = 0;
    for (let j = k; j <= target; j++) between += w[j];
    const drift = (between * between) / (t[target] - t[k - 1]);
    let smallest = Infinity;
    for (let g = 0; g < setup.populations.length; g++) if (mask & (1 << g)) smallest = Math.min(smallest, benefit(g));
    const theta = Math.max(Number.isNaN(smallest) ? floor : smallest, floor);
    const events = ((1 + r) ** 2 / r) * Math.max(0, cStar + zCP) ** 2 / theta ** 2;
    return Math.min(Math.max(lo, Math.round(events / drift)), hi);
  };
}
