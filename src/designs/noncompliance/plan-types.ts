/**
 * The shapes the non-compliance design's simulators (binary/continuous in
 * trial.ts, time-to-event in survival.ts) and estimands (truth.ts,
 * truth-survival.ts) share, kept apart so neither imports the other back.
 */
import type { SimulationPlan, ReplicateRecord } from '../types.js';
import type { ObservedTable } from '../../scenario/observed.js';
import type { Cohort } from '../../population/cohort.js';
import type { OutcomeModel } from '../../population/outcomes.js';
import type { NoncomplianceSetup } from './setup.js';
import type { SwitchingRecords } from './switching.js';

/** One replicate's patients as simulated: assignment, arm (or fraction of the dose) received and type beside the cohort. */
export interface NoncomplianceReplicate {
  cohort: Cohort;
  assigned: Float64Array;
  received: Float64Array;
  type: Uint8Array;
  /** With adherence: the fraction of the dose each patient takes if assigned the treatment. */
  dose: Float64Array;
  /** Time-to-event: each patient's record (time, event, arm at the start, switch time, follow-up). */
  records?: SwitchingRecords;
  missing: Uint8Array;
  model: OutcomeModel;
  setup: NoncomplianceSetup;
}

export type NoncompliancePlan = SimulationPlan & { last(): NoncomplianceReplicate; analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown> };

/** An estimand's true value with its Monte Carlo error (0 when exact). */
export interface EstimandValue { value: number; mcse: number }
