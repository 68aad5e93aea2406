/**
 * What the event-driven stages of a time-to-event enrichment trial need,
 * resolved once: the planned cumulative event targets, the screening rate
 * (the design's `accrual`, else the planned patients over the endpoint's
 * accrualDuration, so that with the full population throughout patients
 * enter evenly over the accrual period the endpoint describes), the
 * follow-up after a stage's last entry before its analysis is forced (the
 * endpoint's followUp), and which direction of the log hazard ratio is
 * benefit.
 */
import type { EnrichmentScenario } from './schema.js';

export interface SurvivalSetup {
  /** Planned cumulative events at each stage's analysis (D_1 < ... < D_K). */
  events: number[];
  /** Patients screened per month (regular arrivals). */
  rate: number;
  /** Months after a stage's last entry at which its analysis comes if its events are not reached. */
  followUp: number;
  /** Longer times are better: benefit is a log hazard ratio below 0 (the log-rank z negative). */
  longerIsBetter: boolean;
  /** +1 or −1: multiplies a log hazard ratio or log-rank z into the benefit direction (larger is better). */
  benefit: number;
}

export const isTimeToEvent = (s: EnrichmentScenario): boolean => s.endpoint?.type === 'time-to-event';

export function survivalSetup(s: EnrichmentScenario): SurvivalSetup {
  const e = s.endpoint as Extract<NonNullable<EnrichmentScenario['endpoint']>, { type: 'time-to-event' }>;
  const d = s.design;
  const planned = d.stages.reduce((a, n) => a + n, 0);
  const longerIsBetter = e.better !== 'lower';
  return {
    events: d.events!,
    rate: d.accrual ?? planned / e.accrualDuration,
    followUp: e.followUp,
    longerIsBetter,
    benefit: longerIsBetter ? -1 : 1,
  };
}
