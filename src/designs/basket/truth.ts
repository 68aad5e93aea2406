/**
 * True values: every analysis estimates the same basket response rates, so
 * `rate:A:b` is basket b's true rate for every analysis A (given, or the
 * population average of the drug's response probability with its Monte
 * Carlo error); `rd:b` is the drug minus control rate of a randomised
 * basket and `logOR:A:b` its log odds ratio for each borrowing analysis A
 * (the estimate each of its hypotheses reads).
 */
import type { TruthTable } from '../types.js';
import type { BasketSetup } from './setup.js';

export function basketTruth(setup: BasketSetup): TruthTable {
  const truth: TruthTable = {};
  for (const a of setup.analyses) for (const b of setup.baskets) truth[`rate:${a.id}:${b.id}`] = { ...b.rate };
  for (const b of setup.baskets) {
    if (!b.control) continue;
    const [p1, p0] = [b.rate.value, b.control.rate.value];
    truth[`rd:${b.id}`] = { value: p1 - p0, mcse: Math.hypot(b.rate.mcse, b.control.rate.mcse) };
    // the log odds ratio, its Monte Carlo error by the delta method
    const lor = { value: Math.log(p1 / (1 - p1)) - Math.log(p0 / (1 - p0)), mcse: Math.hypot(b.rate.mcse / (p1 * (1 - p1)), b.control.rate.mcse / (p0 * (1 - p0))) };
    for (const spec of setup.design.comparison.borrowing ?? []) truth[`logOR:${spec.id ?? spec.method}:${b.id}`] = { ...lor };
  }
  return truth;
}
