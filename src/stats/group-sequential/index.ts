/**
 * Group-sequential testing: Lan-DeMets alpha spending, efficacy boundaries and
 * exit probabilities by recursive integration (Jennison & Turnbull 2000,
 * ch. 19), and conditional power for futility rules. All one-sided (efficacy
 * for large Z) unless stated.
 */
export {
  obrienFlemingSpending,
  pocockSpending,
  powerFamilySpending,
  hwangShihDeCaniSpending,
  makeSpending,
  type SpendingFunction,
  type SpendingSpec,
} from './spending.js';
export { efficacyBoundaries, equallySpaced, type BoundaryOptions, type EfficacyBoundaries } from './boundaries.js';
export { exitProbabilities, type ExitOptions, type ExitProbabilities } from './exit-probabilities.js';
export { conditionalPower, conditionalPowerCurrentTrend, conditionalPowerTheta } from './conditional-power.js';
export { brentRoot } from './root.js';
export { eventTargets } from './event-targets.js';
export { adjustedInference, stagewiseProbability, repeatedConfidenceInterval, type StoppedTrial, type AdjustedInference } from './adjusted-inference.js';
export { AdjustedInferenceTable, type AdjustedDrift } from './adjusted-table.js';
export { StagewisePValue } from './stagewise-p.js';
