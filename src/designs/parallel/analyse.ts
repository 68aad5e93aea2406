/**
 * The analysis of one simulated parallel-group trial: tally each cell (all
 * patients, and each subgroup level) by arm, test each comparison within each
 * cell, estimate the effects, and test heterogeneity across subgroup levels.
 */
import { writeEstimate, writeEstimateOf, writeTest, type ReplicateRecord } from '../types.js';
import type { Cohort } from '../../population/cohort.js';
import type { CellTally } from './tally.js';
import type { DiscreteKey } from '../../population/discrete-table.js';
import { pooledZTest, unpooledZTest, chiSquareTest, signedChiSquareRoot, riskDifference, logOddsRatio, waldInterval, confidenceLevel, type Estimate, type TestResult } from '../../stats/proportions.js';
import { fisherExactTest } from '../../stats/fisher.js';
import { meanDifferenceTest } from '../../stats/t-tests.js';
import { logRankTest, benefitPValue } from '../../stats/logrank.js';
import { poissonRateComparison, negativeBinomialRateComparison, type CountData } from '../../stats/count-tests.js';
import { normalUpper } from '../../stats/distributions.js';
import type { ParallelSetup } from './setup.js';
import { parallelWarnings, type ParallelLayout } from './layout.js';
import { buildTally } from './tally.js';
import { buildAdjuster } from './multiplicity.js';
import { censorAtEvents, enrolledAfter } from './event-driven.js';
import { eventWarnings } from './layout.js';
import { CellResults, heterogeneityTest } from './cell-results.js';

interface CellTest {
  /** The statistic reported per replicate (design-parts.ts: testStatistic). */
  statistic: number;
  pTwoSided: number;
  /** One-sided p-value against the alternative that the treatment is better. */
  pBenefit: number;
  estimates: Estimate[];
  informative: boolean;
  zeroCell: boolean;
}

export interface Analyser {
  analyse(c: Cohort, out: ReplicateRecord): void;
  /** The cells the analysis reads: a count-level simulation (or an enrolment counting patients by type) fills them and calls analyseTally. */
  tally: CellTally;
  /** The analysis of counts already in the tally (binary endpoint: nothing else is read). */
  analyseTally(out: ReplicateRecord): void;
}

export function buildAnalyser(setup: ParallelSetup, layout: ParallelLayout, capacity: number, types: DiscreteKey | null = null): Analyser {
  const arms = setup.arms.length;
  const tally = buildTally(setup, capacity, types);
  const { n, sum, offsets, cellCount } = tally;
  const { test, alpha, sided, correct, confidence } = setup.design.analysis.primary;
  const ci = confidenceLevel(confidence);
  const meanTest = meanDifferenceTest(test, setup.knownSd);
  const dir = setup.direction;
  const subsetTime = new Float64Array(capacity);
  const subsetEvent = new Uint8Array(capacity);
  const subsetTreated = new Uint8Array(capacity);
  const order = new Int32Array(capacity);
  const cellIndex = (sg: number, level: number) => (sg < 0 ? 0 : offsets[sg] + level);

  // A binary cell's pooled z-test, risk difference and odds ratio, rewritten for each cell (no objects per replicate).
  const pooled: TestResult = { statistic: NaN, pGreater: NaN, pLess: NaN, pTwoSided: NaN };
  const rd: Estimate = { estimate: NaN, se: NaN, lower: NaN, upper: NaN };
  const or: Estimate & { corrected: boolean } = { estimate: NaN, se: NaN, lower: NaN, upper: NaN, corrected: false };

  /**
   * A binary cell: its test, and its risk difference and log odds ratio
   * written straight into the record (no test object kept: a replicate makes
   * several of these). Returns whether the odds ratio needed the correction
   * for an empty cell.
   */
  function binaryCell(slot: number, k: number, arm: number, estimates: number[], out: ReplicateRecord): boolean {
    const x1 = sum[k * arms + arm], n1 = n[k * arms + arm];
    const x0 = sum[k * arms + setup.control], n0 = n[k * arms + setup.control];
    const r = test === 'fisher' ? fisherExactTest(x1, n1, x0, n0)
      : test === 'chi-square' ? chiSquareTest(x1, n1, x0, n0, correct)
      : test === 'z-unpooled' ? unpooledZTest(x1, n1, x0, n0) : pooledZTest(x1, n1, x0, n0, pooled);
    const informative = n1 > 0 && n0 > 0 && x1 + x0 > 0 && x1 + x0 < n1 + n0;
    if (!(n1 > 0 && n0 > 0)) {
      for (let j = 0; j < estimates.length; j++) writeEstimateOf(out, estimates[j], NaN, NaN, NaN, NaN);
      results.keep(slot, informative, NaN, r.pTwoSided, dir > 0 ? r.pGreater : r.pLess, NaN, NaN);
      return false;
    }
    logOddsRatio(x1, n1, x0, n0, ci, or);
    writeEstimate(out, estimates[0], riskDifference(x1, n1, x0, n0, ci, rd));
    writeEstimate(out, estimates[1], or);
    // One-sided, the chi-square test's p-value comes from its signed root (positive: more responders on treatment).
    const statistic = test === 'chi-square' && sided === 'one' ? signedChiSquareRoot(r.statistic, x1, n1, x0, n0) : r.statistic;
    results.keep(slot, informative, statistic, r.pTwoSided, dir > 0 ? r.pGreater : r.pLess, or.estimate, or.se);
    return or.corrected;
  }

  function continuousCell(c: Cohort, cell: number, arm: number, sg: number, level: number, g: ParallelSetup['subgroups'][number] | undefined): CellTest {
    const summary = (a: number) => {
      const k = cell * arms + a;
      const mean = sum[k] / n[k];
      let ss = 0;
      for (let i = 0; i < c.n; i++) {
        if (c.arm[i] !== a || (sg >= 0 && g!.levelOf(c, i) !== level)) continue;
        const d = c.outcome[i] - mean;
        ss += d * d;
      }
      return { mean, variance: ss / (n[k] - 1), n: n[k] };
    };
    const r = meanTest(summary(arm), summary(setup.control), confidence);
    return { statistic: r.statistic, pTwoSided: r.pTwoSided, pBenefit: dir > 0 ? r.pGreater : r.pLess, estimates: [r.difference], informative: !Number.isNaN(r.df), zeroCell: false };
  }

  function survivalCell(c: Cohort, arm: number, sg: number, level: number, g: ParallelSetup['subgroups'][number] | undefined): CellTest {
    let m = 0;
    for (let i = 0; i < c.n; i++) {
      const a = c.arm[i];
      if ((a !== arm && a !== setup.control) || (sg >= 0 && g!.levelOf(c, i) !== level)) continue;
      subsetTime[m] = c.outcome[i]; subsetEvent[m] = c.event[i]; subsetTreated[m] = a === arm ? 1 : 0; m++;
    }
    const r = logRankTest(subsetTime, subsetEvent, subsetTreated, m, order);
    const est = Number.isFinite(r.logHazardRatio) ? waldInterval(r.logHazardRatio, r.seLogHazardRatio, ci) : { estimate: NaN, se: NaN, lower: NaN, upper: NaN };
    return { statistic: r.z, pTwoSided: r.pTwoSided, pBenefit: benefitPValue(r, dir > 0), estimates: [est], informative: r.variance > 0, zeroCell: false };
  }

  const counts: CountData = { y: new Float64Array(capacity), t: new Float64Array(capacity), x: new Uint8Array(capacity), m: 0 };
  const negativeBinomial = test === 'nb-wald' || test === 'nb-lr';
  const likelihoodRatio = test === 'poisson-lr' || test === 'nb-lr';

  /** Counts: Poisson (closed form from totals) or negative-binomial regression on the cell's patients, with log-exposure offsets. */
  function countCell(c: Cohort, arm: number, sg: number, level: number, g: ParallelSetup['subgroups'][number] | undefined): CellTest {
    let y1 = 0, t1 = 0, y0 = 0, t0 = 0, m = 0;
    for (let i = 0; i < c.n; i++) {
      const a = c.arm[i];
      if ((a !== arm && a !== setup.control) || (sg >= 0 && g!.levelOf(c, i) !== level)) continue;
      const treated = a === arm ? 1 : 0;
      if (treated) { y1 += c.outcome[i]; t1 += c.exposure[i]; } else { y0 += c.outcome[i]; t0 += c.exposure[i]; }
      counts.y[m] = c.outcome[i]; counts.t[m] = c.exposure[i]; counts.x[m] = treated; m++;
    }
    counts.m = m;
    const r = negativeBinomial ? negativeBinomialRateComparison(counts) : poissonRateComparison(y1, t1, y0, t0);
    const est = Number.isFinite(r.logRateRatio) ? waldInterval(r.logRateRatio, r.se, ci) : { estimate: NaN, se: NaN, lower: NaN, upper: NaN };
    // One-sided: the Wald z, or the signed root of the LR statistic, in the direction of benefit (fewer events when lower is better).
    const signed = likelihoodRatio ? Math.sign(r.logRateRatio) * Math.sqrt(r.lr) : r.z;
    const benefitZ = dir > 0 ? signed : -signed;
    return {
      statistic: !likelihoodRatio ? r.z : sided === 'one' ? signed : r.lr,
      pTwoSided: likelihoodRatio ? r.pLr : r.pWaldTwoSided,
      pBenefit: Number.isFinite(benefitZ) ? normalUpper(benefitZ) : 1,
      estimates: [est], informative: Number.isFinite(r.logRateRatio), zeroCell: false,
    };
  }

  // Per cell of the layout, what its test leaves for the adjustment and the interaction tests.
  const results = new CellResults(layout.cells.length);
  // Per interaction, the cells of its subgrouping's levels (in level order).
  const levelCells = layout.interactions.map((it) => Int32Array.from(
    layout.cells.flatMap((cell, slot) => (cell.comparison === it.comparison && cell.subgrouping === it.subgrouping ? [[cell.level, slot]] : []))
      .sort((a, b) => a[0] - b[0]).map(([, slot]) => slot),
  ));

  const reject = (slot: number) => (sided === 'two' ? results.pTwoSided[slot] < alpha : results.pBenefit[slot] < alpha);
  // One-sided interaction tests ask whether the benefit is larger in the second level (e.g. marker positive):
  // on the analysis scale a larger estimate is more benefit, except a log hazard ratio.
  const interactionBenefit: 1 | -1 = setup.endpointType === 'time-to-event' ? (dir > 0 ? -1 : 1) : dir;
  const multiplicity = setup.design.analysis.primary.multiplicity;
  const adjust = multiplicity ? buildAdjuster(multiplicity, setup) : null;
  const overall = layout.cells.filter((cell) => cell.subgrouping < 0);
  const overallSlots = layout.cells.flatMap((cell, slot) => (cell.subgrouping < 0 ? [slot] : []));

  /**
   * The cell's test as reported: its statistic and nominal p-value as the
   * design tests (none when the comparison carries no information: it
   * cannot reject), at the one and final look; adjustOverall adds the
   * adjusted p-value.
   */
  function writeCellTest(slot: number, hypothesis: number, informative: boolean, out: ReplicateRecord): void {
    const p = sided === 'two' ? results.pTwoSided[slot] : results.pBenefit[slot];
    writeTest(out, hypothesis, informative ? results.statistic[slot] : NaN, informative ? p : NaN, NaN, 1);
  }

  /** Replaces the overall decisions by the adjusted ones: reject where informative and p̃ ≤ alpha. */
  function adjustOverall(out: ReplicateRecord): void {
    const p = overallSlots.map((slot) => (results.informative[slot] ? (sided === 'two' ? results.pTwoSided[slot] : results.pBenefit[slot]) : 1));
    const sizes = overall.map((cell) => n[setup.comparisons[cell.comparison]]);
    const adjusted = adjust!(p, sizes, n[setup.control]);
    overall.forEach((cell, k) => {
      out.rejected[cell.hypothesis] = results.informative[overallSlots[k]] && adjusted[k] <= alpha ? 1 : 0;
      out.metric[layout.adjustedP[cell.comparison]] = adjusted[k];
      out.adjustedP[cell.hypothesis] = adjusted[k];
    });
  }

  const eventTarget = setup.design.analysis.primary.events;
  const eventTimes = eventTarget !== undefined ? new Float64Array(capacity) : null;
  const endOfFollowUp = setup.endOfFollowUp;

  /** Event-driven: cut follow-up at the target event; report when, and whether it fell short or came early. */
  function cutAtTarget(c: Cohort, out: ReplicateRecord): void {
    const cut = censorAtEvents(c, eventTarget!, eventTimes!);
    out.metric[layout.analysisTime] = Number.isFinite(cut) ? cut : endOfFollowUp;
    if (!Number.isFinite(cut)) out.warning[layout.eventWarning + eventWarnings.slot.fewerEvents] = 1;
    else if (enrolledAfter(c, cut)) out.warning[layout.eventWarning + eventWarnings.slot.enrolledAfterCut] = 1;
  }

  return {
    tally,
    analyse(c, out) {
      out.warning.fill(0);
      if (eventTimes) cutAtTarget(c, out);
      tally.count(c);
      decide(c, out);
    },
    analyseTally(out) {
      if (setup.endpointType !== 'binary') throw new Error('only a binary endpoint is analysed from its tally alone (checked at validate time)');
      out.warning.fill(0);
      decide(null, out);
    },
  };

  /** A continuous, count or time-to-event cell, tested on its patients: its estimates into the record, its test kept. */
  function otherCell(c: Cohort, slot: number, cell: ParallelLayout['cells'][number], k: number, arm: number, out: ReplicateRecord): boolean {
    const g = cell.subgrouping >= 0 ? setup.subgroups[cell.subgrouping] : undefined;
    const t = setup.endpointType === 'continuous' ? continuousCell(c, k, arm, cell.subgrouping, cell.level, g)
      : setup.endpointType === 'count' ? countCell(c, arm, cell.subgrouping, cell.level, g)
      : survivalCell(c, arm, cell.subgrouping, cell.level, g);
    for (let j = 0; j < cell.estimates.length; j++) writeEstimate(out, cell.estimates[j], t.estimates[j]);
    const main = t.estimates[t.estimates.length - 1];
    results.keep(slot, t.informative, t.statistic, t.pTwoSided, t.pBenefit, main.estimate, main.se);
    return t.zeroCell;
  }

  /** The tests, estimates and metrics from the tally (and, for continuous, count and time-to-event endpoints, the patients). */
  function decide(c: Cohort | null, out: ReplicateRecord): void {
    let events = 0;
    for (let a = 0; a < arms; a++) events += sum[a];
    for (let slot = 0; slot < layout.cells.length; slot++) {
      const cell = layout.cells[slot];
      const arm = setup.comparisons[cell.comparison];
      const k = cellIndex(cell.subgrouping, cell.level);
      const zeroCell = setup.endpointType === 'binary' ? binaryCell(slot, k, arm, cell.estimates, out) : otherCell(c!, slot, cell, k, arm, out);
      const informative = results.informative[slot] === 1;
      out.rejected[cell.hypothesis] = informative && reject(slot) ? 1 : 0;
      writeCellTest(slot, cell.hypothesis, informative, out);
      if (!informative) out.warning[parallelWarnings.slot.noInformation] = 1;
      if (zeroCell) out.warning[parallelWarnings.slot.zeroCell] = 1;
    }
    if (adjust) adjustOverall(out);
    for (let j = 0; j < layout.interactions.length; j++) {
      const it = layout.interactions[j];
      const p = heterogeneityTest(results, levelCells[j], ci, sided === 'one' ? interactionBenefit : 0, out, it.estimate, it.hypothesis);
      out.rejected[it.hypothesis] = p < alpha ? 1 : 0;
    }
    for (let a = 0; a < arms; a++) out.metric[a] = n[a];
    for (let cell = 1; cell < cellCount; cell++) {
      let total = 0;
      for (let a = 0; a < arms; a++) total += n[cell * arms + a];
      out.metric[arms + cell - 1] = total;
    }
    out.metric[layout.countMetric] = setup.endpointType === 'continuous' ? c!.n : events;
  }
}
