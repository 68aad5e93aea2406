/**
 * Recruitment of a time-to-event enrichment trial in calendar time:
 * patients are screened at regular intervals of 1/rate months from the
 * stage's start (the previous analysis; 0 for stage 1), each drawn from the
 * population (patients stream); one outside the populations still in, or
 * over its stratum's quota (fixed prevalence), is turned away; one taken is
 * randomised in permuted blocks within their stratum (allocation stream)
 * and enters at their screening time, with their event and loss times from
 * the outcome model. The same machinery draws the new patients a fixed
 * comparator design needs (survival-fixed.ts).
 */
import type { RandomSource, ReplicateStreams } from '../../random/stream.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import type { OutcomeModel } from '../../population/outcomes.js';
import type { EnrichmentScenario } from './schema.js';
import { stratumOf, type EnrichmentSetup } from './setup.js';
import { StratumBlocks, stageQuotas } from './recruitment.js';
import type { SurvivalData } from './survival-data.js';

/** Stops screening after this many patients per accepted one (a quota that cannot fill), as trial.ts. */
const SCREEN_LIMIT = 10_000;

export class SurvivalRecruiter {
  /** The trial's own patients, row i being the data's row i. */
  readonly cohort: Cohort;
  /** Patients screened by the trial, and per stage; each own patient's place in its stage's screening. */
  screened = 0;
  readonly stageScreened: Float64Array;
  readonly screenIndex: Int32Array;
  /** Screened by the last `addNew`. */
  lastScreened = 0;
  private readonly scratch: Cohort;
  private current: RandomSource = () => 0;
  private allocation: RandomSource = () => 0;
  private readonly source: RandomSource = () => this.current();
  private readonly normal: ReturnType<typeof normalSampler>;
  private readonly drawPatient: ReturnType<typeof biomarkerSampler>;
  private readonly blocks: StratumBlocks;
  private readonly taken: Int32Array;

  constructor(private readonly s: EnrichmentScenario, private readonly setup: EnrichmentSetup, private readonly model: OutcomeModel, private readonly rate: number, capacity: number) {
    const markers = s.population.biomarkers.length;
    this.cohort = new Cohort(Math.max(1, capacity), markers);
    this.scratch = new Cohort(1, markers);
    this.stageScreened = new Float64Array(setup.stages.length);
    this.screenIndex = new Int32Array(Math.max(1, capacity));
    this.normal = normalSampler(this.source);
    this.drawPatient = biomarkerSampler(compilePopulation(s.population), this.source, this.normal);
    this.blocks = new StratumBlocks(setup.strata, s.design.allocation);
    this.taken = new Int32Array(setup.strata);
  }

  begin(streams: ReplicateStreams): void {
    this.current = streams.patients;
    this.allocation = streams.allocation;
    this.normal.reset();
    this.blocks.reset();
    this.screened = 0;
    this.stageScreened.fill(0);
    this.cohort.n = 0;
  }

  /** The trial's stage k from the populations in `mask`, from calendar time `start`; returns the last entry (or `start`). */
  recruit(into: SurvivalData, k: number, mask: number, start: number): number {
    const n = this.setup.stages[k];
    const last = this.fill(into, true, k, stageQuotas(this.setup, this.s.design.prevalence === 'fixed', n, mask), n, start);
    this.stageScreened[k] = this.lastScreened;
    this.screened += this.lastScreened;
    this.cohort.n = into.n;
    return last;
  }

  /** n new patients from the populations in `mask` for a fixed design, screened from calendar time `start`, as its stage k. */
  addNew(into: SurvivalData, k: number, mask: number, n: number, start: number): void {
    this.fill(into, false, k, stageQuotas(this.setup, this.s.design.prevalence === 'fixed', n, mask), n, start);
  }

  /** Screens until n are taken within the quotas; the j-th screened arrives at start + j / rate. */
  private fill(into: SurvivalData, own: boolean, k: number, quota: number[], n: number, start: number): number {
    const { setup, model } = this;
    const c = own ? this.cohort : this.scratch;
    this.taken.fill(0);
    let total = 0, j = 0, last = start;
    while (total < n && j < SCREEN_LIMIT * (n + 1)) {
      const row = own ? into.n : 0;
      this.drawPatient(c, row);
      const at = start + j++ / this.rate;
      const g = stratumOf(setup.subpopulations, c.markers, row);
      if (this.taken[g] >= quota[g]) continue;
      this.taken[g]++; total++;
      const treated = this.blocks.next(this.allocation, g);
      c.arm[row] = treated ? setup.treatment : setup.control;
      model.drawOutcome(this.source, this.normal, c, row);
      c.entry[row] = at;
      if (own) this.screenIndex[into.n] = j - 1;
      into.add(at, model.outcome(c, row, c.arm[row]), c.dropout[row], g, treated, k);
      last = at;
    }
    this.lastScreened = j;
    return last;
  }
}
