/**
 * What the umbrella design needs to know about a scenario, resolved once:
 * arms, substudies (rule-based first, then the non-match substudy), their
 * eligibility predicates, allocation ratios and look sizes.
 */
import type { UmbrellaScenario } from './schema.js';
import type { UmbrellaDesignSpec } from './schema.js';
import { umbrellaControl } from './check.js';
import { compileRule, type Eligibility } from '../../scenario/rules/compile.js';

export interface SubstudySetup {
  id: string;
  label: string;
  /** The rule as written ("" for the non-match substudy). */
  rule: string;
  drug: number;
  control: number;
  target: number;
  /** Time-to-event with interims: events at the final analysis (0 otherwise). */
  events: number;
  /** Allocation ratio drug : control. */
  ratios: [number, number];
  /** null for the non-match substudy (eligible when no rule matches). */
  eligible: Eligibility | null;
}

export type EndpointType = 'binary' | 'continuous' | 'time-to-event';

export interface UmbrellaSetup {
  design: UmbrellaDesignSpec;
  arms: string[];
  substudies: SubstudySetup[];
  /** Number of rule-based substudies (they come first). */
  ruleCount: number;
  /** Index of the non-match substudy, or -1. */
  nonMatch: number;
  screenFailuresToNonMatch: boolean;
  endpointType: EndpointType;
  /** +1 when higher outcomes are better (and for time-to-event, where the log-rank p-value is oriented), -1 when lower. */
  direction: number;
  /** Information fractions of the looks ([1] without interims). */
  fractions: number[];
  /** Drug:control ratio of the side-by-side separate trials, or null. */
  sideBySide: [number, number] | null;
}

function ratiosOf(allocation: Record<string, number> | undefined, drug: string, control: string): [number, number] {
  return allocation ? [allocation[drug], allocation[control]] : [1, 1];
}

export function umbrellaSetup(s: UmbrellaScenario): UmbrellaSetup {
  const design = s.design;
  const arms = Object.keys(s.arms!);
  const controlName = umbrellaControl(design);
  const armIndex = (name: string) => arms.indexOf(name);
  const substudies: SubstudySetup[] = design.substudies.map((sub) => {
    const compiled = compileRule(sub.eligibility, s.population.biomarkers);
    if (!compiled.ok) throw new Error(`unchecked eligibility rule "${sub.eligibility}"`);
    const control = sub.control ?? controlName;
    return {
      id: sub.id, label: sub.label ?? `${sub.id}: ${sub.drug} vs ${control} (${sub.eligibility})`, rule: sub.eligibility,
      drug: armIndex(sub.drug), control: armIndex(control), target: sub.sampleSize,
      events: sub.events ?? design.interims?.events ?? 0,
      ratios: ratiosOf(sub.allocation, sub.drug, control), eligible: compiled.eligible,
    };
  });
  const ruleCount = substudies.length;
  const nm = design.nonMatch;
  if (nm) {
    const control = nm.control ?? controlName;
    substudies.push({
      id: nm.id, label: nm.label ?? `${nm.id}: ${nm.drug} vs ${control} (no biomarker match${nm.screenFailures ? ' or failed test' : ''})`, rule: '',
      drug: armIndex(nm.drug), control: armIndex(control), target: nm.sampleSize,
      events: nm.events ?? design.interims?.events ?? 0,
      ratios: ratiosOf(nm.allocation, nm.drug, control), eligible: null,
    });
  }
  const endpoint = s.endpoint!;
  const side = design.sideBySide;
  return {
    design, arms, substudies, ruleCount,
    nonMatch: nm ? ruleCount : -1,
    screenFailuresToNonMatch: nm?.screenFailures ?? false,
    // A count endpoint is refused by the check.
    endpointType: endpoint.type as EndpointType,
    direction: endpoint.better === 'lower' ? -1 : 1,
    fractions: design.interims?.informationFractions ?? [1],
    sideBySide: side === false ? null : side === true ? [1, 1] : [side.allocation.drug, side.allocation.control],
  };
}

/** The effect scales each endpoint reports: [id prefix, words]; tests are judged on the last. */
export function effectScales(endpointType: EndpointType): [string, string][] {
  if (endpointType === 'binary') return [['rd', 'risk difference'], ['logOR', 'log odds ratio']];
  if (endpointType === 'continuous') return [['md', 'mean difference']];
  return [['logHR', 'log hazard ratio']];
}

export function analysisScale(endpointType: EndpointType): string {
  const scales = effectScales(endpointType);
  return scales[scales.length - 1][0];
}

/**
 * Cumulative enrolment of a substudy at each look: round(t_j * target), at
 * least one more patient than the previous look, the last equal to target.
 */
export function lookSizes(target: number, fractions: readonly number[]): Int32Array {
  const sizes = new Int32Array(fractions.length);
  let previous = 0;
  fractions.forEach((t, j) => {
    const n = j === fractions.length - 1 ? target : Math.max(previous + 1, Math.round(t * target));
    sizes[j] = Math.min(n, target);
    previous = sizes[j];
  });
  return sizes;
}
