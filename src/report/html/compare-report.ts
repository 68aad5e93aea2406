/**
 * The HTML report of a comparison: each design's power side by side, and
 * each difference against the first design with two 95% intervals, from
 * the paired replicates (common random numbers) and as if the runs had been
 * independent, so the gain from pairing is visible.
 */
import type { CompareResult } from '../../compare/compare.js';
import { htmlPage, htmlTable, type Section } from './page.js';
import { esc, num, pct, short } from '../../draw/escape.js';
import { fitText } from '../../draw/text-width.js';
import { dotPlot } from '../../draw/dot-plot.js';
import { COLOURS, seriesColour, seriesShape } from '../../draw/palette.js';

const Z95 = 1.959963984540054;
export const letter = (k: number) => String.fromCharCode(65 + (k % 26)) + (k >= 26 ? String(Math.floor(k / 26)) : '');

function powerChart(c: CompareResult): string {
  return dotPlot({
    chart: 'compare-power',
    title: 'Rejection rates side by side',
    rows: c.hypotheses.map((h) => ({
      label: h.label,
      points: h.results.flatMap((r, k) => (r ? [{
        value: r.rate, lower: r.ci95[0], upper: r.ci95[1], colour: seriesColour(k), shape: seriesShape(k),
        tooltip: `${letter(k)} ${c.scenarios[k].name}: ${r.meaning} ${pct(r.rate)} (95% ${pct(r.ci95[0])}–${pct(r.ci95[1])})`,
      }] : [])),
    })),
    domain: [0, 1],
    xTitle: 'Rejection rate (% of simulated trials)',
    xFormat: (v) => `${Math.round(100 * v)}%`,
    legend: c.scenarios.map((s, k) => ({ shape: seriesShape(k), colour: seriesColour(k), text: `${letter(k)}: ${fitText(s.name, 380, 11.5)}` })),
    caption: 'Bars: 95% Monte Carlo intervals (Wilson) of each design\'s rate.',
  });
}

function differenceChart(c: CompareResult): string | null {
  const rows = c.hypotheses.flatMap((h) => h.differences.flatMap((d, k) => (d ? [{
    label: `${h.label}: ${letter(k)} − A`,
    points: [
      { value: d.difference, lower: d.difference - Z95 * d.independentSe, upper: d.difference + Z95 * d.independentSe, colour: COLOURS.sky, shape: 'square' as const, open: true, weight: 1.2, tooltip: `independent runs: SE ${pct(d.independentSe, 2)}` },
      { value: d.difference, lower: d.ci95[0], upper: d.ci95[1], colour: COLOURS.blue, shape: 'circle' as const, weight: 2.6, tooltip: `paired: difference ${pct(d.difference, 2)}, SE ${pct(d.pairedSe, 2)}` },
    ],
  }] : [])));
  if (rows.length === 0) return null;
  return dotPlot({
    chart: 'compare-differences',
    title: 'Differences in rejection rate against design A',
    rows,
    xTitle: 'Difference in rejection rate (percentage points)',
    xFormat: (v) => `${short(100 * v, 3)}`,
    refs: [{ value: 0, label: 'no difference' }],
    legend: [
      { shape: 'circle', colour: COLOURS.blue, text: c.commonRandomNumbers ? 'paired 95% interval (common random numbers)' : 'paired 95% interval (independent streams)' },
      { shape: 'square', colour: COLOURS.sky, open: true, text: 'as if independent runs' },
    ],
    caption: 'Each difference is drawn twice: with the Monte Carlo error of the paired per-replicate differences, and with the error two independent runs of the same size would have.',
  });
}

function designTable(c: CompareResult): string {
  return htmlTable(['', 'Scenario', 'File', 'Design', 'Seed', 'Same patients as A'],
    c.scenarios.map((s, k) => [letter(k), esc(s.name), `<code>${esc(s.file)}</code>`, esc(s.design), esc(s.seed), k === 0 ? '–' : s.samePatients ? 'yes' : 'no']), [0, 1, 2, 3, 5]);
}

function rowsTable(rows: CompareResult['hypotheses'] | CompareResult['quantities'], c: CompareResult, cell: (r: never) => string, diff: (x: number) => string, what: string): string {
  const head = ['', ...c.scenarios.map((_, k) => `${letter(k)} ${what}`), ...c.scenarios.slice(1).flatMap((_, j) => [`${letter(j + 1)} − A`, 'paired SE', 'independent SE'])];
  return htmlTable(head, rows.map((h) => [
    esc(h.label), ...h.results.map((r) => (r ? cell(r as never) : '–')),
    ...h.differences.slice(1).flatMap((d) => (d ? [diff(d.difference), diff(d.pairedSe), diff(d.independentSe)] : ['–', '–', '–'])),
  ]));
}

export function compareSections(c: CompareResult): Section[] {
  const sections: Section[] = [{ title: 'Designs', html: designTable(c) }];
  sections.push({ title: 'Power and type I error', html: powerChart(c) + rowsTable(c.hypotheses, c, (r: { rate: number; mcse: number }) => `${pct(r.rate)} (${pct(r.mcse, 2)})`, (x) => pct(x, 2), 'rate (MCSE)') });
  const diff = differenceChart(c);
  if (diff) sections.push({ title: 'Differences and their Monte Carlo error', html: diff });
  if (c.quantities.length) sections.push({ title: 'Sample size, duration and screening', html: rowsTable(c.quantities, c, (r: { mean: number }) => num(r.mean, 1), (x) => num(x, 2), 'mean') });
  return sections;
}

export function compareReportHtml(c: CompareResult): string {
  const meta = `${c.scenarios.length} designs · ${esc(c.replicates)} simulated trials each · seed ${esc(c.seed)} · ${c.commonRandomNumbers ? 'common random numbers (same seed and replicate numbers for every design)' : 'independent streams (seed + k for design k)'} · trialsim ${esc(c.trialsim)}`;
  return htmlPage('Comparison of designs', meta, compareSections(c), 'The numbers are in compare.json next to this file.');
}
