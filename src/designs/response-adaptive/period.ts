/**
 * Each arm against the control stratified by the period of randomisation
 * (the stretch between two adaptive analyses, within which allocation is
 * fixed), so a drift common to the arms cancels within each period (the
 * stratified analysis recommended for response-adaptive trials with time
 * trends: Villar et al. 2018; Proschan & Evans 2020; Korn & Freidlin 2011):
 * - binary and continuous: the weighted mean of the periods' differences
 *   with weights w_s = n_as n_cs / (n_as + n_cs), the Mantel-Haenszel
 *   weights of a risk difference and, for means, exactly the treatment
 *   coefficient of least squares with a period factor; variance
 *   Σ w_s² v_s / (Σ w_s)² with each period's unpooled binomial variance v_s,
 *   or σ² / Σ w_s with σ² the variance pooled within period-arm cells;
 * - time-to-event: the log hazard ratio of exponential models with a
 *   baseline hazard per period, by its conditional likelihood (given each
 *   period's events, the arm's events are binomial with probability
 *   T_a e^β / (T_a e^β + T_c)), solved by Newton's method, SE from its
 *   information.
 * Periods where either arm has no analysed patient carry no weight.
 */
import type { ReplicateLayout, ReplicateRecord } from '../types.js';
import { writeEstimateOf } from '../types.js';
import { waldInterval, type Confidence, type Estimate } from '../../stats/proportions.js';
import type { Cohort } from '../../population/cohort.js';
import type { ResponseAdaptiveScenario } from './schema.js';
import type { ResponseAdaptiveSetup } from './setup.js';
import { effectScale } from './layout.js';

/** Per period and arm: patients (or exposure), sum of outcomes (or events), and Welford's mean and sum of squares. */
export interface Cells { n: Float64Array; sum: Float64Array; mean: Float64Array; m2: Float64Array; periods: number; arms: number }

function emptyCells(arms: number, periods: number): Cells {
  const size = periods * arms;
  return { n: new Float64Array(size), sum: new Float64Array(size), mean: new Float64Array(size), m2: new Float64Array(size), periods, arms };
}

/** The period x arm cells of the first `analysed` patients, into `t` (cleared first; new when not given). */
export function cells(c: Cohort, period: Int32Array, analysed: number, arms: number, periods: number, tte: boolean, t: Cells = emptyCells(arms, periods)): Cells {
  t.n.fill(0); t.sum.fill(0); t.mean.fill(0); t.m2.fill(0);
  for (let i = 0; i < analysed; i++) {
    const k = period[i] * arms + c.arm[i];
    if (tte) { t.n[k] += c.outcome[i]; t.sum[k] += c.event[i]; continue; }
    const x = c.outcome[i];
    t.n[k]++; t.sum[k] += x;
    const d = x - t.mean[k];
    t.mean[k] += d / t.n[k];
    t.m2[k] += d * (x - t.mean[k]);
  }
  return t;
}

/** Binary or continuous: the weighted mean of the periods' differences. */
export function stratifiedDifference(t: Cells, arm: number, control: number, binary: boolean, level: Confidence): Estimate | null {
  let weights = 0, weighted = 0, variance = 0, within = 0, df = 0;
  for (let p = 0; p < t.periods; p++) {
    const a = p * t.arms + arm, c = p * t.arms + control;
    const na = t.n[a], nc = t.n[c];
    if (binary) {
      if (!(na > 0 && nc > 0)) continue;
    } else {
      // Every cell with patients adds to the pooled within-cell variance.
      if (na > 0) { within += t.m2[a]; df += na - 1; }
      if (nc > 0) { within += t.m2[c]; df += nc - 1; }
      if (!(na > 0 && nc > 0)) continue;
    }
    const w = (na * nc) / (na + nc), diff = t.mean[a] - t.mean[c];
    weights += w; weighted += w * diff;
    if (binary) variance += w * w * ((t.mean[a] * (1 - t.mean[a])) / na + (t.mean[c] * (1 - t.mean[c])) / nc);
  }
  if (!(weights > 0)) return null;
  const estimate = weighted / weights;
  const se = binary ? Math.sqrt(variance) / weights : df > 0 ? Math.sqrt(within / df / weights) : NaN;
  if (!Number.isFinite(se)) return null;
  const e = waldInterval(estimate, se, level);
  return binary ? { ...e, lower: Math.max(-1, e.lower), upper: Math.min(1, e.upper) } : e;
}

/** Time-to-event: the conditional maximum likelihood log hazard ratio with a baseline hazard per period. */
export function stratifiedLogHazardRatio(t: Cells, arm: number, control: number, level: Confidence): Estimate | null {
  const strata: [number, number, number, number][] = [];
  for (let p = 0; p < t.periods; p++) {
    const a = p * t.arms + arm, c = p * t.arms + control;
    if (t.n[a] > 0 && t.n[c] > 0 && t.sum[a] + t.sum[c] > 0) strata.push([t.sum[a], t.n[a], t.sum[c], t.n[c]]);
  }
  const events = strata.reduce((x, s) => [x[0] + s[0], x[1] + s[2]], [0, 0]);
  if (!(events[0] > 0 && events[1] > 0)) return null;
  let beta = 0, info = 0;
  for (let it = 0; it < 100; it++) {
    let score = 0;
    info = 0;
    for (const [da, ta, dc, tc] of strata) {
      const pi = (ta * Math.exp(beta)) / (ta * Math.exp(beta) + tc), total = da + dc;
      score += da - total * pi;
      info += total * pi * (1 - pi);
    }
    const step = score / info;
    beta += Math.max(-5, Math.min(5, step));
    if (Math.abs(step) < 1e-12) break;
  }
  return waldInterval(beta, 1 / Math.sqrt(info), level);
}

/**
 * Writes each arm's period-stratified estimate after the naive ones (layout:
 * `<prefix>-period:<id>`); the cells and the estimates' slots are set up once
 * per plan.
 */
export function periodEstimator(s: ResponseAdaptiveScenario, setup: ResponseAdaptiveSetup, layout: ReplicateLayout): (c: Cohort, period: Int32Array, analysed: number, out: ReplicateRecord, level: Confidence) => void {
  const tte = s.endpoint!.type === 'time-to-event', binary = s.endpoint!.type === 'binary';
  const { prefix } = effectScale(s);
  const slots = setup.ids.map((id) => layout.estimates.findIndex((e) => e.id === `${prefix}-period:${id}`));
  const t = emptyCells(setup.arms.length, setup.analyses.length);
  return (c, period, analysed, out, level) => {
    if (setup.control < 0) return;
    cells(c, period, analysed, setup.arms.length, setup.analyses.length, tte, t);
    setup.compared.forEach((arm, k) => {
      const e = tte ? stratifiedLogHazardRatio(t, arm, setup.control, level) : stratifiedDifference(t, arm, setup.control, binary, level);
      if (e) writeEstimateOf(out, slots[k], e.estimate, e.se, e.lower, e.upper);
      else writeEstimateOf(out, slots[k], NaN, NaN, NaN, NaN);
    });
  };
}
