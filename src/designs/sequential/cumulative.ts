/**
 * Cumulative remission had nobody dropped out: the product-limit
 * (Kaplan-Meier) estimator with treatment levels as the time scale,
 * remission as the event, and leaving the study (during a level, or between
 * levels instead of entering the next) as censoring (Kaplan & Meier 1958):
 *   1 - Π_k (1 - e_k / r_k),
 * e_k remissions at level k and r_k participants at risk at its assessment
 * (entrants less those who dropped out during the level). Intolerance is not
 * censoring: those patients failed the level and move on. The standard
 * error is Greenwood's, Var = S² Σ_k e_k / (r_k (r_k - e_k)), S the product.
 * This is the estimate STAR*D reported as "67% if nobody drops out"; it is
 * consistent for the no-dropout cumulative remission when leaving does not
 * depend on the patient's prognosis (here dropout and declining depend only
 * on the level).
 */
export function cumulativeIfNoDropout(atRisk: ArrayLike<number>, events: ArrayLike<number>): { value: number; se: number } {
  let surviving = 1;
  let greenwood = 0;
  for (let k = 0; k < atRisk.length; k++) {
    const r = atRisk[k], e = events[k];
    if (r === 0) continue;
    surviving *= 1 - e / r;
    if (r > e) greenwood += e / (r * (r - e));
  }
  return { value: 1 - surviving, se: surviving > 0 ? surviving * Math.sqrt(greenwood) : 0 };
}
