/**
 * The explorer's check of an editor's text: parsed and set up by the same
 * loader as `trialsim validate`, so the messages (key path, line, expected,
 * found) are the command line's, word for word.
 */
import { parseScenarioText } from '../scenario/load.js';
import { setupScenario, type ScenarioOverrides } from '../run/setup.js';
import { describeScenario } from '../run/describe.js';
import { scenarioVariant } from '../compare/variant.js';
import { ScenarioError, UserError } from '../scenario/errors.js';
import type { SweepValue } from '../compare/values.js';
import type { CheckAnswer, Checked } from './protocol.js';

function checked(loaded: ReturnType<typeof setupScenario>): Checked {
  return { loaded, described: describeScenario(loaded) };
}

export function checkText(id: number, file: string, text: string, overrides: ScenarioOverrides, variants: Record<string, SweepValue>[] = []): CheckAnswer {
  try {
    const format = /\.json$/i.test(file) ? 'json' : 'yaml';
    const loaded = setupScenario(parseScenarioText(file, text, format), overrides);
    return { kind: 'checked', id, ok: true, base: checked(loaded), variants: variants.map((v) => checked(scenarioVariant(loaded, v, overrides))) };
  } catch (err) {
    if (err instanceof ScenarioError) return { kind: 'checked', id, ok: false, message: err.message, issues: err.issues };
    if (err instanceof UserError) return { kind: 'checked', id, ok: false, message: err.message, issues: [{ path: [], message: err.message }] };
    throw err;
  }
}
