/**
 * Copies one replicate's analysis results into the engine's flat record,
 * slot by slot as laid out in layout.ts, with the family-wise quantities.
 */
import { copyEstimate, writeTest, type ReplicateRecord } from '../types.js';
import type { AnalysisSlots, BasketLayout } from './layout.js';
import type { BasketTrial } from './trial.js';
import type { BasketInfo } from './setup.js';
import { STOP_EFFICACY, STOP_NONE, type AnalysisResult } from './analysis.js';
import type { ComparisonResult } from './comparison.js';

/** One analysis' slots of the record. */
export function writeAnalysis(baskets: readonly BasketInfo[], r: AnalysisResult, slots: AnalysisSlots, out: ReplicateRecord): void {
  const K = baskets.length;
  let falseRejection = 0;
  let trueRejection = 0;
  let total = 0;
  let months = 0;
  for (let k = 0; k < K; k++) {
    out.rejected[slots.hypotheses + k] = r.reject[k];
    if (r.reject[k]) {
      if (baskets[k].isNull) falseRejection = 1;
      else trueRejection = 1;
    }
    copyEstimate(out, slots.estimates + k, r, k);
    if (r.test) writeTest(out, slots.hypotheses + k, r.test.responders[k], r.test.p[k], NaN, r.test.look[k]);
    total += r.enrolled[k];
    if (slots.perBasket >= 0) {
      out.metric[slots.perBasket + 2 * k] = r.enrolled[k];
      out.metric[slots.perBasket + 2 * k + 1] = r.stop[k] === STOP_NONE ? 0 : 1;
    }
    if (slots.efficacyStops >= 0) out.metric[slots.efficacyStops + k] = r.stop[k] === STOP_EFFICACY ? 1 : 0;
    if (slots.months >= 0) months = Math.max(months, r.enrolled[k] / baskets[k].accrualPerMonth!);
  }
  if (slots.fwer >= 0) out.rejected[slots.fwer] = falseRejection;
  if (slots.anySuccess >= 0) out.rejected[slots.anySuccess] = trueRejection;
  out.metric[slots.total] = total;
  if (slots.months >= 0) out.metric[slots.months] = months;
}

/** Randomised basket j's comparison with its control. */
export function writeComparison(c: ComparisonResult, j: number, layout: BasketLayout, out: ReplicateRecord): void {
  out.rejected[layout.comparisonHypotheses + j] = c.reject[j];
  writeTest(out, layout.comparisonHypotheses + j, c.responders[j], c.p[j], NaN, 1);
  copyEstimate(out, layout.comparisonEstimates + j, c, j);
  const m = c.baskets.length;
  c.borrowing.forEach((r, i) => {
    out.rejected[layout.comparisonHypotheses + m * (i + 1) + j] = r.reject[j];
    copyEstimate(out, layout.comparisonEstimates + m * (i + 1) + j, r, j);
  });
}

export function writeReplicate(trial: BasketTrial, layout: BasketLayout, out: ReplicateRecord): void {
  for (let j = 0; j < trial.analysers.length; j++) writeAnalysis(trial.setup.baskets, trial.analysers[j].result, layout.analyses[j], out);
  const c = trial.comparator?.result;
  if (c) for (let j = 0; j < c.baskets.length; j++) writeComparison(c, j, layout, out);
}
