/**
 * A scenario with some keys changed, checked exactly as a file would be: the
 * loaded spec is copied, the keys set, and the result goes through the schema
 * and every cross-section check again, so a sweep cannot run a scenario that
 * `trialsim validate` would refuse.
 */
import { scenarioFromSpec, type LoadedScenario, type ScenarioOverrides } from '../run/setup.js';
import { setPath } from './key-path.js';
import type { SweepValue } from './values.js';
import { pointLabel } from './grid.js';

export function scenarioVariant(
  base: LoadedScenario, values: Record<string, SweepValue>, overrides: ScenarioOverrides = {},
): LoadedScenario {
  const data = JSON.parse(JSON.stringify(base.spec)) as Record<string, unknown>;
  for (const [key, value] of Object.entries(values)) setPath(data, key, value);
  const where = Object.keys(values).length > 0 ? `${base.file} [${pointLabel(values)}]` : base.file;
  const loaded = scenarioFromSpec(where, data, overrides);
  return { ...loaded, file: base.file };
}
