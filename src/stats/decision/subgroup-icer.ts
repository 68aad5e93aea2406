/**
 * The cost-effectiveness of treating one biomarker subgroup, each against
 * not treating it, with the subgroup known (no test): per patient of the
 * subgroup, incremental cost = drug + adverse-event cost + outcome cost x δ
 * and incremental effect = value x δ − adverse-event loss, for the drug's
 * effect δ there (Drummond et al. 2015, ch. 4: the ICER of a subgroup is
 * the one a payer would see if the subgroup could be found for free). It
 * shows where the value of the drug lives, beside the strategies' frontier,
 * whose ICERs mix both subgroups through the test's errors.
 */
import type { CompanionDiagnostic } from './cost-effectiveness.js';

export type IcerStatus = 'ratio' | 'dominant' | 'dominated';

export interface SubgroupIcer {
  /** Incremental cost and effect per patient of the subgroup treated. */
  cost: number;
  effect: number;
  /**
   * cost / effect when treating gains health and costs more ('ratio');
   * null when it gains health and saves money ('dominant') or gains no
   * health ('dominated': never worth paying for; a cost-saving harm is
   * also shown so, a choice a payer would not make to save money).
   */
  icer: number | null;
  status: IcerStatus;
}

/** The ICER of treating a subgroup whose effect (on the trial's scale) is `delta`, against not treating it. */
export function subgroupIcer(c: CompanionDiagnostic, delta: number): SubgroupIcer {
  const cost = c.drugCost + (c.adverseEventCost ?? 0) + (c.outcomeCost ?? 0) * delta;
  const effect = c.value * delta - (c.adverseEventLoss ?? 0);
  if (!(effect > 0)) return { cost, effect, icer: null, status: 'dominated' };
  if (cost <= 0) return { cost, effect, icer: null, status: 'dominant' };
  return { cost, effect, icer: cost / effect, status: 'ratio' };
}
