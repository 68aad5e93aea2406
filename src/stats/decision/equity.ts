/**
 * Equity-constrained allocation of a fixed budget of units (licences,
 * places, doses) among groups that differ in baseline health and in the
 * health each unit brings (distributional cost-effectiveness analysis:
 * Asaria, Griffin & Cookson 2016, Med Decis Making 36:8-19; Cookson,
 * Griffin, Norheim & Culyer 2020, Distributional Cost-Effectiveness
 * Analysis, OUP). Everything is per person of the whole population: group g
 * is a share w of it, can absorb at most `capacity[g]` units (w times the
 * units one of its people can take) and must get at least `minimum[g]`
 * under the constraint; `budget` units are to be given out. A unit given to
 * group g brings `benefit[g]` health units, so the group's mean health is
 * baseline + benefit x units / w, and the total gain is Σ benefit x units.
 * Benefits are constant per unit (no diminishing returns within a group).
 *
 * The allocations:
 * - efficiency only: units to the largest benefit per unit first, up to
 *   capacity, never to a group whose benefit is not positive (this
 *   maximises the total gain, so it may leave budget unspent);
 * - equal shares: units in proportion to group size, a group full at its
 *   capacity passing its excess on in the same proportion;
 * - constrained: each group its minimum, the rest by efficiency;
 * - the path (1 − λ) efficiency + λ equal, λ in [0, 1], for the trade-off
 *   curve (every point within budget and capacity, as both ends are).
 *
 * The functions write into arrays the caller owns, so a replicate's
 * decision allocates nothing.
 */

export interface AllocationProblem {
  /** Each group's share of the population (summing to 1). */
  share: Float64Array;
  /** Mean health of each group before any unit is given. */
  baseline: Float64Array;
  /** Most units each group can absorb, per person of the population. */
  capacity: Float64Array;
  /** Least units each group gets under the constraint, per person of the population. */
  minimum: Float64Array;
  /** Units to give out, per person of the population. */
  budget: number;
}

export const ALLOCATIONS = ['efficiency', 'equal', 'constrained'] as const;
export type AllocationId = (typeof ALLOCATIONS)[number];

/** Adds up to `budget` units to `out`, largest positive benefit first, up to each group's capacity (ties: the first group). */
function fillByBenefit(p: AllocationProblem, benefit: ArrayLike<number>, budget: number, out: Float64Array): void {
  let left = budget;
  while (left > 1e-15) {
    let best = -1;
    for (let g = 0; g < out.length; g++) {
      if (benefit[g] > 0 && out[g] < p.capacity[g] && (best < 0 || benefit[g] > benefit[best])) best = g;
    }
    if (best < 0) return;
    const add = Math.min(left, p.capacity[best] - out[best]);
    out[best] += add;
    left -= add;
  }
}

/** Efficiency only: the budget to the largest benefits per unit first. */
export function efficiencyAllocation(p: AllocationProblem, benefit: ArrayLike<number>, out: Float64Array): Float64Array {
  out.fill(0);
  fillByBenefit(p, benefit, p.budget, out);
  return out;
}

/** Constrained: each group its minimum, the rest of the budget by efficiency. */
export function constrainedAllocation(p: AllocationProblem, benefit: ArrayLike<number>, out: Float64Array): Float64Array {
  let used = 0;
  for (let g = 0; g < out.length; g++) { out[g] = p.minimum[g]; used += p.minimum[g]; }
  fillByBenefit(p, benefit, p.budget - used, out);
  return out;
}

/**
 * Equal shares: units in proportion to group size (the same coverage in
 * every group), by water-filling: a group whose share of what is left
 * exceeds its room is filled and the rest shared among the others again.
 */
export function equalAllocation(p: AllocationProblem, out: Float64Array): Float64Array {
  out.fill(0);
  let left = p.budget;
  for (let round = 0; round < out.length && left > 1e-15; round++) {
    let shares = 0;
    for (let g = 0; g < out.length; g++) if (out[g] < p.capacity[g]) shares += p.share[g];
    if (shares === 0) break;
    const level = left / shares;
    let filled = false;
    for (let g = 0; g < out.length; g++) {
      if (out[g] < p.capacity[g] && p.share[g] * level >= p.capacity[g] - out[g]) { left -= p.capacity[g] - out[g]; out[g] = p.capacity[g]; filled = true; }
    }
    if (filled) continue;
    for (let g = 0; g < out.length; g++) if (out[g] < p.capacity[g]) out[g] += p.share[g] * level;
    left = 0;
  }
  return out;
}

/** A point on the path from one allocation to another: (1 − λ) from + λ to. */
export function pathAllocation(from: ArrayLike<number>, to: ArrayLike<number>, lambda: number, out: Float64Array): Float64Array {
  for (let g = 0; g < out.length; g++) out[g] = (1 - lambda) * from[g] + lambda * to[g];
  return out;
}

/** Each group's mean health after the allocation: baseline + benefit x units / share. */
export function groupHealth(p: AllocationProblem, benefit: ArrayLike<number>, units: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let g = 0; g < out.length; g++) out[g] = p.baseline[g] + (benefit[g] * units[g]) / p.share[g];
  return out;
}

/** Total health gain per person of the population: Σ benefit x units. */
export function totalGain(benefit: ArrayLike<number>, units: ArrayLike<number>): number {
  let s = 0;
  for (let g = 0; g < units.length; g++) s += benefit[g] * units[g];
  return s;
}
