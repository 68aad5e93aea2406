/**
 * The course of one time-to-event enrichment trial, whoever supplies its
 * patients (a simulation, or an observed trial's rows): stage k recruits its
 * patients from the populations still in (a callback returning when the
 * last one entered), then waits for its analysis: the calendar time at which
 * the events counted since the last analysis, among the patients of the
 * populations still in, bring the cumulative count to the stage's target
 * D_k, or the last entry if that came first, or the end of follow-up (the
 * last entry plus the endpoint's followUp) if the target is not reached by
 * then. At the analysis each population still in gets its cumulative
 * stratified log-rank statistic, its stage-wise z by independent increments
 * and its p-value, which feed the closed combination test; then an
 * efficacy stop, or the interim choice (survival-interim.ts) and, with
 * re-estimation, the later stages' event targets (survival-reestimate.ts).
 * A population counts as rejected at a stage only when it was tested there,
 * as rpact counts it (trial.ts does the same for means and rates).
 */
import type { ReplicateLayout, ReplicateRecord } from '../types.js';
import { normalCdf } from '../../stats/distributions.js';
import { ClosedCombinationTest } from '../../stats/combination/closed-populations.js';
import { PopulationTests } from './population-tests.js';
import type { EnrichmentScenario } from './schema.js';
import type { EnrichmentSetup } from './setup.js';
import { selectionId } from './layout.js';
import { bonferroniStageP } from './reestimate.js';
import { strataIn } from './recruitment.js';
import { SurvivalData } from './survival-data.js';
import { SurvivalAnalysis, incrementZ } from './survival-statistics.js';
import { SurvivalHistory, survivalInterimRule, type SurvivalChoice } from './survival-interim.js';
import { eventTargetRule, type EventRule } from './survival-reestimate.js';
import { SHORT, NO_NEW_EVENTS } from './survival-layout.js';
import type { SurvivalSetup } from './survival-setup.js';
import { courseSlots, writeConclusion, type CourseSlots } from './survival-record.js';

/** Recruits stage k from the populations in `mask`, starting at calendar time `start`; returns the last entry (or `start`). */
export type Recruit = (k: number, mask: number, start: number) => number;

export class SurvivalCourse {
  readonly data: SurvivalData;
  readonly analysis: SurvivalAnalysis;
  /** Calendar time of the last analysis run. */
  tau = 0;
  /** Whether each stage recruited from the full population (F still in). */
  readonly fullAt: Uint8Array;
  readonly slots: CourseSlots;
  private readonly G: number;
  private readonly K: number;
  private readonly test: ClosedCombinationTest;
  private readonly reported: PopulationTests;
  private readonly history: SurvivalHistory;
  private readonly choose: SurvivalChoice;
  private readonly newEvents: EventRule;
  private readonly targets: Float64Array;
  private readonly adjusted: Float64Array;
  private readonly stagePs: Float64Array;
  private readonly counted: Uint8Array;
  private readonly eligible: Uint8Array;
  private readonly before: Float64Array;
  private readonly increment: Float64Array;
  private readonly shared: number[][][];
  private readonly efficacy: boolean;

  constructor(private readonly s: EnrichmentScenario, private readonly setup: EnrichmentSetup, private readonly tte: SurvivalSetup, layout: ReplicateLayout, private readonly perStage: boolean, capacity: number) {
    const d = s.design;
    this.G = setup.populations.length; this.K = setup.stages.length;
    this.efficacy = setup.critical.slice(0, -1).some(Number.isFinite);
    this.slots = courseSlots(layout, setup.populations, this.K, this.efficacy);
    this.data = new SurvivalData(capacity, setup.strata);
    this.analysis = new SurvivalAnalysis(this.data, setup.strata, d.stratified, tte.benefit);
    this.test = new ClosedCombinationTest({ populations: this.G, test: d.intersection, combination: d.combination, weights: setup.weights, critical: setup.critical, alpha: d.alpha });
    this.history = new SurvivalHistory(this.G, this.K);
    this.reported = new PopulationTests(setup, d.combination === 'fisher');
    this.choose = survivalInterimRule(s, setup, this.test, this.history, (strata) => this.analysis.compare(strata));
    this.adjusted = new Float64Array(this.K);
    this.newEvents = eventTargetRule(s, setup, tte.longerIsBetter, this.adjusted);
    this.targets = new Float64Array(this.K);
    this.stagePs = new Float64Array(this.G);
    this.counted = new Uint8Array(this.G);
    this.eligible = new Uint8Array(setup.strata);
    this.before = new Float64Array(setup.strata);
    this.increment = new Float64Array(setup.strata);
    this.fullAt = new Uint8Array(this.K);
    this.shared = setup.strataOf.map((a) => setup.strataOf.map((b) => a.filter((g) => b.includes(g))));
  }

  /** Runs the stages (recruitment, analyses, interim choices) into `out`; returns the stages run. */
  run(out: ReplicateRecord, recruit: Recruit): number {
    this.reset();
    const M = this.slots, G = this.G, K = this.K;
    // Events are counted after `from` (the last analysis; before stage 1, every event); stage 1 opens at month 0.
    let mask = (1 << G) - 1, choice = -1, k = 0, from = -Infinity, sofar = 0;
    for (; ; k++) {
      this.fullAt[k] = mask & 1;
      const last = recruit(k, mask, k === 0 ? 0 : from);
      if (this.perStage) out.metric[M.stagePatients[k]] = this.patientsOfStage(k);
      this.tau = this.analysisTime(k, mask, last, from, sofar, out);
      const counted = this.data.eventsBetween(from, this.tau, this.eligible);
      out.metric[M.stageEvents[k]] = counted;
      sofar += counted;
      from = this.tau;
      this.testStage(k, mask, out);
      if (k === K - 1) break;
      if (this.efficacy && this.efficacyStop(mask)) {
        if (k === 0) choice = M.choices.indexOf('efficacy');
        if (this.perStage) out.metric[M.stopEfficacy[k]] = 1;
        break;
      }
      const next = this.choose(k, mask);
      if (k === 0) choice = M.choices.indexOf(next === 0 ? 'none' : selectionId(this.setup.populations, next));
      if (next === 0) {
        if (this.perStage) out.metric[M.stopFutility[k]] = 1;
        break;
      }
      mask = next;
      this.reestimate(k, mask);
      if (this.perStage) for (let g = 0; g < G; g++) if (mask & (1 << g)) out.metric[M.still[k + 1][g]] = 1;
    }
    this.record(out, choice, k + 1);
    return k + 1;
  }

  private reset(): void {
    this.test.reset(); this.history.reset(); this.reported.reset(); this.data.clear();
    this.counted.fill(0); this.adjusted.fill(NaN); this.before.fill(0); this.fullAt.fill(0);
    this.tte.events.forEach((e, k) => { this.targets[k] = e; });
    this.tau = 0;
  }

  private patientsOfStage(k: number): number {
    let n = 0;
    for (let i = 0; i < this.data.n; i++) if (this.data.stage[i] === k) n++;
    return n;
  }

  /** When stage k's analysis comes: its target reached (not before its last entry), or the end of follow-up. */
  private analysisTime(k: number, mask: number, last: number, from: number, sofar: number, out: ReplicateRecord): number {
    this.eligible.fill(0);
    for (const g of strataIn(this.setup, mask)) this.eligible[g] = 1;
    const need = this.targets[k] - sofar;
    const reached = need <= 0 ? last : this.data.nthEventAfter(from, need, this.eligible);
    const end = last + this.tte.followUp;
    if (reached > end) out.warning[SHORT] = 1;
    return Math.min(Math.max(last, reached), end);
  }

  /** The later stages' event targets, re-estimated for the populations going on (with `reestimate`). */
  private reestimate(k: number, mask: number): void {
    if (!this.s.design.reestimate) return;
    const e = this.newEvents(k + 1, mask, (g) => this.history.benefit[g][k]);
    for (let j = k + 1; j < this.K; j++) this.targets[j] = this.targets[k] + e * (j - k);
  }

  /** Stage k's analysis at `tau`: each population still in through the closed test. */
  private testStage(k: number, mask: number, out: ReplicateRecord): void {
    const h = this.history;
    this.data.observe(this.tau);
    this.stagePs.fill(NaN);
    for (let g = 0; g < this.G; g++) {
      if (!(mask & (1 << g))) continue;
      const c = this.analysis.compare(this.setup.strataOf[g]);
      const z = k === 0 ? incrementZ(c.z, c.events, 0, 0) : incrementZ(c.z, c.events, h.z[g][k - 1], h.events[g][k - 1]);
      h.set(k, g, c, z);
      if (Number.isNaN(z)) out.warning[NO_NEW_EVENTS] = 1;
      this.stagePs[g] = Number.isNaN(z) ? 1 : normalCdf(-z);
    }
    this.adjusted[k] = bonferroniStageP(this.stagePs);
    for (let g = 0; g < this.setup.strata; g++) this.increment[g] = this.data.stratumEvents[g] - this.before[g];
    this.before.set(this.data.stratumEvents);
    this.test.addStage(this.stagePs, (i, j) => this.correlation(i, j));
    for (let g = 0; g < this.G; g++) if (mask & (1 << g) && this.counted[g] === 0) this.reported.tested(k, g, this.test);
    for (let g = 0; g < this.G; g++) {
      if (!(mask & (1 << g)) || this.counted[g] === 1 || !this.test.rejected(g)) continue;
      this.counted[g] = 1;
      if (this.perStage) out.metric[this.slots.firstRejected[k][g]] = 1;
    }
  }

  /** Correlation of two populations' stage-wise statistics: shared new events e_ij / √(e_i e_j), √(e_inner / e_outer) when nested. */
  private correlation(i: number, j: number): number {
    const sum = (strata: readonly number[]) => strata.reduce((a, g) => a + this.increment[g], 0);
    const ni = sum(this.setup.strataOf[i]), nj = sum(this.setup.strataOf[j]), nij = sum(this.shared[i][j]);
    const lo = Math.min(ni, nj), hi = Math.max(ni, nj);
    if (hi === 0) return 0;
    return nij === lo ? Math.sqrt(lo / hi) : nij / Math.sqrt(ni * nj);
  }

  private efficacyStop(mask: number): boolean {
    let any = false, every = true;
    for (let g = 0; g < this.G; g++) if (mask & (1 << g)) { const r = this.counted[g] === 1; any ||= r; every &&= r; }
    return this.s.design.successCriterion === 'all' ? every : any;
  }

  /** The first interim's choice, rejections (and given that choice), stages run. */
  private record(out: ReplicateRecord, choice: number, stages: number): void {
    const M = this.slots;
    out.metric[M.choice[choice]] = 1;
    for (let g = 0; g < this.G; g++) {
      out.rejected[g] = this.counted[g];
      const after = M.rejectedAfter[choice][g];
      if (after >= 0) out.metric[after] = out.rejected[g];
    }
    this.reported.write(out, this.test);
    if (this.perStage) out.metric[M.stages] = stages;
  }

  /** Patients, events and duration at the last analysis, and the naive Cox estimates. */
  conclude(out: ReplicateRecord): void {
    writeConclusion(out, this.slots, this.setup, this.data, this.analysis, this.tau);
  }
}
