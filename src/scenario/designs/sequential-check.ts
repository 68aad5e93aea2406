/**
 * Cross-reference checks of the sequential design (placeholder: being written).
 */
import type { ScenarioIssue } from '../errors.js';
import type { Scenario } from '../schema.js';

export function checkSequentialDesign(s: Scenario): ScenarioIssue[] {
  void s;
  return [];
}
