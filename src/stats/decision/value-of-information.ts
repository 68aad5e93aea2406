/**
 * The value of a trial's information for a decision, given a fixed truth.
 *
 * With the truth fixed (a scenario, not a prior), a trial whose estimates
 * choose strategy s(X) is worth, per patient,
 *   V = E_X[ NMB(s(X); θ) ] − NMB(s0; θ),
 * where NMB(·; θ) is the net monetary benefit on the true parameters θ and
 * s0 the decision made without the trial (the current strategy, or the best
 * under the prior means). This is the expected value of sample information
 * conditional on θ (a scenario-based value of information) of this
 * decision rule. Averaged over a prior on θ, E_θ[ V(θ) ] is not the expected
 * value of sample information itself (Ades, Lu & Claxton 2004; Strong et
 * al. 2015) but a lower bound on it, and only when s0 is the best strategy
 * under the prior means and NMB is linear in θ: each trial here decides by
 * its point estimates, not by the posterior means of a Bayes rule, which
 * EVSI assumes and which cannot do worse; with s0 a current strategy that
 * is not prior-optimal, E_θ[ V(θ) ] also counts the gain of switching to
 * the prior-optimal strategy, which no trial earns. Beside
 * it the expected loss from wrong decisions, E_X[ NMB(s*; θ) − NMB(s(X); θ) ]
 * with s* the best strategy on θ, and V + loss = NMB(s*; θ) − NMB(s0; θ),
 * the value of perfect information given θ. Each replicate gives one draw
 * of X, so V is a Monte Carlo mean with its standard error.
 */

export interface TrialValue {
  /** True NMB of the strategy the trial chose. */
  nmb: number;
  /** That minus the true NMB of the decision without the trial. */
  value: number;
  /** The true NMB of the best strategy minus that of the chosen. */
  loss: number;
}

/** One replicate's value (nmb: the strategies' true NMBs; chosen, prior, best: indices into it). */
export function trialValue(nmb: ArrayLike<number>, chosen: number, prior: number, best: number): TrialValue {
  return { nmb: nmb[chosen], value: nmb[chosen] - nmb[prior], loss: nmb[best] - nmb[chosen] };
}

/**
 * Patients over the horizon, discounted: population per year x
 * Σ_{t=0}^{H−1} (1 + r)^−t (years begin with their patients; H need not be
 * whole: the last, part year counts its part). r = 0 gives population x H.
 */
export function discountedPatients(population: number, horizon: number, discount: number): number {
  if (discount === 0) return population * horizon;
  let sum = 0;
  for (let t = 0; t < Math.ceil(horizon); t++) sum += Math.min(1, horizon - t) * (1 + discount) ** -t;
  return population * sum;
}
