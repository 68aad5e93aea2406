/**
 * Summary sections of an umbrella run beyond the per-replicate tables:
 * - `screening`: the expected screening funnel (planning values by the fluid
 *   approximation of `funnel.ts`), the chance that one screened patient
 *   fails the test, matches no rule, matches each rule or several, and the
 *   ids of the metrics holding the simulated funnel;
 * - `substudies`: each substudy's rule, arms, target, allocation,
 *   prevalence, whether its drug does nothing (sharp null), true effects;
 * - `testing`: boundaries and critical values used;
 * - `sideBySide`: planned and expected patients and months of the umbrella
 *   and of the separate two-arm trials, and the patients saved by sharing.
 */
import type { UmbrellaScenario } from './schema.js';
import type { TruthTable } from '../types.js';
import { umbrellaSetup, effectScales, type UmbrellaSetup } from './setup.js';
import type { Calibration } from './calibration.js';
import { buildRouter } from './route.js';
import { expectedFunnel, type Funnel } from './funnel.js';
import { trialConfigs, plannedArms } from './plan.js';
import type { TrialConfig } from './trial.js';
import { exitProbabilities } from '../../stats/group-sequential/index.js';
import type { UmbrellaSections } from './sections.js';

const round = (x: number, digits = 4) => (Number.isFinite(x) ? +x.toPrecision(digits) : null);
const roundAll = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)]));

/** Rule-match pattern probabilities: from the truth population, else the calibration sample. */
function patternProbabilities(setup: UmbrellaSetup, truth: TruthTable, cal: Calibration): Float64Array {
  const p = new Float64Array(1 << setup.ruleCount);
  let found = false;
  for (let m = 0; m < p.length; m++) {
    const t = truth[`pattern:${m}`];
    if (t) { p[m] = t.value; found = true; }
  }
  if (!found) cal.patternCounts.forEach((c, m) => (p[m] = c / cal.patients));
  return p;
}

function funnelReport(x: Funnel, followUp: number) {
  return {
    screened: round(x.screened), screenFailures: round(x.screenFailures), notMatched: round(x.notMatched), turnedAway: round(x.turnedAway),
    enrolled: round(x.enrolled), enrolledBySubstudy: roundAll(x.enrolledBySubstudy),
    screeningMonths: round(x.months), duration: round(x.months + followUp), monthsBySubstudy: roundAll(x.monthsBySubstudy),
    capped: x.capped, neverFilled: x.neverFilled,
  };
}

function screeningSection(setup: UmbrellaSetup, patterns: Float64Array, expected: ReturnType<typeof funnelReport>) {
  const f = setup.design.screening.testFailure;
  const share = (test: (m: number) => boolean) => { let p = 0; patterns.forEach((q, m) => { if (test(m)) p += q; }); return round((1 - f) * p); };
  const rules = setup.substudies.slice(0, setup.ruleCount);
  return {
    method: 'expected values by the fluid approximation (random variation and interim stops ignored); the simulated means are the metrics listed under "metrics"',
    ...expected,
    perScreenedPatient: {
      screenFailure: f,
      notMatched: share((m) => m === 0),
      eligible: Object.fromEntries(rules.map((sub, k) => [sub.id, share((m) => ((m >> k) & 1) === 1)])),
      overlapping: share((m) => (m & (m - 1)) !== 0),
    },
    metrics: {
      screened: 'screened', screenFailures: 'screen-failures', notMatched: 'not-matched', turnedAway: 'turned-away', enrolled: 'enrolled',
      enrolledBySubstudy: Object.fromEntries(setup.substudies.map((x) => [x.id, `enrolled:${x.id}`])),
      duration: 'duration', screeningMonths: 'screening-months',
      monthsBySubstudy: Object.fromEntries(setup.substudies.map((x) => [x.id, `months:${x.id}`])),
    },
  };
}

function substudySection(setup: UmbrellaSetup, cal: Calibration, truth: TruthTable) {
  const scales = effectScales(setup.endpointType);
  return setup.substudies.map((sub, k) => ({
    id: sub.id,
    eligibility: sub.rule || (setup.screenFailuresToNonMatch ? 'matches no substudy, or biomarker test failed' : 'matches no substudy'),
    drug: setup.arms[sub.drug], control: setup.arms[sub.control], target: sub.target,
    allocation: { [setup.arms[sub.drug]]: sub.ratios[0], [setup.arms[sub.control]]: sub.ratios[1] },
    prevalence: k < setup.ruleCount ? round(cal.prevalence[k]) : null,
    drugDoesNothing: cal.sharpNull[k],
    trueEffect: Object.fromEntries(scales.map(([p, w]) => [w, round(truth[`${p}:${sub.id}`]?.value ?? NaN)])),
  }));
}

function testingSection(setup: UmbrellaSetup, config: TrialConfig) {
  const d = setup.design, t = config.testing;
  return {
    multiplicity: d.analysis.multiplicity,
    informationFractions: setup.fractions,
    ...(t.fixed ? {} : {
      efficacyBoundaries: Array.from(t.boundaries, (b) => round(b, 6)),
      // One-sided alpha each substudy's boundaries spend by each look (exit probabilities under no effect).
      cumulativeAlpha: exitProbabilities({ informationRates: setup.fractions, efficacy: Array.from(t.boundaries), drift: 0 }).cumulativeReject.map((p) => round(p, 6)),
      spending: d.interims?.efficacy.spending, futility: d.interims?.futility ?? null,
    }),
    ...(d.analysis.multiplicity === 'dunnett' ? { dunnettCriticalValue: round(t.dunnettCritical, 6) } : {}),
    ...(t.holmBoundaries.length > 0 ? {
      // Holm across looks (Maurer & Bretz 2013): the boundaries after r rejections, r = 0..K-1.
      holmBoundaries: t.holmBoundaries.map((b) => Array.from(b, (x) => round(x, 6))),
      holm: 'substudies stop on the boundaries at alpha/K; each rejection passes its alpha on, and the others are retested at every look they reached',
    } : {}),
    routing: d.overlap,
  };
}

export function umbrellaDescribe(s: UmbrellaScenario, cal: Calibration, truth: TruthTable): UmbrellaSections {
  const setup = umbrellaSetup(s);
  const patterns = patternProbabilities(setup, truth, cal);
  const router = buildRouter(setup.design.overlap, cal.prevalence);
  const pick = setup.design.overlap === 'random' ? null : (c: number) => router(c, () => 0);
  const followUp = s.endpoint?.type === 'time-to-event' ? s.endpoint.followUp : 0;
  const configs = trialConfigs(setup);
  const expected = configs.map((c) => funnelReport(expectedFunnel({ setup, targets: c.targets, patterns, pick }), followUp));
  const out: UmbrellaSections = {
    screening: screeningSection(setup, patterns, expected[0]),
    substudies: substudySection(setup, cal, truth),
    testing: testingSection(setup, configs[0]),
  };
  if (configs.length > 1) {
    const total = (c: TrialConfig) => c.targets.reduce((a, b) => a + b, 0);
    out.sideBySide = {
      separateTrials: setup.substudies.map((sub, k) => ({ id: sub.id, target: configs[1].targets[k], ...plannedArms(configs[1].targets[k], setup.sideBySide!) })),
      plannedPatients: { umbrella: total(configs[0]), separate: total(configs[1]), saved: total(configs[1]) - total(configs[0]) },
      expected: { umbrella: expected[0], separate: expected[1] },
      metrics: { patientsSaved: 'patients-saved', monthsSaved: 'months-saved', separatePrefix: 'separate:' },
    };
  }
  if (setup.fractions.length > 1) {
    out.notes = ['Estimates and intervals are naive: each is taken at the look where its substudy stopped, and stopping early for efficacy picks looks where the estimate happened to be large, so the estimates are biased away from no effect and the 95% intervals cover less than 95% (Jennison & Turnbull 2000, ch. 8). Compare the coverage and bias columns.'
      + (setup.design.interims?.adjusted ? ' The adjusted estimates (adjusted:...) are median-unbiased, with stage-wise ordering intervals that cover at their level whatever look stopped the substudy (Wassmer & Brannath 2016, ch. 4).' : ' Set interims.adjusted: true for median-unbiased estimates with stage-wise ordering intervals.')];
  }
  return out;
}
