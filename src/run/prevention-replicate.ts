/**
 * The prevention paradox under trial uncertainty: after each replicate, the
 * threshold the trial's own estimate chooses. Everyone's risk without
 * treatment is taken as known (a risk score); the trial's estimate of the
 * treatment's effect (decision.effect) gives each person's risk with it;
 * the threshold with the largest net benefit, valuePerCase x cases
 * prevented − costPerPerson x share treated, is chosen
 * (stats/decision/prevention-choice.ts) and judged on the true risks:
 * - `prevention:choice:<k>`: 1 for the threshold chosen (k in the order of the section's rows);
 * - `prevention:matches`: 1 when it treats the same people as the truth's best;
 * - `prevention:loss`: the true net benefit of the truth's best threshold
 *   minus that of the chosen one, per `per` people (never negative).
 * A replicate with a missing estimate decides nothing: all 0. The risks are
 * found once at validate time and go to the workers with the design's data.
 */
import type { SimulationPlan, ReplicateLayout } from '../designs/types.js';
import type { PreventionDecisionSpec } from '../scenario/decision.js';
import type { Scenario } from '../scenario/schema.js';
import type { RunStreams } from '../random/stream.js';
import { rankPeople, thresholdNetBenefits, bestThreshold, treatedRisk, type EffectScale } from '../stats/decision/prevention-choice.js';
import { populationRisks, thresholdsOf } from './prevention.js';

/** Plain data for the workers: people (weight, risk without and with treatment) and the thresholds. */
export interface PreventionInputs {
  weight: number[];
  untreated: number[];
  treated: number[];
  thresholds: number[];
  /** Whether the case is the outcome's complement (higher is better): its effect is then minus the outcome's. */
  complement: boolean;
}

export function preventionInputs(spec: Scenario, d: PreventionDecisionSpec, streams: RunStreams): PreventionInputs {
  const { people } = populationRisks(spec, d, streams);
  return { weight: people.map((p) => p.weight), untreated: people.map((p) => p.untreated), treated: people.map((p) => p.treated), thresholds: thresholdsOf(d, people), complement: !(spec.endpoint?.type === 'binary' && spec.endpoint.better === 'lower') };
}

function preventionMetrics(d: PreventionDecisionSpec, thresholds: number[]): ReplicateLayout['metrics'] {
  return [
    ...thresholds.map((t, k) => ({ id: `prevention:choice:${k}`, label: `Threshold the trial's estimate chooses: ${t === 0 ? 'everyone' : `risk at least ${t}`} (share of trials)` })),
    { id: 'prevention:matches', label: 'The trial\'s chosen threshold treats the same people as the truth\'s best (share of trials)' },
    { id: 'prevention:loss', label: `True net benefit lost by following the trial's choice, per ${d.per} people` },
  ];
}

export function withPrevention(plan: SimulationPlan, d: PreventionDecisionSpec, inputs: PreventionInputs): SimulationPlan {
  const first = plan.layout.metrics.length;
  const people = inputs.weight.map((w, k) => ({ weight: w, untreated: inputs.untreated[k], treated: inputs.treated[k] }));
  const ranked = rankPeople(people, inputs.thresholds);
  const trueTreated = Float64Array.from([...people].sort((a, b) => b.untreated - a.untreated), (p) => p.treated);
  const T = inputs.thresholds.length, value = d.valuePerCase ?? 0;
  const prefix = new Float64Array(people.length + 1), nb = new Float64Array(T);
  const truth = Float64Array.from(thresholdNetBenefits(ranked, (k) => trueTreated[k], value, d.costPerPerson, nb, prefix));
  const best = bestThreshold(truth);
  const index = plan.layout.estimates.findIndex((e) => e.id === d.effect);
  const scale = plan.layout.estimates[index].scale as EffectScale;
  // The case is the outcome's complement when higher is better: its effect is minus the outcome's (log odds ratio, risk difference).
  const sign = inputs.complement ? -1 : 1;
  return {
    layout: { ...plan.layout, metrics: [...plan.layout.metrics, ...preventionMetrics(d, inputs.thresholds)] },
    simulate(streams, out) {
      plan.simulate(streams, out);
      for (let j = 0; j < T + 2; j++) out.metric[first + j] = 0;
      const effect = sign * out.estimate[index];
      if (!Number.isFinite(effect)) return;
      thresholdNetBenefits(ranked, (k) => treatedRisk(ranked.untreated[k], scale, effect), value, d.costPerPerson, nb, prefix);
      const chosen = bestThreshold(nb);
      out.metric[first + chosen] = 1;
      out.metric[first + T] = ranked.ends[chosen] === ranked.ends[best] ? 1 : 0;
      out.metric[first + T + 1] = (truth[best] - truth[chosen]) * d.per;
    },
  };
}
