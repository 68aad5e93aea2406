/**
 * Scenario files loaded into checked, prepared scenarios (setup.ts does the
 * checking and preparing, on text from anywhere); `validate` gives the
 * verdict without throwing, as `trialsim validate` prints it.
 */
import { ScenarioError, UserError, type ScenarioIssue } from '../scenario/errors.js';
import { readScenarioFile } from '../scenario/read-file.js';
import { setupScenario, type LoadedScenario, type ScenarioOverrides } from './setup.js';

export * from './setup.js';

export function loadScenario(file: string, overrides: ScenarioOverrides = {}): LoadedScenario {
  return setupScenario(readScenarioFile(file), overrides);
}

/** The verdict on a scenario file: valid (with the loaded scenario) or its problems, each with key path and line. */
export type Validation = { valid: true; scenario: LoadedScenario } | { valid: false; file: string; issues: ScenarioIssue[]; message: string };

/** Validates a file without throwing for bad input (what `trialsim validate` checks). */
export function validate(file: string, overrides: ScenarioOverrides = {}): Validation {
  try {
    return { valid: true, scenario: loadScenario(file, overrides) };
  } catch (err) {
    if (err instanceof ScenarioError) return { valid: false, file, issues: err.issues, message: err.message };
    if (err instanceof UserError) return { valid: false, file, issues: [{ path: [], message: err.message }], message: err.message };
    throw err;
  }
}

