/**
 * Multiplicity adjustment across the K hypotheses of a master protocol:
 * Bonferroni, Holm, Hochberg, Šidák, Hommel (closed Simes), fixed sequence
 * and the graphical approach on p-values, and Dunnett's many-to-one
 * procedure (single-step and step-down) for arms sharing a control.
 */
export {
  bonferroni,
  holm,
  hochberg,
  bonferroniAdjust,
  holmAdjust,
  hochbergAdjust,
  type MultiplicityResult,
} from './stepwise.js';
export { sidakAdjust, sidakStepDownAdjust, hommelAdjust, fixedSequenceAdjust, MAX_CLOSURE_SIZE } from './closed.js';
export { graphicalAdjust, checkGraph, type Graph } from './graphical.js';
export {
  dunnett,
  dunnettAdjust,
  dunnettStepDownAdjust,
  dunnettCriticalValue,
  dunnettProbability,
  dunnettLambdas,
  equicorrelatedLambdas,
  dunnettCorrelation,
  type DunnettOptions,
  type Sidedness,
} from './dunnett.js';
