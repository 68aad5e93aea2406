/**
 * Cox partial log-likelihood, score vector and information matrix with
 * Breslow or Efron handling of tied event times — the accumulation of
 * survival's `coxfit6_iter` (Therneau & Grambsch 2000, §3.3), without strata,
 * offsets or case weights.
 *
 * Walking from the latest time backwards, the risk set R(t) grows; at an event
 * time with d deaths (set D), risk scores r_i = exp(x_iᵀb):
 *   Breslow: ℓ += Σ_D x_iᵀb − d·log S0,   S0 = Σ_R r_i, S1 = Σ_R r_i x_i, S2 = Σ_R r_i x_i x_iᵀ
 *   Efron:   ℓ += Σ_D x_iᵀb − Σ_{k=1..d} log S0_k,  S0_k = S0 − (1 − k/d)·Σ_D r_i
 *            (and likewise S1_k, S2_k), each term contributing
 *            score −S1_k/S0_k and information S2_k/S0_k − (S1_k/S0_k)(S1_k/S0_k)ᵀ.
 * Subjects censored at an event time are still at risk at that time.
 */

import { linearPredictorKernel, outerKernel } from './kernels.js';
import type { LinearPredictorKernel, OuterKernel } from './kernels.js';

export type CoxTies = 'efron' | 'breslow';

/**
 * Data sorted by ascending time with centred covariates, plus scratch space
 * reused by every evaluation (no allocation per Newton iteration).
 */
export class CoxPartialLikelihood {
  /** Score vector at the last evaluated b. */
  readonly score: Float64Array;
  /** Information matrix (lower triangle, row-major p × p) at the last evaluated b. */
  readonly information: Float64Array;
  private readonly a: Float64Array;
  private readonly a2: Float64Array;
  private readonly cmat: Float64Array;
  private readonly cmat2: Float64Array;
  private readonly eta: Float64Array;
  private readonly linearPredictor: LinearPredictorKernel;
  private readonly addOuter: OuterKernel;

  /**
   * @param time   event/censoring times, ascending
   * @param event  1 = event, 0 = censored, in the same order
   * @param x      n × p row-major covariates (centring recommended: it keeps exp() in range)
   */
  constructor(
    readonly time: Float64Array,
    readonly event: Uint8Array,
    readonly x: Float64Array,
    readonly n: number,
    readonly p: number,
    readonly ties: CoxTies,
  ) {
    this.score = new Float64Array(p);
    this.information = new Float64Array(p * p);
    this.a = new Float64Array(p);
    this.a2 = new Float64Array(p);
    this.cmat = new Float64Array(p * p);
    this.cmat2 = new Float64Array(p * p);
    this.eta = new Float64Array(n);
    this.linearPredictor = linearPredictorKernel(p);
    this.addOuter = outerKernel(p);
  }

  /** Log partial likelihood at `beta`; fills `score` and `information`. */
  evaluate(beta: Float64Array): number {
    const { time, event, x, p, score: u, information: imat, a, a2, cmat, cmat2, eta, addOuter } = this;
    const efron = this.ties === 'efron';
    this.linearPredictor(x, this.n, beta, eta);
    u.fill(0);
    imat.fill(0);
    a.fill(0);
    cmat.fill(0);
    a2.fill(0);
    cmat2.fill(0);
    let denom = 0;
    let loglik = 0;
    let person = this.n - 1;
    while (person >= 0) {
      const dtime = time[person]!;
      let ndead = 0;
      let denom2 = 0;
      while (person >= 0 && time[person] === dtime) {
        const zbeta = eta[person]!;
        const risk = Math.exp(zbeta);
        if (event[person] === 0) {
          denom += risk;
          addOuter(x, person, risk, a, cmat);
        } else {
          ndead++;
          denom2 += risk;
          loglik += zbeta;
          const r = person * p;
          for (let j = 0; j < p; j++) u[j]! += x[r + j]!;
          addOuter(x, person, risk, a2, cmat2);
        }
        person--;
      }
      if (ndead === 0) continue;
      // Breslow: one term with all d deaths in the risk set (weight d). Efron:
      // d terms (weight 1), term s having a fraction f_s = (s+1)/d of the deaths'
      // sums added. Sums over s are taken first, so the O(p²) update runs once.
      const slices = efron ? ndead : 1;
      const weight = ndead / slices;
      let s0 = 0, s1 = 0, q0 = 0, q1 = 0, q2 = 0, logSum = 0;
      for (let k = 1; k <= slices; k++) {
        const f = k / slices;
        const den = denom + f * denom2;
        const inv = 1 / den;
        const inv2 = inv * inv;
        s0 += inv;
        s1 += f * inv;
        q0 += inv2;
        q1 += f * inv2;
        q2 += f * f * inv2;
        logSum += Math.log(den);
      }
      loglik -= weight * logSum;
      for (let j = 0; j < p; j++) {
        const aj = a[j]!;
        const a2j = a2[j]!;
        u[j]! -= weight * (aj * s0 + a2j * s1);
        for (let k = 0; k <= j; k++) {
          const jk = j * p + k;
          const ak = a[k]!;
          const a2k = a2[k]!;
          imat[jk]! += weight * (cmat[jk]! * s0 + cmat2[jk]! * s1 -
            (aj * ak * q0 + (aj * a2k + a2j * ak) * q1 + a2j * a2k * q2));
        }
      }
      denom += denom2;
      for (let j = 0; j < p; j++) {
        a[j]! += a2[j]!;
        a2[j] = 0;
        for (let k = 0; k <= j; k++) {
          cmat[j * p + k]! += cmat2[j * p + k]!;
          cmat2[j * p + k] = 0;
        }
      }
    }
    return loglik;
  }
}
