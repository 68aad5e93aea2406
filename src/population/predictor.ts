/**
 * Linear predictors compiled from scenario coefficients into flat arrays, so
 * evaluating one for a patient is a short loop over typed columns.
 */
import type { Scenario } from '../scenario/schema.js';
import { resolveTerm } from '../scenario/terms.js';
import type { Cohort } from './cohort.js';

export interface Predictor {
  constant: number;
  /** Biomarker columns entering by value, and their coefficients. */
  valueColumns: Int32Array;
  valueCoefs: Float64Array;
  /** Categorical indicators: column, level, coefficient. */
  levelColumns: Int32Array;
  levelValues: Float64Array;
  levelCoefs: Float64Array;
  /** Profile coefficients indexed by profile (0 when absent). */
  profileCoefs: Float64Array;
}

/** Compiles constant + Σ coefficients over resolved terms (keys were checked in setup). */
export function compilePredictor(scenario: Scenario, constant: number, ...termSets: (Record<string, number> | undefined)[]): Predictor {
  const value = new Map<number, number>();
  const level: { col: number; level: number; coef: number }[] = [];
  const profileCoefs = new Float64Array(Math.max(1, scenario.population.profiles?.length ?? 0));
  for (const terms of termSets) {
    for (const [key, coef] of Object.entries(terms ?? {})) {
      const t = resolveTerm(key, scenario);
      if (typeof t === 'string') throw new Error(`unchecked term ${key}: ${t}`);
      if (t.kind === 'value') value.set(t.biomarker, (value.get(t.biomarker) ?? 0) + coef);
      else if (t.kind === 'level') level.push({ col: t.biomarker, level: t.level, coef });
      else profileCoefs[t.profile] += coef;
    }
  }
  return {
    constant,
    valueColumns: Int32Array.from(value.keys()),
    valueCoefs: Float64Array.from(value.values()),
    levelColumns: Int32Array.from(level.map((l) => l.col)),
    levelValues: Float64Array.from(level.map((l) => l.level)),
    levelCoefs: Float64Array.from(level.map((l) => l.coef)),
    profileCoefs,
  };
}

/** The predictor's value for patient i of the cohort. */
export function evaluate(p: Predictor, c: Cohort, i: number): number {
  let eta = p.constant + p.profileCoefs[c.profile[i]];
  for (let k = 0; k < p.valueColumns.length; k++) eta += p.valueCoefs[k] * c.markers[p.valueColumns[k]][i];
  for (let k = 0; k < p.levelColumns.length; k++) {
    if (c.markers[p.levelColumns[k]][i] === p.levelValues[k]) eta += p.levelCoefs[k];
  }
  return eta;
}
