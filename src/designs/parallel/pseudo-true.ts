/**
 * The value a misspecified model's estimates converge to (the "pseudo-true"
 * parameter, White 1982, Econometrica 50:1-25; Struthers & Kalbfleisch 1986
 * for Cox): the same model fitted to a large virtual trial. Each virtual
 * patient enters under both arms with their potential outcomes when the arms
 * are allocated equally (halving the noise of treatment contrasts); with
 * unequal allocation each patient gets one arm drawn with the trial's
 * allocation probability, since the limit then depends on the ratio. For
 * time-to-event outcomes the trial's censoring (end of study, dropout)
 * applies, since a misspecified Cox model's limit depends on it.
 *
 * The Monte Carlo error reported is the fit's standard error, which ignores
 * the positive correlation of a patient's two rows and so overstates the
 * error of treatment contrasts: a conservative bound.
 */
import type { ParallelScenario } from './schema.js';
import type { RunStreams } from '../../random/stream.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import type { CoefficientTable, FailedFit } from '../../stats/regression/index.js';
import { fillModelMatrix, fitModel, type ModelRows } from './model-analysis.js';
import type { ResolvedModel } from './model-setup.js';
import type { ParallelSetup } from './setup.js';

/** Virtual patients behind a pseudo-true value (fewer for Cox, whose fit sorts and sweeps risk sets). */
const PATIENTS = { logistic: 100_000, linear: 100_000, cox: 50_000 } as const;

export function pseudoTrueFit(s: ParallelScenario, streams: RunStreams, setup: ParallelSetup, model: ResolvedModel, arm: number, index: number): CoefficientTable | FailedFit {
  const N = Math.min(s.truth.patients, PATIENTS[model.type]);
  const source = streams.truth(100 + index);
  const normal = normalSampler(source);
  const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
  const outcomes = buildOutcomeModel(s);
  const ratios = setup.randomisation.ratios;
  const both = ratios[arm] === ratios[setup.control];
  const pArm = ratios[arm] / (ratios[arm] + ratios[setup.control]);
  const rowsMax = both ? 2 * N : N;
  const cohort = new Cohort(N, s.population.biomarkers.length);
  const rows: ModelRows = { patient: new Int32Array(rowsMax), treated: new Uint8Array(rowsMax), n: 0 };
  const y = new Float64Array(rowsMax);
  const event = new Uint8Array(rowsMax);
  const e = s.endpoint!;
  const add = (i: number, treated: number) => {
    const r = rows.n++;
    rows.patient[r] = i; rows.treated[r] = treated;
    const t = outcomes.outcome(cohort, i, treated ? arm : setup.control);
    if (e.type !== 'time-to-event') { y[r] = t; return; }
    const censor = Math.min(e.accrualDuration + e.followUp - cohort.entry[i], cohort.dropout[i]);
    y[r] = Math.min(t, censor); event[r] = t <= censor ? 1 : 0;
  };
  cohort.n = N;
  for (let i = 0; i < N; i++) {
    draw(cohort, i);
    outcomes.drawLatent(source, normal, cohort, i);
    if (both) { add(i, 0); add(i, 1); } else add(i, source() < pArm ? 1 : 0);
  }
  const design = fillModelMatrix(model, cohort, rows, new Float64Array(rows.n * model.p));
  return fitModel(model, design, y.subarray(0, rows.n), event.subarray(0, rows.n));
}
