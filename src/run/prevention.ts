/**
 * The prevention paradox on a scenario's population: each person's risk of
 * the case (the binary endpoint's outcome patients avoid; its complement
 * when higher is better) without treatment (the control arm) and with it,
 * from the outcome model, exact over the biomarker patterns when they are
 * discrete (weighted by their probabilities), else over `truth.patients`
 * virtual people drawn from the truth stream (index 1, apart from the
 * design's own truth). Then stats/decision/prevention.ts.
 */
import { z } from 'zod';
import type { Scenario } from '../scenario/schema.js';
import type { PreventionDecisionSpec } from '../scenario/decision.js';
import type { ScenarioIssue } from '../scenario/errors.js';
import type { ReplicateLayout } from '../designs/types.js';
import { bestThreshold, type EffectScale } from '../stats/decision/prevention-choice.js';
import type { RunStreams } from '../random/stream.js';
import { didYouMean } from '../scenario/zod-issues.js';
import { controlArm } from '../scenario/design-parts.js';
import { normalSampler } from '../random/samplers.js';
import { Cohort } from '../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../population/biomarkers.js';
import { buildOutcomeModel } from '../population/outcomes.js';
import { discretePatterns, placePattern } from '../population/patterns.js';
import { preventionRows, preventionCurve, type PersonRisk, type ThresholdRow } from '../stats/decision/prevention.js';

/** The prevention-paradox decision section of summary.json (`decision`), on the population. */
export const preventionSectionSchema = z.strictObject({
  type: z.literal('prevention'),
  per: z.number().describe('People the counts are per'),
  costPerPerson: z.number().describe('Cost of treating one person'),
  exact: z.boolean().describe('Whether the risks are exact over the biomarker patterns rather than from virtual people'),
  control: z.string().describe('The arm without treatment'),
  treatment: z.string().describe('The treatment arm'),
  cases: z.number().describe('Cases per person without any treatment'),
  rows: z.array(z.strictObject({
    threshold: z.number().describe('Treat those at risk at or above this (0: everyone)'),
    shareTreated: z.number().describe('Share of people treated'),
    casesPrevented: z.number().describe('Cases prevented per person'),
    numberNeededToTreat: z.number().nullable().describe('People treated per case prevented; null when none is prevented'),
    shareOfCasesAmongTreated: z.number().nullable().describe('Share of all cases that arise among those treated; null without cases'),
    costPerCasePrevented: z.number().nullable().describe('Cost per case prevented; null when none is prevented'),
  })).describe('Per risk threshold'),
  curve: z.array(z.strictObject({
    shareTreated: z.number().describe('Share treated'), casesPrevented: z.number().describe('Cases prevented per person'), risk: z.number().describe('Lowest risk treated'),
  }))
    .describe('Cases prevented against the share treated, highest risks first (thinned to about 200 points)'),
  valuePerCase: z.number().optional().describe('With valuePerCase: the value of a case prevented'),
  netBenefit: z.array(z.number()).optional().describe('With valuePerCase: each threshold\'s net benefit per person'),
  best: z.number().optional().describe('With valuePerCase: the index of the threshold with the largest net benefit'),
  effect: z.string().optional().describe('With effect: the estimate each trial\'s choice reads (metrics prevention:*)'),
}).describe('The prevention paradox: who to treat, by risk');

export type PreventionSection = z.output<typeof preventionSectionSchema>;

function armsOf(spec: Scenario, d: PreventionDecisionSpec): { arms: string[]; control: string; treatment: string } {
  const arms = Object.keys(spec.arms ?? {});
  const control = controlArm(d, arms);
  const treatment = d.treatment ?? arms.find((a) => a !== control) ?? '';
  return { arms, control, treatment };
}

export function preventionIssues(spec: Scenario, d: PreventionDecisionSpec, layout: ReplicateLayout): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (spec.endpoint?.type !== 'binary') issues.push({ path: ['decision', 'type'], message: `the prevention paradox counts cases of a binary endpoint, found ${spec.endpoint?.type ?? 'none'}` });
  const { arms, control, treatment } = armsOf(spec, d);
  for (const [key, arm] of [['control', control], ['treatment', treatment]] as const) {
    if (!arms.includes(arm)) issues.push({ path: ['decision', key], message: `expected an arm (${arms.join(', ')}), found "${arm}"${didYouMean(arm, arms)}` });
  }
  if (control === treatment) issues.push({ path: ['decision', 'treatment'], message: `expected a treatment arm other than the control "${control}"` });
  return [...issues, ...effectIssues(spec, d, layout)];
}

const SCALES: readonly EffectScale[] = ['log odds ratio', 'log risk ratio', 'risk difference'];

/** The scale of the decision's estimate, and whether the case is the outcome's complement (higher is better). */
export function effectScale(spec: Scenario, d: PreventionDecisionSpec, layout: ReplicateLayout): { scale: EffectScale; complement: boolean } | null {
  const scale = layout.estimates.find((e) => e.id === d.effect)?.scale as EffectScale | undefined;
  return scale && SCALES.includes(scale) ? { scale, complement: !(spec.endpoint?.type === 'binary' && spec.endpoint.better === 'lower') } : null;
}

/** A trial's choice needs an estimate on a scale that moves a person's risk, and a value per case to weigh it against the cost. */
function effectIssues(spec: Scenario, d: PreventionDecisionSpec, layout: ReplicateLayout): ScenarioIssue[] {
  if (d.effect === undefined) return [];
  const ids = layout.estimates.map((e) => e.id);
  if (!ids.includes(d.effect)) return [{ path: ['decision', 'effect'], message: `expected one of the design's estimates (${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', ...' : ''}), found "${d.effect}"${didYouMean(d.effect, ids)}` }];
  const e = effectScale(spec, d, layout);
  const found = layout.estimates.find((x) => x.id === d.effect)?.scale;
  if (!e) return [{ path: ['decision', 'effect'], message: `expected an estimate on the scale ${SCALES.join(', ')}, found "${d.effect}" on the scale "${found}"` }];
  if (e.complement && e.scale === 'log risk ratio') return [{ path: ['decision', 'effect'], message: 'expected a log odds ratio or a risk difference: with higher outcomes better the case is the outcome\'s complement, whose risk ratio a risk ratio of the outcome does not give, found a log risk ratio' }];
  // An estimate naming its comparison (arm-vs-arm) must compare the decision's treatment with its control, that way round.
  const { control, treatment } = armsOf(spec, d);
  const pair = /([^:|]+)-vs-([^:|]+)/.exec(d.effect);
  if (pair && (pair[1] !== treatment || pair[2] !== control)) return [{ path: ['decision', 'effect'], message: `expected an estimate of ${treatment} against ${control} (the decision's treatment and control), found "${d.effect}", which compares ${pair[1]} with ${pair[2]}` }];
  if (d.valuePerCase === undefined) return [{ path: ['decision', 'valuePerCase'], message: 'expected a value per case prevented, to weigh the cases each trial expects to prevent against the cost of treatment, found none' }];
  return [];
}

/**
 * Default thresholds: 0 (treat everyone) and each distinct risk above the
 * lowest when there are at most 12 (discrete risk groups), else the 50th,
 * 75th, 90th and 95th percentiles of risk.
 */
function defaultThresholds(people: PersonRisk[]): number[] {
  const sorted = [...people].sort((a, b) => a.untreated - b.untreated);
  const distinct = [...new Set(sorted.map((p) => p.untreated))];
  if (distinct.length <= 12) return [0, ...distinct.slice(1)];
  const total = sorted.reduce((a, p) => a + p.weight, 0);
  const at = (q: number) => { let c = 0; for (const p of sorted) { c += p.weight; if (c >= q * total) return p.untreated; } return sorted[sorted.length - 1].untreated; };
  return [...new Set([0, ...[0.5, 0.75, 0.9, 0.95].map(at).filter((t) => t > distinct[0])])].sort((a, b) => a - b);
}

/** Everyone's risk of the case without and with treatment: exact over the biomarker patterns, else a virtual population. */
export function populationRisks(spec: Scenario, d: PreventionDecisionSpec, streams: RunStreams): { people: PersonRisk[]; exact: boolean } {
  const model = buildOutcomeModel(spec);
  const { arms, control, treatment } = armsOf(spec, d);
  const [c0, c1] = [arms.indexOf(control), arms.indexOf(treatment)];
  const lower = spec.endpoint?.type === 'binary' && spec.endpoint.better === 'lower';
  const caseRisk = (p: number) => (lower ? p : 1 - p);
  const people: PersonRisk[] = [];
  const patterns = discretePatterns(spec);
  const one = new Cohort(1, spec.population.biomarkers.length);
  if (patterns) {
    for (const p of patterns) {
      placePattern(one, 0, p);
      people.push({ weight: p.weight, untreated: caseRisk(model.mean(one, 0, c0)), treated: caseRisk(model.mean(one, 0, c1)) });
    }
  } else {
    const source = streams.truth(1);
    const draw = biomarkerSampler(compilePopulation(spec.population), source, normalSampler(source));
    for (let i = 0; i < spec.truth.patients; i++) {
      draw(one, 0);
      people.push({ weight: 1, untreated: caseRisk(model.mean(one, 0, c0)), treated: caseRisk(model.mean(one, 0, c1)) });
    }
  }
  return { people, exact: patterns !== null };
}

/** The thresholds of the decision: stated, or the defaults for these people. */
export const thresholdsOf = (d: PreventionDecisionSpec, people: PersonRisk[]): number[] => d.thresholds ?? defaultThresholds(people);

export function preventionTruth(spec: Scenario, d: PreventionDecisionSpec, streams: RunStreams): PreventionSection {
  const { control, treatment } = armsOf(spec, d);
  const { people, exact } = populationRisks(spec, d, streams);
  const thresholds = thresholdsOf(d, people);
  const total = people.reduce((a, p) => a + p.weight, 0);
  const curve = preventionCurve(people);
  // A long curve (sampled people) is thinned to about 200 points for the report.
  const step = Math.max(1, Math.floor(curve.length / 200));
  const rows = preventionRows(people, thresholds, d.costPerPerson);
  return {
    type: 'prevention', per: d.per, costPerPerson: d.costPerPerson, exact, control, treatment,
    cases: people.reduce((a, p) => a + p.weight * p.untreated, 0) / total,
    rows,
    curve: curve.filter((_, k) => k % step === 0 || k === curve.length - 1),
    ...(d.valuePerCase !== undefined ? netBenefitOf(rows, d.valuePerCase, d.costPerPerson, d.effect) : {}),
  };
}

/** With a value per case: each threshold's net benefit per person (v x cases prevented − c x share treated) and the best. */
function netBenefitOf(rows: ThresholdRow[], valuePerCase: number, cost: number, effect: string | undefined): Pick<PreventionSection, 'valuePerCase' | 'netBenefit' | 'best' | 'effect'> {
  const netBenefit = rows.map((r) => valuePerCase * r.casesPrevented - cost * r.shareTreated);
  return { valuePerCase, netBenefit, best: bestThreshold(netBenefit), ...(effect !== undefined ? { effect } : {}) };
}
