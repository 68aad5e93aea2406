/**
 * Terms of a linear predictor as written in scenario files, resolved against
 * the population: `age` (a binary or continuous biomarker's value),
 * `site=colon` (indicator of a categorical level) or `valve` (indicator of a
 * latent profile).
 */
import type { Scenario } from './schema.js';
import { didYouMean } from './zod-issues.js';

export type Term =
  | { kind: 'value'; biomarker: number }
  | { kind: 'level'; biomarker: number; level: number }
  | { kind: 'profile'; profile: number };

/** Resolves a term key, or returns a message saying what was expected. */
export function resolveTerm(key: string, scenario: Pick<Scenario, 'population'>): Term | string {
  const { biomarkers, profiles = [] } = scenario.population;
  const eq = key.indexOf('=');
  const id = (eq >= 0 ? key.slice(0, eq) : key).trim();
  const b = biomarkers.findIndex((m) => m.id === id);
  if (b >= 0) {
    const marker = biomarkers[b];
    if (marker.type === 'categorical') {
      const names = Object.keys(marker.levels);
      if (eq < 0) return `categorical biomarker "${id}" needs a level, e.g. "${id}=${names[1] ?? names[0]}"`;
      const level = names.indexOf(key.slice(eq + 1).trim());
      const found = key.slice(eq + 1).trim();
      if (level < 0) return `expected a level of "${id}" (${names.join(', ')}), found "${found}"${didYouMean(found, names)}`;
      return { kind: 'level', biomarker: b, level };
    }
    if (eq >= 0) return `"${id}" is ${marker.type}; write "${id}" alone, not with "="`;
    return { kind: 'value', biomarker: b };
  }
  const p = profiles.findIndex((q) => q.id === id);
  if (p >= 0 && eq < 0) return { kind: 'profile', profile: p };
  const known = [...biomarkers.map((m) => m.id), ...profiles.map((q) => q.id)];
  return `expected a biomarker or profile (${known.join(', ') || 'none defined'}), found "${key}"${didYouMean(id, known)}`;
}
