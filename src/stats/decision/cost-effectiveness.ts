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

export interface TestAccuracy {
  /** The strategy's id (e.g. test-and-treat, or test-and-treat@1.5 at a cut-off). */
  id: string;
  sensitivity: number;
  specificity: number;
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
  /** Test-and-treat at several cut-offs, each its own strategy (then sensitivity and specificity are not read). */
  tests?: readonly TestAccuracy[];
  /** Expected cost of adverse events per patient treated (event probability x cost per event; default 0). */
  adverseEventCost?: number;
  /** Expected health lost to adverse events per patient treated (event probability x disutility; default 0). */
  adverseEventLoss?: number;
  /**
   * Cost per unit of the trial's effect measure gained, signed (default 0):
   * c for a cost c per outcome (per event), −c for a cost c per patient
   * without it (per non-responder: a response gained saves c).
   */
  outcomeCost?: number;
}

export const COMPANION_STRATEGIES = ['treat-none', 'treat-all', 'test-and-treat'] as const;

/** The test-and-treat strategies: one per cut-off, or the single test. */
export const companionTests = (c: CompanionDiagnostic): readonly TestAccuracy[] =>
  c.tests ?? [{ id: 'test-and-treat', sensitivity: c.sensitivity, specificity: c.specificity }];

/** Strategy ids in order: treat-none, treat-all, then each test-and-treat. */
export const companionStrategyIds = (c: CompanionDiagnostic): string[] => ['treat-none', 'treat-all', ...companionTests(c).map((t) => t.id)];

/**
 * Per-patient cost and effect of each strategy against treating no one,
 * from the drug's effect in biomarker-positive and -negative patients
 * (effect gained per patient treated, on the trial's scale). With T the
 * share treated and g = p tp δ+ + (1 − p) fp δ− the effect gained per
 * patient (tp, fp the shares of positives and negatives treated: 1 and 1
 * for treat all, se and 1 − sp for test and treat):
 *   cost   = test + T (drug + adverse-event cost) + outcome cost x g
 *   effect = value x g − T x adverse-event loss
 * (Drummond et al. 2015, ch. 4: costs that follow the outcome, e.g. care of
 * non-responders, make a strategy's cost depend on its effect). With the
 * extra costs 0 these are the textbook forms: treat all costs the drug and
 * gains value (p δ+ + (1 − p) δ−); test and treat costs test + drug
 * (p se + (1 − p)(1 − sp)) and gains value (p se δ+ + (1 − p)(1 − sp) δ−).
 */
export function companionStrategies(c: CompanionDiagnostic, positive: number, negative: number): Strategy[] {
  const p = c.prevalence;
  const perTreated = c.drugCost + (c.adverseEventCost ?? 0);
  const loss = c.adverseEventLoss ?? 0, oc = c.outcomeCost ?? 0;
  const allGain = p * positive + (1 - p) * negative;
  return [
    { id: 'treat-none', cost: 0, effect: 0 },
    { id: 'treat-all', cost: perTreated + oc * allGain, effect: c.value * allGain - loss },
    ...companionTests(c).map((t) => {
      const treated = p * t.sensitivity + (1 - p) * (1 - t.specificity);
      const gain = p * t.sensitivity * positive + (1 - p) * (1 - t.specificity) * negative;
      return { id: t.id, cost: c.testCost + perTreated * treated + oc * gain, effect: c.value * gain - loss * treated };
    }),
  ];
}

/**
 * The most the test may cost for a test-and-treat strategy (the best of
 * them, at any cut-off) to be the best strategy at this willingness to pay:
 * its net monetary benefit without the test's cost minus the best of treat
 * none and treat all (negative: not worth it at any price).
 */
export function maximumTestPrice(c: CompanionDiagnostic, positive: number, negative: number, willingnessToPay: number): number {
  const [none, all, ...tests] = companionStrategies({ ...c, testCost: 0 }, positive, negative);
  const best = Math.max(...tests.map((t) => netMonetaryBenefit(t, willingnessToPay)));
  return best - Math.max(netMonetaryBenefit(none, willingnessToPay), netMonetaryBenefit(all, willingnessToPay));
}
