/**
 * Small scenarios used across tests, built in code so each test states the
 * parameters it depends on.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenarioText } from '../../src/scenario/load.js';
import { setupScenario, loadScenario, type LoadedScenario, type ScenarioOverrides } from '../../src/run/scenario.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import type { Scenario } from '../../src/scenario/schema.js';
import type { ReplicateLayout } from '../../src/designs/types.js';
import type { ExactDecision } from '../../src/run/exact.js';
import type { DecisionInputs } from '../../src/run/decision.js';

/**
 * A loaded scenario whose design section tests may hand to one design's
 * internals (the test knows which design it wrote).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export type TestScenario = Omit<LoadedScenario, 'spec' | 'prepared'> & {
  spec: Scenario<any>;
  prepared: { data: any; layout: ReplicateLayout; exact?: ExactDecision; decision?: DecisionInputs };
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Checks, freezes and prepares a scenario given as a plain object. */
export function scenario(data: Record<string, unknown>, overrides: ScenarioOverrides = {}): TestScenario {
  return setupScenario(parseScenarioText('test.json', JSON.stringify(data), 'json'), overrides);
}

/** Loads a scenario file, as a TestScenario. */
export function scenarioFile(file: string, overrides: ScenarioOverrides = {}): TestScenario {
  return loadScenario(file, overrides);
}

export const VALID_YAML = `name: Valid
seed: 7
replicates: 50
population:
  biomarkers:
    - { id: mplus, type: binary, prevalence: 0.5 }
    - { id: age, type: continuous, mean: 60, sd: 10 }
    - { id: site, type: categorical, levels: { lung: 0.6, colon: 0.4 } }
  correlations: [{ between: [mplus, age], rho: 0.2 }]
endpoint:
  type: binary
  model: logit
  intercept: -0.85
  prognostic: { age: 0.02 }
arms:
  control: {}
  drug: { effect: 0.0, interactions: { mplus: 1.6 } }
design:
  type: two-arm
  sampleSize: 400
  allocation: { control: 1, drug: 1 }
  randomisation: { method: permuted-block, blockSize: 4, strata: [mplus] }
  analysis:
    primary: { test: z-pooled, alpha: 0.05, sided: two }
    subgroups: [mplus]
`;

/** Every scenario file shipped under `dir` (YAML or JSON), in sorted order. */
export function shippedScenarioFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? shippedScenarioFiles(join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(dir, e.name)] : []).sort();
}

/** The refusal message of a scenario given as YAML text ('' when it loads), for tests of invalid input. */
export function refusalOf(text: string): string {
  try {
    setupScenario(parseScenarioText('bad.yaml', text, 'yaml'));
  } catch (err) {
    if (err instanceof ScenarioError) return err.message;
    throw err;
  }
  return '';
}

/** Edits of a valid scenario text, each checking that the text to replace is there. */
export function editorOf(valid: string): (from: string, to: string) => string {
  return (from, to) => {
    if (!valid.includes(from)) throw new Error(`the valid scenario does not contain ${JSON.stringify(from)}`);
    return valid.replace(from, to);
  };
}
