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
      // Breslow adds all deaths at once; Efron adds them in d equal slices.
      const slices = efron && ndead > 1 ? ndead : 1;
      const weight = ndead / slices;
      for (let s = 0; s < slices; s++) {
        denom += denom2 / slices;
        loglik -= weight * Math.log(denom);
        for (let j = 0; j < p; j++) {
          a[j]! += a2[j]! / slices;
          for (let k = 0; k <= j; k++) cmat[j * p + k]! += cmat2[j * p + k]! / slices;
        }
        for (let j = 0; j < p; j++) {
          const mean = a[j]! / denom;
          u[j]! -= weight * mean;
          for (let k = 0; k <= j; k++) imat[j * p + k]! += (weight * (cmat[j * p + k]! - mean * a[k]!)) / denom;
        }
      }
      a2.fill(0);
      cmat2.fill(0);
    }
    return loglik;
  }
}
