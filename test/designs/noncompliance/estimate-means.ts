/**
 * The non-compliance tests' simulation loop: replicates 1..R of a design's
 * plan, and each estimate's mean with its Monte Carlo standard error (and
 * each replicate's record to `onRecord`, for metrics).
 */
import { noncomplianceDesign } from '../../../src/designs/noncompliance/index.js';
import { newRecord, type ReplicateRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { meanMcse } from '../../helpers/mcse.js';
import type { TestScenario } from '../../helpers/scenarios.js';

export type EstimateMean = (id: string) => { m: number; mcse: number };

export function estimateMeans(loaded: TestScenario, seed: number, R: number, onRecord: (r: ReplicateRecord) => void = () => {}): EstimateMean {
  const plan = noncomplianceDesign.plan(loaded.spec, loaded.prepared.data);
  const record = newRecord(plan.layout);
  const K = plan.layout.estimates.length, sums = new Float64Array(K), squares = new Float64Array(K);
  for (let r = 1; r <= R; r++) {
    plan.simulate(new ReplicateStreams(seed, r), record);
    record.estimate.forEach((x, k) => { sums[k] += x; squares[k] += x * x; });
    onRecord(record);
  }
  return (id) => {
    const k = plan.layout.estimates.findIndex((e) => e.id === id), m = sums[k] / R;
    return { m, mcse: meanMcse(Math.sqrt(squares[k] / R - m * m), R) };
  };
}
