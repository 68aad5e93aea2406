/**
 * Summary sections of an umbrella run beyond the per-replicate tables:
 * - `screening`: the expected screening funnel (planning values by the fluid
 *   approximation of `funnel.ts`), the chance that one screened patient
 *   fails the test, matches no rule, matches each rule or several, and the
 *   ids of the metrics holding the simulated funnel;
 * - `substudies`: each substudy's rule, arms, target, allocation,
 *   prevalence, whether its drug is under the sharp null, and true effects;
 * - `testing`: boundaries and critical values used;
 * - `sideBySide`: planned and expected patients and months of the umbrella
 *   and of the separate two-arm trials, and the patients saved by sharing.
 */
import type { Scenario } from '../../scenario/schema.js';
import type { TruthTable } from '../types.js';
import { umbrellaSetup, effectScales } from './setup.js';
import { calibrate } from './calibration.js';
import { buildRouter } from './route.js';
import { expectedFunnel, type Funnel } from './funnel.js';
import { trialConfigs, plannedArms } from './plan.js';

const round = (x: number, digits = 4) => (Number.isFinite(x) ? +x.toPrecision(digits) : null);

export function umbrellaDescribe(s: Scenario, truth: TruthTable): Record<string, unknown> {
  const setup = umbrellaSetup(s);
  const cal = calibrate(s, setup);
  const d = setup.design;
  const f = d.screening.testFailure;
  const patterns = new Float64Array(1 << setup.ruleCount);
  let fromTruth = false;
  for (let m = 0; m < patterns.length; m++) {
    const t = truth[`pattern:${m}`];
    if (t) { patterns[m] = t.value; fromTruth = true; }
  }
  if (!fromTruth) cal.patternCounts.forEach((c, m) => (patterns[m] = c / cal.patients));
  const router = buildRouter(d.overlap, cal.prevalence);
  const pick = d.overlap === 'random' ? null : (c: number) => router(c, () => 0);
  const configs = trialConfigs(setup);
  const followUp = s.endpoint?.type === 'time-to-event' ? s.endpoint.followUp : 0;
  const funnel = (targets: number[]) => expectedFunnel({ setup, targets, patterns, pick });
  const rounded = (x: Funnel) => ({
    screened: round(x.screened), screenFailures: round(x.screenFailures), notMatched: round(x.notMatched), turnedAway: round(x.turnedAway),
    enrolled: round(x.enrolled), enrolledBySubstudy: Object.fromEntries(Object.entries(x.enrolledBySubstudy).map(([k, v]) => [k, round(v)])),
    screeningMonths: round(x.months), duration: round(x.months + followUp),
    monthsBySubstudy: Object.fromEntries(Object.entries(x.monthsBySubstudy).map(([k, v]) => [k, round(v)])),
    capped: x.capped, neverFilled: x.neverFilled,
  });
  const umbrella = funnel(configs[0].targets);
  let overlapping = 0;
  patterns.forEach((p, m) => { if (m & (m - 1)) overlapping += p; });
  const scales = effectScales(setup.endpointType);
  const screening = {
    method: 'expected values by the fluid approximation (random variation and interim stops ignored); the simulated means are the metrics listed under "metrics"',
    ...rounded(umbrella),
    perScreenedPatient: {
      screenFailure: f,
      notMatched: round((1 - f) * patterns[0]),
      eligible: Object.fromEntries(setup.substudies.slice(0, setup.ruleCount).map((sub, k) => {
        let p = 0;
        patterns.forEach((q, m) => { if ((m >> k) & 1) p += q; });
        return [sub.id, round((1 - f) * p)];
      })),
      overlapping: round((1 - f) * overlapping),
    },
    metrics: {
      screened: 'screened', screenFailures: 'screen-failures', notMatched: 'not-matched', turnedAway: 'turned-away', enrolled: 'enrolled',
      enrolledBySubstudy: Object.fromEntries(setup.substudies.map((x) => [x.id, `enrolled:${x.id}`])),
      duration: 'duration', screeningMonths: 'screening-months',
      monthsBySubstudy: Object.fromEntries(setup.substudies.map((x) => [x.id, `months:${x.id}`])),
    },
  };
  const substudies = setup.substudies.map((sub, k) => ({
    id: sub.id, eligibility: sub.rule || (setup.screenFailuresToNonMatch ? 'matches no substudy, or biomarker test failed' : 'matches no substudy'),
    drug: setup.arms[sub.drug], control: setup.arms[sub.control], target: sub.target,
    allocation: { [setup.arms[sub.drug]]: sub.ratios[0], [setup.arms[sub.control]]: sub.ratios[1] },
    prevalence: k < setup.ruleCount ? round(cal.prevalence[k]) : null,
    drugDoesNothing: cal.sharpNull[k],
    trueEffect: Object.fromEntries(scales.map(([p, w]) => [w, round(truth[`${p}:${sub.id}`]?.value ?? NaN)])),
  }));
  const t = configs[0].testing;
  const testing = {
    multiplicity: d.analysis.multiplicity,
    informationFractions: setup.fractions,
    ...(t.fixed ? {} : { efficacyBoundaries: Array.from(t.boundaries, (b) => round(b, 6)), spending: d.interims?.efficacy.spending, futility: d.interims?.futility ?? null }),
    ...(d.analysis.multiplicity === 'dunnett' ? { dunnettCriticalValue: round(t.dunnettCritical, 6) } : {}),
    routing: d.overlap,
  };
  const out: Record<string, unknown> = { screening, substudies, testing };
  if (configs.length > 1) {
    const separate = funnel(configs[1].targets);
    const plannedUmbrella = configs[0].targets.reduce((a, b) => a + b, 0);
    const plannedSeparate = configs[1].targets.reduce((a, b) => a + b, 0);
    out.sideBySide = {
      separateTrials: setup.substudies.map((sub, k) => ({ id: sub.id, target: configs[1].targets[k], ...plannedArms(configs[1].targets[k], setup.sideBySide!) })),
      plannedPatients: { umbrella: plannedUmbrella, separate: plannedSeparate, saved: plannedSeparate - plannedUmbrella },
      expected: { umbrella: rounded(umbrella), separate: rounded(separate) },
      metrics: { patientsSaved: 'patients-saved', monthsSaved: 'months-saved', separatePrefix: 'separate:' },
    };
  }
  return out;
}
