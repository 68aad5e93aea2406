/**
 * The HTML report of a sample-size search: every evaluation with its 95%
 * Monte Carlo interval (stage by colour), the fitted probit power curve,
 * the target, and the answer with its interval.
 */
import type { SolveReport } from '../../compare/solve-run.js';
import { forward } from '../../compare/solve.js';
import { probitPower } from '../../compare/probit.js';
import { htmlPage, htmlTable } from './page.js';
import { esc, pct, short } from '../../draw/escape.js';
import { lineChart, type Curve } from './line-chart.js';
import { COLOURS } from '../../draw/palette.js';

const STAGES: { stage: 'bracket' | 'refine' | 'confirm'; label: string; colour: string; shape: Curve['shape'] }[] = [
  { stage: 'bracket', label: 'bracketing (few replicates)', colour: COLOURS.grey, shape: 'square' },
  { stage: 'refine', label: 'refining (more replicates)', colour: COLOURS.blue, shape: 'circle' },
  { stage: 'confirm', label: 'confirmation run', colour: COLOURS.vermillion, shape: 'diamond' },
];

export function solveChart(r: SolveReport): string {
  const all = [...r.evaluations, ...(r.confirmation ? [r.confirmation] : [])];
  const centre = r.answer ?? r.range[1];
  const width = r.interval ? Math.max(10 * r.step, 4 * (r.interval[1] - r.interval[0])) : (r.range[1] - r.range[0]);
  const lo = Math.max(r.range[0], centre - width), hi = Math.min(r.range[1], centre + width);
  const shown = all.filter((e) => e.value >= lo && e.value <= hi);
  const curves: Curve[] = STAGES.map((s) => ({
    label: s.label, colour: s.colour, shape: s.shape, bars: true, line: false,
    points: shown.filter((e) => e.stage === s.stage).map((e) => ({
      x: e.value, y: e.rate, lower: e.ci95[0], upper: e.ci95[1],
      tooltip: `${r.key}=${e.value}: ${pct(e.rate)} from ${e.replicates} replicates (95% ${pct(e.ci95[0])}–${pct(e.ci95[1])})`,
    })),
  })).filter((c) => c.points.length > 0);
  const fit = r.fit;
  const fitted = fit ? { label: 'fitted probit curve', colour: COLOURS.black, points: Array.from({ length: 61 }, (_, k): [number, number] => { const v = lo + ((hi - lo) * k) / 60; return [v, probitPower(fit, forward(r.scale, v))]; }) } : undefined;
  return lineChart({
    chart: 'solve',
    title: `Power against ${r.key} near the answer`,
    xTitle: r.key, yTitle: 'power (%)',
    yFormat: (v) => `${Math.round(100 * v)}%`,
    curves, fitted,
    refs: [{ y: r.target, label: `target ${pct(r.target, 0)}` }, ...(r.answer !== null ? [{ x: r.answer, label: `answer ${short(r.answer)}` }] : [])],
    span: r.interval ? { from: r.interval[0], to: r.interval[1], label: `95% interval ${r.interval[0]}–${r.interval[1]}` } : undefined,
    caption: 'Shaded: the 95% interval of the answer given the Monte Carlo error. Bars: 95% Monte Carlo intervals (Wilson) of each evaluation; each evaluation used its own replicates.',
  });
}

function answerText(r: SolveReport): string {
  if (r.status === 'not-reached') return `<p>Power does not reach ${pct(r.target, 0)} for <code>${esc(r.key)}</code> up to ${esc(r.range[1])}: widen the range with --range.</p>`;
  const c = r.confirmation;
  const confirm = c ? ` A confirmation run at ${esc(r.answer)} with ${esc(c.replicates)} fresh replicates gave power ${pct(c.rate)} (MCSE ${pct(c.mcse, 2)}, 95% ${pct(c.ci95[0])}–${pct(c.ci95[1])}).` : '';
  if (r.status === 'reached-at-lower-end') return `<p>Power already reaches ${pct(r.target, 0)} at the lower end of the range, ${esc(r.answer)}: lower the range with --range.${confirm}</p>`;
  return `<p><strong>${esc(r.key)} = ${esc(r.answer)}</strong> is the smallest multiple of ${esc(r.step)} with power at least ${pct(r.target, 0)} for ${esc(r.hypothesis.label)}; given the Monte Carlo error the answer lies in <strong>${esc(r.interval![0])} to ${esc(r.interval![1])}</strong> (95%). The fitted curve crosses the target at ${short(r.crossing!.value)} (95% ${short(r.crossing!.lower)}–${short(r.crossing!.upper)}).${confirm}</p>`;
}

export function solveReportHtml(r: SolveReport): string {
  const table = htmlTable(['Stage', r.key, 'Replicates', 'Rejections', 'Power', 'MCSE', '95% MC interval'],
    [...r.evaluations, ...(r.confirmation ? [r.confirmation] : [])].map((e) => [esc(e.stage), esc(e.value), esc(e.replicates), esc(e.rejections), pct(e.rate), pct(e.mcse, 2), `${pct(e.ci95[0])} – ${pct(e.ci95[1])}`]));
  const meta = `Sample-size search on <code>${esc(r.key)}</code> for ${esc(r.hypothesis.id)} · target power ${pct(r.target, 0)} · ${esc(r.searchReplicates)} search replicates · seed ${esc(r.seed)} · trialsim ${esc(r.trialsim)}`;
  return htmlPage(`${r.scenario.name}: sample size`, meta, [
    { title: 'Answer', html: answerText(r) + (r.evaluations.length ? solveChart(r) : '') },
    { title: 'Evaluations', html: table },
  ], 'The numbers are in solve.json next to this file.');
}
