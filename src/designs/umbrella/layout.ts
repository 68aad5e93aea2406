/**
 * The names of everything an umbrella replicate reports, in a fixed order:
 * per substudy its hypothesis and estimates, the family-wise quantities, and
 * the screening funnel and timing metrics; then the same for the
 * side-by-side separate two-arm trials when asked for.
 */
import { namedWarnings, type ReplicateLayout, type HypothesisInfo, type EstimateInfo, type MetricInfo, type TestInfo } from '../types.js';
import { effectScales, analysisScale, type UmbrellaSetup } from './setup.js';
import { testStatistic } from '../../scenario/design-parts.js';

/** Slot indices of one run (the umbrella, or the separate trials). */
export interface RunSlots {
  prefix: string;
  hypotheses: number;
  /** Family hypotheses (-1 when not reported). */
  fwer: number;
  disjunctive: number;
  conjunctive: number;
  anyRejection: number;
  estimates: number;
  /** First adjusted (median-unbiased) estimate after stopping, -1 when not reported. */
  adjusted: number;
  metrics: number;
}

export interface UmbrellaLayout extends ReplicateLayout {
  runs: RunSlots[];
  /** Metric slot of patients saved and months saved by sharing (-1 without side-by-side). */
  saved: number;
}

export const umbrellaWarnings = namedWarnings({
  zeroCell: { id: 'zero-cell', label: 'odds ratio needed the 0.5 correction for an empty cell' },
  noInformation: { id: 'no-information', label: 'a substudy had an empty arm or no events, so its test could not reject' },
  screeningLimit: { id: 'screening-limit', label: 'screening stopped at the safety limit of 10 million patients' },
});

/** The one-sided level each substudy's boundaries spend (alpha/2 for a two-sided test; divided among substudies under Bonferroni, and under Holm with interims until alpha is passed on). */
export function oneSidedAlpha(setup: UmbrellaSetup): number {
  const a = setup.design.analysis;
  const divided = a.multiplicity === 'bonferroni' || (a.multiplicity === 'holm' && setup.fractions.length > 1);
  return (a.sided === 'two' ? a.alpha / 2 : a.alpha) / (divided ? setup.substudies.length : 1);
}

/**
 * How a substudy's test is reported (record.ts): with interims the
 * boundaries read the one-sided p for benefit, and the adjusted p-value is
 * the stage-wise ordering one (times K under Bonferroni; none under Holm,
 * which passes alpha on after the trial); a fixed design's p has the
 * design's sidedness and its adjustment's adjusted p-value.
 */
function substudyTest(setup: UmbrellaSetup, multiplicity: UmbrellaSetup['design']['analysis']['multiplicity']): TestInfo {
  const { test, sided } = setup.design.analysis;
  if (setup.fractions.length > 1) {
    const adjusted = multiplicity === 'holm' ? {} : { adjusted: `stage-wise ordering${multiplicity === 'bonferroni' ? ', Bonferroni' : ''}` };
    return { statistic: testStatistic(test, 'one'), sided: 'one', ...adjusted };
  }
  return { statistic: testStatistic(test, sided), sided, ...(multiplicity === 'none' ? {} : { adjusted: multiplicity }) };
}

export function umbrellaLayout(setup: UmbrellaSetup, sharpNull: boolean[]): UmbrellaLayout {
  const hypotheses: HypothesisInfo[] = [];
  const estimates: EstimateInfo[] = [];
  const metrics: MetricInfo[] = [];
  const scales = effectScales(setup.endpointType);
  const main = analysisScale(setup.endpointType);
  const anyNull = sharpNull.some((x) => x), anyActive = sharpNull.some((x) => !x), allNull = !anyActive;
  const interims = setup.fractions.length > 1;
  const runs: RunSlots[] = [];
  const addRun = (prefix: string, words: string) => {
    const slots: RunSlots = { prefix, hypotheses: hypotheses.length, fwer: -1, disjunctive: -1, conjunctive: -1, anyRejection: -1, estimates: estimates.length, adjusted: -1, metrics: 0 };
    const family = prefix ? 'separate' : 'substudy';
    // Each substudy is tested at alpha when nothing adjusts it (and always when run as a separate trial).
    const a = setup.design.analysis;
    const level = prefix || a.multiplicity === 'none' ? { level: a.alpha } : {};
    const test = substudyTest(setup, prefix ? 'none' : a.multiplicity);
    for (const sub of setup.substudies) {
      hypotheses.push({ id: `${prefix}${sub.id}`, label: `${words}${sub.label}`, family, estimand: `${main}:${sub.id}`, ...level, test });
      for (const [p, w] of scales) estimates.push({ id: `${p}:${prefix}${sub.id}`, label: `${words}${sub.id}: ${setup.arms[sub.drug]} vs ${setup.arms[sub.control]} (${w})`, scale: w });
    }
    if (!prefix && interims && setup.design.interims?.adjusted) {
      slots.adjusted = estimates.length;
      const [p, w] = scales[0];
      const level = Math.round(100 * (1 - 2 * oneSidedAlpha(setup)));
      for (const sub of setup.substudies) estimates.push({ id: `adjusted:${p}:${sub.id}`, label: `${sub.id}: median-unbiased estimate after stopping, with its ${level}% stage-wise ordering interval (${w})`, scale: w });
    }
    const fam = prefix ? 'separate family' : 'family';
    const push = (key: 'fwer' | 'disjunctive' | 'conjunctive' | 'anyRejection', id: string, label: string, nullIsTrue?: boolean) => {
      slots[key] = hypotheses.length;
      hypotheses.push({ id: `${prefix}${id}`, label: `${words}${label}`, family: fam, ...(nullIsTrue === undefined ? {} : { nullIsTrue }) });
    };
    if (anyNull) push('fwer', 'fwer', 'family-wise error: a substudy whose drug does nothing declared a success', true);
    if (anyActive) {
      push('disjunctive', 'disjunctive-power', 'disjunctive power: at least one effective drug declared a success', false);
      push('conjunctive', 'conjunctive-power', 'conjunctive power: every effective drug declared a success', false);
    }
    push('anyRejection', 'any-success', 'at least one substudy declared a success', allNull ? true : undefined);
    slots.metrics = metrics.length;
    const m = (id: string, label: string, unit?: string) => metrics.push({ id: `${prefix}${id}`, label: `${words}${label}`, ...(unit ? { unit } : {}) });
    m('screened', 'patients screened', 'patients');
    m('screen-failures', 'screen failures (biomarker test failed)', 'patients');
    m('not-matched', 'screened patients matching no substudy', 'patients');
    m('turned-away', 'matched patients not enrolled (their substudies closed)', 'patients');
    m('enrolled', 'patients enrolled', 'patients');
    m('duration', 'months to the last final analysis', 'months');
    m('screening-months', 'months of screening', 'months');
    m('capped', 'screening stopped at the cap with a substudy open');
    for (const sub of setup.substudies) {
      m(`enrolled:${sub.id}`, `patients enrolled in ${sub.id}`, 'patients');
      m(`drug:${sub.id}`, `patients on ${setup.arms[sub.drug]} in ${sub.id}`, 'patients');
      m(`control:${sub.id}`, `controls randomised in ${sub.id}`, 'patients');
      m(`compared-controls:${sub.id}`, `controls ${sub.id}'s drug is compared with`, 'patients');
      m(`months:${sub.id}`, `months until ${sub.id} closed`, 'months');
      if (interims) {
        m(`stage:${sub.id}`, `look at which ${sub.id} concluded`);
        m(`efficacy-stop:${sub.id}`, `${sub.id} stopped early for efficacy`);
        m(`futility-stop:${sub.id}`, `${sub.id} stopped for futility`);
      }
    }
    runs.push(slots);
  };
  addRun('', '');
  let saved = -1;
  if (setup.sideBySide) {
    addRun('separate:', 'separate trials: ');
    saved = metrics.length;
    metrics.push({ id: 'patients-saved', label: 'patients saved by the umbrella (separate trials minus umbrella)', unit: 'patients' });
    metrics.push({ id: 'months-saved', label: 'months saved by the umbrella (separate trials minus umbrella)', unit: 'months' });
  }
  return { hypotheses, estimates, metrics, warnings: [...umbrellaWarnings.warnings], runs, saved };
}
