/**
 * What each replicate of a platform trial reports: per analysis (the
 * decision analysis first) and experimental arm, whether the arm was found
 * better than control and its estimate; per arm its patients, entry and exit
 * times, why it left, and the control patients each analysis used; for the
 * platform its patients, duration and periods.
 */
import type { ReplicateLayout, HypothesisInfo, EstimateInfo, MetricInfo } from '../types.js';
import { namedWarnings } from '../types.js';
import type { AnalysisMethod } from './schema.js';
import type { PlatformSetup } from './setup.js';

export const METHOD_LABELS: Record<AnalysisMethod, string> = {
  'concurrent': 'concurrent controls',
  'pooled': 'all controls pooled',
  'period-adjusted': 'all data, period as a factor',
  'concurrent-period-adjusted': 'concurrent controls, period as a factor',
  'calendar-spline': 'all data, cubic spline of calendar time',
};

/** The id of arm k's hypothesis and estimate under an analysis. */
export const comparisonId = (arm: string, method: AnalysisMethod) => `${arm}:${method}`;

/** Metric slots: platform-wide first, then per experimental arm in a fixed order of fields. */
export const ARM_FIELDS = ['patients', 'opened', 'entry', 'exit', 'graduated', 'futility', 'cut', 'controls-concurrent', 'controls-pooled'] as const;
export const PLATFORM_METRICS = ['patients', 'control', 'duration', 'periods', 'idle', 'screened'] as const;

export const platformWarnings = namedWarnings({
  fitFailed: { id: 'fit-failed', label: 'An analysis could not be fitted (no control in its window, or the estimate is infinite: separation); its estimate is missing' },
  periodWithoutControl: { id: 'period-without-control', label: 'A period in an analysis window had no control patients (period-adjusted analyses then lean on the other arms)' },
  idle: { id: 'idle', label: 'Every open arm had left before the next arm entered: that arm opened with no concurrent control, at once or at its time' },
});

export function platformLayout(setup: PlatformSetup, better: 'higher' | 'lower', scale: string, alpha: number): ReplicateLayout {
  const control = setup.armNames[setup.control];
  const hypotheses: HypothesisInfo[] = [];
  const estimates: EstimateInfo[] = [];
  setup.methods.forEach((m, j) => {
    for (const a of setup.experimental) {
      const id = comparisonId(a.name, m);
      hypotheses.push({
        id, label: `${a.name} better than ${control} (${METHOD_LABELS[m]}${j === 0 ? ', decision analysis' : ', at the arm\'s last analysis'})`,
        family: m, estimand: id, better, level: alpha,
        test: { statistic: 'estimate over its SE, positive for benefit (t for a linear model, else Wald z)', sided: 'one' },
      });
      estimates.push({ id, label: `${a.name} vs ${control}, ${METHOD_LABELS[m]}`, scale });
    }
  });
  const perArm: Record<(typeof ARM_FIELDS)[number], (a: string) => MetricInfo> = {
    'patients': (a) => ({ id: `patients:${a}`, label: `Patients on ${a}`, unit: 'patients' }),
    'opened': (a) => ({ id: `opened:${a}`, label: `${a} opened (share of trials)` }),
    'entry': (a) => ({ id: `entry:${a}`, label: `${a} entry time (when opened)`, unit: 'time' }),
    'exit': (a) => ({ id: `exit:${a}`, label: `${a} exit time (when opened)`, unit: 'time' }),
    'graduated': (a) => ({ id: `graduated:${a}`, label: `${a} graduated at an interim (share of trials)` }),
    'futility': (a) => ({ id: `futility:${a}`, label: `${a} stopped for futility at an interim (share of trials)` }),
    'cut': (a) => ({ id: `cut:${a}`, label: `${a} cut short by the platform's end (share of trials)` }),
    'controls-concurrent': (a) => ({ id: `controls-concurrent:${a}`, label: `Concurrent control patients for ${a}`, unit: 'patients' }),
    'controls-pooled': (a) => ({ id: `controls-pooled:${a}`, label: `All control patients up to ${a}'s exit`, unit: 'patients' }),
  };
  const metrics: MetricInfo[] = [
    { id: 'patients', label: 'Patients in the platform', unit: 'patients' },
    { id: `patients:${control}`, label: `Patients on ${control}`, unit: 'patients' },
    { id: 'duration', label: 'Platform duration (last exit)', unit: 'time' },
    { id: 'periods', label: 'Periods (cut at every entry and exit)', unit: 'periods' },
    { id: 'idle', label: 'An arm entered after every other had left (share of trials)' },
    { id: 'screened', label: 'Patients turned away: eligible for no open arm (biomarker-driven arms)', unit: 'patients' },
    ...setup.experimental.flatMap((a) => ARM_FIELDS.map((f) => perArm[f](a.name))),
  ];
  return { hypotheses, estimates, metrics, warnings: platformWarnings.warnings };
}
