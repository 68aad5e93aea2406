/**
 * The estimators of the non-compliance design equal R on an exported
 * replicate (test/fixtures/noncompliance-iv.R): lm for ITT, as-treated and
 * per-protocol, AER::ivreg for the Wald ratio and 2SLS with a covariate, and
 * the first-stage F.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { noncomplianceDesign } from '../../../src/designs/noncompliance/index.js';
import { twoStageLeastSquares } from '../../../src/stats/regression/iv.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { scenarioFile } from '../../helpers/scenarios.js';

type Fit = { estimate: number; se: number; df: number };
const fixture = JSON.parse(readFileSync('test/fixtures/noncompliance-iv.json', 'utf8')) as Record<string, Fit> & { firstStageF: number };
const close = (got: number, want: number, tol: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want)));

describe('non-compliance estimators against R (lm, AER::ivreg) on an exported replicate', () => {
  it('2SLS on the exported patients equals ivreg to 1e-10, and its first-stage F equals lm\'s t squared', () => {
    const [, ...lines] = readFileSync('test/fixtures/noncompliance-replicate.csv', 'utf8').trim().split('\n');
    const rows = lines.map((l) => l.split(',').map(Number));
    const column = (j: number) => Float64Array.from(rows, (r) => r[j]);
    const n = rows.length;
    const columns = [new Float64Array(n).fill(1), column(3), column(2), column(1)];
    const base = { n, columns, y: column(4), target: 1, excluded: [1] };
    const wald = twoStageLeastSquares({ ...base, regressors: [0, 1], instruments: [0, 2] });
    const tsls = twoStageLeastSquares({ ...base, regressors: [0, 1, 3], instruments: [0, 2, 3] });
    for (const [got, want] of [[wald, fixture['iv-wald']], [tsls, fixture['iv-2sls']]] as const) {
      close(got.estimate, want.estimate, 1e-10);
      close(got.se, want.se, 1e-10);
      expect(got.df).toBe(want.df);
    }
    close(wald.firstStageF, fixture.firstStageF, 1e-9);
  });

  it('the simulator\'s record of that replicate equals R for every estimator, to 1e-9', () => {
    const loaded = scenarioFile('scenarios/noncompliance/selection-on-gains.yaml');
    const plan = noncomplianceDesign.plan(loaded.spec, loaded.prepared.data);
    const record = newRecord(plan.layout);
    plan.simulate(new ReplicateStreams(loaded.spec.seed, 1), record);
    plan.layout.estimates.forEach((e, k) => {
      close(record.estimate[k], fixture[e.id].estimate, 1e-9);
      close(record.se[k], fixture[e.id].se, 1e-9);
    });
    expect(plan.layout.estimates.map((e) => e.id)).toEqual(['itt', 'as-treated', 'per-protocol', 'iv-wald', 'iv-2sls']);
    close(record.metric[plan.layout.metrics.findIndex((m) => m.id === 'first-stage-F')], fixture.firstStageF, 1e-9);
  });
});
