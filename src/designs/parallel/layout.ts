/**
 * The names of everything a parallel-group replicate reports, in a fixed
 * order: per comparison the overall test, one test per subgroup level, and a
 * test of heterogeneity (treatment x subgroup interaction) per subgrouping.
 */
import { namedWarnings, type ReplicateLayout, type HypothesisInfo, type EstimateInfo, type MetricInfo } from '../types.js';
import { effectScales, analysisScale, type ParallelSetup } from './setup.js';
import { testStatistic } from '../../scenario/design-parts.js';

export interface CellRef {
  comparison: number;
  /** -1 for all patients, else the subgrouping index. */
  subgrouping: number;
  level: number;
}

export interface ParallelLayout extends ReplicateLayout {
  /** Hypothesis and estimate slots of each cell, in layout order. */
  cells: (CellRef & { hypothesis: number; estimates: number[] })[];
  /** Interaction slots: hypothesis and (two-level only) estimate. */
  interactions: { comparison: number; subgrouping: number; hypothesis: number; estimate: number }[];
  /** Metric slot of the responders / events / patients count. */
  countMetric: number;
  /** With a multiplicity adjustment: per comparison, the metric slot of its adjusted p-value. */
  adjustedP: number[];
  /** With quotas: the metric slot of the patients screened (-1 without). */
  screenedMetric: number;
  /** Event-driven analysis: the metric slot of the analysis time and the first of its warnings (-1 when not event-driven). */
  analysisTime: number;
  eventWarning: number;
}

export function comparisonId(setup: ParallelSetup, comparison: number): string {
  return `${setup.arms[setup.comparisons[comparison]]}-vs-${setup.arms[setup.control]}`;
}

/** Warnings of an event-driven analysis (after the parallel warnings, before the models'). */
export const eventWarnings = namedWarnings({
  fewerEvents: { id: 'fewer-events', label: 'fewer events than the target by the end of follow-up: analysed at the end' },
  enrolledAfterCut: { id: 'enrolled-after-cut', label: 'the target event came before enrolment ended: later patients analysed with no follow-up' },
});

/** Warnings of every parallel-group replicate (models add their own after these). */
export const parallelWarnings = namedWarnings({
  zeroCell: { id: 'zero-cell', label: 'odds ratio needed the 0.5 correction for an empty cell' },
  noInformation: { id: 'no-information', label: 'a comparison had an empty arm or no events, so its test could not reject' },
});

export function parallelLayout(setup: ParallelSetup): ParallelLayout {
  const hypotheses: HypothesisInfo[] = [];
  const estimates: EstimateInfo[] = [];
  const cells: ParallelLayout['cells'] = [];
  const interactions: ParallelLayout['interactions'] = [];
  const scales = effectScales(setup.endpointType);
  const main = analysisScale(setup.endpointType);
  const addCell = (ref: CellRef, suffix: string, label: string, family: string) => {
    const ids = scales.map(([prefix, words]) => {
      estimates.push({ id: `${prefix}:${suffix}`, label: `${label} (${words})`, scale: words });
      return estimates.length - 1;
    });
    // The estimand is on the analysis scale: higher is better when the endpoint says so (a log hazard ratio: lower).
    const better = (setup.endpointType === 'time-to-event' ? -setup.direction : setup.direction) > 0 ? 'higher' : 'lower';
    // Adjusted primary comparisons have no level of their own (the family's is alpha).
    const level = family === 'primary' && setup.design.analysis.primary.multiplicity ? {} : { level: setup.design.analysis.primary.alpha };
    const { test, sided, multiplicity } = setup.design.analysis.primary;
    const adjusted = family === 'primary' && multiplicity ? { adjusted: multiplicity.method } : {};
    hypotheses.push({
      id: suffix, label, family, estimand: `${main}:${suffix}`, ...(family === 'primary' ? { better } : {}), ...level,
      test: { statistic: testStatistic(test, sided), sided, ...adjusted },
    });
    cells.push({ ...ref, hypothesis: hypotheses.length - 1, estimates: ids });
  };
  setup.comparisons.forEach((arm, comparison) => {
    const cid = comparisonId(setup, comparison);
    const words = `${setup.arms[arm]} vs ${setup.arms[setup.control]}`;
    const adjusted = setup.design.analysis.primary.multiplicity ? ` (${setup.design.analysis.primary.multiplicity.method} adjusted)` : '';
    addCell({ comparison, subgrouping: -1, level: 0 }, cid, `${words}, all patients${adjusted}`, 'primary');
    setup.subgroups.forEach((g, subgrouping) => {
      g.levels.forEach((levelName, level) => {
        addCell({ comparison, subgrouping, level }, `${cid}|${levelName}`, `${words}, ${levelName}`, 'subgroup');
      });
      const id = `${cid}|interaction:${g.name}`;
      let estimate = -1;
      if (g.levels.length === 2) {
        const scaleWords = scales.find(([p]) => p === main)![1];
        estimates.push({ id: `${main}:${id}`, label: `${words}: effect in ${g.levels[1]} minus ${g.levels[0]} (${scaleWords})`, scale: `difference in ${scaleWords}` });
        estimate = estimates.length - 1;
      }
      hypotheses.push({
        id, label: `${words}: treatment x ${g.name} interaction${g.levels.length === 2 && setup.design.analysis.primary.sided === 'one' ? ` (one-sided: more benefit in ${g.levels[1]})` : ''}`, family: 'interaction',
        estimand: estimate >= 0 ? estimates[estimate].id : undefined,
        level: setup.design.analysis.primary.alpha,
        // Two levels: the Wald z of the difference of their effects; more: Cochran's Q, which has no direction (cell-results.ts).
        test: g.levels.length === 2
          ? { statistic: `z of the difference of the two levels' effects (${g.levels[1]} minus ${g.levels[0]}, on the analysis scale)`, sided: setup.design.analysis.primary.sided }
          : { statistic: `Cochran's Q (chi-square, ${g.levels.length - 1} df)`, sided: 'two' },
      });
      interactions.push({ comparison, subgrouping, hypothesis: hypotheses.length - 1, estimate });
    });
  });
  const metrics: MetricInfo[] = setup.arms.map((a) => ({ id: `n:${a}`, label: `patients on ${a}` }));
  setup.subgroups.forEach((g) => g.levels.forEach((l) => metrics.push({ id: `n:${l}`, label: `patients with ${l}` })));
  const total = setup.endpointType === 'binary' ? 'responders' : setup.endpointType === 'continuous' ? 'patients' : 'events';
  metrics.push({ id: total, label: total });
  const countMetric = metrics.length - 1;
  const multiplicity = setup.design.analysis.primary.multiplicity;
  const adjustedP = multiplicity ? setup.comparisons.map((_, k) => {
    metrics.push({ id: `p-adjusted:${comparisonId(setup, k)}`, label: `${comparisonId(setup, k)}: ${multiplicity.method}-adjusted p-value` });
    return metrics.length - 1;
  }) : [];
  const eventDriven = setup.design.analysis.primary.events !== undefined;
  if (eventDriven) metrics.push({ id: 'analysisTime', label: `calendar time of the analysis (${setup.design.analysis.primary.events}th event)`, unit: 'months' });
  const quotas = setup.design.quotas;
  if (quotas) metrics.push({ id: 'screened', label: `patients screened to fill the ${quotas.biomarker} quotas`, unit: 'patients' });
  const screenedMetric = quotas ? metrics.length - 1 : -1;
  const warnings = [...parallelWarnings.warnings, ...(eventDriven ? eventWarnings.warnings : [])];
  return {
    hypotheses, estimates, metrics, warnings, cells, interactions, countMetric, adjustedP, screenedMetric,
    analysisTime: eventDriven ? metrics.length - 1 : -1,
    eventWarning: eventDriven ? parallelWarnings.warnings.length : -1,
  };
}
