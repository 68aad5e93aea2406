/**
 * The rank-preserving structural failure time model (RPSFTM; Robins &
 * Tsiatis 1991, Commun. Stat. 20:2609-2631; White et al. 1999, Stat. Med.
 * 18:2617-2634): each patient's time without treatment is
 * U(ψ) = T_off + e^ψ T_on, and ψ is the value at which U(ψ) is balanced
 * between the randomised arms (the log-rank statistic by assignment is 0:
 * g-estimation). Censoring is recensored so it stays independent of the
 * treatment taken: C*(ψ) = min(C, e^ψ C) from each patient's potential
 * (administrative) follow-up C; U beyond C* is censored there.
 *
 * The treatment effect is then reported as a hazard ratio (Latimer et al.
 * 2014; NICE DSU TSD 16): the Cox model comparing the assigned-treatment
 * arm's counterfactual always-treated times V = e^(−ψ) T_off + T_on
 * (recensored at min(C, e^(−ψ) C)) with the control arm's never-treated
 * times U; its p-value is the intention-to-treat log-rank test's, which
 * g-estimation preserves, and its standard error is test-based,
 * |log HR| / |z_ITT|, so its interval excludes 0 exactly when the ITT test
 * rejects.
 */
import { logRankTest } from '../logrank.js';

export interface RpsftData {
  n: number;
  time: Float64Array;
  event: Uint8Array;
  /** Time on treatment within [0, time]. */
  onTreatment: Float64Array;
  /** Randomised to the treatment (1) or control (0). */
  assigned: Uint8Array;
  /** Administrative censoring time: the longest follow-up the patient could have had. */
  followUp: Float64Array;
}

export interface RpsftResult {
  status: 'ok' | 'no-root';
  /** ψ̂: log of the factor by which time on treatment counts as untreated time (negative: treatment prolongs). */
  psi: number;
  logHr: number;
}

/** Reusable scratch for one data size. */
export class Rpsft {
  private t = new Float64Array(0);
  private e = new Uint8Array(0);
  private order = new Int32Array(0);

  /** Counterfactual times: untreated U(ψ) for everyone (`treatedArm` false) or, in the assigned-treatment arm, always-treated V(ψ). */
  private counterfactual(x: RpsftData, psi: number, treatedArm: boolean): void {
    const g = Math.exp(psi), h = Math.exp(-psi);
    for (let i = 0; i < x.n; i++) {
      const on = x.onTreatment[i], off = x.time[i] - on;
      const always = treatedArm && x.assigned[i] === 1;
      const u = always ? h * off + on : off + g * on;
      const c = always ? Math.min(x.followUp[i], h * x.followUp[i]) : Math.min(x.followUp[i], g * x.followUp[i]);
      if (u > c) { this.t[i] = c; this.e[i] = 0; } else { this.t[i] = u; this.e[i] = x.event[i]; }
    }
  }

  /** The log-rank z by assignment of the untreated times U(ψ). */
  balance(x: RpsftData, psi: number): number {
    this.ensure(x.n);
    this.counterfactual(x, psi, false);
    return logRankTest(this.t, this.e, x.assigned, x.n, this.order).z;
  }

  /**
   * ψ̂ by bracketed root finding on the log-rank z over [−3, 3] (time ratios e^±3
   * cover any plausible treatment), to a bracket of 1e-8; `status: 'no-root'` when z does not
   * change sign there. z is a step function of ψ (the ranks change) and may
   * cross 0 several times within a narrow range; the search lands on one of
   * those crossings, deterministically (as R's uniroot lands on one). Then the counterfactual Cox log hazard ratio from `coxLogHr`.
   */
  estimate(x: RpsftData, coxLogHr: (time: Float64Array, event: Uint8Array, group: Uint8Array, n: number) => number): RpsftResult {
    // The Illinois variant of false position (Dowell & Jarratt 1971): z is nearly linear in ψ in large
    // samples, so it needs far fewer log-rank tests than bisection, and it keeps the root bracketed.
    let lo = -3, hi = 3;
    let zLo = this.balance(x, lo), zHi = this.balance(x, hi), side = 0;
    if (!(zLo * zHi < 0)) return { status: 'no-root', psi: NaN, logHr: NaN };
    for (let iter = 0; iter < 200 && hi - lo > 1e-8; iter++) {
      let mid = (lo * zHi - hi * zLo) / (zHi - zLo);
      // a step of z can leave the secant point on an end: bisect then
      if (!(mid > lo && mid < hi)) mid = (lo + hi) / 2;
      const z = this.balance(x, mid);
      if (z === 0) { lo = hi = mid; break; }
      if (z * zHi > 0) { hi = mid; zHi = z; if (side === -1) zLo /= 2; side = -1; } else { lo = mid; zLo = z; if (side === 1) zHi /= 2; side = 1; }
    }
    const psi = (lo + hi) / 2;
    return { status: 'ok', psi, logHr: this.hazardRatioAt(x, psi, coxLogHr) };
  }

  /** The counterfactual Cox log hazard ratio at a given ψ. */
  hazardRatioAt(x: RpsftData, psi: number, coxLogHr: (time: Float64Array, event: Uint8Array, group: Uint8Array, n: number) => number): number {
    this.ensure(x.n);
    this.counterfactual(x, psi, true);
    return coxLogHr(this.t, this.e, x.assigned, x.n);
  }

  private ensure(n: number): void {
    if (this.t.length < n) { this.t = new Float64Array(n); this.e = new Uint8Array(n); this.order = new Int32Array(n); }
  }
}
