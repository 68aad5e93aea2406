/**
 * Pure statistics of basket trials: one drug, several baskets, each a
 * single-arm comparison against a null response rate p0.
 *
 * - exact-binomial: exact one-sample and pooled binomial tests.
 * - simon: Simon (1989) optimal and minimax two-stage designs.
 * - hierarchical: Berry et al. (2013) Bayesian hierarchical model.
 * - exnex: Neuenschwander et al. (2016) EXNEX model.
 * - fujikawa: Fujikawa et al. (2020) similarity-weighted borrowing.
 *
 * The Bayesian models integrate numerically (no MCMC); see hyper-grid.ts,
 * and intervals.ts for their credible intervals.
 */
export * from './exact-binomial.js';
export * from './simon.js';
export * from './tau-prior.js';
export { type NormalPrior, type GridOptions, type HyperGrid, DEFAULT_GRID } from './hyper-grid.js';
export { logitNormalBinomial, type BasketSpec, type NodeIntegrals } from './logit-normal-binomial.js';
export * from './hierarchical.js';
export * from './exnex.js';
export * from './exnex-components.js';
export * from './effect-hierarchy.js';
export * from './fujikawa.js';
export { betaInterval, type IntervalKind, type CredibleInterval } from './intervals.js';
export { createCoverageModel, type CoverageOptions } from './coverage.js';
export * from './fujikawa-comparison.js';
