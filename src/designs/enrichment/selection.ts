/**
 * The choice at an interim of the populations to go on in, among those
 * still in (a bit mask over the populations, F first), from each one's
 * interim measure (NaN where it could not be computed: such a population is
 * not selected). An empty choice stops the trial.
 *
 * - best: the population with the largest measure (ties: the earlier one,
 *   F first); r-best: the r largest; epsilon: every population within
 *   epsilon of the largest; threshold: every population reaching it; all:
 *   every population with a measure (rpact's typeOfSelection "best",
 *   "rBest", "epsilon", "all"; Wassmer & Brannath 2016, section 11.3);
 * - table: the first row of a user-given table whose conditions hold;
 * - posterior: see `selectByPosterior`.
 */
import type { EnrichmentScenario } from './schema.js';

type Selection = EnrichmentScenario['design']['selection'];

/** The populations (bits) in `mask` with a measure, in order. */
function candidates(measures: ArrayLike<number>, mask: number): number[] {
  const out: number[] = [];
  for (let g = 0; g < measures.length; g++) if (mask & (1 << g) && !Number.isNaN(measures[g])) out.push(g);
  return out;
}

const maskOf = (gs: readonly number[]): number => gs.reduce((m, g) => m | (1 << g), 0);

/** The rule-based choice (every rule but posterior) among the populations in `mask`. */
export function selectByMeasure(sel: Selection, measures: ArrayLike<number>, mask: number, populations: readonly string[]): number {
  const list = candidates(measures, mask);
  if (list.length === 0) return 0;
  const ranked = [...list].sort((a, b) => measures[b] - measures[a] || a - b);
  switch (sel.rule) {
    case 'best': return 1 << ranked[0];
    case 'r-best': return maskOf(ranked.slice(0, sel.r ?? 1));
    case 'epsilon': {
      const top = measures[ranked[0]], eps = sel.epsilon ?? 0;
      return maskOf(list.filter((g) => measures[g] >= top - eps));
    }
    case 'threshold': return maskOf(list.filter((g) => measures[g] >= (sel.threshold ?? 0)));
    case 'table': return byTable(sel, measures, mask, populations);
    case 'all': case 'posterior': return maskOf(list);
  }
}

/** The first table row whose every condition holds (a population named must be still in, with a measure); else `otherwise`. */
function byTable(sel: Selection, measures: ArrayLike<number>, mask: number, populations: readonly string[]): number {
  const index = (id: string) => populations.indexOf(id);
  const holds = (id: string, r: { above?: number; below?: number }) => {
    const g = index(id);
    if (g < 0 || !(mask & (1 << g))) return false;
    const m = measures[g];
    return !Number.isNaN(m) && (r.above === undefined || m >= r.above) && (r.below === undefined || m < r.below);
  };
  const row = (sel.table ?? []).find((x) => Object.entries(x.when).every(([id, r]) => holds(id, r)));
  return maskOf((row ? row.select : sel.otherwise ?? []).map(index).filter((g) => g >= 0)) & mask;
}

/**
 * The posterior rule: each population's own part (its strata not in a
 * subpopulation nested in it: R for F, S itself for a subpopulation with
 * nothing nested in it) has its effect's posterior probability of benefit
 * `benefit[g]` (normal prior, normal likelihood of the interim estimate); a
 * population goes on when that probability reaches the threshold, and with
 * it every population still in that is nested in it (one subpopulation: F
 * and S when R benefits, S alone when only S does, else stop).
 */
export function selectByPosterior(benefit: ArrayLike<number>, threshold: number, mask: number, nestedIn: readonly number[][]): number {
  let chosen = 0;
  for (let g = 0; g < benefit.length; g++) {
    if (!(mask & (1 << g)) || !(benefit[g] >= threshold)) continue;
    chosen |= 1 << g;
    for (const inner of nestedIn[g]) chosen |= (1 << inner) & mask;
  }
  return chosen;
}
