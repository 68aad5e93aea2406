/**
 * The fixed comparator designs of a time-to-event enrichment trial, of the
 * same planned patients and final events, run beside it on its patients
 * where they match and new ones where they differ (as trial.ts does for
 * means and rates), each recruiting without pauses at the same screening
 * rate and analysed once, at the planned final events D_K (or at the end of
 * follow-up), by the same log-rank test at alpha:
 *
 * - full population: the trial's stage-1 patients and those of every later
 *   stage that recruited from F, new patients from F for the others;
 * - each subpopulation: every patient of it in the trial, topped up with
 *   new ones of it to the planned total.
 *
 * A copied patient keeps their event and loss times from entry; their entry
 * moves to the fixed design's clock: the trial's screening sequence without
 * its pauses between a stage's last entry and its analysis.
 */
import type { ReplicateRecord } from '../types.js';
import { normalCdf } from '../../stats/distributions.js';
import type { EnrichmentScenario } from './schema.js';
import type { EnrichmentSetup } from './setup.js';
import { SurvivalData } from './survival-data.js';
import { SurvivalAnalysis } from './survival-statistics.js';
import type { SurvivalSetup } from './survival-setup.js';
import type { SurvivalRecruiter } from './survival-recruit.js';
import type { SurvivalCourse } from './survival-course.js';

export class FixedSurvivalDesigns {
  private readonly data: SurvivalData;
  private readonly analysis: SurvivalAnalysis;
  private readonly eligible: Uint8Array;
  private readonly planned: number;

  constructor(private readonly s: EnrichmentScenario, private readonly setup: EnrichmentSetup, private readonly tte: SurvivalSetup, private readonly recruiter: SurvivalRecruiter) {
    this.planned = setup.stages.reduce((a, n) => a + n, 0);
    this.data = new SurvivalData(this.planned, setup.strata);
    this.analysis = new SurvivalAnalysis(this.data, setup.strata, s.design.stratified, tte.benefit);
    this.eligible = new Uint8Array(setup.strata);
  }

  /** Each fixed design's rejection into the slots after the trial's own hypotheses. */
  run(course: SurvivalCourse, stagesRun: number, out: ReplicateRecord): void {
    const G = this.setup.populations.length;
    this.fullPopulation(course, stagesRun);
    out.rejected[G] = this.rejects(this.setup.strataOf[0]) ? 1 : 0;
    for (let g = 1; g < G; g++) {
      this.subpopulation(course, g);
      out.rejected[G + g] = this.rejects(this.setup.strataOf[g]) ? 1 : 0;
    }
  }

  private fullPopulation(course: SurvivalCourse, stagesRun: number): void {
    const { setup, recruiter, data } = this;
    const trial = course.data;
    data.clear();
    let screened = 0;
    for (let k = 0; k < setup.stages.length; k++) {
      const inTrial = k < stagesRun && course.fullAt[k] === 1 && this.stagePatients(trial, k) === setup.stages[k];
      if (inTrial) {
        for (let i = 0; i < trial.n; i++) if (trial.stage[i] === k) this.copy(trial, i, screened);
        screened += recruiter.stageScreened[k];
      } else {
        recruiter.addNew(data, k, 1, setup.stages[k], screened / this.tte.rate);
        screened += recruiter.lastScreened;
      }
    }
  }

  private subpopulation(course: SurvivalCourse, g: number): void {
    const { setup, recruiter, data } = this;
    const trial = course.data, strata = setup.strataOf[g];
    const before = [0];
    for (let k = 0; k < setup.stages.length; k++) before.push(before[k] + recruiter.stageScreened[k]);
    data.clear();
    for (let i = 0; i < trial.n; i++) if (strata.includes(trial.stratum[i])) this.copy(trial, i, before[trial.stage[i]]);
    const more = this.planned - data.n;
    // New patients join the last stage (a fixed design has one analysis: stages merge).
    if (more > 0) recruiter.addNew(data, setup.stages.length - 1, 1 << g, more, recruiter.screened / this.tte.rate);
  }

  /** Trial patient i into the fixed design, entering at its clock: `screenedBefore` screened before the patient's stage. */
  private copy(trial: SurvivalData, i: number, screenedBefore: number): void {
    const entry = (screenedBefore + this.recruiter.screenIndex[i]) / this.tte.rate;
    this.data.add(entry, trial.eventTime[i], trial.dropout[i], trial.stratum[i], trial.treated[i], trial.stage[i]);
  }

  private stagePatients(trial: SurvivalData, k: number): number {
    let n = 0;
    for (let i = 0; i < trial.n; i++) if (trial.stage[i] === k) n++;
    return n;
  }

  /** The log-rank test of the population made of `strata` at the planned final events (or the end of follow-up), at alpha. */
  private rejects(strata: readonly number[]): boolean {
    const d = this.data;
    let last = 0;
    for (let i = 0; i < d.n; i++) last = Math.max(last, d.entry[i]);
    this.eligible.fill(0);
    for (const g of strata) this.eligible[g] = 1;
    const reached = d.nthEventAfter(-Infinity, this.tte.events[this.tte.events.length - 1], this.eligible);
    d.observe(Math.min(Math.max(last, reached), last + this.tte.followUp));
    const c = this.analysis.compare(strata);
    return c.events > 0 && normalCdf(-c.z) <= this.s.design.alpha;
  }
}
