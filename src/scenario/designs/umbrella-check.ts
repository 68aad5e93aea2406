/**
 * Cross-reference checks of the umbrella design (placeholder: being written).
 */
import type { ScenarioIssue } from '../errors.js';
import type { Scenario } from '../schema.js';

export function checkUmbrellaDesign(s: Scenario): ScenarioIssue[] {
  void s;
  return [];
}
