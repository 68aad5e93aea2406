/**
 * One umbrella trial's state machine: offered each screened patient in
 * turn (see `screen.ts`), it routes them by the overlap rule to an open
 * substudy whose rule they match (or to the non-match substudy), randomises
 * them to the substudy's drug or control, and runs the substudy's looks. A
 * substudy closes when it reaches its target, stops at an interim look, or
 * screening ends at the cap; later patients flow to the other substudies
 * they match.
 */
import type { UmbrellaScenario } from './schema.js';
import type { RandomSource } from '../../random/stream.js';
import { Cohort } from '../../population/cohort.js';
import type { OutcomeModel } from '../../population/outcomes.js';
import { upperNormalQuantile } from '../../stats/distributions.js';
import { buildRandomiser, smallestBalancedBlock } from '../randomisation.js';
import type { UmbrellaSetup } from './setup.js';
import type { Router } from './route.js';
import type { TestingPlan } from './testing.js';
import { Tallies, buildComparer } from './compare.js';
import { buildSurvivalComparer } from './survival.js';
import { TrialOutcome } from './outcome.js';
import { decideAtLook, decideFixed, decideHolmAcrossLooks, type LookDecision } from './decide.js';
import { EventLooks } from './event-looks.js';
import { eventTargets, AdjustedInferenceTable, StagewisePValue } from '../../stats/group-sequential/index.js';
import { oneSidedAlpha } from './layout.js';

export interface TrialConfig {
  targets: number[];
  ratios: [number, number][];
  looks: Int32Array[];
  allConcurrent: boolean;
  testing: TestingPlan;
}

export interface TrialContext {
  scenario: UmbrellaScenario;
  setup: UmbrellaSetup;
  model: OutcomeModel;
  router: Router;
}

export interface Trial {
  outcome: TrialOutcome;
  /** Whether the record's tests are read (ReplicateRecord.testsRead): when not, the adjusted p-values that integrate are skipped. */
  testsRead: boolean;
  /** Enrolled patients, and the substudy of each. */
  cohort: Cohort;
  substudyOf: Int32Array;
  begin(): void;
  isOpen(): boolean;
  /**
   * Offers the screened patient in row 0 of `screened`, screened at `time`,
   * with a failed test or the bit pattern of rules they match.
   */
  offer(screened: Cohort, time: number, failed: boolean, mask: number, allocation: RandomSource): void;
  /** Ends the trial: `capped` when screening stopped with substudies open, at `time`. */
  finish(capped: boolean, time: number): TrialOutcome;
  /**
   * Enrols an observed patient (`trialsim analyse`): the biomarkers (and,
   * time-to-event, the time to loss to follow-up) in row 0 of `patient`, into
   * substudy s at `time`, on its control arm or not, with the observed
   * outcome (time-to-event: the time from entry to the event, Infinity if
   * none was seen); the looks run as in a simulated trial, event-driven ones
   * first up to `time`. Nothing is screened or randomised. False when the
   * substudy had concluded.
   */
  replay(patient: Cohort, s: number, time: number, toControl: boolean, outcome: number): boolean;
  /** Runs the event-driven looks due by `time` (observed data: after the last enrolment, before screening ended). */
  lookUntil(time: number): void;
}

export function buildTrial(ctx: TrialContext, config: TrialConfig): Trial {
  const { setup, model, router } = ctx;
  const d = setup.design;
  const S = setup.substudies.length;
  const tte = setup.endpointType === 'time-to-event';
  const capacity = config.targets.reduce((a, b) => a + b, 0);
  const cohort = new Cohort(capacity, ctx.scenario.population.biomarkers.length);
  const substudyOf = new Int32Array(capacity);
  const o = new TrialOutcome(S, setup.endpointType === 'binary' ? 2 : 1, config.testing.boundaries.length);
  const tallies = new Tallies(2 * S + 1);
  const pool = 2 * S;
  const { testing } = config;
  // Group-sequential decisions read the one-sided p for benefit whatever the design's sidedness (testing.ts).
  const compare = tte ? null : buildComparer(setup.endpointType as 'binary' | 'continuous', d.analysis, setup.direction, d.analysis.sided === 'one' || !testing.fixed, ctx.scenario.endpoint?.type === 'continuous' ? ctx.scenario.endpoint.sd : NaN);
  const survival = tte ? buildSurvivalComparer(capacity, d.analysis.confidence, setup.direction > 0) : null;
  const followUp = tte ? (ctx.scenario.endpoint as { followUp: number }).followUp : 0;
  const randomisers = config.ratios.map((ratios) => buildRandomiser({ method: d.randomisation.method, ratios, blockSize: blockSizeFor(d.randomisation.blockSize, ratios), strata: [] }));
  const L = testing.boundaries.length;
  // Adjusted inference after stopping (binary and continuous), tabulated once per plan.
  const adjusted = !testing.fixed && !tte && d.interims?.adjusted ? new AdjustedInferenceTable([...testing.boundaries], testing.fractions, oneSidedAlpha(setup)) : null;
  const stagewiseP = !testing.fixed && testing.holmBoundaries.length === 0 ? new StagewisePValue(testing.boundaries, testing.fractions) : null;
  const stagewiseShare = testing.multiplicity === 'bonferroni' ? S : 1;
  const count = new Int32Array(S);
  const look = new Int32Array(S);
  const scratchP = new Array<number>(S).fill(1);
  const markerCount = cohort.markers.length;
  const nonMatchBit = setup.nonMatch >= 0 ? 1 << setup.nonMatch : 0;
  let open = 0, controlsSoFar = 0, lastTime = 0;
  // Time-to-event substudies with interims look when their events reach fractions of the planned final events.
  const eventLooks = tte && !testing.fixed ? new EventLooks({
    eventTargets: setup.substudies.map((sub) => eventTargets(testing.fractions, sub.events)),
    targets: config.targets, allControls: capacity,
    allConcurrent: config.allConcurrent, followUp,
  }, lookAtEvents) : null;

  /** A look of time-to-event substudy s at calendar time `time` (see event-looks.ts); true when it concludes. */
  function lookAtEvents(s: number, j: number, time: number, forced: boolean): boolean {
    const sub = setup.substudies[s];
    const enrolling = (open & (1 << s)) !== 0;
    const c = survival!(cohort, substudyOf, {
      substudy: s, drug: sub.drug, control: sub.control, analysisTime: time,
      concurrentUntil: config.allConcurrent ? (enrolling ? time : o.closeTime[s]) : -1,
    });
    o.store(s, c, testing.twoSided, upperNormalQuantile);
    // Running out of follow-up before the final events makes this the final analysis, against the final boundary.
    recordLook(s, forced ? L - 1 : j, c);
    const decision = decideAtLook(testing, forced ? L - 1 : j, c, setup.direction);
    if (decision === 'continue') return false;
    stagewise(s, forced ? L - 1 : j, c, decision);
    o.stage[s] = j + 1;
    if (decision === 'efficacy') { o.rejected[s] = 1; o.efficacyStop[s] = j < L - 1 && !forced ? 1 : 0; }
    if (decision === 'futility') o.futilityStop[s] = 1;
    if (enrolling) close(s, time);
    o.analysisTime[s] = time;
    return true;
  }

  /**
   * The stage-wise ordering p-value of substudy s, concluded against the
   * boundary of look j (a final analysis forced early, at a screening cap
   * or the end of follow-up, is ordered as the final look), multiplied by K
   * under Bonferroni (its boundaries spend alpha/K): then it is below the
   * one-sided alpha exactly when the substudy crossed a boundary. The
   * ordering is of trials that stop by crossing a boundary or reach the
   * last look: none after a futility stop. Holm's retesting across looks
   * passes alpha on after the trial: none there either.
   */
  function stagewise(s: number, j: number, c: { informative: boolean }, decision: LookDecision): void {
    if (!stagewiseP || !c.informative || decision === 'futility' || !trial.testsRead) return;
    // z for benefit at this look, as recordLook (always called first) has just written it.
    o.adjustedP[s] = Math.min(1, stagewiseShare * stagewiseP.at(j, o.zAtLook[s * L + j]));
  }

  /** z for benefit at look j of substudy s, for Holm's retesting across looks. */
  function recordLook(s: number, j: number, c: { informative: boolean; pBenefit: number }): void {
    if (c.informative) o.zAtLook[s * L + j] = upperNormalQuantile(c.pBenefit);
  }

  /** The calendar time of patient i's event (time-to-event: `outcome` holds the time from entry), Infinity if lost to follow-up first. */
  function eventTime(i: number): number {
    const t = cohort.outcome[i];
    return t <= cohort.dropout[i] ? cohort.entry[i] + t : Infinity;
  }

  function close(s: number, time: number): void {
    open &= ~(1 << s);
    o.closeTime[s] = time;
    o.analysisTime[s] = time + followUp;
    o.comparedControls[s] = config.allConcurrent ? controlsSoFar : o.controlN[s];
  }

  /** Analyses substudy s at its next look (or a forced final one); true when it concludes. */
  function analyse(s: number, time: number, forcedFinal: boolean): boolean {
    const j = forcedFinal ? L - 1 : look[s]++;
    if (tte) { o.stage[s] = j + 1; close(s, time); return true; }
    const c = compare!(tallies, 2 * s, config.allConcurrent ? pool : 2 * s + 1);
    o.store(s, c, testing.twoSided, upperNormalQuantile);
    if (testing.fixed) { o.stage[s] = 1; close(s, time); return true; }
    recordLook(s, j, c);
    const decision = decideAtLook(testing, j, c, setup.direction);
    if (decision === 'continue') return false;
    stagewise(s, j, c, decision);
    o.stage[s] = forcedFinal ? look[s] + 1 : j + 1;
    if (decision === 'efficacy') { o.rejected[s] = 1; o.efficacyStop[s] = j < L - 1 ? 1 : 0; }
    if (decision === 'futility') o.futilityStop[s] = 1;
    if (adjusted) adjust(s, o.stage[s] - 1, c);
    close(s, time);
    return true;
  }

  /**
   * The median-unbiased estimate and stage-wise interval of substudy s that
   * concluded at look k, on the scale of its first estimate (risk or mean
   * difference), from the test's z for benefit and the estimate's
   * information 1/se^2 (adjusted-table.ts); oriented back so that higher is
   * the estimate's own direction.
   */
  function adjust(s: number, k: number, c: { informative: boolean; pBenefit: number; estimates: readonly { se: number }[] }): void {
    const se = c.estimates[0].se;
    const z = upperNormalQuantile(c.pBenefit);
    if (!c.informative || !(se > 0) || !Number.isFinite(z)) return;
    const r = adjusted!.at(k, z);
    const dir = setup.direction;
    const [a, b] = [dir * r.lower * se, dir * r.upper * se];
    o.adjusted[s] = dir * r.medianUnbiased * se;
    o.adjustedLower[s] = Math.min(a, b);
    o.adjustedUpper[s] = Math.max(a, b);
  }

  function enrol(from: Cohort, s: number, time: number, allocation: RandomSource): void {
    const i = admit(from, s, time);
    settle(s, i, time, randomisers[s].assign(allocation, cohort, i), NaN);
  }

  /** A new enrolled row i with the patient's biomarkers and draws, in substudy s at `time`. */
  function admit(from: Cohort, s: number, time: number): number {
    const i = cohort.n++;
    for (let j = 0; j < markerCount; j++) cohort.markers[j][i] = from.markers[j][0];
    cohort.profile[i] = from.profile[0];
    cohort.type[i] = from.type[0];
    cohort.latent[i] = from.latent[0];
    cohort.dropout[i] = from.dropout[0];
    cohort.entry[i] = time;
    substudyOf[i] = s;
    return i;
  }

  /**
   * Row i's arm and outcome (`observed`, or drawn by the model when NaN; time-to-event: the event time from entry,
   * uncensored, which each analysis censors), its tallies and the looks it triggers.
   */
  function settle(s: number, i: number, time: number, toControl: number, observed: number): void {
    const sub = setup.substudies[s];
    cohort.arm[i] = toControl ? sub.control : sub.drug;
    o.enrolled++;
    if (toControl) { o.controlN[s]++; controlsSoFar++; } else o.drugN[s]++;
    if (!Number.isNaN(observed)) cohort.outcome[i] = observed;
    // Time-to-event: the event time uncensored (the model's observe would censor it at the endpoint's own accrual).
    else if (tte) cohort.outcome[i] = model.outcome(cohort, i, cohort.arm[i]);
    else model.observe(cohort, i);
    if (!tte) {
      const y = cohort.outcome[i];
      tallies.add(2 * s + toControl, y);
      if (toControl && config.allConcurrent) tallies.add(pool, y);
    }
    count[s]++;
    if (eventLooks) {
      eventLooks.enrolled(s, toControl === 1, eventTime(i));
      if (count[s] === config.targets[s]) { close(s, time); eventLooks.closed(s, time); }
      return;
    }
    while (look[s] < L && count[s] === config.looks[s][look[s]]) if (analyse(s, time, false)) break;
  }

  function route(failed: boolean, mask: number, allocation: RandomSource): number {
    if (failed) {
      o.failures++;
      return setup.screenFailuresToNonMatch && open & nonMatchBit ? setup.nonMatch : -1;
    }
    if (mask === 0) {
      o.notMatched++;
      return open & nonMatchBit ? setup.nonMatch : -1;
    }
    const candidates = mask & open;
    if (candidates === 0) { o.turnedAway++; return -1; }
    return router(candidates, allocation);
  }

  const trial: Trial = {
    outcome: o, cohort, substudyOf, testsRead: true,
    begin() {
      o.reset(); tallies.reset(); count.fill(0); look.fill(0); eventLooks?.reset();
      for (const r of randomisers) r.reset();
      open = (1 << S) - 1; controlsSoFar = 0; lastTime = 0; cohort.n = 0;
    },
    isOpen: () => open !== 0,
    offer(screened, time, failed, mask, allocation) {
      if (eventLooks) {
        // Looks due before this patient arrives come first; if they closed every substudy, screening ended before them.
        eventLooks.advance(time);
        if (open === 0) return;
      }
      o.screened++;
      lastTime = time;
      const s = route(failed, mask, allocation);
      if (s >= 0) enrol(screened, s, time, allocation);
    },
    replay(patient, s, time, toControl, outcome) {
      eventLooks?.advance(time);
      // A substudy that has closed (target reached, or stopped at a look) takes no one.
      if (!(open & (1 << s))) return false;
      lastTime = time;
      settle(s, admit(patient, s, time), time, toControl ? 1 : 0, outcome);
      return true;
    },
    lookUntil(time) {
      eventLooks?.advance(time);
    },
    finish(capped, time) {
      const end = open !== 0 ? time : lastTime;
      o.screeningEnd = end;
      o.capped = capped && open !== 0;
      if (eventLooks) {
        for (let s = 0; s < S; s++) if (open & (1 << s)) { close(s, end); eventLooks.closed(s, end); }
        eventLooks.advance(Infinity);
      } else for (let s = 0; s < S; s++) if (open & (1 << s)) analyse(s, end, true);
      if (tte && !eventLooks) {
        for (let s = 0; s < S; s++) {
          const sub = setup.substudies[s];
          o.store(s, survival!(cohort, substudyOf, {
            substudy: s, drug: sub.drug, control: sub.control, analysisTime: o.analysisTime[s],
            concurrentUntil: config.allConcurrent ? o.closeTime[s] : -1,
          }), testing.twoSided, upperNormalQuantile);
        }
      }
      if (testing.fixed) decideFixed(testing, o, scratchP, trial.testsRead);
      else if (testing.holmBoundaries.length > 0) decideHolmAcrossLooks(testing, o);
      let duration = 0;
      for (let s = 0; s < S; s++) duration = Math.max(duration, o.analysisTime[s]);
      o.duration = duration;
      return o;
    },
  };
  return trial;
}

/** The design's block size when it fits these ratios, else the default (twice their total). */
function blockSizeFor(blockSize: number | undefined, [d, c]: [number, number]): number | undefined {
  return blockSize !== undefined && Number.isInteger(d) && Number.isInteger(c) && blockSize % smallestBalancedBlock([d, c]) === 0 ? blockSize : undefined;
}
