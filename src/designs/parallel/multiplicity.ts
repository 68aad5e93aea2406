/**
 * Family-wise control across a parallel design's overall comparisons with
 * control: the procedure named in `analysis.primary.multiplicity` turns each
 * replicate's p-values into adjusted p-values (reported per replicate) and
 * decisions at the primary alpha. Dunnett's procedures work on the z
 * statistics recovered from the p-values, with the correlation of
 * many-to-one comparisons from the replicate's arm sizes (normal
 * approximation, as for large samples).
 */
import type { ScenarioIssue } from '../../scenario/errors.js';
import { bonferroniAdjust, holmAdjust, hochbergAdjust, hommelAdjust, sidakAdjust, sidakStepDownAdjust, fixedSequenceAdjust, graphicalAdjust, dunnettAdjust, dunnettStepDownAdjust, dunnettLambdas, MAX_CLOSURE_SIZE, type Graph } from '../../stats/multiplicity/index.js';
import { normalQuantile } from '../../stats/distributions.js';
import type { ParallelScenario, MultiplicitySpec } from './schema.js';
import type { ParallelSetup } from './setup.js';

/** Adjusted p-values of the comparisons, given their p-values (one-sided for benefit, or two-sided) and arm sizes. */
export type Adjuster = (p: number[], armSizes: number[], controlSize: number) => number[];

export function buildAdjuster(m: MultiplicitySpec, setup: ParallelSetup): Adjuster {
  const names = setup.comparisons.map((a) => setup.arms[a]);
  const sided = setup.design.analysis.primary.sided === 'one' ? 1 : 2;
  const z = (p: number[]) => p.map((x) => -normalQuantile(sided === 1 ? x : x / 2));
  switch (m.method) {
    case 'bonferroni': return (p) => bonferroniAdjust(p);
    case 'holm': return (p) => holmAdjust(p);
    case 'hochberg': return (p) => hochbergAdjust(p);
    case 'hommel': return (p) => hommelAdjust(p);
    case 'sidak': return (p) => sidakAdjust(p);
    case 'sidak-step-down': return (p) => sidakStepDownAdjust(p);
    case 'dunnett': return (p, n, n0) => dunnettAdjust(z(p), dunnettLambdas(n0, n), { sided });
    case 'dunnett-step-down': return (p, n, n0) => dunnettStepDownAdjust(z(p), dunnettLambdas(n0, n), { sided });
    case 'fixed-sequence': {
      const order = (m.order ?? names).map((a) => names.indexOf(a));
      return (p) => fixedSequenceAdjust(p, order);
    }
    case 'graphical': {
      const graph = graphOf(m, names);
      return (p) => graphicalAdjust(p, graph);
    }
  }
}

/** The graph over the comparisons, in comparison order (absent weights and edges are 0). */
export function graphOf(m: MultiplicitySpec, names: string[]): Graph {
  return {
    weights: names.map((a) => m.weights?.[a] ?? 0),
    transitions: names.map((from) => names.map((to) => (from === to ? 0 : m.transitions?.[from]?.[to] ?? 0))),
  };
}

/** Refusals: too few comparisons, arms that are not compared, a fixed sequence that is not a permutation, a graph that is not one. */
export function checkMultiplicity(s: ParallelScenario, names: string[]): ScenarioIssue[] {
  const m = s.design.analysis.primary.multiplicity;
  if (!m) return [];
  const at = (...p: (string | number)[]) => ['design', 'analysis', 'primary', 'multiplicity', ...p];
  const issues: ScenarioIssue[] = [];
  const expected = `an arm compared with control (${names.join(', ')})`;
  if (names.length < 2) issues.push({ path: at(), message: `multiplicity adjustment needs two or more comparisons with control, found ${names.length}` });
  if (m.method === 'hommel' && names.length > MAX_CLOSURE_SIZE) issues.push({ path: at('method'), message: `hommel is computed over every intersection, for at most ${MAX_CLOSURE_SIZE} comparisons; found ${names.length}` });
  const only = (key: 'order' | 'weights' | 'transitions', method: string) => {
    if (m[key] !== undefined && m.method !== method) issues.push({ path: at(key), message: `${key} applies to the ${method} method only, found method ${m.method}` });
  };
  only('order', 'fixed-sequence'); only('weights', 'graphical'); only('transitions', 'graphical');
  (m.order ?? []).forEach((a, i) => {
    if (!names.includes(a)) issues.push({ path: at('order', i), message: `expected ${expected}, found "${a}"` });
    else if (m.order!.indexOf(a) !== i) issues.push({ path: at('order', i), message: `expected each arm once, found "${a}" again` });
  });
  if (m.order && m.order.length !== names.length && issues.length === 0) issues.push({ path: at('order'), message: `expected every compared arm once (${names.join(', ')}), found ${m.order.length}` });
  if (m.method === 'graphical') issues.push(...checkGraphSpec(m, names, at));
  return issues;
}

function checkGraphSpec(m: MultiplicitySpec, names: string[], at: (...p: (string | number)[]) => (string | number)[]): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const expected = `an arm compared with control (${names.join(', ')})`;
  if (!m.weights) return [{ path: at('weights'), message: 'the graphical method needs initial weights by arm, summing to 1' }];
  for (const a of Object.keys(m.weights)) if (!names.includes(a)) issues.push({ path: at('weights', a), message: `expected ${expected}, found "${a}"` });
  const total = Object.values(m.weights).reduce((x, y) => x + y, 0);
  if (Math.abs(total - 1) > 1e-9) issues.push({ path: at('weights'), message: `expected weights summing to 1, found ${+total.toPrecision(12)}` });
  for (const [from, row] of Object.entries(m.transitions ?? {})) {
    if (!names.includes(from)) { issues.push({ path: at('transitions', from), message: `expected ${expected}, found "${from}"` }); continue; }
    for (const to of Object.keys(row)) {
      if (!names.includes(to)) issues.push({ path: at('transitions', from, to), message: `expected ${expected}, found "${to}"` });
      else if (to === from) issues.push({ path: at('transitions', from, to), message: 'an arm cannot pass its alpha to itself (the diagonal is 0)' });
    }
    const sum = Object.values(row).reduce((x, y) => x + y, 0);
    if (sum > 1 + 1e-9) issues.push({ path: at('transitions', from), message: `expected shares summing to at most 1, found ${+sum.toPrecision(12)}` });
  }
  return issues;
}
