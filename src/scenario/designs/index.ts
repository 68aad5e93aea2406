/**
 * Each design type's cross-section checks, run after the schema has passed.
 */
import type { ScenarioIssue } from '../errors.js';
import type { Scenario } from '../schema.js';
import { checkPopulation, checkOutcomeModel } from '../check-model.js';
import { checkParallelDesign } from './parallel-check.js';
import { checkUmbrellaDesign } from './umbrella-check.js';
import { checkBasketDesign } from './basket-check.js';
import { checkSequentialDesign } from './sequential-check.js';

type Check = (s: Scenario) => ScenarioIssue[];

function parallel(s: Scenario): ScenarioIssue[] {
  const issues = [...checkPopulation(s), ...checkOutcomeModel(s)];
  if (issues.length > 0) return issues;
  return checkParallelDesign(s, s.design as Extract<Scenario['design'], { type: 'two-arm' | 'parallel' }>);
}

export const designChecks: Record<string, Check> = {
  'two-arm': parallel,
  parallel,
  umbrella: checkUmbrellaDesign,
  basket: checkBasketDesign,
  sequential: checkSequentialDesign,
};
