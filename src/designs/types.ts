/**
 * The contract between a design and the rest of trialsim. A design is one
 * folder under src/designs/ exporting one `Design` (see ARCHITECTURE.md):
 *
 * - `schema`: its design section (a strict zod object whose `type` names it);
 * - `check`: cross-section checks that a schema alone cannot say;
 * - `prepare`: once, in the main thread, at validate time: everything
 *   expensive or able to refuse the scenario (calibration samples, population
 *   rates, Simon designs, reachability), returned as plain data that can be
 *   sent to worker threads;
 * - `plan`: in each worker, in milliseconds: the per-replicate simulator,
 *   a fixed layout of what each replicate reports (hypotheses tested,
 *   estimates, metrics such as sample sizes, warnings such as a model that did
 *   not converge) and a function that simulates one trial into flat arrays;
 * - `truth`, `describe`, `patients`, `patientsPerReplicate`: the true values,
 *   the design's own summary sections (in the shape its `sections` schema
 *   declares), one replicate's patients, and the workload estimate;
 * - `report`: its own report sections, reading those sections as parsed.
 *
 * Every random stream comes from the engine, by name; no design sees the
 * seed. The engine knows nothing else about designs, so a new design needs no
 * change to it.
 */
import type { z } from 'zod';
import type { ReplicateStreams, RunStreams } from '../random/stream.js';
import type { Scenario, DesignSection } from '../scenario/schema.js';
import type { ScenarioIssue } from '../scenario/errors.js';
import type { PatientTable } from '../population/export.js';
import type { ObservedTable } from '../scenario/observed.js';
import type { CancellationRowData } from '../stats/cancellation.js';

export type { PatientTable };

export interface HypothesisInfo {
  id: string;
  label: string;
  /** Groups hypotheses for family-wise summaries (e.g. "primary", "subgroup"). */
  family: string;
  /** The estimate whose true value decides whether this null hypothesis is true. */
  estimand?: string;
  /** Set when the design knows the truth directly (e.g. from input rates). */
  nullIsTrue?: boolean;
  /**
   * When the null is true, read from the estimand's true value: at zero
   * (the default: H0 effect = 0), or not above zero (`not-positive`: H0
   * "no advantage", as for "this arm is the best").
   */
  nullWhen?: 'zero' | 'not-positive';
  /**
   * Which direction of the estimand's true value is better for patients,
   * when the design says: then the family's truly best hypothesis is known
   * and the summary reports how often it is rejected and selected.
   */
  better?: 'higher' | 'lower';
  /**
   * The test rejects only for benefit (one-sided), so no rejection can be
   * for harm whatever the sign of a naive estimate: no wrong-direction count.
   */
  oneSided?: boolean;
  /**
   * The nominal level the hypothesis is tested at, as designed (its chance
   * of rejection when its null holds: a one-sided or two-sided alpha), when
   * the design has one per hypothesis; reports draw it as the reference line.
   */
  level?: number;
  /**
   * What the design reports of this hypothesis' test in each replicate
   * (the record's `statistic`, `pValue`, `adjustedP` and `look`), when it
   * reports them: replicates.csv gains their columns only for such
   * hypotheses, so a design that fills none gains no columns of NA.
   */
  test?: TestInfo;
}

/**
 * A hypothesis' test as the design makes it, in the words hypotheses.csv
 * and the docs use: the scale of its statistic, the sidedness of its
 * nominal p-value, and the adjustment its adjusted p-value comes from.
 */
export interface TestInfo {
  /** The statistic's scale, e.g. "z (pooled)", "log-rank z", "chi-square (1 df)"; absent when the test has none to report (e.g. Fisher's exact test). */
  statistic?: string;
  /** The nominal p-value: one-sided (for benefit) or two-sided, as the design tests. */
  sided: 'one' | 'two';
  /** Where an adjusted p-value is reported: the procedure it comes from (e.g. "holm", "closed combination test"). */
  adjusted?: string;
}

/** A choice a design makes each replicate among the hypotheses of one family (the arm taken forward, the winner). */
export interface SelectionInfo {
  id: string;
  label: string;
  family: string;
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

/**
 * A design's warnings declared by name, in slot order: `warnings` goes into
 * the layout, and the simulator raises `out.warning[slot.<name>]`.
 */
export function namedWarnings<K extends string>(byName: Record<K, WarningInfo>): { warnings: WarningInfo[]; slot: Record<K, number> } {
  const names = Object.keys(byName) as K[];
  return {
    warnings: names.map((k) => byName[k]),
    slot: Object.fromEntries(names.map((k, i) => [k, i])) as Record<K, number>,
  };
}

export interface ReplicateLayout {
  hypotheses: HypothesisInfo[];
  estimates: EstimateInfo[];
  metrics: MetricInfo[];
  warnings: WarningInfo[];
  /** Choices made each replicate (optional): the record's `selected` holds the chosen hypothesis's index, or -1. */
  selections?: SelectionInfo[];
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
  /** Per declared selection: the layout index of the hypothesis chosen, -1 if none. */
  selected: Int32Array;
  /**
   * Per hypothesis, its test as made in this replicate (read for the
   * hypotheses whose layout declares a `test`): the statistic on the scale
   * the design tests, the nominal p-value, the multiplicity-adjusted (or
   * stage-wise ordering, or combination) p-value, NaN where there is none,
   * and the look (analysis number, from 1) at which the decision was made,
   * 0 where there is none (e.g. an arm never tested).
   */
  statistic: Float64Array;
  pValue: Float64Array;
  adjustedP: Float64Array;
  look: Int32Array;
  /**
   * Whether anything reads the tests (a replicates.csv row is written, or an
   * analysis of observed data): when not, a design may skip those that cost
   * (stage-wise ordering or Dunnett adjusted p-values, which integrate). No
   * summary reads them, so skipping changes no number.
   */
  testsRead: boolean;
}

export function newRecord(layout: ReplicateLayout): ReplicateRecord {
  const e = layout.estimates.length, h = layout.hypotheses.length;
  return {
    rejected: new Uint8Array(h),
    estimate: new Float64Array(e),
    se: new Float64Array(e),
    lower: new Float64Array(e),
    upper: new Float64Array(e),
    metric: new Float64Array(layout.metrics.length),
    warning: new Uint8Array(layout.warnings.length),
    selected: new Int32Array(layout.selections?.length ?? 0).fill(-1),
    statistic: new Float64Array(h).fill(NaN),
    pValue: new Float64Array(h).fill(NaN),
    adjustedP: new Float64Array(h).fill(NaN),
    look: new Int32Array(h),
    testsRead: true,
  };
}

/**
 * The hypotheses whose tests a replicate reports (those declaring a
 * `test`), in layout order; cached per layout, as replicates.csv asks once
 * per replicate.
 */
const testedCache = new WeakMap<ReplicateLayout, Int32Array>();
export function reportedTests(layout: ReplicateLayout): Int32Array {
  let t = testedCache.get(layout);
  if (!t) testedCache.set(layout, (t = Int32Array.from(layout.hypotheses.flatMap((h, k) => (h.test ? [k] : [])))));
  return t;
}

/**
 * Clears the record's tests before a replicate, so a design that leaves a
 * hypothesis untested (an arm dropped before it) reports NA, not the
 * previous replicate's test, which would depend on how replicates were cut
 * into chunks.
 */
export function clearTests(out: ReplicateRecord): void {
  out.statistic.fill(NaN);
  out.pValue.fill(NaN);
  out.adjustedP.fill(NaN);
  out.look.fill(0);
}

/** Writes hypothesis k's test into the record (NaN for what it has not, look 0 for none). */
export function writeTest(out: ReplicateRecord, k: number, statistic: number, p: number, adjustedP: number, look: number): void {
  out.statistic[k] = statistic;
  out.pValue[k] = p;
  out.adjustedP[k] = adjustedP;
  out.look[k] = look;
}

/** The estimate columns of a record (or of a design's own results laid out the same way). */
export type EstimateColumns = Pick<ReplicateRecord, 'estimate' | 'se' | 'lower' | 'upper'>;

/** One estimate with its standard error and interval. */
export interface EstimateValues {
  estimate: number;
  se: number;
  lower: number;
  upper: number;
}

/** No estimate (e.g. an empty arm): NaN everywhere, which summaries count as missing. */
export const NO_ESTIMATE: EstimateValues = { estimate: NaN, se: NaN, lower: NaN, upper: NaN };

/** Writes one estimate into slot k. */
export function writeEstimate(out: EstimateColumns, k: number, e: EstimateValues): void {
  writeEstimateOf(out, k, e.estimate, e.se, e.lower, e.upper);
}

/** Writes one estimate given as numbers into slot k: no object per call, for estimates computed in the replicate loop. */
export function writeEstimateOf(out: EstimateColumns, k: number, estimate: number, se: number, lower: number, upper: number): void {
  out.estimate[k] = estimate;
  out.se[k] = se;
  out.lower[k] = lower;
  out.upper[k] = upper;
}

/** Copies slot j of `from` into slot k of `out`. */
export function copyEstimate(out: EstimateColumns, k: number, from: EstimateColumns, j: number): void {
  out.estimate[k] = from.estimate[j];
  out.se[k] = from.se[j];
  out.lower[k] = from.lower[j];
  out.upper[k] = from.upper[j];
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

/** The slots of the layout one part of an exact computation writes. */
export interface ExactSlots {
  hypotheses: readonly number[];
  estimates: readonly number[];
  metrics: readonly number[];
}

/**
 * The shares an exact computation's outcomes fall into: each outcome
 * belongs to one share, a function of the outcome alone, so the threads of
 * an exact run can each enumerate some shares and the shares' sums, merged
 * in share order, are the same for any number of threads (run/exact.ts).
 */
export const EXACT_SHARES = 64;

/**
 * A unit is one share of one part (part × EXACT_SHARES + share): the shares
 * [lo, hi) of part `part` among units from .. to - 1 (lo >= hi: none).
 */
export function partShares(part: number, from: number, to: number): [number, number] {
  return [Math.max(from - part * EXACT_SHARES, 0), Math.min(to - part * EXACT_SHARES, EXACT_SHARES)];
}

/** Part `part`'s units split into `jobs` runs of consecutive shares, [from, to) each. */
export function shareJobs(part: number, jobs: number): [number, number][] {
  const first = part * EXACT_SHARES;
  return Array.from({ length: jobs }, (_, i): [number, number] => [first + Math.round((i * EXACT_SHARES) / jobs), first + Math.round(((i + 1) * EXACT_SHARES) / jobs)]);
}

/**
 * One part of an exact computation (see `Design.exact`): it enumerates its
 * own outcomes and fills its own slots of the record; the parts of a design
 * fill disjoint slots that together cover its layout.
 */
export interface ExactPart extends ExactSlots {
  label: string;
  /** Outcomes it will visit (known, or bounded, before enumerating). */
  size: number;
  /**
   * Its outcomes cost far more to analyse than to enumerate (a model fitted
   * to each): an exact run on threads shares them out, each thread
   * enumerating every outcome and analysing its shares'. Without it the
   * part is one thread's job (enumerating it once per thread would cost
   * more than the analyses it shares out).
   */
  split?: boolean;
  /**
   * For each outcome: writes its slots of `out`, then calls `visit` with the
   * outcome's probability and its share (0 .. EXACT_SHARES - 1). With
   * `wanted`, outcomes of other shares are skipped before they are analysed
   * (a part should choose shares so that outcomes analysed alike, such as
   * the permutations of exchangeable baskets' counts, share a share).
   */
  enumerate(out: ReplicateRecord, visit: (probability: number, share: number) => void, wanted?: (share: number) => boolean): void;
}

/** A design's exact computation of a scenario, or why it has none. */
export type ExactComputation = { parts: ExactPart[] } | { unavailable: string };

/** A true value of an estimand, with its Monte Carlo error when it comes from a large virtual population. */
export interface TrueValue {
  value: number;
  mcse: number;
}

/** The design-specific extras of a summary (tables the engine does not compute). */
export type TruthTable = Record<string, TrueValue>;


/** The schema of a design section: a strict object whose `type` is a literal or an enum of literals. */
export type DesignSchema = z.ZodObject<{ type: z.ZodLiteral<string> | z.ZodEnum<Record<string, string>> } & z.ZodRawShape>;

/** The checked scenario of a design with section schema `S`. */
export type ScenarioFor<S extends DesignSchema> = Scenario<z.output<S> & DesignSection>;

/**
 * Sections any design may write whose meaning is the same for every design,
 * so the report draws them whichever design wrote them: `cancellation`
 * (rows of stats/cancellation.ts) and `notes` (sentences on the estimates,
 * e.g. naive inference after early stopping). A design's sections schema
 * that declares one of them must agree with these shapes (a compile error
 * otherwise).
 */
export type CommonSections = {
  cancellation?: readonly CancellationRowData[];
  notes?: readonly string[];
};

/**
 * The schema of a design's own summary sections (what `describe` returns):
 * a strict zod object, every key `.describe()`d, in the design's
 * `sections.ts`. summary.json's schema is the fixed parts, the shared
 * sections and, per design, these.
 */
export type SectionsSchema = z.ZodObject<z.ZodRawShape> & z.ZodType<CommonSections>;

/**
 * What a design's report sections read of a run's summary besides the
 * design's own sections: the fixed parts, as summary.json's schema
 * (src/summary/schema.ts, a layer above) reads them.
 */
export interface SummaryView {
  replicates: number;
  method?: 'exact';
  metrics: { id: string; label: string; unit?: string; mean: number; sd: number; min: number; max: number }[];
  estimates: {
    id: string; label: string; mean: number | null; empiricalSe: number | null;
    truth: number | null; bias: number | null; biasMcse: number | null; coverage: number | null;
    /** Empirical quantiles of a simulated estimate (absent from an exact summary). */
    quantiles?: { p2_5: number; p25: number; p50: number; p75: number; p97_5: number };
  }[];
  hypotheses: { id: string; rate: number; mcse: number; trueEffect: number | null }[];
  families?: {
    best: { id: string } | null;
    selections: { id: string; chosen: { id: string; rate: number }[]; none: { rate: number } }[];
  }[];
}

/** A run's summary as a design's report sections see it: the fixed parts and the design's own sections, parsed by their schemas. */
export type DesignSummary<Sections extends SectionsSchema> = SummaryView & z.output<Sections>;

/** A titled section of the HTML report, drawn from a run's summary (`Own`: the design's parsed sections); null when the summary has nothing for it. */
export interface ReportSection<Own = unknown> {
  title: string;
  html(summary: SummaryView & Own): string | null;
  /** The same section as Markdown for a protocol (GitHub pipe tables, no HTML); optional. */
  markdown?(summary: SummaryView & Own): string | null;
}

export interface Design<S extends DesignSchema = DesignSchema, Prepared = unknown, Sections extends SectionsSchema = SectionsSchema> {
  /** The design section's schema; its `type` values name the design. */
  schema: S;
  /** The schema of the summary sections `describe` returns (its `sections.ts`). */
  sections: Sections;
  /** Cross-section checks (population, endpoint, arms against the design); run after the schema has passed. */
  check(s: ScenarioFor<S>): ScenarioIssue[];
  /**
   * Once per scenario, in the main thread, at validate time: the expensive
   * facts every worker needs, as plain data (structured-clone safe). Throws
   * `ScenarioRefusal` (with key paths) for a scenario that cannot run.
   */
  prepare(s: ScenarioFor<S>, streams: RunStreams): Prepared;
  /** In each worker: the per-replicate simulator, cheap. */
  plan(s: ScenarioFor<S>, prepared: Prepared): SimulationPlan;
  /** Once per run: the true value of every estimate, keyed by estimate id. */
  truth(s: ScenarioFor<S>, prepared: Prepared, streams: RunStreams): TruthTable;
  /** The design's own summary sections, computed from the truth (e.g. cancellation), in the shape `sections` declares. */
  describe(s: ScenarioFor<S>, prepared: Prepared, truth: TruthTable): z.input<Sections>;
  /** The patients of one replicate with their potential outcomes, exactly as analysed. */
  patients?(s: ScenarioFor<S>, prepared: Prepared, streams: ReplicateStreams): PatientTable;
  /** Most patients one replicate simulates (for the workload estimate). */
  patientsPerReplicate(s: ScenarioFor<S>): number;
  /**
   * The smallest meaningful change of a numeric key (e.g. a whole block of a
   * permuted-block sample size), for sample-size searches; undefined where the
   * design has no opinion.
   */
  granularity?(s: ScenarioFor<S>, key: string): number | undefined;
  /** The design's own sections of the HTML report (after the power table), drawn from its summary sections as `sections` parses them. */
  report?: readonly ReportSection<z.output<Sections>>[];
  /**
   * Exact operating characteristics, where the outcomes can be enumerated
   * (`method: exact`): the parts that enumerate them, or why this scenario
   * cannot be computed exactly (then the run simulates). Called in the main
   * thread; constructing it is cheap, enumerating is the work.
   */
  exact?(s: ScenarioFor<S>, prepared: Prepared): ExactComputation;
  /**
   * The analysis the design would make of a trial's observed data (`trialsim
   * analyse`), written into `out` exactly as a simulated replicate's record;
   * returns design-specific details (posterior probabilities, stops). Bad
   * data throws a UserError naming line and column (scenario/observed.ts).
   */
  analyse?(s: ScenarioFor<S>, prepared: Prepared, data: ObservedTable, out: ReplicateRecord): Record<string, unknown>;
}

/** Declares a design, inferring its schema, prepared-data and sections types. */
export function defineDesign<S extends DesignSchema, Prepared, Sections extends SectionsSchema>(design: Design<S, Prepared, Sections>): Design<S, Prepared, Sections> {
  return design;
}
