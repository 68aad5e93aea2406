/**
 * One randomised trial with non-compliance. Each patient: biomarkers and the
 * draw coupling their potential outcomes, then their compliance type (from
 * the patients stream, with probabilities that may depend on biomarkers and
 * on their own benefit), then the assignment Z (allocation stream); the arm
 * received D follows from type and Z (complier D = Z, never-taker 0,
 * always-taker 1, defier 1 − Z), and the outcome is the potential outcome
 * under D (assignment acts only through the treatment taken: the exclusion
 * restriction). Then every estimator on the same patients.
 */
import { ObservedReader, type ObservedTable } from '../../scenario/observed.js';
import { writeTest, type ReplicateRecord } from '../types.js';
import type { ReplicateStreams } from '../../random/stream.js';
import { gammaDeviate } from '../../random/samplers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { twoStageLeastSquares, type IvData } from '../../stats/regression/iv.js';
import { tCdf, tQuantile, normalCdf, normalQuantile, logistic, logit } from '../../stats/distributions.js';
import { fitLogistic } from '../../stats/regression/logistic.js';
import { compilePredictor, evaluate } from '../../population/predictor.js';
import type { NoncomplianceScenario, Estimator } from './schema.js';
import { noncomplianceSetup, COMPLIER } from './setup.js';
import { noncomplianceLayout, noncomplianceWarnings } from './layout.js';
import { enroller, takenAtStart } from './enrol.js';
import { planSurvivalNoncompliance } from './survival.js';
import type { NoncompliancePlan } from './plan-types.js';

export function planNoncompliance(s: NoncomplianceScenario): NoncompliancePlan {
  const d = s.design;
  const setup = noncomplianceSetup(s);
  if (setup.survival) return planSurvivalNoncompliance(s, setup);
  const binary = s.endpoint!.type === 'binary';
  const better = d.analysis.sided === 'one' ? (s.endpoint && 'better' in s.endpoint && s.endpoint.better === 'lower' ? 'lower' : 'higher') : undefined;
  const adherence = setup.adherence;
  const layout = noncomplianceLayout(setup.estimators, binary ? 'risk difference' : 'mean difference', d.analysis.alpha, better, adherence !== null);
  const missingSlot = layout.metrics.length - 1;
  const N = d.sampleSize;
  const model = buildOutcomeModel(s);
  const enrol = enroller(s, setup, N);
  const { cohort, source, normal } = enrol;
  const armNames = setup.armNames;
  const assigned = new Float64Array(N), received = new Float64Array(N), ones = new Float64Array(N).fill(1);
  const type = new Uint8Array(N), missing = new Uint8Array(N), dose = new Float64Array(N);
  // The complete cases, compacted: every estimator reads these (all patients when nothing is missing).
  const obs = { n: 0, z: new Float64Array(N), d: new Float64Array(N), y: new Float64Array(N), index: new Int32Array(N) };
  const dropout = d.dropout;
  const missingness = dropout?.share !== undefined ? compilePredictor(s, logit(dropout.share), dropout.biomarkers) : null;
  const covariates = d.analysis.covariates.map((id) => s.population.biomarkers.findIndex((b) => b.id === id));
  const covariateColumns = covariates.map(() => new Float64Array(N));
  const columns = [ones, obs.d, obs.z, ...covariateColumns];
  const cov = covariates.map((_, k) => 3 + k);
  const wald: IvData = { n: N, columns, y: obs.y, regressors: [0, 1], instruments: [0, 2], target: 1, excluded: [1] };
  const tsls: IvData = { ...wald, regressors: [0, 1, ...cov], instruments: [0, 2, ...cov] };
  // With adherence, as treated is least squares of the outcome on the fraction taken (2SLS with itself as instrument).
  const doseSlope: IvData = { ...wald, instruments: [0, 1], excluded: [] };
  const level = d.analysis.confidence;
  const sign = better === 'lower' ? -1 : 1;

  return {
    layout,
    simulate: (streams, out) => simulate(streams, out),
    last: () => ({ cohort, assigned, received, type, dose, missing, model, setup }),
    analyseObserved,
  };

  /**
   * An observed trial's rows (the columns noncompliancePatients writes:
   * biomarkers, assigned, received, outcome, observed) through the same
   * estimators. Compliance types are not observed: their shares are missing.
   */
  function analyseObserved(table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
    const r = new ObservedReader(table);
    // the estimators (IPW's model of being observed among them) read every randomised patient: the data must hold the design's
    if (table.rows.length !== N) r.note(`expected the ${N} patients the design randomises (design.sampleSize), found ${table.rows.length} rows`);
    const n = Math.min(N, table.rows.length);
    const col = {
      assigned: r.column('assigned', `the arm assigned: ${armNames.join(', ')}`),
      received: r.column('received', adherence ? 'the fraction of the dose taken (0 to 1)' : `the arm received: ${armNames.join(', ')}`),
      outcome: r.column('outcome', `the observed ${binary ? 'binary' : 'continuous'} outcome`),
      observed: r.column('observed', '1 when the outcome was observed, 0 when it is missing (dropout)'),
      markers: s.population.biomarkers.map((m) => r.column(m.id, `biomarker ${m.id}`)),
    };
    out.rejected.fill(0); out.warning.fill(0); out.metric.fill(0);
    const took = new Float64Array(2), byZ = new Float64Array(2);
    let adherent = 0;
    for (let i = 0; i < n && r.ok; i++) {
      const z = r.level(i, col.assigned, armNames, 'an arm') === setup.treatment ? 1 : 0;
      const dTaken = adherence ? r.fraction(i, col.received) : r.level(i, col.received, armNames, 'an arm') === setup.treatment ? 1 : 0;
      s.population.biomarkers.forEach((m, j) => { cohort.markers[j][i] = r.biomarker(i, col.markers[j], m); });
      missing[i] = r.integer(i, col.observed, 0, 1) === 1 ? 0 : 1;
      // a missing outcome may be written NA: it is never read
      cohort.outcome[i] = missing[i] ? NaN : binary ? r.integer(i, col.outcome, 0, 1) : r.number(i, col.outcome);
      assigned[i] = z; received[i] = dTaken;
      cohort.arm[i] = dTaken > 0 ? setup.treatment : setup.control;
      byZ[z]++; took[z] += dTaken;
      if (adherence && z === 1 && dTaken >= adherence.adherent) adherent++;
    }
    r.done();
    cohort.n = n;
    compactUpTo(n);
    out.metric[0] = n;
    out.metric[1] = byZ[1] > 0 ? took[1] / byZ[1] : 0;
    out.metric[2] = byZ[0] > 0 ? took[0] / byZ[0] : 0;
    if (adherence) out.metric[4] = byZ[1] > 0 ? adherent / byZ[1] : 0;
    else for (let t = 0; t < 4; t++) out.metric[4 + t] = NaN;
    out.metric[missingSlot] = (n - obs.n) / n;
    setup.estimators.forEach((e, k) => estimate(e, k, out));
    return { patients: n, observed: obs.n };
  }

  function simulate(streams: ReplicateStreams, out: ReplicateRecord): void {
    enrol.start(streams);
    out.rejected.fill(0); out.warning.fill(0); out.metric.fill(0);
    const counts = new Float64Array(4), took = new Float64Array(2), byZ = new Float64Array(2);
    let adherent = 0;
    for (let i = 0; i < N; i++) {
      enrol.drawPatient(i);
      model.drawLatent(source, normal, cohort, i);
      const m0 = model.mean(cohort, i, setup.control), m1 = model.mean(cohort, i, setup.treatment);
      let t = COMPLIER;
      if (adherence) dose[i] = drawDose(adherence.mean(cohort, i, setup.benefitOf(m1, m0)));
      else t = enrol.drawType(i, setup.benefitOf(m1, m0));
      type[i] = t;
      counts[t]++;
      const z = enrol.assign(streams.allocation, i);
      const dTaken = adherence ? z * dose[i] : takenAtStart(t, z);
      assigned[i] = z; received[i] = dTaken;
      cohort.arm[i] = dTaken > 0 ? setup.treatment : setup.control;
      // Part of the dose moves the patient's mean part of the way to the treatment's (adherence.response).
      const response = adherence ? adherence.response(dTaken) : dTaken;
      cohort.outcome[i] = response === 0 || response === 1 ? model.outcome(cohort, i, cohort.arm[i]) : model.outcomeAt(cohort, i, m0 + response * (m1 - m0));
      byZ[z]++; took[z] += dTaken;
      if (adherence && z === 1 && dTaken >= adherence.adherent) adherent++;
      // Dropout: one more draw, only when the scenario has it (so scenarios without keep their streams).
      missing[i] = missingness && source() < logistic(evaluate(missingness, cohort, i) + dropout!.treatment * dTaken + dropout!.outcome * cohort.outcome[i]) ? 1 : 0;
    }
    cohort.n = N;
    compact();
    out.metric[0] = N;
    out.metric[1] = byZ[1] > 0 ? took[1] / byZ[1] : 0;
    out.metric[2] = byZ[0] > 0 ? took[0] / byZ[0] : 0;
    if (adherence) out.metric[4] = byZ[1] > 0 ? adherent / byZ[1] : 0;
    else for (let t = 0; t < 4; t++) out.metric[4 + t] = counts[t] / N;
    out.metric[missingSlot] = (N - obs.n) / N;
    setup.estimators.forEach((e, k) => estimate(e, k, out));
  }

  /** A Beta(μκ, (1 − μ)κ) fraction of the dose, from two gamma deviates (none drawn when μ is 0 or 1). */
  function drawDose(mu: number): number {
    if (mu >= 1) return 1;
    if (mu <= 0) return 0;
    const kappa = adherence!.concentration;
    const x = gammaDeviate(mu * kappa, source, normal), y = gammaDeviate((1 - mu) * kappa, source, normal);
    return x / (x + y);
  }

  /** The complete cases into the compact arrays the estimators read. */
  function compact(): void { compactUpTo(N); }

  function compactUpTo(count: number): void {
    let m = 0;
    for (let i = 0; i < count; i++) {
      if (missing[i]) continue;
      obs.z[m] = assigned[i]; obs.d[m] = received[i]; obs.y[m] = cohort.outcome[i]; obs.index[m] = i;
      covariates.forEach((j, c) => { covariateColumns[c][m] = cohort.markers[j][i]; });
      m++;
    }
    obs.n = m; wald.n = m; tsls.n = m;
  }

  /** Estimator e into slot k: a difference in means (lm's pooled-variance t), 2SLS (ivreg's classical t), or IPW (z). */
  function estimate(e: Estimator, k: number, out: ReplicateRecord): void {
    let r: { estimate: number; se: number; df: number } | null;
    if (e === 'ipw-itt') {
      r = inverseProbabilityWeighted();
      if (!r) out.warning[noncomplianceWarnings.slot.weights] = 1;
    } else if (e === 'iv-wald' || e === 'iv-2sls') {
      const fit = twoStageLeastSquares(e === 'iv-wald' ? wald : tsls);
      if (e === 'iv-wald' || !setup.estimators.includes('iv-wald')) out.metric[3] = Number.isFinite(fit.firstStageF) ? fit.firstStageF : 0;
      if (fit.status !== 'ok') out.warning[noncomplianceWarnings.slot.weak] = 1;
      r = fit.status === 'ok' ? fit : null;
    } else if (e === 'as-treated' && adherence) {
      const fit = twoStageLeastSquares(doseSlope);
      r = fit.status === 'ok' ? fit : null;
      if (!r) out.warning[noncomplianceWarnings.slot.empty] = 1;
    } else {
      const group = e === 'as-treated' ? obs.d : obs.z;
      r = meanDifference(group, e === 'per-protocol');
      if (!r) out.warning[noncomplianceWarnings.slot.empty] = 1;
    }
    if (!r) { out.estimate[k] = NaN; out.se[k] = NaN; out.lower[k] = NaN; out.upper[k] = NaN; return; }
    const half = (Number.isFinite(r.df) ? tQuantile(0.5 + level / 2, r.df) : -normalQuantile(0.5 - level / 2)) * r.se;
    out.estimate[k] = r.estimate; out.se[k] = r.se;
    out.lower[k] = r.estimate - half; out.upper[k] = r.estimate + half;
    const t = r.estimate / r.se;
    const tail = (x: number) => (Number.isFinite(r!.df) ? tCdf(x, r!.df) : normalCdf(x));
    const pValue = d.analysis.sided === 'two' ? 2 * tail(-Math.abs(t)) : tail(-sign * t);
    out.rejected[k] = pValue <= d.analysis.alpha ? 1 : 0;
    writeTest(out, k, t, pValue, NaN, 1);
  }

  /**
   * ȳ(group 1) − ȳ(group 0) with lm's pooled variance; `compliantOnly`: patients whose arm received equals
   * their assignment (with adherence: control patients and those assigned the treatment who took at least the adherent fraction).
   */
  function meanDifference(group: Float64Array, compliantOnly: boolean): { estimate: number; se: number; df: number } | null {
    const n = [0, 0], mean = [0, 0], m2 = [0, 0];
    const y = obs.y;
    for (let i = 0; i < obs.n; i++) {
      if (compliantOnly && (adherence ? obs.z[i] === 1 && obs.d[i] < adherence.adherent : obs.z[i] !== obs.d[i])) continue;
      const g = group[i];
      const delta = y[i] - mean[g];
      mean[g] += delta / ++n[g];
      m2[g] += delta * (y[i] - mean[g]);
    }
    const df = n[0] + n[1] - 2;
    if (n[0] < 1 || n[1] < 1 || df < 1) return null;
    const s2 = (m2[0] + m2[1]) / df;
    return { estimate: mean[1] - mean[0], se: Math.sqrt(s2 * (1 / n[0] + 1 / n[1])), df };
  }

  /**
   * ITT on the complete cases, each weighted by 1/π̂, π̂ its fitted probability of being observed from a
   * logistic model on assignment, arm received and the covariates over all randomised patients (valid when
   * outcomes are missing at random given those): Hájek means per arm, their sandwich variances summed
   * (treating the weights as known, which is conservative; Robins, Rotnitzky & Zhao 1995), a z test.
   */
  function inverseProbabilityWeighted(): { estimate: number; se: number; df: number } | null {
    const p = 3 + covariates.length;
    const X = new Float64Array(N * p), seen = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      X[i * p] = 1; X[i * p + 1] = assigned[i]; X[i * p + 2] = received[i];
      covariates.forEach((j, c) => { X[i * p + 3 + c] = cohort.markers[j][i]; });
      seen[i] = missing[i] ? 0 : 1;
    }
    // Without covariates the model of being observed is saturated in (assignment, arm taken): its fit is each
    // cell's observed share (exact, and free of separation when a cell has no dropout).
    let weightOf: (m: number) => number;
    if (covariates.length === 0 && !adherence) {
      const cellN = new Float64Array(4), cellSeen = new Float64Array(4);
      for (let i = 0; i < N; i++) { const c = 2 * assigned[i] + received[i]; cellN[c]++; cellSeen[c] += seen[i]; }
      weightOf = (m) => { const c = 2 * obs.z[m] + obs.d[m]; return cellN[c] / cellSeen[c]; };
    } else {
      const b = fitLogistic({ X, n: N, p, columnNames: Array.from({ length: p }, (_, j) => `x${j}`) }, seen);
      if (!b.ok) return null;
      weightOf = (m) => {
        const i = obs.index[m];
        let eta = 0;
        for (let j = 0; j < p; j++) eta += b.coefficients[j] * X[i * p + j];
        return 1 + Math.exp(-eta);
      };
    }
    const sw = [0, 0], swy = [0, 0];
    for (let m = 0; m < obs.n; m++) { const w = weightOf(m), g = obs.z[m]; sw[g] += w; swy[g] += w * obs.y[m]; }
    if (sw[0] === 0 || sw[1] === 0) return null;
    const mean = [swy[0] / sw[0], swy[1] / sw[1]], v = [0, 0];
    for (let m = 0; m < obs.n; m++) { const w = weightOf(m), g = obs.z[m]; v[g] += (w * (obs.y[m] - mean[g])) ** 2; }
    return { estimate: mean[1] - mean[0], se: Math.sqrt(v[0] / sw[0] ** 2 + v[1] / sw[1] ** 2), df: Infinity };
  }
}
