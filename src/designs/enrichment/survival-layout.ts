/**
 * What each replicate of a time-to-event enrichment trial reports: the same
 * as for means and rates (layout.ts), with estimates on the log hazard
 * ratio scale (treatment vs control, lower is better when longer times
 * are), and the events: in all patients and in each subpopulation (and
 * outside them) at the last analysis, the new events each stage's analysis
 * counted (over the populations still in; 0 when not reached), the trial's
 * duration in months, and warnings for analyses that came at the end of
 * follow-up short of their events and for stages that brought a population
 * no new events.
 */
import type { ReplicateLayout, WarningInfo } from '../types.js';
import { enrichmentLayout } from './layout.js';
import type { EnrichmentSetup } from './setup.js';
import type { EnrichmentScenario } from './schema.js';

/** The time-to-event trial's warnings (in place of layout.ts's empty cell: a log-rank test has no cells). */
export const SURVIVAL_WARNINGS: WarningInfo[] = [
  { id: 'events-short', label: 'An analysis came at the end of follow-up (the stage\'s last entry plus followUp) before its event target was reached' },
  { id: 'no-new-events', label: 'A stage brought a population still in no new events: its stage-wise test could not be done (p = 1)' },
];
export const SHORT = 0, NO_NEW_EVENTS = 1;

export function survivalLayout(s: EnrichmentScenario, setup: EnrichmentSetup, efficacy: boolean, perStage: boolean, longerIsBetter: boolean): ReplicateLayout {
  const d = s.design, K = setup.stages.length;
  const base = enrichmentLayout({
    populations: setup.populations, labels: setup.labels, scale: 'log hazard ratio', alpha: d.alpha,
    better: longerIsBetter ? 'lower' : 'higher', compareFixed: d.compareFixed, stages: K, perStage, combination: d.combination,
  }, efficacy);
  const subs = setup.populations.slice(1);
  return {
    ...base,
    metrics: [
      ...base.metrics,
      { id: 'events', label: 'Events at the last analysis (all patients)', unit: 'events' },
      ...subs.map((h, k) => ({ id: `events:${h}`, label: `Events in ${setup.labels[k + 1]} at the last analysis`, unit: 'events' })),
      { id: 'events:R', label: subs.length === 1 ? `Events outside ${setup.labels[1]} at the last analysis` : 'Events outside every subpopulation at the last analysis', unit: 'events' },
      ...Array.from({ length: K }, (_, k) => ({ id: `events:stage${k + 1}`, label: `New events counted at stage ${k + 1}'s analysis, over the populations still in (0 when not reached)`, unit: 'events' })),
      { id: 'duration', label: 'Months from the first patient to the last analysis', unit: 'months' },
    ],
    warnings: SURVIVAL_WARNINGS,
  };
}
