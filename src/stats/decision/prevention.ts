/**
 * The prevention paradox (Rose 1981, "Strategy of prevention"; Rose 1992):
 * most cases arise among the many at modest risk, so treating only the
 * high-risk few prevents fewer cases than treating everyone, while each
 * treated high-risk person gains more. From a population of people (each
 * with a weight, a risk of the case without treatment r and with it r′, so
 * the relative effect may vary with risk), the strategy "treat those with
 * r ≥ t" has, per person in the population:
 * - share treated T = Σ w 1(r ≥ t) / Σ w;
 * - cases prevented P = Σ w (r − r′) 1(r ≥ t) / Σ w;
 * - number needed to treat T / P;
 * - share of all cases (without treatment) arising among those treated
 *   Σ w r 1(r ≥ t) / Σ w r;
 * - cost per case prevented c T / P for a cost c of treating one person.
 * "Treat everyone" is t = 0. The curve of cases prevented against the share
 * treated orders people by risk, highest first.
 */

export interface PersonRisk {
  weight: number;
  /** Risk of the case without treatment. */
  untreated: number;
  /** Risk with treatment. */
  treated: number;
}

export interface ThresholdRow {
  threshold: number;
  shareTreated: number;
  casesPrevented: number;
  /** Persons treated per case prevented (Infinity when none is prevented). */
  numberNeededToTreat: number;
  shareOfCasesAmongTreated: number;
  costPerCasePrevented: number;
}

export function preventionRows(people: readonly PersonRisk[], thresholds: readonly number[], costPerPerson: number): ThresholdRow[] {
  let total = 0, cases = 0;
  for (const p of people) { total += p.weight; cases += p.weight * p.untreated; }
  return thresholds.map((t) => {
    let treated = 0, prevented = 0, casesTreated = 0;
    for (const p of people) {
      if (p.untreated < t) continue;
      treated += p.weight; prevented += p.weight * (p.untreated - p.treated); casesTreated += p.weight * p.untreated;
    }
    const share = treated / total, perPerson = prevented / total;
    return {
      threshold: t,
      shareTreated: share,
      casesPrevented: perPerson,
      numberNeededToTreat: perPerson > 0 ? share / perPerson : Infinity,
      shareOfCasesAmongTreated: cases > 0 ? casesTreated / cases : NaN,
      costPerCasePrevented: perPerson > 0 ? (costPerPerson * share) / perPerson : Infinity,
    };
  });
}

/** Cases prevented (per person) against the share treated, treating people in decreasing order of risk: one point per distinct risk. */
export function preventionCurve(people: readonly PersonRisk[]): { shareTreated: number; casesPrevented: number; risk: number }[] {
  const order = [...people].sort((a, b) => b.untreated - a.untreated);
  const total = order.reduce((a, p) => a + p.weight, 0);
  const out = [{ shareTreated: 0, casesPrevented: 0, risk: order[0]?.untreated ?? NaN }];
  let treated = 0, prevented = 0;
  order.forEach((p, k) => {
    treated += p.weight; prevented += p.weight * (p.untreated - p.treated);
    if (k === order.length - 1 || order[k + 1].untreated !== p.untreated) out.push({ shareTreated: treated / total, casesPrevented: prevented / total, risk: p.untreated });
  });
  return out;
}
