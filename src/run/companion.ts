/**
 * A drug with a companion diagnostic (decision type `companion-diagnostic`)
 * on a scenario: the strategies (treat none, treat all, test and treat at
 * one or several cut-offs) from the true effects and, in each replicate,
 * from the trial's own estimates (stats/decision/cost-effectiveness.ts).
 * On the truth: costs, effects, net benefits, the frontier, the subgroups'
 * own ICERs, the acceptability curve, the maximum test price, and the
 * value of perfect information given the truth. In each replicate: the
 * strategy chosen (`decision:<strategy>`), the same at each point of the
 * acceptability grid, and with `valueOfInformation` its true net benefit,
 * its gain over the decision without the trial and its loss against the
 * truth's best (`voi:nmb`, `voi:value`, `voi:loss`), judged on the true
 * effects found once at validate time.
 */
import { z } from 'zod';
import type { SimulationPlan, ReplicateLayout, TruthTable } from '../designs/types.js';
import type { CompanionDecisionSpec } from '../scenario/decision.js';
import { companionStrategies, companionStrategyIds, costEffectivenessFrontier, netMonetaryBenefit, bestStrategy, maximumTestPrice, type CompanionDiagnostic } from '../stats/decision/cost-effectiveness.js';
import { subgroupIcer } from '../stats/decision/subgroup-icer.js';
import { trialValue, discountedPatients } from '../stats/decision/value-of-information.js';

export function companion(d: CompanionDecisionSpec): CompanionDiagnostic {
  const ae = d.adverseEvents;
  return {
    prevalence: d.prevalence, sensitivity: d.test.sensitivity ?? NaN, specificity: d.test.specificity ?? NaN, testCost: d.test.cost, drugCost: d.drugCost, value: d.value,
    ...(d.test.cutoffs ? { tests: d.test.cutoffs.map((c) => ({ id: `test-and-treat@${c.cutoff}`, sensitivity: c.sensitivity, specificity: c.specificity })) } : {}),
    ...(ae ? { adverseEventCost: ae.probability * ae.cost, adverseEventLoss: ae.probability * ae.disutility } : {}),
    ...(d.outcomeCost ? { outcomeCost: d.outcomeCost.per === 'outcome' ? d.outcomeCost.cost : -d.outcomeCost.cost } : {}),
  };
}

/** Willingness-to-pay values of the acceptability curve: 11 evenly spaced over the range (default 0 to twice the willingness to pay). */
export function acceptabilityGrid(d: CompanionDecisionSpec): number[] {
  const [from, to] = d.range ?? [0, 2 * d.willingnessToPay];
  return Array.from({ length: 11 }, (_, j) => from + ((to - from) * j) / 10);
}

/** Index of the decision without the trial: the current strategy, or the best under the prior means. */
export function priorStrategy(d: CompanionDecisionSpec, c: CompanionDiagnostic): number {
  const v = d.valueOfInformation!;
  if (v.current !== undefined) return companionStrategyIds(c).indexOf(v.current);
  return bestStrategy(companionStrategies(c, v.prior!.positive, v.prior!.negative), d.willingnessToPay);
}

const icer = z.number().nullable();

const subgroupIcerSchema = z.strictObject({
  cost: z.number().describe('Incremental cost per patient of the subgroup treated'),
  effect: z.number().describe('Incremental effect per patient'),
  icer: icer.describe('cost / effect; null when dominant or dominated'),
  status: z.enum(['ratio', 'dominant', 'dominated']).describe('A ratio, or dominant (gains health, saves money), or dominated (gains no health)'),
});

/** The companion-diagnostic decision section of summary.json (`decision`), computed on the true effects. */
export const companionSectionSchema = z.strictObject({
  type: z.literal('companion-diagnostic'),
  willingnessToPay: z.number().describe('Willingness to pay per unit of health effect'),
  strategies: z.array(z.strictObject({
    id: z.string().describe('Strategy: treat-none, treat-all, test-and-treat (at a cut-off)'),
    cost: z.number().describe('Expected cost per patient'),
    effect: z.number().describe('Expected health effect per patient'),
    status: z.enum(['frontier', 'dominated', 'extendedly dominated']).describe('Place on the cost-effectiveness frontier'),
    icer: icer.describe('ICER against the previous frontier strategy; null for the first and off the frontier'),
    nmb: z.number().describe('Net monetary benefit per patient'),
  })).describe('On the true effects: each strategy\'s cost, effect, frontier status and net monetary benefit'),
  best: z.string().describe('The strategy with the largest net monetary benefit on the truth'),
  effects: z.strictObject({ positive: z.number().describe('In biomarker-positive patients'), negative: z.number().describe('In biomarker-negative patients') }).describe('The true effects in biomarker-positive and -negative patients'),
  subgroups: z.strictObject({ positive: subgroupIcerSchema.describe('Biomarker-positive patients'), negative: subgroupIcerSchema.describe('Biomarker-negative patients') }).describe('Treating each subgroup (known without a test) against not treating it'),
  cutoffs: z.array(z.strictObject({
    id: z.string().describe('Strategy id'), cutoff: z.number().describe('Test positive at or above this'),
    sensitivity: z.number().describe('Sensitivity at the cut-off'), specificity: z.number().describe('Specificity at the cut-off'),
    biomarker: z.string().optional().describe('The biomarker the cut-off is on'),
  })).optional().describe('The cut-offs\' accuracy, when the test has several'),
  maximumTestPrice: z.number().describe('Most the test may cost for test-and-treat to beat the other strategies'),
  acceptability: z.array(z.strictObject({ willingnessToPay: z.number().describe('Willingness to pay'), best: z.string().describe('The best strategy there') })).describe('The best strategy on the truth across willingness to pay'),
  acceptabilityGrid: z.array(z.number()).describe('Willingness-to-pay values of the trial-based acceptability curve (metrics decision-at:<k>:<strategy>)'),
  valueOfInformation: z.strictObject({
    prior: z.string().describe('The decision without the trial'),
    perfect: z.number().describe('Value of perfect information per patient, given the truth'),
    patients: z.number().nullable().describe('Discounted patients it scales to; null when not given'),
  }).optional().describe('With valueOfInformation'),
}).superRefine((d, ctx) => {
  // The report looks these names up among the strategies (a summary.json edited by hand may not hold them).
  const ids = new Set(d.strategies.map((x) => x.id));
  const named = (name: string, path: (string | number)[]) => {
    if (!ids.has(name)) ctx.addIssue({ code: 'custom', path, message: `expected one of the strategies (${[...ids].join(', ')})` });
  };
  named(d.best, ['best']);
  d.acceptability.forEach((a, k) => named(a.best, ['acceptability', k, 'best']));
  if (d.valueOfInformation) named(d.valueOfInformation.prior, ['valueOfInformation', 'prior']);
}).describe('A drug with a companion diagnostic: the strategies on the truth');

export type CompanionSection = z.output<typeof companionSectionSchema>;

export function companionSection(d: CompanionDecisionSpec, truth: TruthTable): z.input<typeof companionSectionSchema> | null {
  const positive = truth[d.effects.positive]?.value ?? NaN, negative = truth[d.effects.negative]?.value ?? NaN;
  if (!Number.isFinite(positive) || !Number.isFinite(negative)) return null;
  const c = companion(d);
  const strategies = companionStrategies(c, positive, negative);
  const byId = Object.fromEntries(costEffectivenessFrontier(strategies).map((r) => [r.id, r]));
  const [from, to] = d.range ?? [0, 2 * d.willingnessToPay];
  const nmb = strategies.map((s) => netMonetaryBenefit(s, d.willingnessToPay));
  const best = bestStrategy(strategies, d.willingnessToPay);
  const v = d.valueOfInformation;
  return {
    type: 'companion-diagnostic',
    willingnessToPay: d.willingnessToPay,
    strategies: strategies.map((s, j) => ({ ...byId[s.id], nmb: nmb[j] })),
    best: strategies[best].id,
    effects: { positive, negative },
    subgroups: { positive: subgroupIcer(c, positive), negative: subgroupIcer(c, negative) },
    ...(d.test.cutoffs ? { cutoffs: d.test.cutoffs.map((x, k) => ({ id: c.tests![k].id, ...x, ...(d.test.biomarker ? { biomarker: d.test.biomarker } : {}) })) } : {}),
    maximumTestPrice: maximumTestPrice(c, positive, negative, d.willingnessToPay),
    acceptability: Array.from({ length: 21 }, (_, j) => from + ((to - from) * j) / 20).map((w) => ({ willingnessToPay: w, best: strategies[bestStrategy(strategies, w)].id })),
    acceptabilityGrid: acceptabilityGrid(d),
    ...(v ? { valueOfInformation: { prior: strategies[priorStrategy(d, c)].id, perfect: nmb[best] - nmb[priorStrategy(d, c)], patients: v.population === undefined ? null : discountedPatients(v.population, v.horizon, v.discount) } } : {}),
  };
}

const VOI = [
  { id: 'voi:nmb', label: 'True net monetary benefit per patient of the strategy the trial\'s estimates choose' },
  { id: 'voi:value', label: 'Value of the trial per patient: true net monetary benefit of its choice minus that of the decision without it' },
  { id: 'voi:loss', label: 'Loss per patient: true net monetary benefit of the truth\'s best strategy minus that of the trial\'s choice' },
];

function companionLayout(plan: SimulationPlan, ids: string[], grid: number[], voi: boolean): ReplicateLayout {
  return {
    ...plan.layout,
    metrics: [
      ...plan.layout.metrics,
      ...ids.map((s) => ({ id: `decision:${s}`, label: `Decision from the trial's estimates: ${s} (share of trials)` })),
      ...grid.flatMap((w, k) => ids.map((s) => ({ id: `decision-at:${k}:${s}`, label: `Decision at willingness to pay ${w}: ${s} (share of trials)` }))),
      ...(voi ? VOI : []),
    ],
  };
}

/**
 * The plan with the decision's metrics appended: each replicate's chosen
 * strategy at the willingness to pay, 1 or 0 (all 0 when an estimate is
 * missing), and at each point of the acceptability grid, so the summary's
 * means are the trial-based acceptability curve; with the true effects
 * (`trueEffects`, when valueOfInformation is asked for) the value of the
 * choice judged on them (a trial without an estimate keeps the decision
 * made without it: value 0).
 */
export function withCompanion(plan: SimulationPlan, d: CompanionDecisionSpec, trueEffects?: { positive: number; negative: number }): SimulationPlan {
  const first = plan.layout.metrics.length;
  const grid = acceptabilityGrid(d);
  const c = companion(d);
  const ids = companionStrategyIds(c);
  const S = ids.length;
  const voi = d.valueOfInformation !== undefined && trueEffects !== undefined;
  const pos = plan.layout.estimates.findIndex((e) => e.id === d.effects.positive);
  const neg = plan.layout.estimates.findIndex((e) => e.id === d.effects.negative);
  const trueStrategies = voi ? companionStrategies(c, trueEffects.positive, trueEffects.negative) : [];
  const trueNmb = trueStrategies.map((s) => netMonetaryBenefit(s, d.willingnessToPay));
  // the same rule (and tie-break) as every trial's choice
  const best = voi ? bestStrategy(trueStrategies, d.willingnessToPay) : -1, prior = voi ? priorStrategy(d, c) : -1;
  const at = first + S * (1 + grid.length);
  return {
    layout: companionLayout(plan, ids, grid, voi),
    simulate(streams, out) {
      // The design writes the slots it knows; the decision's follow them in the same record.
      plan.simulate(streams, out);
      for (let j = first; j < at; j++) out.metric[j] = 0;
      const p = out.estimate[pos], n = out.estimate[neg];
      const decided = Number.isFinite(p) && Number.isFinite(n);
      const strategies = decided ? companionStrategies(c, p, n) : [];
      const chosen = decided ? bestStrategy(strategies, d.willingnessToPay) : prior;
      if (decided) {
        out.metric[first + chosen] = 1;
        for (let k = 0; k < grid.length; k++) out.metric[first + S * (1 + k) + bestStrategy(strategies, grid[k])] = 1;
      }
      if (!voi) return;
      const v = trialValue(trueNmb, chosen, prior, best);
      out.metric[at] = v.nmb; out.metric[at + 1] = v.value; out.metric[at + 2] = v.loss;
    },
  };
}
