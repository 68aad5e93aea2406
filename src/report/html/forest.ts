/**
 * Forest plot of true against estimated effects (overall and per subgroup),
 * one panel per effect scale: the true effect of the virtual population and
 * the mean estimate with the range where 95% of single trials' estimates
 * fall (their empirical 2.5% and 97.5% quantiles; in an exact summary,
 * which keeps no quantiles, mean ± 1.96 SD cut at the parameter's limits),
 * so bias and precision read off together.
 */
import type { Summary, EstimateSummary } from '../../summary/summarise.js';
import { dotPlot } from '../../draw/dot-plot.js';
import { COLOURS } from '../../draw/palette.js';
import { num } from '../../draw/escape.js';
import { trialRange } from '../../draw/trial-range.js';

/** Scales on which 0 means no effect (differences, log ratios); a proportion or mean has no such line. */
const CONTRAST = /difference|log|ratio|effect/i;

/** The range a parameter on this scale can take (a response rate in [0, 1], a risk difference in [-1, 1]); unbounded otherwise. */
export function parameterRange(scale: string): [number, number] {
  if (/risk difference/i.test(scale)) return [-1, 1];
  if (/rate|proportion|probability|share/i.test(scale) && !/ratio|log|hazard|count|per /i.test(scale)) return [0, 1];
  return [-Infinity, Infinity];
}

function panel(scale: string, rows: EstimateSummary[]): string {
  const contrast = CONTRAST.test(scale);
  const empirical = rows.some((e) => e.quantiles);
  return dotPlot({
    chart: 'forest',
    title: `True and estimated effects (${scale})`,
    rows: rows.map((e) => ({
      label: e.label.replace(/ \([^)]*\)$/, ''),
      points: [
        ...(e.truth !== null ? [{ value: e.truth, colour: COLOURS.black, shape: 'diamond' as const, open: true, tooltip: `true ${num(e.truth)}` }] : []),
        ...(e.mean !== null ? [{
          value: e.mean,
          ...trialRange(e, parameterRange(scale)),
          colour: COLOURS.blue, shape: 'circle' as const,
          tooltip: `mean estimate ${num(e.mean)}, bias ${num(e.bias, 4)}, empirical SE ${num(e.empiricalSe)}, coverage ${num(e.coverage)}${e.quantiles ? `, 95% of trials' estimates from ${num(e.quantiles.p2_5)} to ${num(e.quantiles.p97_5)}, median ${num(e.quantiles.p50)}` : ''}`,
        }] : []),
      ],
    })),
    xTitle: contrast ? `Effect (${scale}; 0 = no effect)` : `Estimate (${scale})`,
    refs: contrast ? [{ value: 0, label: 'no effect' }] : [],
    legend: [
      { shape: 'diamond', colour: COLOURS.black, open: true, text: 'true effect' },
      { shape: 'circle', colour: COLOURS.blue, text: empirical ? 'mean estimate; bar: 95% of trials\' estimates' : 'mean estimate ± 1.96 SD of the estimates' },
    ],
  });
}

export function forestPlots(s: Summary): string | null {
  const usable = s.estimates.filter((e) => e.mean !== null || e.truth !== null);
  if (usable.length === 0) return null;
  const scales = [...new Set(usable.map((e) => e.scale))];
  return scales.map((scale) => panel(scale, usable.filter((e) => e.scale === scale))).join('\n')
    + (s.method === 'exact'
      ? '<p class="note">The interval is roughly where 95% of single trials\' estimates fall (mean ± 1.96 SD of the estimates\' exact distribution, cut at the limits of the parameter), not a confidence interval for the mean; the table below gives bias and coverage.</p>'
      : '<p class="note">The interval is where 95% of single trials\' estimates fell: their empirical 2.5% and 97.5% quantiles (to 0.5% relative accuracy), so it never leaves the parameter\'s range. It is not a confidence interval for the mean; the table below gives bias and coverage with their Monte Carlo SEs.</p>');
}
