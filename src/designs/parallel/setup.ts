/**
 * What the parallel-group design needs to know about a scenario, resolved
 * once: arms, control, comparisons, subgroup definitions, the randomisation
 * plan and the names of everything each replicate reports.
 */
import type { ParallelScenario, ParallelDesignSpec } from './schema.js';
import type { Cohort } from '../../population/cohort.js';
import type { RandomisationPlan } from '../randomisation.js';
import { controlArm } from '../../scenario/design-parts.js';

export interface Subgrouping {
  /** Name of the subgrouping variable, e.g. "mplus" or "age>=65". */
  name: string;
  /** Level labels, e.g. ["mplus=0", "mplus=1"]. */
  levels: string[];
  /** The level of patient i. */
  levelOf: (c: Cohort, i: number) => number;
  column: number;
  /** For a continuous biomarker, patients with value >= cutpoint form level 1. */
  cutpoint?: number;
}

export interface ParallelSetup {
  design: ParallelDesignSpec;
  arms: string[];
  control: number;
  /** Arm indices compared with control, in arm order. */
  comparisons: number[];
  subgroups: Subgrouping[];
  randomisation: RandomisationPlan;
  endpointType: 'binary' | 'continuous' | 'time-to-event' | 'count';
  /** +1 if higher outcomes are better, -1 if lower are (time-to-event: longer times are better). */
  direction: 1 | -1;
  /** The endpoint's sd (continuous), the known standard deviation of the z-known test; NaN otherwise. */
  knownSd: number;
  /** Time-to-event: calendar time at which follow-up ends (accrual plus follow-up); NaN otherwise. */
  endOfFollowUp: number;
}

export function parallelSetup(s: ParallelScenario): ParallelSetup {
  const design = s.design;
  const arms = Object.keys(s.arms!);
  const control = arms.indexOf(controlArm(design, arms));
  const biomarkers = s.population.biomarkers;
  const subgroups: Subgrouping[] = design.analysis.subgroups.map((g) => {
    const id = typeof g === 'string' ? g : g.biomarker;
    const column = biomarkers.findIndex((b) => b.id === id);
    const m = biomarkers[column];
    if (typeof g !== 'string') {
      const cut = g.cutpoint;
      return { name: `${id}>=${cut}`, levels: [`${id}<${cut}`, `${id}>=${cut}`], column, cutpoint: cut, levelOf: (c, i) => (c.markers[column][i] >= cut ? 1 : 0) };
    }
    const levels = m.type === 'categorical' ? Object.keys(m.levels).map((l) => `${id}=${l}`) : [`${id}=0`, `${id}=1`];
    return { name: id, levels, column, levelOf: (c, i) => c.markers[column][i] };
  });
  const allocation = design.allocation ?? {};
  const endpoint = s.endpoint!;
  return {
    design, arms, control,
    comparisons: arms.map((_, a) => a).filter((a) => a !== control),
    subgroups,
    randomisation: {
      method: design.randomisation.method,
      ratios: arms.map((a) => allocation[a] ?? 1),
      blockSize: design.randomisation.blockSize,
      strata: design.randomisation.strata.map((id) => {
        const column = biomarkers.findIndex((b) => b.id === id);
        const m = biomarkers[column];
        return { column, levels: m.type === 'categorical' ? Object.keys(m.levels).length : 2 };
      }),
    },
    endpointType: endpoint.type,
    direction: endpoint.better === 'lower' ? -1 : 1,
    knownSd: endpoint.type === 'continuous' ? endpoint.sd : NaN,
    endOfFollowUp: endpoint.type === 'time-to-event' ? endpoint.accrualDuration + endpoint.followUp : NaN,
  };
}

/** The effect scales each endpoint reports: [id prefix, words]. */
export function effectScales(endpointType: ParallelSetup['endpointType']): [string, string][] {
  if (endpointType === 'binary') return [['rd', 'risk difference'], ['logOR', 'log odds ratio']];
  if (endpointType === 'continuous') return [['md', 'mean difference']];
  if (endpointType === 'count') return [['logRR', 'log rate ratio']];
  return [['logHR', 'log hazard ratio']];
}

/** The scale on which tests and interactions are judged: the last effect scale. */
export function analysisScale(endpointType: ParallelSetup['endpointType']): string {
  const scales = effectScales(endpointType);
  return scales[scales.length - 1][0];
}
