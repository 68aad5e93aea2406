/**
 * The names of everything a sequential replicate reports, in a fixed order,
 * with the slot of each: per-level and cumulative remission, exit scores,
 * within-level comparisons, embedded sequences' values and comparisons of
 * sequences (each also within every subgroup cell), and the flow counts.
 */
import { namedWarnings, type ReplicateLayout, type HypothesisInfo, type EstimateInfo, type MetricInfo } from '../types.js';
import type { SequentialSetup } from './setup.js';

/** A cell of the analysis: all participants (-1) or one level of one subgrouping. */
export interface Cell {
  subgrouping: number;
  level: number;
  /** "" for all participants, else "|profile=typical". */
  suffix: string;
  words: string;
}

export interface SequentialLayout extends ReplicateLayout {
  cells: Cell[];
  /** Estimate slots. */
  levelRemission: number[];
  cumulative: number;
  cumulativeIfNoDropout: number;
  sustained: number;
  score: number[];
  /** [item * cells.length + cell]: hypothesis and estimate slots. */
  comparisonHypothesis: number[];
  comparisonEstimate: number[];
  sequenceEstimate: number[];
  sequenceComparisonHypothesis: number[];
  sequenceComparisonEstimate: number[];
  anySequenceComparison: number;
  /** Metric slots. */
  metricBase: { levels: number; options: number[]; comparisons: number; sequences: number; totals: number };
}

export const LEVEL_METRICS = ['entering', 'remitting', 'dropping-out', 'intolerant', 'declining-next'] as const;

export const sequentialWarnings = namedWarnings({
  noInformation: { id: 'no-information', label: 'a within-level comparison had an empty arm or no variation, so its test could not reject' },
  noConsistent: { id: 'no-consistent', label: 'a sequence had no consistent participant in some cell, so its value is missing' },
});

export function sequentialLayout(setup: SequentialSetup): SequentialLayout {
  const hypotheses: HypothesisInfo[] = [];
  const estimates: EstimateInfo[] = [];
  const metrics: MetricInfo[] = [];
  const est = (id: string, label: string, scale: string) => estimates.push({ id, label, scale }) - 1;
  const hyp = (h: HypothesisInfo) => hypotheses.push(h) - 1;
  const cells: Cell[] = [{ subgrouping: -1, level: 0, suffix: '', words: 'all participants' }];
  setup.subgroups.forEach((g, sg) => g.levels.forEach((l, level) => cells.push({ subgrouping: sg, level, suffix: `|${l}`, words: l })));
  const levels = setup.levels;
  const levelRemission = levels.map((l) => est(`remission:${l.id}`, `remission at level ${l.id} among its entrants (dropouts count as non-remitters)`, 'proportion'));
  const cumulative = est('cumulative-remission', 'cumulative remission over all levels (dropouts count as non-remitters)', 'proportion');
  const cumulativeIfNoDropout = est('cumulative-remission-if-no-dropout', 'cumulative remission had nobody dropped out (product-limit over levels, dropouts censored)', 'proportion');
  const sustained = levels.some((l) => l.relapse > 0) ? est('sustained-remission', 'remitted and did not relapse during follow-up', 'proportion') : -1;
  const score = setup.design.score ? levels.map((l) => est(`score:${l.id}`, `mean exit ${setup.design.score!.label ?? 'symptom score'} at level ${l.id} among those assessed`, 'score')) : [];
  const sided = setup.design.analysis.sided;
  const comparisonHypothesis: number[] = [], comparisonEstimate: number[] = [];
  for (const c of setup.comparisons) {
    for (const cell of cells) {
      const words = `${c.names[0]} vs ${c.names[1]} at level ${levels[c.level].id}, ${cell.words}`;
      comparisonEstimate.push(est(`rd:${c.id}${cell.suffix}`, `remission difference, ${words}`, 'risk difference'));
      comparisonHypothesis.push(hyp({
        id: `${c.id}${cell.suffix}`, label: words, family: cell.subgrouping < 0 ? 'within-level' : 'within-level subgroup', estimand: `rd:${c.id}${cell.suffix}`,
        test: { statistic: 'z, pooled variance (remission on the first option minus the second)', sided },
      }));
    }
  }
  const sequenceEstimate: number[] = [];
  for (const q of setup.sequences) {
    for (const cell of cells) sequenceEstimate.push(est(`value:${q.id}${cell.suffix}`, `IPW value (cumulative remission) of ${q.id}, ${cell.words}`, 'proportion'));
  }
  const sequenceComparisonHypothesis: number[] = [], sequenceComparisonEstimate: number[] = [];
  for (const [a, b] of setup.sequenceComparisons) {
    const id = `${setup.sequences[a].id} vs ${setup.sequences[b].id}`;
    for (const cell of cells) {
      sequenceComparisonEstimate.push(est(`value-difference:${id}${cell.suffix}`, `difference in IPW value, ${id}, ${cell.words}`, 'risk difference'));
      sequenceComparisonHypothesis.push(hyp({
        id: `${id}${cell.suffix}`, label: `Wald test of the IPW values, ${id}, ${cell.words}`, family: cell.subgrouping < 0 ? 'sequence comparison' : 'sequence comparison subgroup', estimand: `value-difference:${id}${cell.suffix}`,
        test: { statistic: 'Wald z of the difference in IPW values (first minus second sequence)', sided },
      }));
    }
  }
  const anySequenceComparison = setup.sequenceComparisons.length > 1
    ? hyp({ id: 'any-sequence-comparison', label: 'at least one prespecified sequence comparison rejects', family: 'family-wise' })
    : -1;
  const metricBase = { levels: 0, options: [] as number[], comparisons: 0, sequences: 0, totals: 0 };
  for (const l of levels) for (const m of LEVEL_METRICS) metrics.push({ id: `${m}:${l.id}`, label: `participants ${m.replace('-', ' ')} at level ${l.id}` });
  for (const l of levels) {
    metricBase.options.push(metrics.length);
    for (const o of l.optionIds) metrics.push({ id: `n:${l.id}:${o}`, label: `participants given ${o} at level ${l.id}` });
  }
  metricBase.comparisons = metrics.length;
  for (const c of setup.comparisons) for (const name of c.names) metrics.push({ id: `n:${c.id}:${name}`, label: `participants randomised to ${name} among those eligible for both, ${c.id}` });
  metricBase.sequences = metrics.length;
  for (const q of setup.sequences) metrics.push({ id: `consistent:${q.id}`, label: `participants consistent with ${q.id}` });
  metricBase.totals = metrics.length;
  metrics.push({ id: 'remitters', label: 'participants who remitted at any level' });
  metrics.push({ id: 'relapses', label: 'remitters who relapsed during follow-up' });
  metrics.push({ id: 'weeks-per-participant', label: 'mean weeks of acute treatment per participant (dropouts count half their level)', unit: 'weeks' });
  return {
    hypotheses, estimates, metrics, warnings: [...sequentialWarnings.warnings], cells, levelRemission, cumulative, cumulativeIfNoDropout, sustained, score,
    comparisonHypothesis, comparisonEstimate, sequenceEstimate, sequenceComparisonHypothesis, sequenceComparisonEstimate,
    anySequenceComparison, metricBase,
  };
}
