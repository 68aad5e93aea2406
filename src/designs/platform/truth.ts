/**
 * The true concurrent effect of each experimental arm: the difference
 * between its potential outcomes and the control's over the patients who
 * enter the platform while the arm is open in the planned timeline (entry
 * times spread as the recruitment rate), with the time trend of each arm at
 * each patient's time and period: a mean difference (continuous) or the log
 * odds ratio of the mean response probabilities (binary; a marginal effect,
 * which a regression with period as a factor does not estimate exactly when
 * the trend moves the log-odds: non-collapsibility).
 *
 * A biomarker-driven arm's effect is over the patients it enrols (its
 * eligible values of design.eligibility).
 *
 * With no biomarker that changes the means, the average over time is an
 * integral, computed by Gauss-Legendre quadrature on the pieces between
 * period boundaries, rate changes and the trend's peak (exact for the
 * piecewise-linear trends of a continuous endpoint, to ~1e-13 for binary);
 * otherwise it is averaged over `truth.patients` virtual patients per arm.
 */
import type { RunStreams } from '../../random/stream.js';
import type { TruthTable } from '../types.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { CellMoments, meansAreConstant } from '../../population/arm-moments.js';
import { logit } from '../../stats/distributions.js';
import { gaussLegendreOnBreaks } from '../../stats/multiplicity/quadrature.js';
import type { PlatformScenario } from './schema.js';
import { platformSetup, type PlatformSetup } from './setup.js';
import { trendOf, trendedMean } from './trend.js';
import { comparisonId } from './layout.js';
import { arrivalTime, expectedArrivals, rateAt } from './recruitment.js';

/** The planned period and the planned arm entries so far at time t. */
function plannedState(setup: PlatformSetup, t: number): { period: number; entries: number } {
  const periods = setup.timeline.periods;
  let period = 0;
  while (period < periods.length - 1 && periods[period].end <= t) period++;
  const entries = setup.timeline.arms.filter((a) => a.entry !== null && a.entry <= t).length;
  return { period, entries };
}

export function platformTruth(s: PlatformScenario, streams: RunStreams): TruthTable {
  const setup = platformSetup(s);
  const model = buildOutcomeModel(s);
  const trend = trendOf(s, setup.armNames, setup.timeline.duration);
  const binary = s.endpoint!.type === 'binary';
  const type = s.endpoint!.type;
  const c = setup.control;
  const exact = meansAreConstant(s);
  const one = new Cohort(1, s.population.biomarkers.length);
  const source = streams.truth();
  const normal = normalSampler(source);
  const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
  const shift = (a: number, t: number) => {
    if (!trend) return 0;
    const st = plannedState(setup, t);
    return trend(a, t, st.period, st.entries);
  };
  // Time-to-event: the log hazard (its differences are conditional log hazard ratios).
  const meanAt = (a: number, t: number) => {
    const m = model.mean(one, 0, a), x = shift(a, t);
    return trendedMean(type, m, x);
  };
  const table: TruthTable = {};
  setup.experimental.forEach((arm, k) => {
    const window = setup.timeline.arms[k];
    const cell = new CellMoments(2);
    const means = new Float64Array(2);
    if (window.entry === null || window.exit === null || !(window.exit > window.entry)) {
      for (const m of setup.methods) table[comparisonId(arm.name, m)] = { value: NaN, mcse: 0 };
      return;
    }
    if (exact) {
      draw(one, 0);
      const rule = gaussLegendreOnBreaks(breaks(s, setup, window.entry, window.exit), 20);
      // Each node weighs by the recruitment rate there: the patients entering then.
      const sum = new Float64Array(2);
      let total = 0;
      for (let j = 0; j < rule.x.length; j++) {
        const w = rule.w[j] * rateAt(setup.recruitment, rule.x[j]);
        total += w;
        sum[0] += w * meanAt(arm.index, rule.x[j]);
        sum[1] += w * meanAt(c, rule.x[j]);
      }
      const m1 = sum[0] / total, m0 = sum[1] / total;
      const value = binary ? logit(m1) - logit(m0) : m1 - m0;
      for (const m of setup.methods) table[comparisonId(arm.name, m)] = { value, mcse: 0 };
      return;
    }
    const from = expectedArrivals(setup.recruitment, window.entry), to = expectedArrivals(setup.recruitment, window.exit);
    const cohort = new Cohort(1, s.population.biomarkers.length);
    const classes = setup.classes;
    for (let i = 0; i < s.truth.patients; i++) {
      draw(cohort, 0);
      model.drawLatent(source, normal, cohort, 0);
      // A biomarker-driven arm's effect is among the patients it enrols.
      if (classes.column >= 0 && !arm.eligibleIn[cohort.markers[classes.column][0]]) continue;
      const t = arrivalTime(setup.recruitment, from + source() * (to - from));
      for (const [slot, a] of [[0, arm.index], [1, c]] as const) {
        const m = model.mean(cohort, 0, a), x = shift(a, t);
        means[slot] = trendedMean(type, m, x);
      }
      cell.add(means);
    }
    const value = binary ? cell.logOddsRatio(0, 1) : cell.difference(0, 1);
    for (const m of setup.methods) table[comparisonId(arm.name, m)] = value;
  });
  return table;
}

/** The window cut at planned period boundaries, rate changes and the inverse-U peak: pieces on which the trend is smooth. */
function breaks(s: PlatformScenario, setup: PlatformSetup, from: number, to: number): number[] {
  const cuts = [
    ...setup.timeline.periods.map((p) => p.start),
    ...setup.recruitment.from,
    ...(s.design.trend.shape === 'inverse-u' ? [s.design.trend.peak ?? setup.timeline.duration / 2] : []),
  ].filter((x) => x > from && x < to);
  return [from, ...[...new Set(cuts)].sort((a, b) => a - b), to];
}
