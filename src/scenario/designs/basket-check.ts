/**
 * Cross-reference checks of the basket design (placeholder: being written).
 */
import type { ScenarioIssue } from '../errors.js';
import type { Scenario } from '../schema.js';

export function checkBasketDesign(s: Scenario): ScenarioIssue[] {
  void s;
  return [];
}
