/**
 * Runs the sample-size search on a scenario: each evaluation is the scenario
 * with the key set to a value, re-checked, and simulated on replicate numbers
 * no other evaluation uses (all from the same seed), so evaluations are
 * independent yet the whole search is reproducible from the seed.
 */
import type { LoadedScenario } from '../run/scenario.js';
import type { Scenario } from '../scenario/schema.js';
import { runReplicates, WorkerPool, defaultWorkers } from '../run/pool.js';
import { designFor } from '../designs/registry.js';
import { UserError } from '../scenario/errors.js';
import { VERSION } from '../version.js';
import { getPath } from './key-path.js';
import { headlineFamily } from './quantities.js';
import { scenarioVariant } from './variant.js';
import { solveSampleSize, type Scale, type SolveResult } from './solve.js';

export const SOLVE_SCHEMA = 'trialsim-solve/1';

export interface SolveRequest {
  key: string;
  target: number;
  hypothesis?: string;
  range?: [number, number];
  step?: number;
  scale?: Scale;
  tolerance?: number;
  initialReplicates?: number;
  budget?: number;
  confirmReplicates?: number;
  seed?: number;
  workers?: number;
  chunkSize?: number;
}

export interface SolveReport extends SolveResult {
  schema: typeof SOLVE_SCHEMA;
  trialsim: string;
  scenario: { name: string; file: string; hash: string; design: string };
  seed: number;
  key: string;
  hypothesis: { id: string; label: string };
}

/** The design's granularity for a key (e.g. a whole permuted block), else 1 for whole numbers. */
export function defaultStep(spec: Scenario, key: string): number | undefined {
  const current = getPath(spec, key);
  if (typeof current !== 'number') return undefined;
  return designFor(spec.design.type).granularity?.(spec, key) ?? (Number.isInteger(current) ? 1 : undefined);
}

/** Power against a count of patients or events is a probit line in its square root; against an effect, in the effect itself. */
export function defaultScale(key: string): Scale {
  return /(size|patients|events|^n)$/i.test(key.split('.').pop() ?? '') ? 'sqrt' : 'linear';
}

export async function runSolve(base: LoadedScenario, req: SolveRequest): Promise<SolveReport> {
  const current = getPath(base.spec, req.key);
  if (typeof current !== 'number') throw new UserError(`--solve ${req.key}: expected a numeric scenario key, found ${current === undefined ? 'no such key' : JSON.stringify(current)}`);
  const step = req.step ?? defaultStep(base.spec, req.key);
  if (step === undefined) throw new UserError(`--solve ${req.key}: the key is not a whole number, so give its granularity with --step`);
  if (!(step > 0)) throw new UserError(`--step: expected a positive number, found ${step}`);
  const range = req.range ?? [step, Math.max(step, 10 * current)];
  const scale = req.scale ?? defaultScale(req.key);
  if (scale !== 'linear' && range[0] <= 0) throw new UserError(`--range: a ${scale} scale needs a positive start, found ${range[0]}`);
  const seed = req.seed ?? base.spec.seed;
  const layout = scenarioVariant(base, {}, { seed }).prepared.layout;
  const hypotheses = layout.hypotheses;
  const h = req.hypothesis === undefined ? Math.max(0, hypotheses.findIndex((x) => x.family === headlineFamily(hypotheses))) : hypotheses.findIndex((x) => x.id === req.hypothesis);
  if (h < 0) throw new UserError(`--hypothesis: expected one of ${hypotheses.map((x) => x.id).join(', ')}, found "${req.hypothesis}"`);
  const id = hypotheses[h].id;
  let next = 1;
  // One pool of threads for every step of the search.
  const pool = req.workers === 0 ? undefined : new WorkerPool(req.workers ?? defaultWorkers());
  const result = await solveSampleSize({
    from: range[0], to: range[1], step, target: req.target, scale,
    initialReplicates: req.initialReplicates ?? 500,
    budget: req.budget ?? 100_000,
    tolerance: req.tolerance,
    confirmReplicates: req.confirmReplicates ?? base.spec.replicates,
  }, async (value, replicates) => {
    const variant = scenarioVariant(base, { [req.key]: value }, { seed });
    const k = variant.prepared.layout.hypotheses.findIndex((x) => x.id === id);
    if (k < 0) throw new UserError(`--hypothesis ${id}: not reported by the design at ${req.key}=${value}`);
    const range: [number, number] = [next, next + replicates];
    next += replicates;
    const acc = await runReplicates(variant, layout.estimates.map(() => NaN), { range, workers: req.workers, pool, chunkSize: req.chunkSize });
    return { rejections: acc.rejections[k], replicates: acc.replicates };
  }).finally(() => pool?.close());
  return {
    schema: SOLVE_SCHEMA,
    trialsim: VERSION,
    scenario: { name: base.spec.name, file: base.file, hash: base.hash, design: base.spec.design.type },
    seed,
    key: req.key,
    hypothesis: { id, label: hypotheses[h].label },
    ...result,
  };
}
