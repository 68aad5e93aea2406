/**
 * The decision section, joined to any design's simulator. Three kinds:
 * - a drug with a companion diagnostic (run/companion.ts): on the truth the
 *   strategies' costs, effects, frontier and net benefits, and in each
 *   replicate the strategy the trial's own estimates choose (`decision:<strategy>`)
 *   and, with valueOfInformation, its value judged on the truth;
 * - the prevention paradox (run/prevention.ts): on the population, and with
 *   an estimate and a value per case, the threshold each trial chooses
 *   (run/prevention-replicate.ts);
 * - equity-constrained allocation (run/equity.ts): on the truth and, when
 *   its benefits are estimates, in each trial (run/equity-replicate.ts).
 * What a replicate needs from the truth is found once at validate time
 * (`decisionInputs`) and handed to the workers with the design's data.
 */
import { z } from 'zod';
import type { SimulationPlan, ReplicateLayout, TruthTable } from '../designs/types.js';
import type { DecisionSpec } from '../scenario/decision.js';
import type { Scenario } from '../scenario/schema.js';
import { runStreams, type RunStreams } from '../random/stream.js';
import { preventionIssues, preventionTruth, preventionSectionSchema } from './prevention.js';
import { withPrevention, preventionInputs, type PreventionInputs } from './prevention-replicate.js';
import { equityIssues, equitySection, trueBenefits, fromEstimates, equitySectionSchema } from './equity.js';
import { withEquity } from './equity-replicate.js';
import { companionSection, withCompanion, companionSectionSchema } from './companion.js';
import { companionIssues } from './companion-issues.js';
import { ScenarioRefusal, type ScenarioIssue } from '../scenario/errors.js';

/** The decision section of summary.json (`decision`): one of the three kinds, by `type`. */
export const decisionSectionSchema = z.discriminatedUnion('type', [companionSectionSchema, preventionSectionSchema, equitySectionSchema])
  .describe('The decision after the trial, on the truth (with the scenario\'s decision section)');

export type DecisionSection = z.input<typeof decisionSectionSchema>;

/** Validate-time checks of the decision section, each naming its key path. */
export function decisionIssues(spec: Scenario, layout: ReplicateLayout): ScenarioIssue[] {
  const d = spec.decision;
  if (!d) return [];
  if (d.type === 'prevention') return preventionIssues(spec, d, layout);
  if (d.type === 'equity') return equityIssues(d, layout);
  return companionIssues(d, layout);
}

/**
 * What a decision needs from the truth inside each replicate: an equity
 * decision reading estimates, the true benefits; a companion diagnostic
 * with valueOfInformation, the true effects; a prevention decision reading
 * an estimate, everyone's risks. `truth` is called only when needed (it may
 * take a virtual population); an estimate without a finite true value is
 * refused.
 */
export interface DecisionInputs {
  trueBenefits?: number[];
  trueEffects?: { positive: number; negative: number };
  prevention?: PreventionInputs;
}

export function decisionInputs(spec: Scenario, truth: () => TruthTable): DecisionInputs | undefined {
  const d = spec.decision;
  if (d?.type === 'prevention') return d.effect !== undefined && d.valuePerCase !== undefined ? { prevention: preventionInputs(spec, d, runStreams(spec.seed)) } : undefined;
  if (d?.type === 'companion-diagnostic') {
    if (!d.valueOfInformation) return undefined;
    const t = truth(), positive = t[d.effects.positive]?.value ?? NaN, negative = t[d.effects.negative]?.value ?? NaN;
    const bad = (['positive', 'negative'] as const).filter((k) => !Number.isFinite(k === 'positive' ? positive : negative));
    if (bad.length > 0) throw new ScenarioRefusal(bad.map((k) => ({ path: ['decision', 'effects', k], message: `the value of information judges each trial on the true effect, but the design gives no finite true value for "${d.effects[k]}"` })));
    return { trueEffects: { positive, negative } };
  }
  if (d?.type !== 'equity' || !fromEstimates(d)) return undefined;
  const { benefits, issues } = trueBenefits(d, truth());
  if (issues.length > 0) throw new ScenarioRefusal(issues);
  return { trueBenefits: benefits };
}

/** The plan with the decision's per-replicate metrics appended (none for a decision on the truth only). */
export function withDecision(plan: SimulationPlan, d: DecisionSpec | undefined, inputs?: DecisionInputs): SimulationPlan {
  if (d?.type === 'equity') return inputs?.trueBenefits ? withEquity(plan, d, inputs.trueBenefits) : plan;
  if (d?.type === 'prevention') return inputs?.prevention ? withPrevention(plan, d, inputs.prevention) : plan;
  return d ? withCompanion(plan, d, inputs?.trueEffects) : plan;
}

export function decisionTruth(spec: Scenario, truth: TruthTable, streams: RunStreams): DecisionSection | null {
  const d = spec.decision;
  if (!d) return null;
  if (d.type === 'prevention') return preventionTruth(spec, d, streams);
  if (d.type === 'equity') {
    const { benefits, issues } = trueBenefits(d, truth);
    return issues.length === 0 ? equitySection(d, benefits) : null;
  }
  return companionSection(d, truth);
}
