/**
 * The biomarker patterns of a population whose biomarkers are all binary or
 * categorical and independent (no correlations, no latent profiles), with
 * their probabilities: an exact enumeration for truths that average over
 * patients. Null when the population is not of that kind or has too many
 * patterns.
 */
import type { Scenario } from '../scenario/schema.js';
import { levelProbabilities } from '../scenario/check-model.js';

export interface Pattern {
  /** The pattern's probability. */
  weight: number;
  /** Each biomarker's value as stored in a cohort column (0/1, or the level index). */
  values: number[];
}

export function independentPatterns(s: Scenario, limit = 65536): Pattern[] | null {
  const pop = s.population;
  if ((pop.profiles ?? []).length > 0 || (pop.correlations ?? []).length > 0) return null;
  let out: Pattern[] = [{ weight: 1, values: [] }];
  for (const b of pop.biomarkers) {
    const probs = levelProbabilities(s, b.id);
    if (!probs) return null;
    const levels = Object.values(probs);
    out = out.flatMap((o) => levels.map((w, v) => ({ weight: o.weight * w, values: [...o.values, v] })));
    if (out.length > limit) return null;
  }
  return out;
}
