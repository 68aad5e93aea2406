/**
 * Double programming of the per-replicate regression models: the design's
 * analysis of a replicate agrees with (1) R's glm and coxph on an exported
 * replicate (fixture from test/fixtures/heterogeneity-glm.R) and (2) the
 * regression module called directly on the patients `design.patients()`
 * exports for the same replicate, with the model matrix built by
 * `buildDesignMatrix` from the exported columns.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildDesignMatrix, fitCox, fitLinear, fitLogistic, coxLRTest, logisticLRTest, linearLRTest, linearCombination,
  type CoefficientTable, type DesignTerm, type ModelMatrix,
} from '../../../src/stats/regression/index.js';
import { parallelDesign } from '../../../src/designs/parallel/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { fillModelMatrix, fitModel, waldP } from '../../../src/designs/parallel/model-analysis.js';
import { resolveModels } from '../../../src/designs/parallel/model-setup.js';
import { parallelSetup } from '../../../src/designs/parallel/setup.js';
import type { ParallelScenario } from '../../../src/designs/parallel/schema.js';
import type { PatientTable } from '../../../src/designs/types.js';
import { dropColumns, likelihoodRatioTest } from '../../../src/stats/regression/index.js';
import { ROOT, flagship, readTable, cohortFromTable, modelRun, reader } from './helpers.js';
import { scenario } from '../../helpers/scenarios.js';

interface RCase { estimates: Record<string, { estimate: number; se: number; lower: number; upper: number }>; p: Record<string, number> }
const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/heterogeneity-glm.json'), 'utf8')) as Record<'logistic' | 'cox', RCase>;
const close = (a: number, b: number, rel = 1e-6) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

describe.each([
  ['logistic', 'flagship/interaction-logistic.yaml', 'heterogeneity-logistic.csv'],
  ['cox', 'flagship/radiomic-feature.yaml', 'heterogeneity-cox.csv'],
] as const)('the %s model of an exported replicate agrees with R', (kind, file, csv) => {
  const s = flagship(file).spec;
  const table = readTable(join(ROOT, 'test/fixtures', csv));
  const cohort = cohortFromTable(s, table);
  const run = modelRun(s, cohort.n);
  const read = reader(run.layout, run.analyse(cohort));
  const R = fixture[kind];

  it('estimates, standard errors and 95% intervals to 1e-6', () => {
    for (const [id, r] of Object.entries(R.estimates)) {
      const e = read.estimate(id);
      close(e.estimate, r.estimate); close(e.se, r.se); close(e.lower, r.lower); close(e.upper, r.upper);
    }
  });

  it('Wald and likelihood-ratio p-values to 1e-6, and the decisions they imply', () => {
    const model = resolveModels(s, parallelSetup(s))[0];
    const slot = run.slots[0];
    const n = cohort.n;
    const rows = { patient: Int32Array.from({ length: n }, (_, i) => i), treated: Uint8Array.from(cohort.arm.subarray(0, n)), n };
    const design = fillModelMatrix(model, cohort, rows, new Float64Array(n * model.p));
    const fit = fitModel(model, design, cohort.outcome.subarray(0, n), cohort.event.subarray(0, n)) as CoefficientTable;
    for (const [id, p] of Object.entries(R.p)) {
      const [, test, kindOfTest] = id.split('|');
      const biomarker = test.split(':')[1];
      const term = model.terms.find((t) => t.id === biomarker)!;
      const mine = kindOfTest === 'lr'
        ? (likelihoodRatioTest(fit, fitModel(model, dropColumns(design, term.interaction), cohort.outcome.subarray(0, n), cohort.event.subarray(0, n))) as { pValue: number }).pValue
        : waldP(model, fit, test.startsWith('main') ? term.main : term.interaction);
      close(mine, p);
      expect(read.rejected(id)).toBe(p < 0.05 ? 1 : 0);
    }
    expect(slot.model.id).toBe(kind === 'logistic' ? 'hte' : 'cox');
  });
});

/** The model of a scenario, rebuilt from an exported table with the regression module alone. */
function direct(s: ParallelScenario, t: PatientTable) {
  const m = s.design.analysis.models[0];
  const col = (name: string) => t.columns.indexOf(name);
  const markers = s.population.biomarkers;
  const control = Object.keys(s.arms!)[0];
  const terms: DesignTerm[] = [...m.biomarkers, ...m.adjust].map((id) => {
    const b = markers.find((x) => x.id === id)!;
    const levels = b.type === 'categorical' ? Object.keys(b.levels) : [];
    return {
      name: id, kind: b.type, levels: levels.length || undefined, levelNames: levels,
      values: t.rows.map((r) => (b.type === 'categorical' ? levels.indexOf(String(r[col(id)])) : Number(r[col(id)]))),
      interactsWithTreatment: m.biomarkers.includes(id) && (m.interactions ?? m.biomarkers).includes(id),
    };
  });
  const type = s.endpoint!.type;
  const design = buildDesignMatrix({ treatment: t.rows.map((r) => (r[col('arm')] === control ? 0 : 1)), terms, intercept: type !== 'time-to-event' });
  const y = t.rows.map((r) => Number(r[col(type === 'time-to-event' ? 'time' : 'outcome')]));
  const event = t.rows.map((r) => Number(r[col('event')]));
  const fit = (d: ModelMatrix) => (type === 'binary' ? fitLogistic(d, y) : type === 'continuous' ? fitLinear(d, y) : fitCox(d, y, event));
  const lr = (cols: readonly number[]) => (type === 'binary' ? logisticLRTest(design, y, cols) : type === 'continuous' ? linearLRTest(design, y, cols) : coxLRTest(design, y, event, cols));
  return { design, fit: fit(design) as CoefficientTable, lr };
}

describe.each([
  ['flagship/interaction-logistic.yaml', [1, 2, 3]],
  ['flagship/radiomic-feature.yaml', [5]],
  ['flagship/fmt-microbiome.yaml', [2]],
  ['interaction-sample-size.yaml', [4]],
] as const)('%s: the design analyses a replicate as the regression module does on its export', (file, replicates) => {
  const s = flagship(file).spec;
  const plan = parallelDesign.plan(s, null);
  const record = newRecord(plan.layout);
  const read = reader(plan.layout, record);
  const model = resolveModels(s, parallelSetup(s))[0];
  for (const r of replicates) {
    it(`replicate ${r}: same model matrix, coefficients, intervals, conditional effects and test decisions`, () => {
      plan.simulate(new ReplicateStreams(s.seed, r), record);
      const table = parallelDesign.patients!(s, null, new ReplicateStreams(s.seed, r));
      const { design, fit, lr } = direct(s, table);
      expect(fit.ok).toBe(true);
      const cohort = cohortFromTable(s, table);
      const n = cohort.n;
      const rows = { patient: Int32Array.from({ length: n }, (_, i) => i), treated: Uint8Array.from(cohort.arm.subarray(0, n), (a) => (a === 0 ? 0 : 1)), n };
      expect(Array.from(fillModelMatrix(model, cohort, rows, new Float64Array(n * model.p)).X)).toEqual(Array.from(design.X));
      const prefix = model.id;
      for (const t of model.terms) {
        t.interaction.forEach((column, l) => {
          const e = read.estimate(`coef:${prefix}:interaction:${t.names[l]}`);
          const ref = linearCombination(fit, [{ column, weight: 1 }]);
          if (!ref.ok) throw new Error(ref.reason);
          expect(e.estimate).toBeCloseTo(ref.estimate, 10);
          expect(e.se).toBeCloseTo(ref.standardError, 10);
          expect(e.lower).toBeCloseTo(ref.lower, 10);
        });
        if (!t.interacts) continue;
        const pWald = t.interaction.length === 1 ? fit.pValues[t.interaction[0]] : NaN;
        const pLr = lr(t.interaction);
        const alpha = model.alpha;
        if (model.test !== 'lr') expect(read.rejected(`${prefix}|interaction:${t.id}|wald`)).toBe(pWald < alpha ? 1 : 0);
        if (model.test !== 'wald' && pLr.ok) expect(read.rejected(`${prefix}|interaction:${t.id}|lr`)).toBe(pLr.pValue < alpha ? 1 : 0);
      }
      for (const p of model.points) {
        const ref = linearCombination(fit, p.contrast);
        if (!ref.ok) throw new Error(ref.reason);
        expect(read.estimate(`cond:${prefix}:${p.key}`).estimate).toBeCloseTo(ref.estimate, 10);
      }
    });
  }
});

describe('a three-arm trial', () => {
  const s = scenario({
    name: 'three arms', seed: 12,
    population: { biomarkers: [{ id: 'mplus', type: 'binary', prevalence: 0.4 }, { id: 'age', type: 'continuous', mean: 60, sd: 10 }] },
    endpoint: { type: 'binary', intercept: -2.65, prognostic: { age: 0.03 } },
    arms: { control: {}, low: { effect: 0.1, interactions: { mplus: 0.6 } }, high: { effect: 0.2, interactions: { mplus: 1.2 } } },
    design: {
      type: 'parallel', sampleSize: 360, randomisation: { method: 'permuted-block', blockSize: 6, strata: ['mplus'] },
      analysis: { primary: { test: 'z-pooled' }, models: [{ id: 'm', biomarkers: ['mplus', 'age'], interactions: ['mplus'] }] },
    },
  }).spec;

  it('fits each comparison to its arm and control only, with the comparison in the ids', () => {
    const plan = parallelDesign.plan(s, null);
    const record = newRecord(plan.layout);
    const read = reader(plan.layout, record);
    plan.simulate(new ReplicateStreams(s.seed, 9), record);
    const table = parallelDesign.patients!(s, null, new ReplicateStreams(s.seed, 9));
    for (const arm of ['low', 'high']) {
      const rows = table.rows.filter((r) => r[table.columns.indexOf('arm')] === arm || r[table.columns.indexOf('arm')] === 'control');
      const { fit } = direct(s, { columns: table.columns, rows });
      const column = fit.columnNames.indexOf('treatment:mplus');
      expect(read.estimate(`coef:m:${arm}-vs-control:interaction:mplus`).estimate).toBeCloseTo(fit.coefficients[column], 10);
      expect(read.rejected(`m:${arm}-vs-control|interaction:mplus|wald`)).toBe(fit.pValues[column] < 0.05 ? 1 : 0);
    }
  });
});
