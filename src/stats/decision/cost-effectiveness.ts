/**
 * Cost-effectiveness of treatment strategies (Drummond et al., Methods for
 * the Economic Evaluation of Health Care Programmes, 4th ed., ch. 4;
 * dampack's calculate_icers): the frontier after removing strongly dominated
 * strategies (costlier and no more effective than another) and extendedly
 * dominated ones (whose ICER exceeds that of the next more effective
 * strategy), ICERs along it, and net monetary benefit at a willingness to
 * pay. The companion-diagnostic strategies of a drug whose effect differs
 * between biomarker-positive and -negative patients: treat none, treat all,
 * test and treat the test-positive (an imperfect test misclassifies).
 */

export interface Strategy {
  id: string;
  /** Expected cost and effect (e.g. QALYs) per patient. */
  cost: number;
  effect: number;
}

export type FrontierStatus = 'frontier' | 'dominated' | 'extendedly dominated';

export interface FrontierRow extends Strategy {
  status: FrontierStatus;
  /** Incremental cost-effectiveness ratio against the previous frontier strategy; null for the first and off the frontier. */
  icer: number | null;
}

/** The frontier, dominance and ICERs, rows in order of increasing cost (ties by effect). */
export function costEffectivenessFrontier(strategies: readonly Strategy[]): FrontierRow[] {
  const rows: FrontierRow[] = [...strategies].sort((a, b) => a.cost - b.cost || b.effect - a.effect).map((s) => ({ ...s, status: 'frontier' as FrontierStatus, icer: null }));
  // Strong dominance: another strategy costs no more and is at least as effective (and one of them strictly).
  // Of identical strategies (equal cost and effect) the first given is kept and the others are dominated, as
  // in dampack (the sort is stable); keeping them all would put a 0/0 ICER on the frontier.
  rows.forEach((r, i) => {
    if (rows.some((o, k) => o.cost <= r.cost && o.effect >= r.effect && (o.cost < r.cost || o.effect > r.effect || k < i))) r.status = 'dominated';
  });
  // Extended dominance: drop a frontier strategy whose ICER exceeds the next one's, until ICERs increase.
  for (;;) {
    const front = rows.filter((r) => r.status === 'frontier');
    const icers = front.map((r, j) => (j === 0 ? null : (r.cost - front[j - 1].cost) / (r.effect - front[j - 1].effect)));
    let removed = false;
    for (let j = 1; j < front.length - 1; j++) {
      if ((icers[j] as number) > (icers[j + 1] as number)) { front[j].status = 'extendedly dominated'; removed = true; break; }
    }
    if (!removed) {
      front.forEach((r, j) => { r.icer = icers[j]; });
      return rows;
    }
  }
}

export const netMonetaryBenefit = (s: Strategy, willingnessToPay: number): number => willingnessToPay * s.effect - s.cost;

/** The strategy with the largest net monetary benefit (the first on ties, in the given order). */
export function bestStrategy(strategies: readonly Strategy[], willingnessToPay: number): number {
  let best = 0;
  strategies.forEach((s, j) => { if (netMonetaryBenefit(s, willingnessToPay) > netMonetaryBenefit(strategies[best], willingnessToPay)) best = j; });
  return best;
}

export interface CompanionDiagnostic {
  /** Share of biomarker-positive patients. */
  prevalence: number;
  sensitivity: number;
  specificity: number;
  testCost: number;
  drugCost: number;
  /** Units of effect (e.g. QALYs) per unit of the trial's effect measure (e.g. per response gained). */
  value: number;
}

export const COMPANION_STRATEGIES = ['treat-none', 'treat-all', 'test-and-treat'] as const;

/**
 * Per-patient cost and effect of each strategy against treating no one,
 * from the drug's effect in biomarker-positive and -negative patients
 * (effect gained per patient treated, on the trial's scale):
 *   treat all:      cost = drug,  effect = value (p δ+ + (1 − p) δ−)
 *   test and treat: cost = test + drug (p se + (1 − p)(1 − sp)),
 *                   effect = value (p se δ+ + (1 − p)(1 − sp) δ−).
 */
export function companionStrategies(c: CompanionDiagnostic, positive: number, negative: number): Strategy[] {
  const p = c.prevalence;
  const treatedByTest = p * c.sensitivity + (1 - p) * (1 - c.specificity);
  return [
    { id: 'treat-none', cost: 0, effect: 0 },
    { id: 'treat-all', cost: c.drugCost, effect: c.value * (p * positive + (1 - p) * negative) },
    { id: 'test-and-treat', cost: c.testCost + c.drugCost * treatedByTest, effect: c.value * (p * c.sensitivity * positive + (1 - p) * (1 - c.specificity) * negative) },
  ];
}

/**
 * The most the test may cost for test-and-treat to stay the best strategy
 * at this willingness to pay: its net monetary benefit without the test's
 * cost minus the best of the others (negative: not worth it at any price).
 */
export function maximumTestPrice(c: CompanionDiagnostic, positive: number, negative: number, willingnessToPay: number): number {
  const [none, all, test] = companionStrategies({ ...c, testCost: 0 }, positive, negative);
  return netMonetaryBenefit(test, willingnessToPay) - Math.max(netMonetaryBenefit(none, willingnessToPay), netMonetaryBenefit(all, willingnessToPay));
}
