/**
 * An analysis of observed data (`trialsim analyse`) as a plain-text table:
 * the decisions, the estimates with their intervals, the trial-size
 * quantities, and the design's per-analysis details where it gives them.
 */
import type { ObservedAnalysis } from '../run/analyse.js';
import { textTable } from './table.js';
import { fixed } from '../draw/escape.js';

const f = (x: number | null, d = 3) => (x === null ? '-' : fixed(x, d));

interface BasketDetail { analysis: string; baskets: { basket: string; patients: number; responders: number; posteriorProbabilityAboveP0?: number | null; stopped: string | null; success: boolean }[] }

/** The decisions, with each reported test's statistic, p-values and look where the design reports them (the statistic's scale in words is in --json). */
function decisionTable(hs: ObservedAnalysis['hypotheses']): string {
  const decision = (h: ObservedAnalysis['hypotheses'][number]) => (h.rejected ? 'rejected' : 'not rejected');
  if (!hs.some((h) => h.test)) return textTable(['hypothesis', 'decision'], hs.map((h) => [h.id, decision(h)]));
  const p = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x < 1e-4 ? x.toExponential(2) : fixed(x, 4));
  return textTable(['hypothesis', 'decision', 'statistic', 'p', 'adjusted p', 'look'], hs.map((h) => [
    h.id, decision(h),
    h.statistic === null || h.statistic === undefined ? '-' : f(h.statistic),
    h.test ? `${p(h.p)} (${h.test.sided}-sided)` : '-', p(h.adjustedP), h.look === null || h.look === undefined ? '-' : String(h.look),
  ]));
}

export function formatAnalysis(a: ObservedAnalysis): string {
  const out = [`${a.scenario.name}  (${a.scenario.design}): analysis of ${a.data}`, ''];
  out.push(decisionTable(a.hypotheses));
  if (a.estimates.length) {
    out.push('', textTable(['estimate', 'scale', 'value', 'SE', '95% interval'],
      a.estimates.map((e) => [e.id, e.scale, f(e.estimate), f(e.se), e.lower === null ? '-' : `${f(e.lower)} to ${f(e.upper)}`])));
  }
  if (a.metrics.length) out.push('', textTable(['quantity', 'value'], a.metrics.map((m) => [m.label, f(m.value, 1)])));
  const analyses = (a.details.analyses as BasketDetail[] | undefined) ?? [];
  for (const d of analyses) {
    if (!d.baskets.some((b) => b.posteriorProbabilityAboveP0 !== undefined || b.stopped)) continue;
    out.push('', `${d.analysis}:`, textTable(['basket', 'patients', 'responders', 'P(p > p0 | data)', 'stopped', 'success'],
      d.baskets.map((b) => [b.basket, String(b.patients), String(b.responders), b.posteriorProbabilityAboveP0 === undefined ? '-' : f(b.posteriorProbabilityAboveP0 ?? null, 4), b.stopped ?? '-', b.success ? 'yes' : 'no'])));
  }
  return out.join('\n');
}
