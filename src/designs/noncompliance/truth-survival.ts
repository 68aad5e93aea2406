/**
 * The estimands of a time-to-event trial with non-compliance and
 * cross-over, as log hazard ratios from a virtual population (as the
 * parallel design's time-to-event truth: the two-group Cox estimate when the
 * whole population is followed under each regime with the design's
 * administrative and non-informative censoring, the value a trial's
 * estimator converges to). Each virtual patient carries their compliance
 * type, whether and when they would switch, and when they would be lost,
 * and is followed under both assignments:
 *
 *   ATE        treatment vs control, nobody switching, everyone;
 *   ITT        assignment to treatment vs control, with the types' arms and the switching;
 *   LATE       treatment vs control among compliers (and the same in each type);
 *   limits     the as-treated, per-protocol and RPSFTM estimators on the
 *              population under both assignments, with the design's dropout.
 *
 * Under unequal allocation each virtual patient is followed under one
 * assignment, drawn with the design's probability (the limits depend on it).
 * Monte Carlo errors are the Cox standard errors (over root 2 when each
 * patient appears under both assignments: an overstatement, the pairs being
 * positively correlated, so tolerances built on them are conservative).
 */
import type { RunStreams } from '../../random/stream.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { twoGroupLogHazardRatio } from '../../stats/cox-two-group.js';
import type { NoncomplianceScenario } from './schema.js';
import { noncomplianceSetup, TYPES, COMPLIER } from './setup.js';
import { enroller } from './enrol.js';
import { switchingDraws, observeSwitching } from './survival.js';
import { SwitchingRecords, SwitchingEstimators } from './switching.js';
import type { EstimandValue } from './plan-types.js';

/** Virtual patients followed (each under both assignments): Cox and the RPSFTM's bisection on 2 x this many records. */
const SURVIVAL_TRUTH_CAP = 100_000;

export const SURVIVAL_ESTIMANDS = ['ate', 'itt', 'late', 'as-treated-limit', 'per-protocol-limit', 'rpsft-limit', ...TYPES.map((t) => `effect:${t}`)] as const;

export function survivalEstimands(s: NoncomplianceScenario, streams: RunStreams): { values: Record<string, EstimandValue>; exact: boolean } {
  const setup = noncomplianceSetup(s);
  const model = buildOutcomeModel(s);
  const e = s.endpoint as Extract<NonNullable<NoncomplianceScenario['endpoint']>, { type: 'time-to-event' }>;
  const N = Math.min(s.truth.patients, SURVIVAL_TRUTH_CAP);
  const enrol = enroller(s, setup, N);
  const { cohort: c, source, normal } = enrol;
  const draws = switchingDraws(s, setup, model);
  const regimes = new SwitchingRecords(2 * N), trial = new SwitchingRecords(2 * N);
  // Potential times without switching, censored as the design censors: [control, treatment] per patient.
  const potential = { time: new Float64Array(2 * N), event: new Uint8Array(2 * N), group: new Uint8Array(2 * N) };
  const type = new Uint8Array(N);
  // Under 1:1 allocation each virtual patient is followed under both assignments (paired, less noise); otherwise
  // the estimators' limits depend on the allocation (a Cox limit under non-proportional hazards does), so each
  // patient is assigned the treatment with the design's probability, from one more draw of the truth stream.
  const ratios = setup.armNames.map((a) => s.design.allocation?.[a] ?? 1);
  const pTreat = ratios[setup.treatment] / (ratios[setup.treatment] + ratios[setup.control]);
  const paired = pTreat === 0.5;
  enrol.start(streams.truth());
  for (let i = 0; i < N; i++) {
    enrol.drawPatient(i);
    model.drawLatent(source, normal, c, i);
    const benefit = setup.benefitOf(model.mean(c, i, setup.treatment), model.mean(c, i, setup.control));
    type[i] = enrol.drawType(i, benefit);
    const p = draws.draw(c, i, source, benefit);
    const censor = Math.min(e.accrualDuration + e.followUp - c.entry[i], c.dropout[i]);
    [setup.control, setup.treatment].forEach((arm, g) => {
      const t = model.outcome(c, i, arm);
      potential.time[2 * i + g] = Math.min(t, censor); potential.event[2 * i + g] = t <= censor ? 1 : 0; potential.group[2 * i + g] = g;
    });
    for (const z of paired ? [0, 1] : [source() < pTreat ? 1 : 0]) {
      observeSwitching(regimes, c, i, z, type[i], draws, p, setup, model, e, false);
      observeSwitching(trial, c, i, z, type[i], draws, p, setup, model, e, true);
    }
  }
  const value = (r: { logHr: number; se: number } | { estimate: number; se: number }, pairs = true): EstimandValue => {
    const v = 'logHr' in r ? r.logHr : r.estimate;
    return { value: v, mcse: pairs ? r.se / Math.SQRT2 : r.se };
  };
  const byType = (wanted: (t: number) => boolean): EstimandValue => {
    const pick = new Float64Array(2 * N), ev = new Uint8Array(2 * N), g = new Uint8Array(2 * N);
    let m = 0;
    for (let i = 0; i < N; i++) {
      if (!wanted(type[i])) continue;
      for (let k = 0; k < 2; k++) { pick[m] = potential.time[2 * i + k]; ev[m] = potential.event[2 * i + k]; g[m] = k; m++; }
    }
    return m === 0 ? { value: NaN, mcse: NaN } : value(twoGroupLogHazardRatio(pick, ev, g, m));
  };
  const estimators = new SwitchingEstimators(2 * N);
  const values: Record<string, EstimandValue> = {
    'ate': byType(() => true),
    'itt': value(estimators.estimate('itt', regimes), paired),
    'late': byType((t) => t === COMPLIER),
    'as-treated-limit': value(estimators.estimate('as-treated', trial), paired),
    'per-protocol-limit': value(estimators.estimate('per-protocol', trial), paired),
    // The RPSFTM's own SE is test-based; its Monte Carlo error is taken as the ITT Cox SE's.
    'rpsft-limit': { value: estimators.estimate('rpsft', trial).estimate, mcse: value(estimators.estimate('itt', trial), paired).mcse },
  };
  TYPES.forEach((t, j) => { values[`effect:${t}`] = byType((k) => k === j); });
  return { values, exact: false };
}
