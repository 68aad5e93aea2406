/**
 * Borrowing on the treatment effect of randomised baskets: each basket's
 * estimated effect d_k (a log odds ratio, drug vs its own control) with its
 * variance v_k enters a normal hierarchical model (the normal-normal model
 * of random-effects meta-analysis; Spiegelhalter, Abrams & Myles 2004,
 * Bayesian Approaches to Clinical Trials and Health-Care Evaluation, §3.17
 * and ch. 8), the exchangeability assumptions of Berry et al. (2013) and
 * Neuenschwander et al. (2016) placed on the effect instead of the rate:
 *
 *   d_k ~ N(delta_k, v_k);
 *   hierarchical:  delta_k ~ N(mu, tau^2);
 *   EXNEX:         with probability w_k delta_k ~ N(mu, tau^2), else N(m_k, s_k^2);
 *   mu ~ N(m_mu, s_mu^2), tau from its prior.
 *
 * Given tau and which baskets are exchangeable (the set E), everything is
 * normal and conjugate: mu | tau, d ~ N(M, S^2) with 1/S^2 = 1/s_mu^2 +
 * sum_{k in E} a_k, a_k = 1/(v_k + tau^2), M = S^2 (m_mu/s_mu^2 + sum a_k d_k);
 * for k in E, delta_k | tau, d ~ N(B_k M + r_k d_k/v_k, r_k + B_k^2 S^2) with
 * r_k = 1/(1/v_k + 1/tau^2), B_k = r_k/tau^2; for k not in E,
 * delta_k | d ~ N updated from its own prior. So mu is integrated exactly,
 * tau by the trapezoid rule in u = log tau over the prior's range
 * (tau-prior.ts), and EXNEX's 2^K memberships are summed (K at most
 * MAX_EFFECT_BASKETS); every marginal posterior is a mixture of normals with
 * no step in it, whose 2.5% and 97.5% quantiles are found by bisection on
 * its CDF.
 */
import { normalCdf } from '../distributions.js';
import type { NormalPrior } from './hyper-grid.js';
import { defaultLogTauRange, logDensityLogTau, type TauPrior } from './tau-prior.js';

/** Most baskets for EXNEX on the effect (2^K memberships). */
export const MAX_EFFECT_BASKETS = 12;

export interface EffectHierarchyOptions {
  muPrior: NormalPrior;
  tauPrior: TauPrior;
  /** EXNEX: prior probability of exchangeability per basket (absent: the hierarchical model). */
  exWeights?: readonly number[];
  /** EXNEX: each basket's prior of delta_k when not exchangeable. */
  nexPriors?: readonly NormalPrior[];
  /** Step in u = log tau (default 0.05). */
  logTauStep?: number;
}

export interface EffectPosterior {
  /** P(delta_k > 0 | data). */
  probPositive: number[];
  mean: number[];
  sd: number[];
  /** Equal-tailed 95% credible interval of delta_k. */
  lower: number[];
  upper: number[];
  /** P(basket k exchangeable | data) (1 for the hierarchical model). */
  exchangeable: number[];
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * One tau node and membership set: its log weight, and the posterior of mu
 * given both (mean M, variance S^2) written into musOut at `at` (M, S^2). A
 * basket's conditional normal follows from these (exchangeable()), or is its
 * own NEX posterior, the same for every node and set (nonExchangeable()).
 */
function component(d: readonly number[], v: readonly number[], tau: number, E: number, mu: NormalPrior, nex: readonly NormalPrior[] | undefined, musOut: Float64Array, at: number): number {
  const K = d.length, t2 = tau * tau, s2 = mu.sd * mu.sd;
  let prec = 1 / s2, lin = mu.mean / s2, quad = (mu.mean * mu.mean) / s2;
  const logDet = Math.log(s2);
  let logLik = 0;
  for (let k = 0; k < K; k++) {
    if ((E >> k) & 1) {
      const a = 1 / (v[k] + t2);
      prec += a; lin += a * d[k]; quad += a * d[k] * d[k];
      logLik -= 0.5 * (LOG_2PI + Math.log(v[k] + t2));
    } else {
      const p = nex![k], q = p.sd * p.sd;
      logLik -= 0.5 * (LOG_2PI + Math.log(v[k] + q) + ((d[k] - p.mean) ** 2) / (v[k] + q));
    }
  }
  const S2 = 1 / prec, M = S2 * lin;
  // integral over mu of prod N(d_k; mu, v_k + tau^2) N(mu; m, s^2)
  logLik += -0.5 * logDet + 0.5 * Math.log(S2) - 0.5 * (quad - M * M * prec);
  musOut[at] = M;
  musOut[at + 1] = S2;
  return logLik;
}

/** Basket k's conditional normal given tau and mu ~ N(M, S^2) when exchangeable: delta_k | tau, d ~ N(B M + r d_k / v_k, r + B^2 S^2). */
function exchangeable(dk: number, vk: number, tau: number, M: number, S2: number, out: Float64Array): void {
  const t2 = tau * tau;
  const r = 1 / (1 / vk + 1 / t2), B = r / t2;
  out[0] = B * M + (r * dk) / vk;
  out[1] = r + B * B * S2;
}

/** Basket k's posterior when not exchangeable: its NEX prior updated by d_k alone (the same for every tau and set). */
function nonExchangeable(dk: number, vk: number, p: NormalPrior, out: Float64Array): void {
  const q = p.sd * p.sd;
  const r = 1 / (1 / q + 1 / vk);
  out[0] = r * (p.mean / q + dk / vk);
  out[1] = r;
}

/**
 * The target quantile of a normal mixture: Newton's method on its CDF from
 * the normal approximation, kept inside a bracket that bisection shrinks
 * whenever a Newton step would leave it.
 */
function mixtureQuantile(q: Float64Array, m: Float64Array, s: Float64Array, target: number, mean: number, sd: number): number {
  let lo = mean - 12 * sd - 1, hi = mean + 12 * sd + 1;
  let x = mean + sd * (target < 0.5 ? -1.96 : 1.96);
  for (let it = 0; it < 100; it++) {
    let f = -target, df = 0;
    for (let i = 0; i < q.length; i++) {
      const z = (x - m[i]) / s[i];
      f += q[i] * normalCdf(z);
      df += (q[i] * Math.exp(-0.5 * z * z)) / (s[i] * Math.sqrt(2 * Math.PI));
    }
    if (f < 0) lo = x; else hi = x;
    if (Math.abs(f) < 1e-13 || hi - lo < 1e-12) break;
    const next = x - f / df;
    x = next > lo && next < hi && Number.isFinite(next) ? next : 0.5 * (lo + hi);
  }
  return x;
}

export function createEffectHierarchy(options: EffectHierarchyOptions, baskets: number) {
  const ex = options.exWeights;
  if (ex && baskets > MAX_EFFECT_BASKETS) throw new RangeError(`EXNEX on the effect takes at most ${MAX_EFFECT_BASKETS} baskets, got ${baskets}`);
  const { range: [uLo, uHi], maxStep } = defaultLogTauRange(options.tauPrior, baskets);
  const step = Math.min(options.logTauStep ?? 0.05, maxStep);
  const U = Math.max(2, Math.ceil((uHi - uLo) / step) + 1);
  const hu = (uHi - uLo) / (U - 1);
  const us = Array.from({ length: U }, (_, i) => uLo + i * hu);
  const logPriorU = us.map((u, i) => logDensityLogTau(options.tauPrior, u) + Math.log(hu) + (i === 0 || i === U - 1 ? -Math.LN2 : 0));
  const sets = ex ? Array.from({ length: 1 << baskets }, (_, E) => E) : [(1 << baskets) - 1];
  const logPriorE = sets.map((E) => (ex ? ex.reduce((a, w, k) => a + Math.log((E >> k) & 1 ? w : 1 - w), 0) : 0));

  // Memory per posterior: for each (tau, set) component its log weight and the (M, S^2) of mu, 24 bytes
  // (about 28 MB for EXNEX on 12 baskets), and per basket in turn the weights, means and sds of its
  // mixture's components; not every basket's mean and variance at every component (about 220 MB there).
  const n = U * sets.length;
  const logW = new Float64Array(n);
  const mus = new Float64Array(2 * n);
  const cond = new Float64Array(2);
  let q = new Float64Array(0), cm = new Float64Array(0), cs = new Float64Array(0);

  return (estimate: readonly number[], variance: readonly number[]): EffectPosterior => {
    const K = estimate.length;
    let max = -Infinity;
    for (let i = 0; i < U; i++) {
      const tau = Math.exp(us[i]);
      for (let j = 0; j < sets.length; j++) {
        const c = i * sets.length + j;
        logW[c] = logPriorU[i] + logPriorE[j] + component(estimate, variance, tau, sets[j], options.muPrior, options.nexPriors, mus, 2 * c);
        if (logW[c] > max) max = logW[c];
      }
    }
    let total = 0;
    for (let c = 0; c < n; c++) {
      const w = Math.exp(logW[c] - max);
      logW[c] = w;
      total += w;
    }
    const out: EffectPosterior = { probPositive: [], mean: [], sd: [], lower: [], upper: [], exchangeable: [] };
    // components holding all but a negligible share of the weight (logW now holds the weights)
    const floor = 1e-15 * total;
    for (let k = 0; k < K; k++) {
      // basket k's mixture: one component per kept (tau, set) holding k, and its NEX posterior (one normal) weighted by the rest
      if (q.length < n + 1) { q = new Float64Array(n + 1); cm = new Float64Array(n + 1); cs = new Float64Array(n + 1); }
      let m = 0, nexWeight = 0, e = 0;
      for (let c = 0; c < n; c++) {
        const w = logW[c];
        if (!(w > floor)) continue;
        if (!((sets[c % sets.length] >> k) & 1)) { nexWeight += w; continue; }
        exchangeable(estimate[k], variance[k], Math.exp(us[Math.floor(c / sets.length)]), mus[2 * c], mus[2 * c + 1], cond);
        q[m] = w / total; cm[m] = cond[0]; cs[m] = Math.sqrt(cond[1]);
        e += q[m];
        m++;
      }
      if (nexWeight > 0) {
        nonExchangeable(estimate[k], variance[k], options.nexPriors![k], cond);
        q[m] = nexWeight / total; cm[m] = cond[0]; cs[m] = Math.sqrt(cond[1]);
        m++;
      }
      const qk = q.subarray(0, m), mk = cm.subarray(0, m), sk = cs.subarray(0, m);
      let p = 0, m1 = 0, m2 = 0;
      for (let i = 0; i < m; i++) {
        p += qk[i] * normalCdf(mk[i] / sk[i]); m1 += qk[i] * mk[i]; m2 += qk[i] * (sk[i] * sk[i] + mk[i] * mk[i]);
      }
      const sd = Math.sqrt(Math.max(0, m2 - m1 * m1));
      out.probPositive.push(p); out.mean.push(m1); out.sd.push(sd); out.exchangeable.push(e);
      out.lower.push(mixtureQuantile(qk, mk, sk, 0.025, m1, sd)); out.upper.push(mixtureQuantile(qk, mk, sk, 0.975, m1, sd));
    }
    return out;
  };
}

/** A basket's log odds ratio, drug vs control, and its Woolf variance, with 0.5 added to every cell (Haldane-Anscombe). */
export function logOddsRatio(x1: number, n1: number, x0: number, n0: number): { estimate: number; variance: number } {
  const a = x1 + 0.5, b = n1 - x1 + 0.5, c = x0 + 0.5, d = n0 - x0 + 0.5;
  return { estimate: Math.log((a * d) / (b * c)), variance: 1 / a + 1 / b + 1 / c + 1 / d };
}
