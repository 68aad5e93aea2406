/**
 * Equity-constrained allocation (decision type `equity`) on a scenario: the
 * groups' benefits per unit are stated or read from the design's estimates
 * (true values, times `value`); the allocations, their health by group,
 * Atkinson and Kolm EDEs and indices, the flip epsilon and the trade-off
 * path come from stats/decision/. Bad input is refused at validate time
 * with the key path. Each trial's own choice is in run/equity-replicate.ts.
 */
import { z } from 'zod';
import type { EquityDecisionSpec } from '../scenario/decision.js';
import type { ScenarioIssue } from '../scenario/errors.js';
import type { ReplicateLayout, TruthTable } from '../designs/types.js';
import { didYouMean } from '../scenario/zod-issues.js';
import { ALLOCATIONS, efficiencyAllocation, equalAllocation, constrainedAllocation, pathAllocation, groupHealth, totalGain, type AllocationProblem, type AllocationId } from '../stats/decision/equity.js';
import { atkinsonEde, atkinsonIndex, kolmEde, kolmIndex, meanHealth, flipEpsilon } from '../stats/decision/inequality.js';

const ede = z.number().describe('Equally-distributed equivalent health');
const index = z.number().describe('Inequality index');
const atkinson = z.array(z.strictObject({ epsilon: z.number().describe('Inequality aversion'), ede, index })).describe('Atkinson equally-distributed equivalent and index at each inequality aversion epsilon');
const kolm = z.array(z.strictObject({ alpha: z.number().describe('Inequality aversion'), ede, index })).describe('Kolm equally-distributed equivalent and index at each aversion alpha');

const allocationRowSchema = z.strictObject({
  id: z.enum(ALLOCATIONS).describe('Allocation: efficiency only, equal shares, or constrained by minimum shares'),
  units: z.array(z.number()).describe('Units given to each group, per person of the population'),
  gain: z.array(z.number()).describe('Mean health gained by a person of each group'),
  health: z.array(z.number()).describe('Mean health of a person of each group after the allocation'),
  totalGain: z.number().describe('Total health gain per person of the population'),
  atkinson,
  kolm,
});

/** The equity-constrained allocation decision section of summary.json (`decision`), on the truth. */
export const equitySectionSchema = z.strictObject({
  type: z.literal('equity'),
  per: z.number().describe('People the counts are per'),
  unit: z.string().describe('What is allocated'),
  health: z.string().describe('The health measure'),
  epsilon: z.number().describe('The decision\'s Atkinson inequality aversion'),
  budget: z.number().describe('Units per person of the population'),
  fromEstimates: z.boolean().describe('Whether the benefits come from the design\'s estimates'),
  groups: z.array(z.strictObject({
    id: z.string().describe('Group'), label: z.string().describe('Group in words'), share: z.number().describe('Share of the population'),
    baseline: z.number().describe('Mean health without the units'), benefit: z.number().describe('Health gained per unit'),
    capacity: z.number().describe('Most units a person can use'), minimum: z.number().describe('Least units per person under the constraint'),
  })).describe('The groups: population share, baseline health, benefit per unit, capacity and minimum units'),
  before: z.strictObject({ mean: z.number().describe('Mean health'), atkinson, kolm }).describe('The distribution before any unit is given'),
  allocations: z.array(allocationRowSchema).describe('Each allocation of the budget'),
  preferred: z.enum(ALLOCATIONS).describe('The allocation with the largest Atkinson EDE at epsilon'),
  flip: z.strictObject({
    epsilon: z.number().nullable().describe('Where efficiency only and equal shares swap places by Atkinson EDE; null: nowhere in the range'),
    range: z.tuple([z.number(), z.number()]).describe('The range of epsilon searched'),
  }).describe('Where equity weighting changes the choice'),
  path: z.array(z.strictObject({ lambda: z.number().describe('0: efficiency only; 1: equal shares'), totalGain: z.number().describe('Total health gain per person'), ede, index }))
    .describe('From efficiency only (lambda 0) to equal shares (lambda 1): total gain, Atkinson EDE and index at epsilon'),
  aversion: z.array(z.strictObject({ epsilon: z.number().describe('Inequality aversion'), ede: z.array(z.number()).describe('Each allocation\'s Atkinson EDE') }))
    .describe('Each allocation\'s Atkinson EDE across epsilon'),
}).superRefine((d, ctx) => {
  // The report reads the allocations in ALLOCATIONS order and one figure per group in each (a summary.json edited by hand may not).
  const ids = d.allocations.map((a) => a.id);
  if (ids.join() !== ALLOCATIONS.join()) ctx.addIssue({ code: 'custom', path: ['allocations'], message: `expected the allocations ${ALLOCATIONS.join(', ')} in that order (found ${ids.join(', ') || 'none'})` });
  d.allocations.forEach((a, k) => (['units', 'gain', 'health'] as const).forEach((key) => {
    if (a[key].length !== d.groups.length) ctx.addIssue({ code: 'custom', path: ['allocations', k, key], message: `expected one value per group (${d.groups.length})` });
  }));
  d.aversion.forEach((a, k) => {
    if (a.ede.length !== d.allocations.length) ctx.addIssue({ code: 'custom', path: ['aversion', k, 'ede'], message: `expected one value per allocation (${d.allocations.length})` });
  });
}).describe('Equity-constrained allocation of a budget between groups');

export type AllocationRow = z.output<typeof allocationRowSchema>;
export type EquitySection = z.output<typeof equitySectionSchema>;

/** The allocation problem per person of the population (capacity and minimum scaled by the groups' shares). */
export function allocationProblem(d: EquityDecisionSpec): AllocationProblem {
  const f = (k: (g: EquityDecisionSpec['groups'][number]) => number) => Float64Array.from(d.groups, k);
  return {
    share: f((g) => g.share),
    baseline: f((g) => g.baseline),
    capacity: f((g) => g.share * g.capacity),
    minimum: f((g) => (g.minimumShare ?? d.minimumShare) * g.share * g.capacity),
    budget: d.budget / d.per,
  };
}

/** Whether any group's benefit is one of the design's estimates (then each trial makes its own choice). */
export const fromEstimates = (d: EquityDecisionSpec): boolean => d.groups.some((g) => g.effect !== undefined);

/** Each group's benefit per unit: stated, or value x the estimate's value (`valueOf`: a truth table's or a replicate's). */
export function benefits(d: EquityDecisionSpec, valueOf: (id: string) => number): number[] {
  return d.groups.map((g) => (g.effect !== undefined ? d.value * valueOf(g.effect) : g.benefit ?? NaN));
}

/** The true benefits, with the issues of estimates whose true value the design does not give. */
export function trueBenefits(d: EquityDecisionSpec, truth: TruthTable): { benefits: number[]; issues: ScenarioIssue[] } {
  const b = benefits(d, (id) => truth[id]?.value ?? NaN);
  const issues = d.groups.flatMap((g, k): ScenarioIssue[] => (Number.isFinite(b[k]) ? [] : [{ path: ['decision', 'groups', k, 'effect'], message: `the design gives no finite true value for "${g.effect}", found ${truth[g.effect ?? '']?.value ?? 'none'}` }]));
  return { benefits: b, issues };
}

const per1000 = (x: number, d: EquityDecisionSpec) => `${+(x * d.per).toPrecision(6)} ${d.unit}s per ${d.per} people`;

/** A health gain per unit is value x a difference: an effect on a ratio or log scale (odds, hazard, rate ratios) has no such meaning. */
const NOT_A_DIFFERENCE = /ratio|log|hazard/i;

function groupIssues(d: EquityDecisionSpec, layout: ReplicateLayout): ScenarioIssue[] {
  const estimates = layout.estimates.map((e) => e.id);
  const issues: ScenarioIssue[] = [];
  const total = d.groups.reduce((a, g) => a + g.share, 0);
  if (Math.abs(total - 1) > 1e-9) issues.push({ path: ['decision', 'groups'], message: `expected the groups' shares to sum to 1, found ${+total.toPrecision(10)}` });
  d.groups.forEach((g, k) => {
    const at = ['decision', 'groups', k];
    if (d.groups.findIndex((h) => h.id === g.id) < k) issues.push({ path: [...at, 'id'], message: `expected a name no other group has, found "${g.id}" again` });
    if (!(g.share > 0)) issues.push({ path: [...at, 'share'], message: 'expected a share of the population above 0, found 0' });
    if (!(g.baseline > 0)) issues.push({ path: [...at, 'baseline'], message: `expected positive baseline health (Atkinson's equally-distributed equivalent is defined for positive health only), found ${g.baseline}` });
    if ((g.benefit === undefined) === (g.effect === undefined)) issues.push({ path: at, message: `expected either benefit (stated) or effect (an estimate id), found ${g.benefit === undefined ? 'neither' : 'both'}` });
    if (g.effect !== undefined && !estimates.includes(g.effect)) {
      issues.push({ path: [...at, 'effect'], message: `expected one of the design's estimates (${estimates.slice(0, 12).join(', ')}${estimates.length > 12 ? ', ...' : ''}), found "${g.effect}"${didYouMean(g.effect, estimates)}` });
    } else if (g.effect !== undefined) {
      const scale = layout.estimates.find((e) => e.id === g.effect)!.scale;
      if (NOT_A_DIFFERENCE.test(scale)) issues.push({ path: [...at, 'effect'], message: `expected an estimate that is a difference (risk or mean difference: health per unit is value x effect), found "${g.effect}" on the scale "${scale}"` });
    }
  });
  return issues;
}

/** Validate-time checks of an equity decision, each naming its key path. */
export function equityIssues(d: EquityDecisionSpec, layout: ReplicateLayout): ScenarioIssue[] {
  const issues = groupIssues(d, layout);
  if (issues.length > 0) return issues;
  const p = allocationProblem(d);
  const room = p.capacity.reduce((a, c) => a + c, 0), needed = p.minimum.reduce((a, c) => a + c, 0);
  if (p.budget > room * (1 + 1e-12)) {
    issues.push({ path: ['decision', 'budget'], message: `a budget larger than the population can absorb: expected at most ${per1000(room, d)} (each group's share x capacity, summed), found ${per1000(p.budget, d)}` });
  } else if (needed > p.budget * (1 + 1e-12)) {
    const own = d.groups.some((g) => g.minimumShare !== undefined);
    issues.push({ path: own ? ['decision', 'groups'] : ['decision', 'minimumShare'], message: `the minimum shares need ${per1000(needed, d)}, more than the budget of ${per1000(p.budget, d)}` });
  }
  if (d.flipRange[0] >= d.flipRange[1]) issues.push({ path: ['decision', 'flipRange'], message: `expected [from, to] with from < to, found [${d.flipRange.join(', ')}]` });
  return issues;
}

/** Each allocation of the budget for the given benefits, in the order of ALLOCATIONS. */
export function allocationsFor(p: AllocationProblem, b: ArrayLike<number>): Float64Array[] {
  const G = p.share.length;
  return [efficiencyAllocation(p, b, new Float64Array(G)), equalAllocation(p, new Float64Array(G)), constrainedAllocation(p, b, new Float64Array(G))];
}

function inequality(d: EquityDecisionSpec, w: Float64Array, h: ArrayLike<number>): Pick<AllocationRow, 'atkinson' | 'kolm'> {
  const epsilons = [...new Set([...d.epsilons, d.epsilon])].sort((a, b) => a - b);
  return {
    atkinson: epsilons.map((e) => ({ epsilon: e, ede: atkinsonEde(w, h, e), index: atkinsonIndex(w, h, e) })),
    kolm: d.alphas.map((a) => ({ alpha: a, ede: kolmEde(w, h, a), index: kolmIndex(w, h, a) })),
  };
}

function allocationRow(d: EquityDecisionSpec, p: AllocationProblem, b: number[], id: AllocationId, units: Float64Array): AllocationRow {
  const health = [...groupHealth(p, b, units, new Float64Array(units.length))];
  const gain = [...units].map((x, g) => (b[g] * x) / p.share[g]);
  return { id, units: [...units], gain, health, totalGain: totalGain(b, units), ...inequality(d, p.share, health) };
}

/** The section on the given (true) benefits. */
export function equitySection(d: EquityDecisionSpec, b: number[]): EquitySection {
  const p = allocationProblem(d);
  const units = allocationsFor(p, b);
  const healthOf = (x: ArrayLike<number>) => groupHealth(p, b, x, new Float64Array(x.length));
  const ede = (x: ArrayLike<number>, e: number) => atkinsonEde(p.share, healthOf(x), e);
  const best = units.reduce((j, x, k) => (ede(x, d.epsilon) > ede(units[j], d.epsilon) ? k : j), 0);
  const point = new Float64Array(b.length);
  const flip = flipEpsilon((e) => ede(units[0], e) - ede(units[1], e), d.flipRange);
  return {
    type: 'equity', per: d.per, unit: d.unit, health: d.health, epsilon: d.epsilon, budget: p.budget, fromEstimates: fromEstimates(d),
    groups: d.groups.map((g, k) => ({ id: g.id, label: g.label ?? g.id, share: g.share, baseline: g.baseline, benefit: b[k], capacity: p.capacity[k], minimum: p.minimum[k] })),
    before: { mean: meanHealth(p.share, p.baseline), ...inequality(d, p.share, p.baseline) },
    allocations: ALLOCATIONS.map((id, k) => allocationRow(d, p, b, id, units[k])),
    preferred: ALLOCATIONS[best],
    flip: { epsilon: flip, range: [d.flipRange[0], d.flipRange[1]] },
    path: Array.from({ length: 21 }, (_, j) => {
      const x = pathAllocation(units[0], units[1], j / 20, point);
      return { lambda: j / 20, totalGain: totalGain(b, x), ede: ede(x, d.epsilon), index: atkinsonIndex(p.share, healthOf(x), d.epsilon) };
    }),
    aversion: aversionGrid(d, flip).map((e) => ({ epsilon: e, ede: units.map((x) => ede(x, e)) })),
  };
}

/** 41 epsilons from the range's start to 1.5 times the larger of the flip and the decision's epsilon (within the range). */
function aversionGrid(d: EquityDecisionSpec, flip: number | null): number[] {
  const [from, to] = d.flipRange;
  const end = Math.min(to, Math.max(from + 1, 1.5 * Math.max(d.epsilon, flip ?? 0)));
  return Array.from({ length: 41 }, (_, j) => from + ((end - from) * j) / 40);
}
