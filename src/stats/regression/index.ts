/**
 * Regression analyses for heterogeneity of treatment effect: design matrices,
 * OLS, logistic (IRLS) and Cox (Efron/Breslow) fits with graceful failure
 * statuses, Wald / F / likelihood-ratio tests and conditional effects.
 */
export * from './types.js';
export * from './design-matrix.js';
export * from './linear.js';
export * from './logistic.js';
export * from './cox.js';
export * from './hypothesis.js';
export * from './lr-tests.js';
export * from './divergence.js';
export * from './effects.js';
export { fUpperTail, twoSidedNormalP, twoSidedTP } from './tails.js';
