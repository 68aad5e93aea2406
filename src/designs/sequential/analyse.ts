/**
 * The analysis of one simulated sequential trial: flow counts, per-level and
 * cumulative remission, exit scores, within-level randomised comparisons
 * (pooled z-test among participants for whom both compared options were
 * acceptable and available), and the IPW values of embedded sequences and
 * their comparisons, overall and within each subgroup cell.
 */
import { writeEstimate, writeEstimateOf, writeTest, NO_ESTIMATE, type ReplicateRecord } from '../types.js';
import { pooledZTest, riskDifference, waldInterval, confidenceLevel } from '../../stats/proportions.js';
import { normalUpper } from '../../stats/distributions.js';
import { wilsonInterval } from '../../stats/wilson.js';
import { fitSequence, differenceSe, newSequenceFit } from './ipw.js';
import { PathTree, NODE } from './paths.js';
import { cumulativeIfNoDropout } from './cumulative.js';
import { RESULT, type SequentialTrial } from './trial.js';
import type { SequentialSetup } from './setup.js';
import { LEVEL_METRICS, sequentialWarnings, type SequentialLayout } from './layout.js';

/** What the analysis reads of a trial: a simulated one, or observed paths (observed.ts). */
export type AnalysedTrial = Pick<SequentialTrial, 'n' | 'L' | 'cohort' | 'reached' | 'option' | 'eligible' | 'result' | 'score' | 'inverseProbability' | 'remitLevel' | 'declined' | 'relapsed'>;

export interface Analyser {
  analyse(t: AnalysedTrial, out: ReplicateRecord): void;
}

export function buildAnalyser(setup: SequentialSetup, layout: SequentialLayout, capacity: number): Analyser {
  const L = setup.levels.length;
  const { alpha, sided, confidence } = setup.design.analysis;
  const level = confidenceLevel(confidence);
  const Q = setup.sequences.length;
  const adjust = setup.design.analysis.weights === 'acceptance-adjusted';
  const tree = new PathTree(capacity, L, Math.max(...setup.levels.map((l) => l.optionIds.length)), layout.cells.length);
  const groups = setup.subgroups.map(() => new Int32Array(capacity));
  const cells = layout.cells;
  const counts = new Float64Array(L * LEVEL_METRICS.length);
  const scoreSum = new Float64Array(L), scoreSq = new Float64Array(L), assessed = new Float64Array(L);

  const proportion = (slot: number, x: number, n: number, out: ReplicateRecord) => {
    if (n === 0) { writeEstimate(out, slot, NO_ESTIMATE); return; }
    const p = x / n;
    const [lo, hi] = wilsonInterval(x, n, confidence);
    writeEstimateOf(out, slot, p, Math.sqrt((p * (1 - p)) / n), lo, hi);
  };
  const wald = (slot: number, value: number, se: number, out: ReplicateRecord) => writeEstimate(out, slot, waldInterval(value, se, level));
  const inCell = (cell: number, i: number) => cell === 0 || groups[cells[cell].subgrouping][i] === cells[cell].level;
  const cellOffset = setup.subgroups.map((_, sg) => cells.findIndex((c) => c.subgrouping === sg));
  const cellsOf = (i: number, out: Int32Array) => {
    out[0] = 0;
    for (let sg = 0; sg < groups.length; sg++) out[sg + 1] = cellOffset[sg] + groups[sg][i];
    return groups.length + 1;
  };
  const atRisk = new Float64Array(L), events = new Float64Array(L);
  /** Each sequence's fit in each cell, refilled every replicate. */
  const fits = setup.sequences.map((sq) => cells.map(() => newSequenceFit(sq.options)));

  function flow(t: AnalysedTrial, out: ReplicateRecord): void {
    counts.fill(0); scoreSum.fill(0); scoreSq.fill(0); assessed.fill(0);
    out.metric.fill(0);
    let remitters = 0, relapses = 0, weeks = 0;
    for (let i = 0; i < t.n; i++) {
      for (let k = 0; k < t.reached[i]; k++) {
        const at = i * L + k, r = t.result[at], c = k * LEVEL_METRICS.length;
        counts[c]++;
        out.metric[layout.metricBase.options[k] + t.option[at]]++;
        if (r === RESULT.remitted) counts[c + 1]++;
        else if (r === RESULT.droppedOut) counts[c + 2]++;
        else if (r === RESULT.intolerant) counts[c + 3]++;
        weeks += r === RESULT.droppedOut ? setup.levels[k].weeks / 2 : setup.levels[k].weeks;
        const sc = t.score[at];
        if (!Number.isNaN(sc)) { scoreSum[k] += sc; scoreSq[k] += sc * sc; assessed[k]++; }
      }
      if (t.declined[i]) counts[(t.reached[i] - 1) * LEVEL_METRICS.length + 4]++;
      if (t.remitLevel[i] >= 0) { remitters++; relapses += t.relapsed[i]; }
    }
    for (let j = 0; j < counts.length; j++) out.metric[j] = counts[j];
    const tot = layout.metricBase.totals;
    out.metric[tot] = remitters; out.metric[tot + 1] = relapses; out.metric[tot + 2] = weeks / t.n;
    for (let k = 0; k < L; k++) {
      const c = k * LEVEL_METRICS.length;
      proportion(layout.levelRemission[k], counts[c + 1], counts[c], out);
      atRisk[k] = counts[c] - counts[c + 2]; events[k] = counts[c + 1];
      if (layout.score.length) {
        const n = assessed[k], mean = scoreSum[k] / n, v = (scoreSq[k] - n * mean * mean) / (n - 1);
        wald(layout.score[k], n > 0 ? mean : NaN, n > 1 ? Math.sqrt(Math.max(0, v) / n) : NaN, out);
      }
    }
    proportion(layout.cumulative, remitters, t.n, out);
    const km = cumulativeIfNoDropout(atRisk, events);
    wald(layout.cumulativeIfNoDropout, km.value, km.se, out);
    if (layout.sustained >= 0) proportion(layout.sustained, remitters - relapses, t.n, out);
  }

  function comparisons(t: AnalysedTrial, out: ReplicateRecord): void {
    setup.comparisons.forEach((c, ci) => {
      const both = c.masks[0] | c.masks[1];
      for (let cell = 0; cell < cells.length; cell++) {
        let n1 = 0, x1 = 0, n0 = 0, x0 = 0;
        for (let i = 0; i < t.n; i++) {
          const at = i * L + c.level;
          if (t.reached[i] <= c.level || (t.eligible[at] & both) !== both || !inCell(cell, i)) continue;
          const bit = 1 << t.option[at], remitted = t.result[at] === RESULT.remitted ? 1 : 0;
          if (bit & c.masks[0]) { n1++; x1 += remitted; } else if (bit & c.masks[1]) { n0++; x0 += remitted; }
        }
        const slot = ci * cells.length + cell;
        if (cell === 0) { out.metric[layout.metricBase.comparisons + 2 * ci] = n1; out.metric[layout.metricBase.comparisons + 2 * ci + 1] = n0; }
        const informative = n1 > 0 && n0 > 0 && x1 + x0 > 0 && x1 + x0 < n1 + n0;
        const test = pooledZTest(x1, n1, x0, n0);
        const p = sided === 'two' ? test.pTwoSided : test.pGreater;
        out.rejected[layout.comparisonHypothesis[slot]] = informative && p < alpha ? 1 : 0;
        writeTest(out, layout.comparisonHypothesis[slot], informative ? test.statistic : NaN, informative ? p : NaN, NaN, 1);
        if (!informative) out.warning[sequentialWarnings.slot.noInformation] = 1;
        writeEstimate(out, layout.comparisonEstimate[slot], n1 > 0 && n0 > 0 ? riskDifference(x1, n1, x0, n0, level) : NO_ESTIMATE);
      }
    });
  }

  function sequences(t: AnalysedTrial, out: ReplicateRecord): void {
    tree.build(t, cellsOf);
    for (let q = 0; q < Q; q++) {
      out.metric[layout.metricBase.sequences + q] = consistentCount(setup.sequences[q].options);
      for (let cell = 0; cell < cells.length; cell++) {
        const fit = fitSequence(tree, cell, setup.sequences[q].options, adjust, fits[q][cell]);
        if (!Number.isFinite(fit.value)) out.warning[sequentialWarnings.slot.noConsistent] = 1;
        wald(layout.sequenceEstimate[q * cells.length + cell], fit.value, fit.se, out);
      }
    }
    let any = 0;
    setup.sequenceComparisons.forEach(([a, b], ci) => {
      for (let cell = 0; cell < cells.length; cell++) {
        const value = fits[a][cell].value - fits[b][cell].value;
        const se = differenceSe(fits[a][cell], fits[b][cell], t, (i) => inCell(cell, i));
        const slot = ci * cells.length + cell;
        wald(layout.sequenceComparisonEstimate[slot], value, se, out);
        const z = value / se;
        const p = sided === 'two' ? 2 * normalUpper(Math.abs(z)) : normalUpper(z);
        const reject = se > 0 && p < alpha ? 1 : 0;
        out.rejected[layout.sequenceComparisonHypothesis[slot]] = reject;
        writeTest(out, layout.sequenceComparisonHypothesis[slot], se > 0 ? z : NaN, se > 0 ? p : NaN, NaN, 1);
        if (cell === 0) any |= reject;
      }
    });
    if (layout.anySequenceComparison >= 0) out.rejected[layout.anySequenceComparison] = any;
  }

  /** Participants whose options match the sequence at every level they entered, up to its length. */
  function consistentCount(d: Int32Array): number {
    let u = 0, count = 0;
    for (let k = 0; k < d.length && u >= 0; k++) {
      const v = tree.next(u, d[k]);
      if (v < 0) break;
      count += k === d.length - 1 ? tree.stat(0, v, NODE.n) : tree.stat(0, v, NODE.stopN);
      u = v;
    }
    return count;
  }

  return {
    analyse(t, out) {
      out.warning.fill(0);
      setup.subgroups.forEach((g, sg) => { for (let i = 0; i < t.n; i++) groups[sg][i] = g.levelOf(t.cohort, i); });
      flow(t, out);
      comparisons(t, out);
      sequences(t, out);
    },
  };
}
