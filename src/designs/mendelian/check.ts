/**
 * Checks of the Mendelian randomisation design: it simulates its own
 * exposure and outcome (no endpoint, arms or biomarkers), variant ids are
 * unique, at least one variant shifts the exposure, and each estimator has
 * the variants it needs (MR-Egger three, the weighted median two).
 */
import type { ScenarioIssue } from '../../scenario/errors.js';
import type { MendelianScenario } from './schema.js';

const at = (...p: (string | number)[]) => ['design', ...p];

export function checkMendelian(s: MendelianScenario): ScenarioIssue[] {
  const d = s.design;
  const issues: ScenarioIssue[] = [];
  for (const key of ['endpoint', 'arms'] as const) {
    if (s[key]) issues.push({ path: [key], message: 'not used by a Mendelian randomisation design, which simulates its own exposure and outcome: remove it' });
  }
  if (s.population.biomarkers.length > 0) issues.push({ path: ['population', 'biomarkers'], message: 'not used by a Mendelian randomisation design (its instruments are design.variants): remove them' });
  const seen = new Map<string, number>();
  d.variants.forEach((v, j) => {
    if (seen.has(v.id)) issues.push({ path: at('variants', j, 'id'), message: `variant "${v.id}" is already given at design.variants[${seen.get(v.id)}]` });
    seen.set(v.id, j);
  });
  if (d.variants.every((v) => v.exposure === 0)) issues.push({ path: at('variants'), message: 'no variant changes the exposure: the instruments have no first stage, so every ratio estimate would divide by zero' });
  const k = d.variants.length;
  if (d.estimators.includes('egger') && k < 3) issues.push({ path: at('estimators'), message: `MR-Egger fits a slope and an intercept and needs at least 3 variants, found ${k}` });
  if (d.estimators.includes('weighted-median') && k < 2) issues.push({ path: at('estimators'), message: `the weighted median needs at least 2 variants, found ${k}` });
  d.estimators.forEach((e, j) => { if (d.estimators.indexOf(e) !== j) issues.push({ path: at('estimators', j), message: `"${e}" is listed twice` }); });
  return issues;
}
