/**
 * The response-adaptive design's own summary section: the adaptive plan as
 * given (analyses, allocation rule, caps, thresholds) and how the truth and
 * the posterior probabilities were obtained.
 */
import type { ResponseAdaptiveScenario } from './schema.js';
import { responseAdaptiveSetup } from './setup.js';
import { armMeanTruthMethod } from '../../population/arm-moments.js';

export function adaptiveDescribe(s: ResponseAdaptiveScenario): Record<string, unknown> {
  const d = s.design;
  const setup = responseAdaptiveSetup(s);
  const a = d.allocation;
  return {
    adaptive: {
      planned: true,
      analyses: setup.analyses,
      allocation: a.rule === 'fixed' ? 'equal (fixed)'
        : `Thompson sampling, P(best)^${a.power}${a.burnIn > 0 ? `, equal for the first ${a.burnIn} patients` : ''}${a.min > 0 || a.max < 1 ? `, ${a.belowMinToZero ? 'restricted' : 'capped'} to [${a.min}, ${a.max}]` : ''}`,
      control: setup.arms[setup.control],
      controlShare: a.controlShare ?? 'competes like any arm',
      superiority: d.stopping.superiority ?? null,
      inferiority: d.stopping.inferiority ?? null,
      posterior: `Beta(${d.prior.a}, ${d.prior.b}) prior; P(best) by Simpson quadrature (error < 5e-7)`,
      truth: armMeanTruthMethod(s, 'response rates do not depend on biomarkers'),
    },
  };
}
