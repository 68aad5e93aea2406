/**
 * The decision section of a run's report (HTML and Markdown), for any design
 * whose scenario has a `decision`: on the truth, each strategy's expected
 * cost, effect, net monetary benefit and frontier status, the best strategy
 * and the most the test may cost; from the simulated trials, how often the
 * trial's estimates lead to the right decision (with its Monte Carlo error)
 * and the expected net benefit lost to wrong ones. A plain sentence says it.
 */
import type { ReportSummary } from '../run/summary-schema.js';
import type { CompanionSection } from '../run/companion.js';
import { esc, num, pct, count } from '../draw/escape.js';
import { lineChart } from './html/line-chart.js';
import { SERIES } from '../draw/palette.js';
import { preventionOf, preventionHtml, preventionMarkdown } from './prevention.js';
import { equityOf, equityHtml, equityMarkdown } from './equity.js';
import { subgroupSentence, subgroupRows, SUBGROUP_HEAD, cutoffRows, CUTOFF_HEAD, valueSentence } from './companion-value.js';

interface DecisionView {
  d: CompanionSection;
  chosen: Record<string, number>;
  correct: number;
  mcse: number;
  loss: number;
  undecided: number;
}

function view(s: ReportSummary): DecisionView | null {
  const d = s.decision;
  if (d?.type !== 'companion-diagnostic') return null;
  const chosen = Object.fromEntries(d.strategies.map((x) => [x.id, s.metrics.find((m) => m.id === `decision:${x.id}`)?.mean ?? 0]));
  const best = d.strategies.find((x) => x.id === d.best)!;
  const correct = chosen[d.best];
  const loss = d.strategies.reduce((sum, x) => sum + chosen[x.id] * (best.nmb - x.nmb), 0);
  const undecided = 1 - Object.values(chosen).reduce((a, b) => a + b, 0);
  return { d, chosen, correct, mcse: Math.sqrt((correct * (1 - correct)) / s.replicates), loss, undecided };
}

function sentence(v: DecisionView): string {
  const { d } = v;
  return `At ${count(d.willingnessToPay)} per unit of health effect, the right decision on the true effects (${num(d.effects.positive)} in biomarker-positive, ${num(d.effects.negative)} in biomarker-negative patients) is ${d.best}; `
    + `a trial of this design leads to it ${pct(v.correct)} of the time (MCSE ${pct(v.mcse, 2)}), losing on average ${num(v.loss, 2)} of net monetary benefit per patient to wrong decisions. `
    + (d.maximumTestPrice > 0 ? `Test-and-treat${d.cutoffs ? ' (at its best cut-off)' : ''} beats the other strategies while the test costs less than ${num(d.maximumTestPrice, 0)} per patient.` : 'Test-and-treat does not pay at any test price at this willingness to pay.');
}

/** The section's sentences: the decision, the subgroups' ICERs, the value of the trial. */
const sentences = (s: ReportSummary, v: DecisionView): string[] => [sentence(v), subgroupSentence(v.d), valueSentence(s, v.d)].filter((x) => x !== '');

const htmlTable = (head: string[], body: string[][]): string =>
  (body.length === 0 ? '' : `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`);

const mdTable = (head: string[], body: string[][]): string[] =>
  (body.length === 0 ? [] : ['', `| ${head.join(' | ')} |`, `|---|${head.slice(1).map(() => '---:').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)]);

const HEAD = ['Strategy', 'Cost per patient', 'Effect per patient', 'Net monetary benefit', 'Frontier', 'ICER', 'Chosen by the trial'];

function rows(v: DecisionView): string[][] {
  return v.d.strategies.map((x) => [x.id, num(x.cost, 0), num(x.effect, 4), num(x.nmb, 0), x.status, x.icer === null ? '–' : num(x.icer, 0), pct(v.chosen[x.id])]);
}

/**
 * The trial-based cost-effectiveness acceptability curve: at each
 * willingness to pay, the share of simulated trials whose estimates choose
 * each strategy (95% Monte Carlo band), beside the strategy that is best on
 * the truth there.
 */
function acceptabilityChart(s: ReportSummary, v: DecisionView): string | null {
  const grid = v.d.acceptabilityGrid;
  if (grid.length < 2) return null;
  const shapes = ['circle', 'square', 'diamond'] as const;
  const curves = v.d.strategies.map((x, j) => ({
    label: x.id, colour: SERIES[j % SERIES.length], shape: shapes[j % shapes.length],
    points: grid.flatMap((w, k) => {
      const m = s.metrics.find((q) => q.id === `decision-at:${k}:${x.id}`);
      if (!m) return [];
      const half = s.method === 'exact' ? 0 : 1.96 * Math.sqrt((m.mean * (1 - m.mean)) / s.replicates);
      return [{ x: w, y: m.mean, lower: Math.max(0, m.mean - half), upper: Math.min(1, m.mean + half), tooltip: `${x.id} at ${num(w, 0)}: chosen by ${pct(m.mean)} of trials` }];
    }),
  })).filter((c) => c.points.length > 0);
  if (curves.length === 0) return null;
  return lineChart({
    chart: 'acceptability', title: 'Cost-effectiveness acceptability: the strategy the trial chooses', xTitle: 'Willingness to pay per unit of health effect', yTitle: 'Share of trials choosing it',
    curves, yDomain: [0, 1], yFormat: (y) => `${Math.round(100 * y)}%`, xFormat: (x) => count(x),
    refs: [{ x: v.d.willingnessToPay, label: 'willingness to pay' }],
    caption: `Bands: 95% Monte Carlo intervals from ${s.replicates} simulated trials. On the truth the best strategy is ${v.d.acceptability[0]?.best ?? '–'}${bestChanges(v)}.`,
  });
}

/**
 * The cost-effectiveness plane on the truth: each strategy's expected effect
 * and cost per patient, the efficiency frontier joining the strategies
 * neither dominated nor extendedly dominated (its slopes are the ICERs), so
 * a reader sees why the others drop out (Drummond et al. 2015, ch. 4).
 */
function frontierChart(v: DecisionView): string | null {
  const all = v.d.strategies;
  if (all.length < 2) return null;
  const shapes = ['circle', 'square', 'diamond'] as const;
  const frontier = all.filter((x) => x.status === 'frontier').sort((a, b) => a.effect - b.effect);
  const point = (x: (typeof all)[number]) => ({
    x: x.effect, y: x.cost,
    tooltip: `${x.id}: effect ${num(x.effect, 4)}, cost ${num(x.cost, 0)} per patient (${x.status}${x.icer === null ? '' : `, ICER ${num(x.icer, 0)}`})`,
  });
  return lineChart({
    chart: 'frontier', title: 'Cost-effectiveness plane: strategies and the efficiency frontier', xTitle: 'Expected health effect per patient', yTitle: 'Expected cost per patient',
    curves: [
      { label: 'efficiency frontier', colour: SERIES[0], shape: 'circle', line: true, points: frontier.map(point) },
      ...all.map((x, j) => ({ label: `${x.id} (${x.status})`, colour: SERIES[(j + 1) % SERIES.length], shape: shapes[j % shapes.length], line: false, points: [point(x)] })),
    ],
    yFormat: (y) => count(y), xFormat: (x) => num(x, 3),
    caption: `On the true effects. The frontier's slopes are the incremental cost-effectiveness ratios; at ${count(v.d.willingnessToPay)} per unit of effect the best strategy is ${v.d.best}, the frontier point a line of that slope touches last.`,
  });
}

/** Where the best strategy on the truth changes along the willingness to pay, in words. */
function bestChanges(v: DecisionView): string {
  const a = v.d.acceptability;
  const changes = a.flatMap((x, j) => (j > 0 && x.best !== a[j - 1].best ? [`${x.best} from about ${num(x.willingnessToPay, 0)}`] : []));
  return changes.length ? `, then ${changes.join(', then ')}` : ' throughout';
}

export function decisionHtml(s: ReportSummary): string | null {
  if (preventionOf(s)) return preventionHtml(s);
  if (equityOf(s)) return equityHtml(s);
  const v = view(s);
  if (!v) return null;
  const curve = v.d.acceptability.map((a) => `${num(a.willingnessToPay, 0)}: ${a.best}`).join('; ');
  return [
    `<p>${sentences(s, v).map(esc).join(' ')}${v.undecided > 0.0005 ? ` In ${pct(v.undecided)} of trials an estimate was missing and no decision was made.` : ''}</p>`,
    htmlTable(HEAD, rows(v)),
    htmlTable(SUBGROUP_HEAD, subgroupRows(v.d)),
    htmlTable(CUTOFF_HEAD, cutoffRows(v.d)),
    frontierChart(v) ?? '',
    acceptabilityChart(s, v) ?? '',
    `<p class="note">Best strategy on the truth across willingness to pay: ${esc(curve)}.</p>`,
  ].join('');
}

export function decisionMarkdown(s: ReportSummary): string | null {
  if (preventionOf(s)) return preventionMarkdown(s);
  if (equityOf(s)) return equityMarkdown(s);
  const v = view(s);
  if (!v) return null;
  return [sentences(s, v).join(' '), ...mdTable(HEAD, rows(v)), ...mdTable(SUBGROUP_HEAD, subgroupRows(v.d)), ...mdTable(CUTOFF_HEAD, cutoffRows(v.d))].join('\n');
}
