/**
 * What an adaptive analysis knows about each arm, by endpoint, and the
 * posterior it gives (all conjugate, so exact):
 * - binary: responses and patients; Beta(a + responses, b + failures)
 *   (with `lower` better, responses and failures swap, so the highest
 *   parameter is always best);
 * - continuous: Welford's running mean and sum of squares; the posterior of
 *   the arm's mean is normal: with a known residual SD σ, prior N(m0, s0²)
 *   (or flat) gives precision 1/s0² + n/σ² (Gelman et al., BDA3 §2.5);
 *   with an estimated variance the sample variance is plugged in for σ²
 *   (the large-sample posterior under a flat prior; adaptr's default for
 *   normal outcomes draws from the same N(ȳ, s²/n)); with `lower` better
 *   the means are negated;
 * - time-to-event (exponential): events d and exposure T up to the
 *   analysis' calendar time; the hazard's posterior is Gamma(e0 + d, T0 +
 *   T), handled on the log scale (log-gamma family), where the lowest
 *   hazard is best when longer times are better.
 * An arm whose posterior is improper (a flat prior and no outcomes, fewer
 * than two outcomes with an estimated variance, no exposure) makes the
 * analysis impossible: it is skipped (no stopping, allocation unchanged).
 *
 * Each also gives the naive estimate of an arm against the control at the
 * last analysis: the risk difference (Wald), the mean difference (Welch) or
 * the log hazard ratio of the exponential rates (SE √(1/d_a + 1/d_c)).
 */
import type { PosteriorFamily } from '../../stats/posteriors/grid.js';
import { riskDifference, waldInterval, type Confidence, type Estimate } from '../../stats/proportions.js';
import { welchTTest } from '../../stats/t-tests.js';
import { wilsonInterval } from '../../stats/wilson.js';
import { tQuantile } from '../../stats/distributions.js';
import type { ResponseAdaptiveScenario } from './schema.js';

export interface ArmEvidence {
  family: PosteriorFamily;
  /** Whether the highest posterior parameter is the worst (a hazard when longer times are better). */
  lowestBest: boolean;
  /** Posterior parameters (beta a, b; normal mean, SD; log-gamma shape, rate), by arm. */
  p1: Float64Array;
  p2: Float64Array;
  reset(): void;
  /** Patient i's outcome on `arm` is known (binary and continuous). */
  add(arm: number, outcome: number): void;
  /** Sets p1, p2 of the active arms; false when one of them is improper. */
  posterior(active: readonly number[]): boolean;
  /** The naive estimate of `arm` against `control`, or null when the data cannot give one. */
  estimate(arm: number, control: number, level: Confidence): Estimate | null;
  /** The naive estimate of `arm`'s own parameter (response rate with Wilson's interval, mean, log hazard). */
  level(arm: number, level: Confidence): Estimate | null;
}

export function armEvidence(s: ResponseAdaptiveScenario, arms: number): ArmEvidence {
  const e = s.endpoint!;
  if (e.type === 'continuous') return continuousEvidence(s, arms);
  if (e.type === 'time-to-event') return survivalEvidence(s, arms);
  return binaryEvidence(s, arms);
}

function binaryEvidence(s: ResponseAdaptiveScenario, arms: number): ArmEvidence {
  const { a: a0, b: b0 } = s.design.prior;
  const higher = !(s.endpoint?.type === 'binary' && s.endpoint.better === 'lower');
  const n = new Float64Array(arms), y = new Float64Array(arms);
  const p1 = new Float64Array(arms), p2 = new Float64Array(arms);
  return {
    family: 'beta', lowestBest: false, p1, p2,
    reset() { n.fill(0); y.fill(0); },
    add(arm, outcome) { n[arm]++; y[arm] += outcome; },
    posterior(active) {
      for (const k of active) {
        const events = higher ? y[k] : n[k] - y[k];
        p1[k] = a0 + events;
        p2[k] = b0 + n[k] - events;
      }
      return true;
    },
    estimate(arm, control, level) {
      return n[arm] > 0 && n[control] > 0 ? riskDifference(y[arm], n[arm], y[control], n[control], level) : null;
    },
    level(arm, level) {
      if (!(n[arm] > 0)) return null;
      const p = y[arm] / n[arm];
      const [lower, upper] = wilsonInterval(y[arm], n[arm], level.level);
      return { estimate: p, se: Math.sqrt((p * (1 - p)) / n[arm]), lower, upper };
    },
  };
}

function continuousEvidence(s: ResponseAdaptiveScenario, arms: number): ArmEvidence {
  const e = s.endpoint as Extract<typeof s.endpoint, { type: 'continuous' }>;
  const post = s.design.posterior ?? {};
  const known = post.variance === 'known';
  const sigma2 = (post.sd ?? e.sd) ** 2;
  const priorPrecision = post.priorSd !== undefined ? 1 / post.priorSd ** 2 : 0;
  const priorMean = post.priorMean ?? 0;
  const sign = e.better === 'lower' ? -1 : 1;
  const n = new Float64Array(arms), mean = new Float64Array(arms), m2 = new Float64Array(arms);
  const p1 = new Float64Array(arms), p2 = new Float64Array(arms);
  return {
    family: 'normal', lowestBest: false, p1, p2,
    reset() { n.fill(0); mean.fill(0); m2.fill(0); },
    add(arm, x) {
      n[arm]++;
      const d = x - mean[arm];
      mean[arm] += d / n[arm];
      m2[arm] += d * (x - mean[arm]);
    },
    posterior(active) {
      for (const k of active) {
        const variance = known ? sigma2 : n[k] >= 2 ? m2[k] / (n[k] - 1) : NaN;
        const dataPrecision = n[k] === 0 ? 0 : n[k] / variance;
        const precision = priorPrecision + dataPrecision;
        if (!(precision > 0) || !Number.isFinite(precision)) return false;
        p1[k] = sign * ((priorPrecision * priorMean + (n[k] === 0 ? 0 : dataPrecision * mean[k])) / precision);
        p2[k] = 1 / Math.sqrt(precision);
      }
      return true;
    },
    estimate(arm, control, level) {
      const summary = (k: number) => ({ n: n[k], mean: mean[k], variance: n[k] >= 2 ? m2[k] / (n[k] - 1) : NaN });
      const test = welchTTest(summary(arm), summary(control), level.level);
      return Number.isFinite(test.difference.se) ? test.difference : null;
    },
    level(arm, level) {
      if (!(n[arm] >= 2)) return null;
      const se = Math.sqrt(m2[arm] / (n[arm] - 1) / n[arm]), q = tQuantile(1 - (1 - level.level) / 2, n[arm] - 1);
      return { estimate: mean[arm], se, lower: mean[arm] - q * se, upper: mean[arm] + q * se };
    },
  };
}

/**
 * Time-to-event: the patients enrolled so far, each with an entry time, a
 * follow-up time and whether it ends in an event as known at the end (the
 * potential event time censored by dropout, or an observed row); at
 * calendar time τ a patient has been followed min(time, τ - entry), ending
 * in an event when the event came by then.
 */
export interface SurvivalEvidence extends ArmEvidence {
  /** Events and exposure of the first `enrolled` patients at calendar time tau. */
  at(entry: Float64Array, time: Float64Array, event: Uint8Array, arm: Int32Array, enrolled: number, tau: number): void;
}

function survivalEvidence(s: ResponseAdaptiveScenario, arms: number): SurvivalEvidence {
  const e = s.endpoint as Extract<typeof s.endpoint, { type: 'time-to-event' }>;
  const post = s.design.posterior ?? {};
  const e0 = post.priorEvents ?? 0.5, t0 = post.priorExposure ?? 0;
  const d = new Float64Array(arms), exposure = new Float64Array(arms);
  const p1 = new Float64Array(arms), p2 = new Float64Array(arms);
  return {
    family: 'log-gamma', lowestBest: e.better !== 'lower', p1, p2,
    reset() { d.fill(0); exposure.fill(0); },
    add() { throw new Error('time-to-event evidence is read at a calendar time (at), not patient by patient'); },
    at(entry, time, event, arm, enrolled, tau) {
      d.fill(0); exposure.fill(0);
      for (let i = 0; i < enrolled; i++) {
        const followed = tau - entry[i];
        if (followed <= 0) continue;
        const t = Math.min(time[i], followed);
        exposure[arm[i]] += t;
        if (event[i] && time[i] <= followed) d[arm[i]]++;
      }
    },
    posterior(active) {
      for (const k of active) {
        p1[k] = e0 + d[k];
        p2[k] = t0 + exposure[k];
        if (!(p2[k] > 0)) return false;
      }
      return true;
    },
    estimate(arm, control, level) {
      if (!(d[arm] > 0 && d[control] > 0)) return null;
      const logRatio = Math.log(d[arm] / exposure[arm]) - Math.log(d[control] / exposure[control]);
      return waldInterval(logRatio, Math.sqrt(1 / d[arm] + 1 / d[control]), level);
    },
    level(arm, level) {
      return d[arm] > 0 ? waldInterval(Math.log(d[arm] / exposure[arm]), 1 / Math.sqrt(d[arm]), level) : null;
    },
  };
}
