/**
 * What the response-adaptive design needs to know, resolved once: arms,
 * control (or none), analysis schedule (with the final analysis at the
 * maximum sample size), and the ids of what each replicate reports.
 */
import type { ResponseAdaptiveScenario } from './schema.js';

export interface ResponseAdaptiveSetup {
  arms: string[];
  /** Control arm index, or -1 when every arm competes. */
  control: number;
  /** Arms compared (with control: the experimental arms; without: every arm). */
  compared: number[];
  /** Patients with outcomes (time-to-event: patients entered) at each analysis, the last at the maximum sample size. */
  analyses: number[];
  /** Hypothesis id of each compared arm. */
  ids: string[];
}

/** The control: named, else an arm called "control", else none (every arm competes). */
export function adaptiveControl(s: ResponseAdaptiveScenario): string | null {
  const arms = Object.keys(s.arms ?? {});
  return s.design.control ?? (arms.includes('control') ? 'control' : null);
}

export function responseAdaptiveSetup(s: ResponseAdaptiveScenario): ResponseAdaptiveSetup {
  const d = s.design;
  const arms = Object.keys(s.arms!);
  const name = adaptiveControl(s);
  const control = name === null ? -1 : arms.indexOf(name);
  const compared = arms.map((_, a) => a).filter((a) => a !== control);
  const analyses = [...d.analyses.filter((n) => n < d.sampleSize), d.sampleSize];
  const ids = compared.map((a) => (control >= 0 ? `${arms[a]}-vs-${arms[control]}` : `${arms[a]}-best`));
  return { arms, control, compared, analyses, ids };
}
