/**
 * What the MAMS design needs to know about a scenario, resolved once: the
 * arms, the stage sizes (new and cumulative), the boundary shapes in the
 * statistics layer's terms, and the ids of what each replicate reports.
 */
import type { MamsScenario } from './schema.js';
import type { EfficacyShape, FutilityShape } from '../../stats/mams/boundaries.js';
import type { MamsGeometry } from '../../stats/mams/null-rejection.js';
import { controlArm } from '../../scenario/design-parts.js';

export interface MamsSetup {
  arms: string[];
  control: number;
  /** Experimental arm indices, in arm order. */
  experimental: number[];
  /** New patients per experimental arm and for the control at each stage. */
  armStage: number[];
  controlStage: number[];
  geometry: MamsGeometry;
  efficacy: EfficacyShape;
  futility: FutilityShape;
  endpointType: 'binary' | 'continuous';
  /** +1 if higher outcomes are better, -1 if lower are. */
  direction: 1 | -1;
  /** Id prefix and words of the effect scale. */
  scale: { prefix: 'md' | 'rd'; words: string };
  /** Hypothesis id of each experimental arm ("A-vs-control"). */
  comparison: string[];
}

/** The shared control arm of a MAMS scenario (the rule every design with a control follows). */
export function mamsControl(s: MamsScenario): string {
  return controlArm(s.design, Object.keys(s.arms ?? {}));
}

const cumulative = (xs: readonly number[]): number[] => xs.reduce<number[]>((acc, x) => [...acc, (acc.at(-1) ?? 0) + x], []);

export function efficacyShape(e: MamsScenario['design']['efficacy']): EfficacyShape {
  if (Array.isArray(e)) return { shape: 'list', values: e };
  if (typeof e === 'string') return { shape: e };
  if ('spending' in e) {
    const spending = e.spending === 'obrien-fleming' ? { type: 'asOF' as const }
      : e.spending === 'pocock' ? { type: 'asP' as const }
      : e.spending === 'kim-demets' ? { type: 'asKD' as const, rho: e.parameter ?? 3 }
      : { type: 'asHSD' as const, gamma: e.parameter ?? -4 };
    return { shape: 'spending', spending };
  }
  return e;
}

export function futilityShape(f: MamsScenario['design']['futility']): FutilityShape {
  if (Array.isArray(f)) return { shape: 'list', values: f };
  return typeof f === 'number' ? { shape: 'fixed', value: f } : { shape: f };
}

export function mamsSetup(s: MamsScenario): MamsSetup {
  const d = s.design;
  const arms = Object.keys(s.arms!);
  const control = arms.indexOf(mamsControl(s));
  const experimental = arms.map((_, a) => a).filter((a) => a !== control);
  const armStage = [...d.stages.arm];
  const controlStage = [...(d.stages.control ?? d.stages.arm)];
  const endpoint = s.endpoint!;
  const endpointType = endpoint.type === 'binary' ? 'binary' : 'continuous';
  return {
    arms, control, experimental, armStage, controlStage,
    geometry: { arms: experimental.length, armSizes: cumulative(armStage), controlSizes: cumulative(controlStage) },
    efficacy: efficacyShape(d.efficacy),
    futility: futilityShape(d.futility),
    endpointType,
    direction: endpoint.type !== 'time-to-event' && endpoint.better === 'lower' ? -1 : 1,
    scale: endpointType === 'binary' ? { prefix: 'rd', words: 'risk difference' } : { prefix: 'md', words: 'mean difference' },
    comparison: experimental.map((a) => `${arms[a]}-vs-${arms[control]}`),
  };
}
