/**
 * Equity-constrained allocation under trial uncertainty: after each
 * replicate the allocation the trial's own estimates make preferred (the
 * largest Atkinson EDE at the decision's epsilon, among efficiency only,
 * equal shares and constrained, each built from the estimated benefits) is
 * recorded, and judged on the true benefits:
 * - `equity:preferred:<allocation>`: 1 for the allocation chosen;
 * - `equity:matches`: 1 when it gives every group the same units as the
 *   allocation preferred on the truth (the probability of the right decision);
 * - `equity:ede-lost`: the true EDE at epsilon of the truth's preferred
 *   allocation minus that of the chosen one, per `per` people (the expected
 *   loss in the equity-weighted objective; negative when the estimates'
 *   allocation happens to do better than the best of the truth's three);
 * - `equity:health-lost`: the same in true total health gain;
 * - `equity:efficient-health-lost`: the true total gain of the truth's
 *   efficient allocation minus that of the estimates' efficient allocation
 *   (what following the estimates, efficiency only, costs; never negative).
 * A replicate with a missing estimate decides nothing: all 0. Everything is
 * written into arrays made once per plan.
 */
import type { SimulationPlan, ReplicateLayout } from '../designs/types.js';
import type { EquityDecisionSpec } from '../scenario/decision.js';
import { ALLOCATIONS, efficiencyAllocation, equalAllocation, constrainedAllocation, groupHealth, totalGain } from '../stats/decision/equity.js';
import { atkinsonEde } from '../stats/decision/inequality.js';
import { allocationProblem, allocationsFor } from './equity.js';

const METRICS = ['matches', 'ede-lost', 'health-lost', 'efficient-health-lost'] as const;

function equityMetrics(d: EquityDecisionSpec): ReplicateLayout['metrics'] {
  const per = `per ${d.per} people`;
  return [
    ...ALLOCATIONS.map((a) => ({ id: `equity:preferred:${a}`, label: `Allocation the trial's estimates prefer at epsilon ${d.epsilon}: ${a} (share of trials)` })),
    { id: 'equity:matches', label: 'The trial\'s preferred allocation gives every group what the truth\'s does (share of trials)' },
    { id: 'equity:ede-lost', label: `True Atkinson EDE at epsilon ${d.epsilon} lost by following the trial's preferred allocation, ${per}`, unit: d.health },
    { id: 'equity:health-lost', label: `True total health gain lost by following the trial's preferred allocation, ${per}`, unit: d.health },
    { id: 'equity:efficient-health-lost', label: `True total health gain lost by following the trial's efficient allocation instead of the truth's, ${per}`, unit: d.health },
  ];
}

/** The plan with the equity decision's metrics appended (`truth`: each group's true benefit per unit). */
export function withEquity(plan: SimulationPlan, d: EquityDecisionSpec, truth: readonly number[]): SimulationPlan {
  const first = plan.layout.metrics.length;
  const layout: ReplicateLayout = { ...plan.layout, metrics: [...plan.layout.metrics, ...equityMetrics(d)] };
  const p = allocationProblem(d);
  const G = d.groups.length;
  const index = d.groups.map((g) => (g.effect === undefined ? -1 : plan.layout.estimates.findIndex((e) => e.id === g.effect)));
  const stated = d.groups.map((g) => g.benefit ?? NaN);
  // On the truth, once: the preferred allocation, its EDE and gain, the efficient allocation's gain.
  const star = allocationsFor(p, truth);
  const health = new Float64Array(G);
  const trueEde = (x: Float64Array) => atkinsonEde(p.share, groupHealth(p, truth, x, health), d.epsilon);
  const best = star.reduce((j, x, k) => (trueEde(x) > trueEde(star[j]) ? k : j), 0);
  const bestEde = trueEde(star[best]), bestGain = totalGain(truth, star[best]), efficientGain = totalGain(truth, star[0]);
  const estimated = new Float64Array(G);
  const mine = [new Float64Array(G), equalAllocation(p, new Float64Array(G)), new Float64Array(G)];
  const M = ALLOCATIONS.length + METRICS.length;
  return {
    layout,
    simulate(streams, out) {
      plan.simulate(streams, out);
      for (let j = 0; j < M; j++) out.metric[first + j] = 0;
      for (let g = 0; g < G; g++) estimated[g] = index[g] < 0 ? stated[g] : d.value * out.estimate[index[g]];
      for (let g = 0; g < G; g++) if (!Number.isFinite(estimated[g])) return;
      efficiencyAllocation(p, estimated, mine[0]);
      constrainedAllocation(p, estimated, mine[2]);
      let chosen = 0, top = -Infinity;
      for (let k = 0; k < mine.length; k++) {
        const e = atkinsonEde(p.share, groupHealth(p, estimated, mine[k], health), d.epsilon);
        if (e > top) { top = e; chosen = k; }
      }
      const x = mine[chosen];
      let same = 1;
      for (let g = 0; g < G; g++) if (Math.abs(x[g] - star[best][g]) > 1e-12) same = 0;
      out.metric[first + chosen] = 1;
      out.metric[first + 3] = same;
      out.metric[first + 4] = (bestEde - trueEde(x)) * d.per;
      out.metric[first + 5] = (bestGain - totalGain(truth, x)) * d.per;
      out.metric[first + 6] = (efficientGain - totalGain(truth, mine[0])) * d.per;
    },
  };
}
