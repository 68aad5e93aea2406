/**
 * The platform design's own summary section: the planned timeline (each
 * arm's entry, exit and patients, the periods and their allocation shares,
 * labelled planned: a fluid approximation at the expected recruitment with
 * every arm run to its size), the time trend, the analyses and how the truth
 * was obtained.
 */
import type { PlatformScenario } from './schema.js';
import { platformSetup } from './setup.js';
import type { PlatformSections } from './sections.js';
import { METHOD_LABELS } from './layout.js';
import { meansAreConstant } from '../../population/arm-moments.js';

function trendWords(s: PlatformScenario): string {
  const tr = s.design.trend;
  const scale = s.endpoint?.type === 'binary' ? 'log-odds' : 'mean';
  const own = Object.entries(tr.arms ?? {}).map(([a, x]) => `${a} ${x}`).join(', ');
  const shape = {
    'none': 'none',
    'linear': `linear, ${tr.strength} on the ${scale} scale over the planned duration`,
    'stepwise': `stepwise, ${tr.strength} on the ${scale} scale at each new period`,
    'stepwise-entry': `stepwise, ${tr.strength} on the ${scale} scale at each arm entry after the first`,
    'inverse-u': `inverse-U, rising ${tr.strength} on the ${scale} scale per planned duration to a peak at ${tr.peak ?? 'mid-duration'}, then falling`,
  }[tr.shape];
  return own && tr.shape !== 'none' ? `${shape}; own strengths: ${own}` : shape;
}

export function platformDescribe(s: PlatformScenario): PlatformSections {
  const d = s.design;
  const setup = platformSetup(s);
  const rate = d.recruitment.rate;
  const it = d.interim;
  return {
    platform: {
      planned: true,
      control: setup.armNames[setup.control],
      arms: setup.timeline.arms.map((a, k) => ({ ...a, sampleSize: setup.experimental[k].sampleSize })),
      periods: setup.timeline.periods,
      duration: setup.timeline.duration,
      patients: setup.timeline.patients,
      controlPatients: setup.timeline.controlPatients,
      recruitment: `${typeof rate === 'number' ? `${rate} per time unit` : rate.map((p) => `${p.rate} from ${p.from}`).join(', ')}, ${d.recruitment.arrivals === 'poisson' ? 'Poisson arrivals' : 'evenly spaced arrivals'}`,
      allocation: `${d.randomisation.method === 'simple' ? 'simple randomisation' : `permuted blocks of ${d.randomisation.blocks} x the weights, re-formed at every entry and exit`}; control weight ${d.controlRatio === 'sqrt-arms' ? '√(open arms)' : d.controlRatio}`,
      trend: trendWords(s),
      methods: setup.methods.map((m, j) => ({ id: m, label: METHOD_LABELS[m], decision: j === 0 })),
      alpha: d.analysis.alpha,
      interim: it ? `after ${it.at.join(', ')} patients on an arm: ${it.efficacy !== undefined ? `graduate at ${it.scale === 'z' ? 'z' : 'P(benefit)'} ≥ ${[it.efficacy].flat().join(', ')}` : ''}${it.efficacy !== undefined && it.futility !== undefined ? '; ' : ''}${it.futility !== undefined ? `stop at ${it.scale === 'z' ? 'z' : 'P(benefit)'} < ${[it.futility].flat().join(', ')}` : ''}` : null,
      scale: s.endpoint?.type === 'binary' ? 'log odds ratio' : 'mean difference',
      truth: meansAreConstant(s)
        ? 'exact: the concurrent effect integrated over each arm\'s planned window (Gauss-Legendre)'
        : `estimated from ${s.truth.patients} virtual patients per arm over its planned window`,
    },
  };
}
