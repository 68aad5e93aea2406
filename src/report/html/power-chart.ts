/**
 * Rejection rate of every hypothesis with its 95% Monte Carlo interval,
 * coloured by what the rate means: power (the null is false) or type I error
 * (the null is true).
 */
import type { Summary } from '../../summary/summarise.js';
import { dotPlot } from '../../draw/dot-plot.js';
import { COLOURS, meaningColour, meaningShape } from '../../draw/palette.js';
import { pct } from '../../draw/escape.js';
import { isExactSummary } from '../computed.js';

export function powerChart(s: Summary): string | null {
  if (s.hypotheses.length === 0) return null;
  const meanings = new Set(s.hypotheses.map((h) => h.meaning));
  // The design's own levels (one line per distinct level of a hypothesis whose null holds), not a conventional 5%.
  const levels = [...new Set(s.hypotheses.flatMap((h) => (h.meaning === 'type I error' && h.level !== null && h.level !== undefined ? [h.level] : [])))].sort((a, b) => a - b);
  const refs = [
    ...levels.slice(0, 3).map((value) => ({ value, label: `α ${pct(value)}` })),
    ...(meanings.has('power') ? [{ value: 0.8, label: '80%' }] : []),
  ];
  return dotPlot({
    chart: 'power',
    title: 'Power and type I error per hypothesis',
    rows: s.hypotheses.map((h) => ({
      label: h.label,
      points: [{
        value: h.rate, lower: h.ci95[0], upper: h.ci95[1],
        colour: meaningColour(h.meaning), shape: meaningShape(h.meaning),
        tooltip: `${h.id}: ${h.meaning} ${pct(h.rate)} (${isExactSummary(s) ? 'exact' : `95% MC interval ${pct(h.ci95[0])} to ${pct(h.ci95[1])}`})`,
      }],
    })),
    domain: [0, 1],
    xTitle: isExactSummary(s) ? 'Rejection probability (exact)' : 'Rejection rate (% of simulated trials)',
    xFormat: (v) => `${Math.round(v * 100)}%`,
    refs,
    legend: [
      ...(meanings.has('power') ? [{ shape: 'circle' as const, colour: COLOURS.blue, text: 'power' }] : []),
      ...(meanings.has('type I error') ? [{ shape: 'square' as const, colour: COLOURS.vermillion, text: 'type I error' }] : []),
      ...(meanings.has('rejection rate') ? [{ shape: 'diamond' as const, colour: COLOURS.grey, text: 'rejection rate (truth unknown)' }] : []),
    ],
    caption: `${isExactSummary(s) ? 'Exact rejection probabilities (every outcome enumerated; no Monte Carlo error)' : `Bars: 95% Monte Carlo intervals (Wilson) from ${s.replicates} simulated trials`}. Dashed lines: the level (α) each hypothesis is tested at, where the design has one per hypothesis${meanings.has('power') ? ', and a conventional 80% power' : ''}.`,
  });
}
