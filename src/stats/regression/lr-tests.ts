/**
 * Likelihood-ratio tests of a set of columns for each model: fit the model
 * without `columns` (`dropColumns`) and compare with the full fit,
 * G = 2(ℓ_full − ℓ_reduced) ~ χ²_q (see `likelihoodRatioTest`). Pass an
 * existing full fit to avoid refitting it.
 */
import { fitCox } from './cox.js';
import type { CoxFit, CoxOptions } from './cox.js';
import { dropColumns } from './design-matrix.js';
import { likelihoodRatioTest } from './hypothesis.js';
import { fitLinear } from './linear.js';
import type { LinearFit } from './linear.js';
import { fitLogistic } from './logistic.js';
import type { LogisticFit, LogisticOptions } from './logistic.js';
import type { ModelMatrix, TestResult } from './types.js';

/** LR test of `columns` in the Gaussian linear model: G = n·log(RSS_reduced / RSS_full). */
export function linearLRTest(
  design: ModelMatrix,
  y: ArrayLike<number>,
  columns: readonly number[],
  full: LinearFit = fitLinear(design, y),
): TestResult {
  return likelihoodRatioTest(full, fitLinear(dropColumns(design, columns), y));
}

/** LR (deviance-difference) test of `columns` in logistic regression, as R's `anova(reduced, full, test = 'Chisq')`. */
export function logisticLRTest(
  design: ModelMatrix,
  y: ArrayLike<number>,
  columns: readonly number[],
  options: LogisticOptions = {},
  full: LogisticFit = fitLogistic(design, y, options),
): TestResult {
  return likelihoodRatioTest(full, fitLogistic(dropColumns(design, columns), y, options));
}

/** LR test of `columns` in the Cox model (partial likelihoods), as R's `anova(reduced, full)` for `coxph`. */
export function coxLRTest(
  design: ModelMatrix,
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  columns: readonly number[],
  options: CoxOptions = {},
  full: CoxFit = fitCox(design, time, event, options),
): TestResult {
  return likelihoodRatioTest(full, fitCox(dropColumns(design, columns), time, event, options));
}
