/**
 * Refuses absurd workloads at validate time, before anything expensive
 * starts (the design's preparation included): a run whose
 * patient-replicates would take days at a conservative throughput, or a
 * virtual population for the true effects that would take minutes to draw.
 * Each refusal gives the figure, the limit, and the override (`--force`, or
 * `force: true` in the library).
 */
import { availableCores } from '../util/cores.js';
import { designFor } from '../designs/registry.js';
import type { Scenario } from '../scenario/schema.js';
import type { ScenarioIssue } from '../scenario/errors.js';

/** Virtual patients per second per core assumed by the estimate (well below measured speed). */
export const ASSUMED_PATIENTS_PER_SECOND = 2e6;
/** Above this estimated run time (seconds) a run is refused without --force. */
export const MAX_SECONDS = 24 * 3600;
/** Above this many virtual patients for the true effects, preparing and describing a run takes minutes: refused without --force. */
export const MAX_TRUTH_PATIENTS = 1e8;

/** Patients simulated per replicate, as the design counts them. */
export function patientsPerReplicate(spec: Scenario): number {
  return Math.max(1, designFor(spec.design.type).patientsPerReplicate(spec));
}

/** The run's seconds at the assumed (conservative) throughput on `workers` cores: an upper guide, not a forecast. */
export function estimatedSeconds(spec: Scenario, workers: number): number {
  return (patientsPerReplicate(spec) * spec.replicates) / (ASSUMED_PATIENTS_PER_SECOND * Math.max(1, workers));
}

/** The workload's refusals (empty when it is within the limits). */
export function workloadIssues(spec: Scenario, workers = availableCores()): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const perReplicate = patientsPerReplicate(spec);
  const patients = perReplicate * spec.replicates;
  const cores = Math.max(1, workers);
  const seconds = estimatedSeconds(spec, cores);
  if (seconds > MAX_SECONDS) {
    issues.push({
      path: ['replicates'],
      message: `refusing to start: ${patients.toExponential(2)} patient-replicates (${spec.replicates} replicates x ${perReplicate} patients) ` +
        `would take about ${(seconds / 86400).toFixed(0)} days at ${ASSUMED_PATIENTS_PER_SECOND.toExponential(0)} patients/s per core on ${cores} workers ` +
        `(limit ${MAX_SECONDS / 3600} hours). Lower --replicates, split it over a cluster with \`trialsim slurm\`, or pass --force to run anyway.`,
    });
  }
  if (spec.truth.patients > MAX_TRUTH_PATIENTS) {
    issues.push({
      path: ['truth', 'patients'],
      message: `refusing to start: ${spec.truth.patients.toExponential(2)} virtual patients for the true effects is above the limit of ${MAX_TRUTH_PATIENTS.toExponential(0)} ` +
        '(the true effects\' Monte Carlo error shrinks as 1/sqrt(patients); 1e6 gives about 0.001 on a probability). Lower truth.patients, or pass --force to run anyway.',
    });
  }
  return issues;
}
