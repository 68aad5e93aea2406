/**
 * The MAMS design's own summary section: the boundaries as planned (with
 * the nominal one-sided p-value each z bound stands for, and the family-wise
 * error under the global null by integration), the stopping and selection
 * rules, and how the truth was obtained.
 */
import { normalUpper } from '../../stats/distributions.js';
import type { MamsScenario } from './schema.js';
import type { MamsPrepared } from './prepare.js';
import { mamsSetup } from './setup.js';
import { armMeanTruthMethod } from '../../population/arm-moments.js';
import type { MamsSections } from './sections.js';

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function mamsDescribe(s: MamsScenario, prepared: MamsPrepared): MamsSections {
  const setup = mamsSetup(s);
  const d = s.design;
  const g = setup.geometry;
  const J = g.armSizes.length;
  return {
    mams: {
      planned: true,
      alpha: d.alpha,
      familywiseErrorUnderGlobalNull: prepared.familywiseError,
      constant: prepared.constant,
      boundaries: `efficacy ${describeShape(d.efficacy)}; futility ${describeShape(d.futility)} (binding: the error is computed as if arms are dropped)`,
      stopping: d.stopping,
      selection: d.selection ? `after stage${d.selection.after.length > 1 ? 's' : ''} ${d.selection.after.join(', ')} keep the best ${d.selection.keep} arm${d.selection.keep > 1 ? 's' : ''} by z` : null,
      maximumPatients: g.controlSizes[J - 1] + g.arms * g.armSizes[J - 1],
      stages: g.armSizes.map((n, j) => ({
        stage: j + 1,
        armPatients: n,
        controlPatients: g.controlSizes[j],
        efficacy: prepared.upper[j],
        futility: j === J - 1 ? prepared.lower[j] : finiteOrNull(prepared.lower[j]),
        efficacyP: normalUpper(prepared.upper[j]),
      })),
      truth: armMeanTruthMethod(s, 'outcome means do not depend on biomarkers'),
    },
  };
}

function describeShape(x: unknown): string {
  if (Array.isArray(x)) return `[${x.join(', ')}] as given`;
  if (typeof x === 'number') return `fixed at ${x}`;
  if (typeof x === 'string') return x;
  const o = x as { shape?: string; delta?: number; value?: number; spending?: string; parameter?: number };
  if (o.spending) return `${o.spending} error spending${o.parameter !== undefined ? ` (parameter ${o.parameter})` : ''}`;
  return o.shape === 'power' ? `power family (delta = ${o.delta})` : `fixed at ${o.value} at interims, final bound solved`;
}
