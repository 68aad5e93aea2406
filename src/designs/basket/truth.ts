/**
 * True values: every analysis estimates the same basket response rates, so
 * `rate:A:b` is basket b's true rate for every analysis A (given, or the
 * population average of the drug's response probability with its Monte
 * Carlo error); `rd:b` is the drug minus control rate of a randomised
 * basket.
 */
import type { TruthTable } from '../types.js';
import type { BasketSetup } from './setup.js';

export function basketTruth(setup: BasketSetup): TruthTable {
  const truth: TruthTable = {};
  for (const a of setup.analyses) for (const b of setup.baskets) truth[`rate:${a.id}:${b.id}`] = { ...b.rate };
  for (const b of setup.baskets) {
    if (b.control) truth[`rd:${b.id}`] = { value: b.rate.value - b.control.rate.value, mcse: Math.hypot(b.rate.mcse, b.control.rate.mcse) };
  }
  return truth;
}
