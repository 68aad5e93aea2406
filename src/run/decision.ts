/**
 * The decision section, joined to any design's simulator: after each
 * replicate, the strategy the trial's own estimates would choose (the
 * largest net monetary benefit at the willingness to pay) is recorded as
 * metrics `decision:<strategy>`; on the truth, the strategies' costs,
 * effects, frontier and net benefits, the acceptability curve and the
 * maximum test price are computed once. The summary's shares of chosen
 * strategies then give the probability of the right decision and the
 * expected loss of net benefit from wrong ones. The prevention paradox
 * (run/prevention.ts) is evaluated on the population only; equity-
 * constrained allocation (run/equity.ts) on the truth and, when its
 * benefits are estimates, in each trial (run/equity-replicate.ts), judged
 * on the true benefits found once at validate time (`decisionInputs`).
 */
import type { SimulationPlan, ReplicateLayout, TruthTable } from '../designs/types.js';
import type { DecisionSpec, CompanionDecisionSpec } from '../scenario/decision.js';
import type { Scenario } from '../scenario/schema.js';
import type { RunStreams } from '../random/stream.js';
import { preventionIssues, preventionTruth, type PreventionSection } from './prevention.js';
import { equityIssues, equitySection, trueBenefits, fromEstimates, type EquitySection } from './equity.js';
import { withEquity } from './equity-replicate.js';
import { ScenarioRefusal, type ScenarioIssue } from '../scenario/errors.js';
import { didYouMean } from '../scenario/zod-issues.js';
import { companionStrategies, costEffectivenessFrontier, netMonetaryBenefit, bestStrategy, maximumTestPrice, COMPANION_STRATEGIES, type CompanionDiagnostic, type FrontierRow } from '../stats/decision/cost-effectiveness.js';

const companion = (d: CompanionDecisionSpec): CompanionDiagnostic => ({
  prevalence: d.prevalence, sensitivity: d.test.sensitivity, specificity: d.test.specificity, testCost: d.test.cost, drugCost: d.drugCost, value: d.value,
});

/** The decision's estimate ids must be the design's (a prevention decision's arms the scenario's): refused at validate time otherwise. */
export function decisionIssues(spec: Scenario, layout: ReplicateLayout): ScenarioIssue[] {
  const d = spec.decision;
  if (!d) return [];
  if (d.type === 'prevention') return preventionIssues(spec, d);
  if (d.type === 'equity') return equityIssues(d, layout);
  const ids = layout.estimates.map((e) => e.id);
  return (['positive', 'negative'] as const).flatMap((k) => (ids.includes(d.effects[k]) ? [] : [{
    path: ['decision', 'effects', k],
    message: `expected one of the design's estimates (${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', ...' : ''}), found "${d.effects[k]}"${didYouMean(d.effects[k], ids)}`,
  }]));
}

/** Willingness-to-pay values of the acceptability curve: 11 evenly spaced over the range (default 0 to twice the willingness to pay). */
export function acceptabilityGrid(d: CompanionDecisionSpec): number[] {
  const [from, to] = d.range ?? [0, 2 * d.willingnessToPay];
  return Array.from({ length: 11 }, (_, j) => from + ((to - from) * j) / 10);
}

/**
 * What a decision needs from the truth inside each replicate, found once at
 * validate time and handed to the workers with the design's data: an equity
 * decision reading estimates judges each trial's choice by the true
 * benefits. `truth` is called only when needed (it may take a virtual
 * population); an estimate without a finite true value is refused.
 */
export interface DecisionInputs {
  trueBenefits?: number[];
}

export function decisionInputs(d: DecisionSpec | undefined, truth: () => TruthTable): DecisionInputs | undefined {
  if (d?.type !== 'equity' || !fromEstimates(d)) return undefined;
  const { benefits, issues } = trueBenefits(d, truth());
  if (issues.length > 0) throw new ScenarioRefusal(issues);
  return { trueBenefits: benefits };
}

/**
 * The plan with the decision's metrics appended: each replicate's chosen
 * strategy at the willingness to pay, 1 or 0 (all 0 when an estimate is
 * missing), and at each point of the acceptability grid
 * (`decision-at:<k>:<strategy>`), so the summary's means are the trial-based
 * cost-effectiveness acceptability curve.
 */
export function withDecision(plan: SimulationPlan, d: DecisionSpec | undefined, inputs?: DecisionInputs): SimulationPlan {
  if (d?.type === 'equity' && inputs?.trueBenefits) return withEquity(plan, d, inputs.trueBenefits);
  // The prevention paradox, and an allocation on stated benefits, are evaluated on the truth only: nothing to add to each replicate.
  if (!d || d.type !== 'companion-diagnostic') return plan;
  const first = plan.layout.metrics.length;
  const grid = acceptabilityGrid(d);
  const S = COMPANION_STRATEGIES.length;
  const layout: ReplicateLayout = {
    ...plan.layout,
    metrics: [
      ...plan.layout.metrics,
      ...COMPANION_STRATEGIES.map((s) => ({ id: `decision:${s}`, label: `Decision from the trial's estimates: ${s} (share of trials)` })),
      ...grid.flatMap((w, k) => COMPANION_STRATEGIES.map((s) => ({ id: `decision-at:${k}:${s}`, label: `Decision at willingness to pay ${w}: ${s} (share of trials)` }))),
    ],
  };
  const pos = plan.layout.estimates.findIndex((e) => e.id === d.effects.positive);
  const neg = plan.layout.estimates.findIndex((e) => e.id === d.effects.negative);
  const c = companion(d);
  return {
    layout,
    simulate(streams, out) {
      // The design writes the slots it knows; the decision's follow them in the same record.
      plan.simulate(streams, out);
      for (let j = 0; j < S * (1 + grid.length); j++) out.metric[first + j] = 0;
      const p = out.estimate[pos], n = out.estimate[neg];
      if (!Number.isFinite(p) || !Number.isFinite(n)) return;
      const strategies = companionStrategies(c, p, n);
      out.metric[first + bestStrategy(strategies, d.willingnessToPay)] = 1;
      for (let k = 0; k < grid.length; k++) out.metric[first + S * (1 + k) + bestStrategy(strategies, grid[k])] = 1;
    },
  };
}

export interface DecisionSection {
  type: 'companion-diagnostic';
  willingnessToPay: number;
  /** On the true effects: each strategy's cost, effect and net monetary benefit, the frontier, the best strategy. */
  strategies: (FrontierRow & { nmb: number })[];
  best: string;
  effects: { positive: number; negative: number };
  maximumTestPrice: number;
  /** The best strategy on the truth across willingness to pay. */
  acceptability: { willingnessToPay: number; best: string }[];
  /** Willingness-to-pay values of the trial-based acceptability curve (metrics decision-at:<k>:<strategy>). */
  acceptabilityGrid: number[];
}

export function decisionTruth(spec: Scenario, truth: TruthTable, streams: RunStreams): DecisionSection | PreventionSection | EquitySection | null {
  const d = spec.decision;
  if (!d) return null;
  if (d.type === 'prevention') return preventionTruth(spec, d, streams);
  if (d.type === 'equity') {
    const { benefits, issues } = trueBenefits(d, truth);
    return issues.length === 0 ? equitySection(d, benefits) : null;
  }
  const positive = truth[d.effects.positive]?.value ?? NaN, negative = truth[d.effects.negative]?.value ?? NaN;
  if (!Number.isFinite(positive) || !Number.isFinite(negative)) return null;
  const c = companion(d);
  const strategies = companionStrategies(c, positive, negative);
  const byId = Object.fromEntries(costEffectivenessFrontier(strategies).map((r) => [r.id, r]));
  const [from, to] = d.range ?? [0, 2 * d.willingnessToPay];
  return {
    type: 'companion-diagnostic',
    willingnessToPay: d.willingnessToPay,
    strategies: strategies.map((s) => ({ ...byId[s.id], nmb: netMonetaryBenefit(s, d.willingnessToPay) })),
    best: strategies[bestStrategy(strategies, d.willingnessToPay)].id,
    effects: { positive, negative },
    maximumTestPrice: maximumTestPrice(c, positive, negative, d.willingnessToPay),
    acceptability: Array.from({ length: 21 }, (_, j) => from + ((to - from) * j) / 20).map((w) => ({ willingnessToPay: w, best: strategies[bestStrategy(strategies, w)].id })),
    acceptabilityGrid: acceptabilityGrid(d),
  };
}
