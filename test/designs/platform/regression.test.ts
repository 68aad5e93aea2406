/**
 * The platform analyses equal R's lm and glm (binomial) with a period
 * factor on exported replicates (test/fixtures/platform-regression.R):
 * first fitted here on the exported CSV, then as the simulator records them
 * for the same replicate.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { platformCells, addOutcome, PlatformAnalyser } from '../../../src/designs/platform/analysis.js';
import { SplineAnalyser } from '../../../src/designs/platform/spline.js';
import { cellMethods as analysisMethods, type AnalysisMethod } from '../../../src/designs/platform/schema.js';
import { platformDesign } from '../../../src/designs/platform/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { scenarioFile } from '../../helpers/scenarios.js';

interface RFit { estimate: number; se: number; df: number | null; patients: number }
type Fixture = Record<'continuous' | 'binary' | 'survival', Record<string, Record<AnalysisMethod, RFit>>>;
const fixture = JSON.parse(readFileSync('test/fixtures/platform-regression.json', 'utf8')) as Fixture;

function readReplicate(set: string) {
  const [, ...lines] = readFileSync(`test/fixtures/platform-${set}.csv`, 'utf8').trim().split('\n');
  return lines.map((l) => { const [, arm, time, period, outcome] = l.split(','); return { arm, time: Number(time), period: Number(period) - 1, outcome: Number(outcome) }; });
}

const close = (got: number, want: number, tol: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want)));

describe.each(['continuous', 'binary'] as const)('platform analyses on the exported %s replicate', (set) => {
  const rows = readReplicate(set);
  const arms = ['control', ...Object.keys(fixture[set])];
  const periods = Math.max(...rows.map((r) => r.period)) + 1;

  // glm stops on the deviance's relative change (epsilon 1e-14 in the script), which leaves ~1e-9 in its coefficients; lm is exact.
  const tol = set === 'binary' ? 1e-8 : 1e-10;

  it('equal R fitted to the exported patients (lm to 1e-10, glm to its own convergence, 1e-8)', () => {
    const cells = platformCells(arms.length, 0, periods);
    for (const r of rows) addOutcome(cells, r.period, arms.indexOf(r.arm), r.outcome);
    const analyser = new PlatformAnalyser(cells, periods, set === 'binary');
    for (const [arm, fits] of Object.entries(fixture[set])) {
      const mine = rows.filter((r) => r.arm === arm).map((r) => r.period);
      for (const method of analysisMethods) {
        const got = analyser.compare(method, arms.indexOf(arm), Math.min(...mine), Math.max(...mine));
        const want = fits[method];
        expect(got.status).toBe('ok');
        close(got.estimate, want.estimate, tol);
        close(got.se, want.se, tol);
        if (want.df !== null) expect(got.df).toBe(want.df);
      }
    }
  });

  it('the calendar-time spline equals R\'s bs() regression patient by patient (same column space)', () => {
    const spline = new SplineAnalyser(arms.length, 0, periods, set === 'binary', arms.map(() => [true]));
    const columns = {
      n: rows.length, arm: Int32Array.from(rows, (r) => arms.indexOf(r.arm)), time: Float64Array.from(rows, (r) => r.time),
      period: Int32Array.from(rows, (r) => r.period), outcome: Float64Array.from(rows, (r) => r.outcome), cls: null,
    };
    for (const [arm, fits] of Object.entries(fixture[set])) {
      const last = Math.max(...rows.filter((r) => r.arm === arm).map((r) => r.period));
      const got = spline.compare(columns, arms.indexOf(arm), last);
      const want = fits['calendar-spline'];
      expect(got.status).toBe('ok');
      close(got.estimate, want.estimate, set === 'binary' ? 1e-7 : 1e-8);
      close(got.se, want.se, set === 'binary' ? 1e-7 : 1e-8);
      if (want.df !== null) expect(got.df).toBe(want.df);
    }
  });

  it('equal R as the simulator records them for that replicate, to 1e-6', () => {
    const loaded = scenarioFile(`test/fixtures/platform-${set}.yaml`);
    const plan = platformDesign.plan(loaded.spec, null);
    const record = newRecord(plan.layout);
    plan.simulate(new ReplicateStreams(loaded.spec.seed, 1), record);
    let checked = 0;
    plan.layout.estimates.forEach((e, j) => {
      const [arm, method] = e.id.split(':') as [string, AnalysisMethod];
      close(record.estimate[j], fixture[set][arm][method].estimate, 1e-6);
      close(record.se[j], fixture[set][arm][method].se, 1e-6);
      checked++;
    });
    expect(checked).toBe(5 * (arms.length - 1));
  });
});

describe('platform time-to-event analyses on the exported replicate', () => {
  it('every Cox analysis the simulator records equals R\'s coxph (Efron) on the exported patients, to 1e-6', () => {
    const loaded = scenarioFile('test/fixtures/platform-survival.yaml');
    const plan = platformDesign.plan(loaded.spec, null);
    const record = newRecord(plan.layout);
    plan.simulate(new ReplicateStreams(loaded.spec.seed, 1), record);
    plan.layout.estimates.forEach((e, j) => {
      const [arm, method] = e.id.split(':') as [string, AnalysisMethod];
      close(record.estimate[j], fixture.survival[arm][method].estimate, 1e-6);
      close(record.se[j], fixture.survival[arm][method].se, 1e-6);
    });
    expect(plan.layout.estimates).toHaveLength(15);
    expect(plan.layout.estimates[0].id).toBe('drugA:concurrent');
  });
});
