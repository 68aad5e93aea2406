/**
 * The contract between a design and the engine. A design turns a checked
 * scenario into a simulation plan: a fixed layout of what each replicate
 * reports (hypotheses tested, estimates, metrics such as sample sizes, and
 * warnings such as a model that did not converge) and a function that
 * simulates one trial from a random source into flat arrays. The engine knows
 * nothing else about designs, so a new design needs no change to it.
 */
import type { ReplicateStreams } from '../random/stream.js';
import type { Scenario } from '../scenario/schema.js';

export interface HypothesisInfo {
  id: string;
  label: string;
  /** Groups hypotheses for family-wise summaries (e.g. "primary", "subgroup"). */
  family: string;
  /** The estimate whose true value decides whether this null hypothesis is true. */
  estimand?: string;
  /** Set when the design knows the truth directly (e.g. from input rates). */
  nullIsTrue?: boolean;
}

export interface EstimateInfo {
  id: string;
  label: string;
  /** Scale in words, e.g. "risk difference", "log odds ratio". */
  scale: string;
}

export interface MetricInfo {
  id: string;
  label: string;
  unit?: string;
}

export interface WarningInfo {
  id: string;
  label: string;
}

export interface ReplicateLayout {
  hypotheses: HypothesisInfo[];
  estimates: EstimateInfo[];
  metrics: MetricInfo[];
  warnings: WarningInfo[];
}

/** One replicate's results, written in place into arrays sized by the layout. */
export interface ReplicateRecord {
  rejected: Uint8Array;
  estimate: Float64Array;
  se: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  metric: Float64Array;
  warning: Uint8Array;
}

export function newRecord(layout: ReplicateLayout): ReplicateRecord {
  const e = layout.estimates.length;
  return {
    rejected: new Uint8Array(layout.hypotheses.length),
    estimate: new Float64Array(e),
    se: new Float64Array(e),
    lower: new Float64Array(e),
    upper: new Float64Array(e),
    metric: new Float64Array(layout.metrics.length),
    warning: new Uint8Array(layout.warnings.length),
  };
}

export interface SimulationPlan {
  layout: ReplicateLayout;
  /**
   * Simulates one trial; must draw randomness from `streams` only: patients
   * (biomarkers, potential outcomes) from `streams.patients`, randomisation and
   * other design choices from `streams.allocation`, so that designs sharing a
   * population see the same patients (common random numbers).
   */
  simulate(streams: ReplicateStreams, out: ReplicateRecord): void;
}

/** A true value of an estimand, with its Monte Carlo error when it comes from a large virtual population. */
export interface TrueValue {
  value: number;
  mcse: number;
}

/** The design-specific extras of a summary (tables the engine does not compute). */
export type TruthTable = Record<string, TrueValue>;

/** A patient-level data set of one replicate, exactly as analysed. */
export interface PatientTable {
  columns: string[];
  rows: (string | number)[][];
}

export interface Design {
  types: readonly string[];
  /** Cheap: build the per-replicate simulator (run in every worker). */
  plan(scenario: Scenario): SimulationPlan;
  /** Expensive, once per run: the true value of every estimate, keyed by estimate id. */
  truth(scenario: Scenario): TruthTable;
  /** The patients of one replicate with their potential outcomes. */
  patients?(scenario: Scenario, streams: ReplicateStreams): PatientTable;
  /** Extra summary sections computed from the truth (e.g. cancellation). */
  describe?(scenario: Scenario, truth: TruthTable): Record<string, unknown>;
}
