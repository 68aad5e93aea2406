/**
 * The response-adaptive design's own summary section: the adaptive plan as
 * given (analyses, allocation rule, caps, thresholds, margins, drift) and
 * how the truth and the posterior probabilities were obtained.
 */
import type { ResponseAdaptiveScenario } from './schema.js';
import { responseAdaptiveSetup } from './setup.js';
import { armMeanTruthMethod } from '../../population/arm-moments.js';
import type { ResponseAdaptiveSections } from './sections.js';

function posteriorWords(s: ResponseAdaptiveScenario): string {
  const d = s.design, post = d.posterior ?? {}, e = s.endpoint!;
  if (e.type === 'continuous') {
    const prior = post.priorSd !== undefined ? `N(${post.priorMean}, ${post.priorSd}²) prior on each arm's mean` : 'flat prior on each arm\'s mean';
    const variance = post.variance === 'known' ? `known residual SD ${post.sd ?? e.sd}` : 'the arm\'s sample variance plugged in (an arm needs 2 outcomes)';
    return `normal posterior of each arm's mean: ${prior}, ${variance}; probabilities by quadrature on one grid (error < 1e-6)`;
  }
  if (e.type === 'time-to-event') {
    return `Gamma(${post.priorEvents ?? 0.5}, ${post.priorExposure ?? 0}) prior on each arm's exponential hazard (events, patient-months), posterior Gamma(prior events + events, prior exposure + exposure); probabilities by quadrature on the log hazard (error < 1e-6)`;
  }
  return `Beta(${d.prior.a}, ${d.prior.b}) prior; P(best) by Simpson quadrature (error < 5e-7)`;
}

export function adaptiveDescribe(s: ResponseAdaptiveScenario): ResponseAdaptiveSections {
  const d = s.design;
  const setup = responseAdaptiveSetup(s);
  const a = d.allocation, stop = d.stopping;
  const drift = d.drift ? `${d.drift.shape} drift of ${d.drift.size} on the linear-predictor scale over enrolment${d.drift.shape === 'step' ? ` (step at ${d.drift.at} of the sample size)` : ''}, common to every arm; true effects are those at the start` : null;
  return {
    adaptive: {
      planned: true,
      analyses: setup.analyses,
      analysesCount: s.endpoint?.type === 'time-to-event' ? 'patients entered (the last at the end of follow-up)' : 'patients with outcomes',
      allocation: a.rule === 'fixed' ? 'equal (fixed)'
        : `Thompson sampling, P(best)^${a.power}${a.burnIn > 0 ? `, equal for the first ${a.burnIn} patients` : ''}${a.min > 0 || a.max < 1 ? `, ${a.belowMinToZero ? 'restricted' : 'capped'} to [${a.min}, ${a.max}]` : ''}`,
      control: setup.control >= 0 ? setup.arms[setup.control] : 'none: every arm competes',
      controlShare: setup.control >= 0 ? a.controlShare ?? 'competes like any arm' : null,
      superiority: stop.superiority ?? null,
      inferiority: stop.inferiority ?? null,
      equivalence: stop.equivalence !== undefined ? { threshold: stop.equivalence, margin: stop.equivalenceMargin } : null,
      futility: stop.futility !== undefined ? { threshold: stop.futility, margin: stop.futilityMargin ?? 0 } : null,
      onSuperiority: stop.onSuperiority === 'graduate' ? 'the arm graduates (leaves declared superior); the others go on' : 'the trial stops',
      onDrop: stop.onDrop === 'stop' ? 'the trial stops when an arm meets a dropping rule' : 'the arm is dropped',
      drift,
      periodAdjusted: d.periodAdjusted ?? false,
      posterior: posteriorWords(s),
      truth: armMeanTruthMethod(s, s.endpoint?.type === 'binary' ? 'response rates do not depend on biomarkers' : 'arm means do not depend on biomarkers'),
    },
  };
}
