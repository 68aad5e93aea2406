/**
 * Distributions of trial size across the simulated trials (sample size,
 * duration, events): the empirical cumulative distribution of each metric
 * that has a unit and varies between trials, one chart per unit, from the
 * summary's percentiles (0.5% relative accuracy). An adaptive design's
 * expected sample size hides how often it runs to the maximum.
 */
import type { Summary } from '../../summary/summarise.js';
import { seriesColour, seriesShape } from '../../draw/palette.js';
import { pct, short } from '../../draw/escape.js';
import { lineChart } from './line-chart.js';

const MOST_CURVES = 6;

export function ecdfCharts(s: Summary): string | null {
  const varying = s.metrics.filter((m) => m.unit && m.percentiles);
  if (varying.length === 0) return null;
  const units = [...new Set(varying.map((m) => m.unit!))];
  return units.map((unit) => {
    const metrics = varying.filter((m) => m.unit === unit).slice(0, MOST_CURVES);
    return lineChart({
      chart: `ecdf-${unit.replace(/[^a-z0-9]+/gi, '-')}`,
      title: `Distribution across trials (${unit})`,
      xTitle: unit,
      yTitle: 'share of trials at or below',
      yDomain: [0, 1],
      yFormat: (v) => pct(v, 0),
      curves: metrics.map((m, k) => ({
        label: m.label, colour: seriesColour(k), shape: seriesShape(k), sparseMarkers: true,
        points: m.percentiles!.map((x, j) => ({ x, y: j / 100, ...(j % 25 === 0 ? { tooltip: `${pct(j / 100, 0)} of trials at or below ${short(x)}` } : {}) })),
      })),
      caption: 'Empirical distribution over the simulated trials (percentiles to 0.5% relative accuracy): the expected value in the table below hides how often a trial runs long.',
    });
  }).join('\n');
}
