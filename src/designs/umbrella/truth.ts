/**
 * True effects of an umbrella scenario: for each substudy, the effect of its
 * drug against its control in its eligible population (patients matching its
 * rule; for the non-match substudy, patients matching no rule plus, if they
 * enrol there, patients whose test failed), from a large virtual population
 * (stream `truth`) in which every patient has a potential outcome under
 * every arm. Binary and continuous effects use each patient's outcome
 * probability or mean: risk difference E[p_d - p_c], marginal log odds ratio
 * logit E[p_d] - logit E[p_c] (delta-method error), mean difference. The
 * time-to-event log hazard ratio is the two-group Cox estimate with the whole
 * eligible population followed under both arms, censored as the endpoint's
 * accrualDuration and followUp describe (Peto-type marginal estimand).
 *
 * When every biomarker is discrete and the endpoint is not time-to-event,
 * the virtual population is replaced by the enumeration of the biomarker
 * patterns (population/patterns.ts), and every value is exact.
 *
 * The table also holds how often each pattern of rule matches occurs
 * (`pattern:<bits>`), for the screening funnel in `describe`.
 */
import { marginalLogHazardRatio } from '../../population/survival-truth.js';
import type { UmbrellaScenario } from './schema.js';
import type { TruthTable, TrueValue } from '../types.js';
import type { RunStreams } from '../../random/stream.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { logit } from '../../stats/distributions.js';
import { umbrellaSetup, effectScales, type UmbrellaSetup } from './setup.js';
import { matchPattern } from './calibration.js';
import { discretePatterns, placePattern, type Pattern } from '../../population/patterns.js';

const TIME_TO_EVENT_TRUTH_CAP = 200_000;

/** Sums of (drug, control) per-patient means in one eligible population. */
class PairMoments {
  n = 0; sd = 0; sc = 0; sdd = 0; scc = 0; sdc = 0;
  /** Adds a patient (or, with a weight, a biomarker pattern's probability). */
  add(d: number, c: number, w = 1): void { this.n += w; this.sd += w * d; this.sc += w * c; this.sdd += w * d * d; this.scc += w * c * c; this.sdc += w * d * c; }
  private cov() {
    const md = this.sd / this.n, mc = this.sc / this.n;
    return { md, mc, vd: this.sdd / this.n - md * md, vc: this.scc / this.n - mc * mc, cdc: this.sdc / this.n - md * mc };
  }
  difference(): TrueValue {
    const { md, mc, vd, vc, cdc } = this.cov();
    return { value: md - mc, mcse: Math.sqrt(Math.max(0, vd + vc - 2 * cdc) / this.n) };
  }
  logOddsRatio(): TrueValue {
    const { md, mc, vd, vc, cdc } = this.cov();
    const gd = 1 / (md * (1 - md)), gc = -1 / (mc * (1 - mc));
    return { value: logit(md) - logit(mc), mcse: Math.sqrt(Math.max(0, gd * gd * vd + gc * gc * vc + 2 * gd * gc * cdc) / this.n) };
  }
}

/** Whether a patient with this rule pattern (and test outcome) belongs to substudy k's eligible population. */
export function isEligible(setup: UmbrellaSetup, k: number, mask: number, failed: boolean): boolean {
  if (k !== setup.nonMatch) return ((mask >> k) & 1) === 1;
  return failed ? setup.screenFailuresToNonMatch : mask === 0;
}

/**
 * The truth exactly, when every biomarker is discrete and the endpoint not
 * time-to-event: each biomarker pattern, with and without a failed test,
 * weighted by its probability.
 */
function exactTruth(s: UmbrellaScenario, setup: UmbrellaSetup, model: ReturnType<typeof buildOutcomeModel>, patterns: Pattern[]): TruthTable {
  const cohort = new Cohort(1, s.population.biomarkers.length);
  const moments = setup.substudies.map(() => new PairMoments());
  const maskProbability = new Float64Array(1 << setup.ruleCount);
  const failure = setup.design.screening.testFailure;
  for (const p of patterns) {
    placePattern(cohort, 0, p);
    const mask = matchPattern(setup, cohort, 0);
    maskProbability[mask] += p.weight;
    for (const [failed, w] of [[false, 1 - failure], [true, failure]] as const) {
      if (w === 0) continue;
      setup.substudies.forEach((sub, k) => {
        if (isEligible(setup, k, mask, failed)) moments[k].add(model.mean(cohort, 0, sub.drug), model.mean(cohort, 0, sub.control), p.weight * w);
      });
    }
  }
  const truth: TruthTable = {};
  const scales = effectScales(setup.endpointType).map(([q]) => q);
  setup.substudies.forEach((sub, k) => {
    const values = setup.endpointType === 'binary' ? [moments[k].difference(), moments[k].logOddsRatio()] : [moments[k].difference()];
    values.forEach((t, j) => record(truth, setup, `${scales[j]}`, sub.id, j, { value: t.value, mcse: 0 }));
  });
  maskProbability.forEach((q, mask) => { if (q > 0) truth[`pattern:${mask}`] = { value: q, mcse: 0 }; });
  return truth;
}

/** One substudy's true value under its id (and its side-by-side and adjusted copies). */
function record(truth: TruthTable, setup: UmbrellaSetup, scale: string, id: string, j: number, t: TrueValue): void {
  truth[`${scale}:${id}`] = t;
  if (setup.sideBySide) truth[`${scale}:separate:${id}`] = t;
  if (j === 0 && setup.design.interims?.adjusted) truth[`adjusted:${scale}:${id}`] = t;
}

export function umbrellaTruth(s: UmbrellaScenario, streams: RunStreams): TruthTable {
  const setup = umbrellaSetup(s);
  const model = buildOutcomeModel(s);
  const tte = setup.endpointType === 'time-to-event';
  const exactPatterns = tte ? null : discretePatterns(s);
  if (exactPatterns) return exactTruth(s, setup, model, exactPatterns);
  const N = tte ? Math.min(s.truth.patients, TIME_TO_EVENT_TRUTH_CAP) : s.truth.patients;
  const source = streams.truth();
  const normal = normalSampler(source);
  const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
  const cohort = new Cohort(tte ? N : 1, s.population.biomarkers.length);
  const S = setup.substudies.length;
  const moments = setup.substudies.map(() => new PairMoments());
  const patterns = new Float64Array(1 << setup.ruleCount);
  const failure = setup.design.screening.testFailure;
  const masks = new Int32Array(tte ? N : 0), failedAt = new Uint8Array(tte ? N : 0);
  for (let n = 0; n < N; n++) {
    const i = tte ? n : 0;
    draw(cohort, i);
    model.drawLatent(source, normal, cohort, i);
    const failed = source() < failure;
    const mask = matchPattern(setup, cohort, i);
    patterns[mask]++;
    if (tte) { masks[n] = mask; failedAt[n] = failed ? 1 : 0; continue; }
    for (let k = 0; k < S; k++) {
      if (!isEligible(setup, k, mask, failed)) continue;
      const sub = setup.substudies[k];
      moments[k].add(model.mean(cohort, i, sub.drug), model.mean(cohort, i, sub.control));
    }
  }
  cohort.n = tte ? N : 0;
  const truth: TruthTable = {};
  const scales = effectScales(setup.endpointType).map(([p]) => p);
  setup.substudies.forEach((sub, k) => {
    const values = tte
      ? [marginalLogHazardRatio(s, cohort, model, sub.drug, sub.control, (i) => isEligible(setup, k, masks[i], failedAt[i] === 1))]
      : setup.endpointType === 'binary' ? [moments[k].difference(), moments[k].logOddsRatio()] : [moments[k].difference()];
    values.forEach((t, j) => record(truth, setup, scales[j], sub.id, j, t));
  });
  patterns.forEach((count, mask) => { if (count > 0) truth[`pattern:${mask}`] = { value: count / N, mcse: Math.sqrt((count / N) * (1 - count / N) / N) }; });
  return truth;
}

