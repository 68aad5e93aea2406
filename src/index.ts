/**
 * trialsim as a library: the pipeline the CLI runs, the design contract,
 * and the statistics a methodologist may reuse on their own data.
 *
 *   import { loadScenario, runScenario } from 'trialsim';
 *   const loaded = loadScenario('scenarios/flagship/two-arm-binary.yaml', { replicates: 2000 });
 *   const { summary } = await simulate(loaded);          // in memory
 *   const { path } = await runScenario(loaded, { out: 'results' });  // with checkpoint, files, reports
 */

import { runScenario as runScenarioCore, type RunScenarioOptions, type RunScenarioResult } from './run/run-scenario.js';
import { writeReport } from './report/write-report.js';
import type { LoadedScenario } from './run/scenario.js';

// The pipeline: load (parse, check, prepare) -> simulate or run -> report
export { loadScenario, setupScenario, scenarioFromSpec, validate, type LoadedScenario, type ScenarioOverrides, type PreparedDesign, type Validation } from './run/scenario.js';
export { simulate, summariseStates, describeScenario, type Simulation } from './run/simulate.js';
export { RunInterrupted, type RunScenarioOptions, type RunScenarioResult, type ReportWriter } from './run/run-scenario.js';
export { runCompare as compare, type CompareOptions, type CompareResult } from './compare/compare.js';
export { runSweep as sweep, type SweepOptions, type SweepResult } from './compare/sweep.js';
export { runSolve as solveSampleSize, type SolveRequest, type SolveReport } from './compare/solve-run.js';
export { parseVariations, type Variation } from './compare/values.js';
export { writeReport, runReportHtml, summaryMarkdown, compareMarkdown, readSummary, readWrittenSummary, type ReportSummary } from './report/write-report.js';
export { summarySchema, summaryJsonSchema } from './run/summary-schema.js';

/** A run with checkpoint, resume, shards and its results folder, with report.html and summary.md unless `reports` says otherwise. */
export function runScenario(loaded: LoadedScenario, options: RunScenarioOptions = {}): Promise<RunScenarioResult> {
  return runScenarioCore(loaded, { reports: writeReport, ...options });
}
export { formatSummary } from './report/table.js';
export type { Summary, HypothesisSummary, EstimateSummary, MetricSummary } from './summary/summarise.js';

// Threads, shards and errors
export { WorkerPool, WorkerFailure, Interrupted, defaultWorkers, type RunOptions } from './run/pool.js';
export { shardRange, checkPartials, type PartialResult } from './run/partial.js';
export { UserError, ScenarioError, ScenarioRefusal, type ScenarioIssue, type ErrorKind } from './scenario/errors.js';

// Scenarios and designs
export { scenarioSchema, designSchema, designFor, designTypes, type DesignSpec, type ScenarioInput } from './designs/registry.js';
export { scenarioJsonSchema } from './designs/json-schema.js';
export type { Scenario, ScenarioSections } from './scenario/schema.js';
export {
  defineDesign, newRecord, writeTest,
  type Design, type DesignSchema, type SectionsSchema, type ReportSection, type SummaryView, type DesignSummary, type CommonSections, type SimulationPlan, type ReplicateLayout, type ReplicateRecord, type TestInfo, type TruthTable, type TrueValue, type PatientTable,
} from './designs/types.js';
export { ReplicateStreams, runStreams, stream, type RandomSource, type RunStreams } from './random/stream.js';

// Statistics: two-group tests and intervals
export { pooledZTest, unpooledZTest, chiSquareTest, riskDifference, logOddsRatio, waldInterval, confidenceLevel, type TestResult, type Estimate, type Confidence } from './stats/proportions.js';
export { fisherExactTest } from './stats/fisher.js';
export { welchTTest, studentTTest, type ArmSummary, type TTestResult } from './stats/t-tests.js';
export { logRankTest, type LogRankResult } from './stats/logrank.js';
export { wilsonInterval } from './stats/wilson.js';
export { exactRejectionProbability, exactPooledZRejectionProbability, tTestRejectionProbability, welchTPower } from './stats/exact-power.js';
export { cancellation, type CancellationInput, type CancellationRow } from './stats/cancellation.js';

// Statistics: multiplicity, group-sequential boundaries, regression, basket borrowing
export * as multiplicity from './stats/multiplicity/index.js';
export * as groupSequential from './stats/group-sequential/index.js';
export * as regression from './stats/regression/index.js';
export * as basket from './stats/basket/index.js';
