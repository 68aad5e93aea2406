/**
 * Refuses absurd workloads before any work starts: a run whose
 * patient-replicates would take days or whose results would not fit in
 * memory. The estimate uses a conservative throughput per core; `--force`
 * overrides.
 */
import type { LoadedScenario } from '../run/scenario.js';
import { UserError } from '../scenario/errors.js';
import { designFor } from '../designs/registry.js';

/** Virtual patients per second per core assumed by the estimate (well below measured speed). */
export const ASSUMED_PATIENTS_PER_SECOND = 2e6;
/** Above this estimated run time (seconds) a run is refused without --force. */
export const MAX_SECONDS = 24 * 3600;

/** Patients simulated per replicate, as the design counts them. */
export function patientsPerReplicate(loaded: LoadedScenario): number {
  return Math.max(1, designFor(loaded.spec.design.type).patientsPerReplicate(loaded.spec));
}

export function checkWorkload(loaded: LoadedScenario, options: { workers: number; force: boolean }): void {
  const patients = patientsPerReplicate(loaded) * loaded.spec.replicates;
  const seconds = patients / (ASSUMED_PATIENTS_PER_SECOND * Math.max(1, options.workers));
  if (seconds <= MAX_SECONDS || options.force) return;
  const days = seconds / 86400;
  throw new UserError(
    `${loaded.file}: refusing to start: ${patients.toExponential(2)} patient-replicates ` +
    `(${loaded.spec.replicates} replicates x ${patientsPerReplicate(loaded)} patients) would take about ${days.toFixed(0)} days ` +
    `at ${ASSUMED_PATIENTS_PER_SECOND.toExponential(0)} patients/s per core on ${Math.max(1, options.workers)} workers. ` +
    'Lower --replicates, split it over a cluster with `trialsim slurm`, or pass --force to run anyway.',
  );
}
