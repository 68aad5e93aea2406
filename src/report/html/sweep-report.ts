/**
 * The HTML report of a sweep: power curves against the first numeric varied
 * key, one chart per hypothesis, one curve per combination of the other
 * keys, each with its 95% Monte Carlo band (Wilson).
 */
import type { SweepResult } from '../../compare/sweep.js';
import { pointLabel } from '../../compare/grid.js';
import { sweepTable } from '../../compare/sweep-table.js';
import { headlineFamily } from '../../compare/quantities.js';
import { htmlPage, htmlTable, type Section } from './page.js';
import { esc, pct, short } from '../../draw/escape.js';
import { lineChart, type Curve } from './line-chart.js';
import { seriesColour, seriesShape } from '../../draw/palette.js';

const MAX_CHARTS = 12;

function curvesFor(result: SweepResult, hypothesis: string, xKey: string, numericX: boolean, xValues: (string | number | boolean)[]): Curve[] {
  const others = result.vary.map((v) => v.key).filter((k) => k !== xKey);
  const groups = new Map<string, Curve['points']>();
  for (const p of result.points) {
    const h = p.summary.hypotheses.find((x) => x.id === hypothesis);
    if (!h) continue;
    const rest = pointLabel(Object.fromEntries(others.map((k) => [k, p.values[k]])));
    const xv = p.values[xKey];
    const x = numericX ? (xv as number) : xValues.indexOf(xv);
    const list = groups.get(rest) ?? [];
    list.push({ x, y: h.rate, lower: h.ci95[0], upper: h.ci95[1], tooltip: `${pointLabel(p.values)}: ${h.meaning} ${pct(h.rate)} (95% ${pct(h.ci95[0])}–${pct(h.ci95[1])})` });
    groups.set(rest, list);
  }
  return [...groups.entries()].map(([label, points], k) => ({ label: label || 'rejection rate', colour: seriesColour(k), shape: seriesShape(k), points }));
}

/** Whether every point of a sweep was computed exactly (method: exact), so there is no Monte Carlo error to show. */
const allExact = (r: SweepResult): boolean => r.points.length > 0 && r.points.every((p) => p.summary.method === 'exact');

export function sweepCharts(result: SweepResult): string {
  const numericVary = result.vary.find((v) => v.values.every((x) => typeof x === 'number'));
  const xVary = numericVary ?? result.vary[0];
  const numericX = numericVary !== undefined;
  const first = result.points[0]?.summary.hypotheses ?? [];
  const family = headlineFamily(first);
  const byFamily = [...first.filter((h) => h.family === family), ...first.filter((h) => h.family !== family)];
  const charts = byFamily.slice(0, MAX_CHARTS).map((h) => {
    const meaning = [...new Set(result.points.map((p) => p.summary.hypotheses.find((x) => x.id === h.id)?.meaning))].filter(Boolean).join(' / ');
    return lineChart({
      chart: 'power-curve',
      title: `${h.label}: ${meaning} against ${xVary.key}`,
      xTitle: xVary.key,
      yTitle: `${meaning || 'rejection rate'} (%)`,
      yDomain: [0, 1],
      yFormat: (v) => `${Math.round(100 * v)}%`,
      xLabels: numericX ? undefined : xVary.values.map(String),
      curves: curvesFor(result, h.id, xVary.key, numericX, xVary.values),
      refs: [{ y: 0.8, label: '80%' }, { y: 0.05, label: '5%' }],
      caption: allExact(result)
        ? `${h.label} (${h.id}). Exact rejection probabilities: every outcome enumerated at each point, no Monte Carlo error.`
        : `${h.label} (${h.id}). Bands: 95% Monte Carlo intervals (Wilson) from ${result.replicates} simulated trials per point; every point uses the same seed, so neighbouring points share their virtual patients and the curve is smoother than independent runs would give.`,
    });
  });
  const more = byFamily.length > MAX_CHARTS ? `<p class="note">${byFamily.length - MAX_CHARTS} more hypotheses are in sweep.csv.</p>` : '';
  return charts.join('\n') + more;
}

function primaryTable(result: SweepResult): string {
  const t = sweepTable(result);
  const col = (name: string) => t.columns.indexOf(name);
  const family = headlineFamily(result.points[0]?.summary.hypotheses ?? []);
  const rows = t.rows.filter((r) => r[col('family')] === family);
  const keys = result.vary.map((v) => v.key);
  return htmlTable(
    [...keys.map(esc), 'Hypothesis', 'Meaning', 'Rate', 'MCSE', '95% MC interval', ...(col('expected_sample_size') >= 0 ? ['Expected N'] : [])],
    rows.map((r) => [
      ...keys.map((_, j) => esc(r[j])), esc(r[col('hypothesis')]), esc(r[col('meaning')]),
      pct(r[col('rate')] as number), pct(r[col('mcse')] as number, 2), `${pct(r[col('ci_low')] as number)} – ${pct(r[col('ci_high')] as number)}`,
      ...(col('expected_sample_size') >= 0 ? [short(Number(r[col('expected_sample_size')]))] : []),
    ]),
    [...keys.map((_, j) => j), keys.length, keys.length + 1],
  );
}

export function sweepReportHtml(result: SweepResult): string {
  const sections: Section[] = [
    { title: 'Power curves', html: sweepCharts(result) },
    { title: 'Headline hypotheses at each grid point', html: primaryTable(result) },
  ];
  const each = allExact(result) ? 'computed exactly' : `${esc(result.replicates)} simulated trials · seed ${esc(result.seed)}`;
  const meta = `Sweep of ${esc(result.scenario.design)} design over ${result.vary.map((v) => `<code>${esc(v.key)}</code> (${v.values.length} values)`).join(' × ')} · ${result.points.length} grid points × ${each} · trialsim ${esc(result.trialsim)}`;
  return htmlPage(`${result.scenario.name}: sweep`, meta, sections, 'All rows (every hypothesis at every grid point) are in sweep.csv next to this file.');
}
