/**
 * The biomarker patterns of a population whose biomarkers are all binary or
 * categorical, with their probabilities: an exact enumeration for truths
 * that average over patients. Independent markers multiply; markers joined
 * by correlations (the Gaussian copula of biomarkers.ts) take the
 * probability of their latent normal vector falling in the pattern's box
 * (stats/mvn-rectangle.ts); latent profiles mix the patterns of each
 * profile's laws, each pattern carrying its profile (profiles may carry
 * effects of their own). Null when a biomarker is continuous, when more than
 * MVN_RECTANGLE_MAX_DIMENSION markers are correlated, or when there are
 * more patterns than the limit.
 */
import type { Scenario } from '../scenario/schema.js';
import { normalQuantile } from '../stats/distributions.js';
import { mvnRectangle, MVN_RECTANGLE_MAX_DIMENSION } from '../stats/mvn-rectangle.js';
import { compilePopulation, type MarkerLaw } from './biomarkers.js';
import type { Cohort } from './cohort.js';

export interface Pattern {
  /** The pattern's probability. */
  weight: number;
  /** Each biomarker's value as stored in a cohort column (0/1, or the level index). */
  values: number[];
  /** The latent profile (0 when the population has none). */
  profile: number;
}

/** Each level's probability, and its interval on the latent normal scale. */
function levelsOf(m: MarkerLaw): { p: number; lo: number; hi: number }[] {
  if (m.kind === 0) {
    return [{ p: 1 - m.prevalence, lo: -Infinity, hi: m.threshold }, { p: m.prevalence, lo: m.threshold, hi: Infinity }];
  }
  const c = m.cumulative;
  return Array.from(c, (ck, k) => {
    const before = k === 0 ? 0 : c[k - 1];
    return { p: ck - before, lo: k === 0 ? -Infinity : normalQuantile(before), hi: k === c.length - 1 ? Infinity : normalQuantile(ck) };
  });
}

export function discretePatterns(s: Scenario, limit = 65536): Pattern[] | null {
  const pop = s.population;
  if (pop.biomarkers.some((b) => b.type === 'continuous')) return null;
  const compiled = compilePopulation(pop);
  const { members, L } = compiled;
  if (members.length > MVN_RECTANGLE_MAX_DIMENSION || L.length !== members.length) return null;
  const count = compiled.laws[0].reduce((n, m) => n * (m.kind === 0 ? 2 : m.cumulative.length), 1) * compiled.laws.length;
  if (count > limit) return null;
  const memberOrder = new Map(members.map((j, r) => [j, r]));
  const out: Pattern[] = [];
  compiled.laws.forEach((laws, profile) => {
    const profileWeight = compiled.profilePrevalence.length ? compiled.profilePrevalence[profile] : 1;
    const levels = laws.map(levelsOf);
    const copula = new Map<string, number>();
    let partial: { weight: number; values: number[] }[] = [{ weight: profileWeight, values: [] }];
    levels.forEach((ls, j) => {
      const inCopula = memberOrder.has(j);
      partial = partial.flatMap((o) => ls.map((l, v) => ({ weight: inCopula ? o.weight : o.weight * l.p, values: [...o.values, v] })));
    });
    for (const o of partial) {
      let w = o.weight;
      if (members.length > 0) {
        const key = members.map((j) => o.values[j]).join(',');
        let q = copula.get(key);
        if (q === undefined) {
          q = mvnRectangle(L, members.map((j) => levels[j][o.values[j]].lo), members.map((j) => levels[j][o.values[j]].hi));
          copula.set(key, q);
        }
        w *= q;
      }
      if (w > 0) out.push({ weight: w, values: o.values, profile });
    }
  });
  return out;
}

/** Writes a pattern into patient i of a cohort (its type reset: the pattern did not come from the sampler). */
export function placePattern(cohort: Cohort, i: number, p: Pattern): void {
  p.values.forEach((v, j) => { cohort.markers[j][i] = v; });
  cohort.profile[i] = p.profile;
  cohort.type[i] = -1;
}
