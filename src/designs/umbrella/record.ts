/**
 * Writes one trial's outcome into the replicate record at its run's slots
 * (same order as `umbrellaLayout`), with the family-wise quantities counted
 * over the substudies whose drugs are under the sharp null or not.
 */
import { writeEstimateOf, writeTest, type ReplicateRecord } from '../types.js';
import { umbrellaWarnings, type RunSlots } from './layout.js';
import type { TrialOutcome } from './outcome.js';

export function writeOutcome(o: TrialOutcome, slots: RunSlots, sharpNull: readonly boolean[], interims: boolean, out: ReplicateRecord): void {
  const S = o.substudies;
  let falseRejection = 0, activeRejected = 0, active = 0, any = 0;
  for (let s = 0; s < S; s++) {
    const r = o.rejected[s];
    out.rejected[slots.hypotheses + s] = r;
    // The test at the look where the substudy concluded: with interims its one-sided p for benefit, which the boundaries read.
    const p = !o.informative[s] ? NaN : interims ? o.pBenefit[s] : o.p[s];
    writeTest(out, slots.hypotheses + s, o.statistic[s], p, o.adjustedP[s], o.stage[s]);
    any |= r;
    if (sharpNull[s]) falseRejection |= r;
    else { active++; activeRejected += r; }
    if (!o.informative[s]) out.warning[umbrellaWarnings.slot.noInformation] = 1;
    if (o.zeroCell[s]) out.warning[umbrellaWarnings.slot.zeroCell] = 1;
  }
  if (slots.fwer >= 0) out.rejected[slots.fwer] = falseRejection;
  if (slots.disjunctive >= 0) out.rejected[slots.disjunctive] = activeRejected > 0 ? 1 : 0;
  if (slots.conjunctive >= 0) out.rejected[slots.conjunctive] = activeRejected === active ? 1 : 0;
  out.rejected[slots.anyRejection] = any;
  out.estimate.set(o.estimate, slots.estimates);
  out.se.set(o.se, slots.estimates);
  out.lower.set(o.lower, slots.estimates);
  out.upper.set(o.upper, slots.estimates);
  if (slots.adjusted >= 0) {
    for (let s = 0; s < S; s++) writeEstimateOf(out, slots.adjusted + s, o.adjusted[s], NaN, o.adjustedLower[s], o.adjustedUpper[s]);
  }
  const m = out.metric;
  let k = slots.metrics;
  m[k++] = o.screened; m[k++] = o.failures; m[k++] = o.notMatched; m[k++] = o.turnedAway; m[k++] = o.enrolled;
  m[k++] = o.duration; m[k++] = o.screeningEnd; m[k++] = o.capped ? 1 : 0;
  for (let s = 0; s < S; s++) {
    m[k++] = o.drugN[s] + o.controlN[s];
    m[k++] = o.drugN[s];
    m[k++] = o.controlN[s];
    m[k++] = o.comparedControls[s];
    m[k++] = o.closeTime[s];
    if (interims) { m[k++] = o.stage[s]; m[k++] = o.efficacyStop[s]; m[k++] = o.futilityStop[s]; }
  }
}
