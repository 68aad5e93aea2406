/**
 * What the enrichment design needs, resolved once: the arms, the column and
 * value of the biomarker defining S, the prevalence of S (for fixed quotas
 * and the correlation of the two populations' statistics), the stage sizes
 * and inverse normal weights, and the critical value.
 */
import type { EnrichmentScenario } from './schema.js';
import { controlArm } from '../../scenario/design-parts.js';
import { levelProbabilities } from '../../scenario/check-model.js';
import { normalQuantile } from '../../stats/distributions.js';

export interface EnrichmentSetup {
  armNames: string[];
  control: number;
  treatment: number;
  /** Cohort column of the biomarker defining S, and the stored value that means "in S". */
  column: number;
  value: number;
  /** P(S) in the population (null when it cannot be read off the biomarker: then quotas are refused). */
  prevalence: number | null;
  stages: number[];
  weights: number[];
  /** Φ⁻¹(1 − alpha): the final critical value (no early efficacy stop). */
  critical: number;
}

export function subpopulationValue(s: EnrichmentScenario): { column: number; value: number } | null {
  const { biomarker, value } = s.design.subpopulation;
  const column = s.population.biomarkers.findIndex((b) => b.id === biomarker);
  const b = s.population.biomarkers[column];
  if (!b || b.type === 'continuous') return null;
  if (b.type === 'binary') return value === 0 || value === 1 || value === '0' || value === '1' ? { column, value: Number(value) } : null;
  const level = Object.keys(b.levels).indexOf(String(value));
  return level < 0 ? null : { column, value: level };
}

export function enrichmentSetup(s: EnrichmentScenario): EnrichmentSetup {
  const d = s.design;
  const armNames = Object.keys(s.arms ?? {});
  const control = armNames.indexOf(controlArm(d, armNames));
  const { column, value } = subpopulationValue(s)!;
  const probs = levelProbabilities(s, d.subpopulation.biomarker);
  const b = s.population.biomarkers[column];
  const key = b.type === 'categorical' ? Object.keys(b.levels)[value] : String(value);
  const total = d.stages[0] + d.stages[1];
  return {
    armNames, control, treatment: control === 0 ? 1 : 0, column, value,
    prevalence: probs ? probs[key] ?? null : null,
    stages: d.stages,
    weights: d.weights ?? d.stages.map((n) => Math.sqrt(n / total)),
    critical: -normalQuantile(d.alpha),
  };
}
