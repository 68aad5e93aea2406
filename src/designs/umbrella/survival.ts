/**
 * The time-to-event comparison of one substudy at its analysis: the drug's
 * patients against its comparison controls (matched: randomised in the
 * substudy; all-concurrent: every control enrolled before the substudy
 * closed), each followed from entry to the analysis time, loss to follow-up
 * or the event (the cohort's `outcome`: the event time from entry,
 * uncensored). Log-rank test with the Peto log hazard ratio.
 */
import type { Cohort } from '../../population/cohort.js';
import { logRankTest, benefitPValue } from '../../stats/logrank.js';
import { waldInterval, confidenceLevel } from '../../stats/proportions.js';
import type { Comparison } from './compare.js';

export interface SurvivalGroup {
  substudy: number;
  drug: number;
  control: number;
  /** Calendar time of the analysis. */
  analysisTime: number;
  /** Controls entering up to this time are compared; -1 for matched controls only. */
  concurrentUntil: number;
}

/**
 * Whether an event t after entry is observed at an analysis held at calendar
 * time `analysisTime`: before loss to follow-up, and no later than the
 * analysis in calendar time. Compared in calendar time as the event-driven
 * looks count events (event-looks.ts): a look held at an event's own time
 * must see it, which t <= analysisTime - entry can miss by rounding.
 */
export function observedBy(t: number, entry: number, dropout: number, analysisTime: number): boolean {
  return t <= dropout && entry + t <= analysisTime;
}

export function buildSurvivalComparer(capacity: number, confidence: number, longerIsBetter = true) {
  const ci = confidenceLevel(confidence);
  const time = new Float64Array(capacity);
  const event = new Uint8Array(capacity);
  const treated = new Uint8Array(capacity);
  const order = new Int32Array(capacity);
  return (c: Cohort, substudyOf: Int32Array, g: SurvivalGroup): Comparison & { events: number } => {
    let m = 0, events = 0;
    for (let i = 0; i < c.n; i++) {
      const a = c.arm[i];
      const mine = substudyOf[i] === g.substudy;
      const isDrug = mine && a === g.drug;
      const isControl = a === g.control && (g.concurrentUntil < 0 ? mine : c.entry[i] <= g.concurrentUntil);
      if (!isDrug && !isControl) continue;
      const t = c.outcome[i];
      const seen = observedBy(t, c.entry[i], c.dropout[i], g.analysisTime);
      time[m] = seen ? t : Math.min(c.dropout[i], g.analysisTime - c.entry[i]);
      event[m] = seen ? 1 : 0;
      treated[m] = isDrug ? 1 : 0;
      events += event[m];
      m++;
    }
    const r = logRankTest(time, event, treated, m, order);
    const estimate = Number.isFinite(r.logHazardRatio) ? waldInterval(r.logHazardRatio, r.seLogHazardRatio, ci) : { estimate: NaN, se: NaN, lower: NaN, upper: NaN };
    return { statistic: r.z, pTwoSided: r.pTwoSided, pBenefit: benefitPValue(r, longerIsBetter), informative: r.variance > 0, zeroCell: false, estimates: [estimate], events };
  };
}
