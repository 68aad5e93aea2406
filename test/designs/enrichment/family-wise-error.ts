/**
 * The family-wise error of an enrichment scenario, simulated directly
 * through the design's plan: the share of R trials rejecting at least one
 * population's hypothesis (the `populations` family). Shared by the null
 * tests of continuous and time-to-event enrichment.
 */
import { enrichmentDesign } from '../../../src/designs/enrichment/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import type { scenario } from '../../helpers/scenarios.js';

export function familyWiseError(loaded: ReturnType<typeof scenario>, R: number): number {
  const plan = enrichmentDesign.plan(loaded.spec, null);
  const rec = newRecord(plan.layout);
  // Only rejections are counted: skip the reported tests' stage-wise adjusted p-values (integrals, half the time), as a run without rows does.
  rec.testsRead = false;
  const G = plan.layout.hypotheses.filter((h) => h.family === 'populations').length;
  let any = 0;
  for (let r = 1; r <= R; r++) {
    plan.simulate(new ReplicateStreams(loaded.spec.seed, r), rec);
    for (let g = 0; g < G; g++) if (rec.rejected[g] === 1) { any++; break; }
  }
  return any / R;
}
