/**
 * The prevention paradox section (decision type `prevention`): for each risk
 * threshold, the share of people treated, cases prevented per `per` people,
 * the number needed to treat, the share of all cases that arise among those
 * treated and the cost per case prevented; the curve of cases prevented
 * against the share treated (highest risks first); a sentence that says
 * what the paradox is here.
 */
import type { ReportSummary } from '../run/summary-schema.js';
import type { PreventionSection } from '../run/prevention.js';
import { esc, num, pct, count } from '../draw/escape.js';
import { lineChart } from './html/line-chart.js';
import { SERIES } from '../draw/palette.js';

export function preventionOf(s: ReportSummary): PreventionSection | null {
  return s.decision?.type === 'prevention' ? s.decision : null;
}

const HEAD = ['Treat those at risk ≥', 'Share treated', 'Cases prevented per {per}', 'Number needed to treat', 'Share of all cases among the treated', 'Cost per case prevented'];

/** The table's columns: with a value per case, each threshold's net benefit and the share of trials choosing it. */
const head = (s: ReportSummary, d: PreventionSection): string[] => [...HEAD, ...(d.netBenefit ? ['Net benefit per {per}'] : []), ...(trialChoice(s, d) ? ['Chosen by the trial'] : [])];

function rows(s: ReportSummary, d: PreventionSection): string[][] {
  const finite = (x: number | null, digits: number) => (x !== null && Number.isFinite(x) ? num(x, digits) : '–');
  const chosen = trialChoice(s, d);
  return d.rows.map((r, k) => [r.threshold === 0 ? 'everyone' : pct(r.threshold, 1), pct(r.shareTreated), num(r.casesPrevented * d.per, 1), finite(r.numberNeededToTreat, 1), pct(r.shareOfCasesAmongTreated), d.costPerPerson > 0 ? finite(r.costPerCasePrevented, 0) : '–',
    ...(d.netBenefit ? [num(d.netBenefit[k] * d.per, 0)] : []), ...(chosen ? [pct(chosen.shares[k])] : [])]);
}

/** The trial-based choice (metrics prevention:*): share of trials per threshold, the probability of the truth's choice and the expected loss, with MCSEs. */
function trialChoice(s: ReportSummary, d: PreventionSection): { shares: number[]; matches: number; matchesMcse: number; loss: number; lossMcse: number } | null {
  const m = (id: string) => s.metrics.find((x) => x.id === id);
  const matches = m('prevention:matches'), loss = m('prevention:loss');
  if (!matches || !loss) return null;
  const se = (sd: number) => (s.method === 'exact' ? 0 : sd / Math.sqrt(s.replicates));
  return { shares: d.rows.map((_, k) => m(`prevention:choice:${k}`)?.mean ?? 0), matches: matches.mean, matchesMcse: se(matches.sd), loss: loss.mean, lossMcse: se(loss.sd) };
}

function choiceSentence(s: ReportSummary, d: PreventionSection): string {
  if (!d.netBenefit || d.best === undefined || d.valuePerCase === undefined) return '';
  const best = d.rows[d.best];
  const words = best.threshold === 0 ? 'treating everyone' : `treating those at risk ≥ ${pct(best.threshold, 1)}`;
  const truth = ` At ${count(d.valuePerCase)} per case prevented and ${count(d.costPerPerson)} per person treated, ${words} has the largest net benefit (${count(d.netBenefit[d.best] * d.per)} per ${count(d.per)} people).`;
  const c = trialChoice(s, d);
  if (!c) return truth;
  return `${truth} A trial's own estimate of the effect (${d.effect}), applied to everyone's risk, leads to that choice ${pct(c.matches)} of the time (MCSE ${pct(c.matchesMcse, 2)}); following it loses ${count(c.loss)} of net benefit per ${count(d.per)} people on average (MCSE ${count(c.lossMcse)}).`;
}

function paradoxSentence(d: PreventionSection): string {
  const everyone = d.rows.find((r) => r.threshold === 0);
  const highest = [...d.rows].filter((r) => r.shareTreated > 0).sort((a, b) => a.shareTreated - b.shareTreated)[0];
  const risk = `Without treatment ${num(d.cases * d.per, 1)} cases arise per ${count(d.per)} people${d.exact ? '' : ' (over the scenario\'s virtual population)'}.`;
  if (!everyone || !highest || highest === everyone) return risk;
  return `${risk} Treating the ${pct(highest.shareTreated)} at highest risk (≥ ${pct(highest.threshold, 1)}) prevents ${num(highest.casesPrevented * d.per, 1)} of them (NNT ${num(highest.numberNeededToTreat, 1)}), `
    + `though only ${pct(highest.shareOfCasesAmongTreated)} of all cases arise in that group; treating everyone prevents ${num(everyone.casesPrevented * d.per, 1)} (NNT ${num(everyone.numberNeededToTreat, 1)}): `
    + 'most cases come from the many at modest risk (Rose\'s prevention paradox).';
}

const sentence = (s: ReportSummary, d: PreventionSection): string => paradoxSentence(d) + choiceSentence(s, d);

function curveChart(d: PreventionSection): string | null {
  if (d.curve.length < 2) return null;
  return lineChart({
    chart: 'prevention', title: 'Cases prevented against the share treated, highest risks first', xTitle: 'Share of the population treated', yTitle: `Cases prevented per ${count(d.per)} people`,
    curves: [{ label: `treat those at highest risk (${d.treatment} against ${d.control})`, colour: SERIES[0], shape: 'circle', points: d.curve.map((p) => ({ x: p.shareTreated, y: p.casesPrevented * d.per, tooltip: `treating risks ≥ ${pct(p.risk, 1)}: ${pct(p.shareTreated)} treated, ${num(p.casesPrevented * d.per, 1)} cases prevented per ${count(d.per)}` })) }],
    xFormat: (x) => `${Math.round(100 * x)}%`, yFormat: (y) => num(y, 1),
    caption: `${d.exact ? 'Exact over the population\'s biomarker patterns' : 'Over the scenario\'s virtual population'}; each point treats everyone at or above a risk.`,
  });
}

export function preventionHtml(s: ReportSummary): string | null {
  const d = preventionOf(s);
  if (!d) return null;
  return [
    `<p>${esc(sentence(s, d))}</p>`,
    `<table><thead><tr>${head(s, d).map((h) => `<th>${esc(h.replace('{per}', count(d.per)))}</th>`).join('')}</tr></thead><tbody>${rows(s, d).map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`,
    curveChart(d) ?? '',
  ].join('');
}

export function preventionMarkdown(s: ReportSummary): string | null {
  const d = preventionOf(s);
  if (!d) return null;
  const cols = head(s, d).map((h) => h.replace('{per}', count(d.per)));
  return [sentence(s, d), '', `| ${cols.join(' | ')} |`, `|---|${cols.slice(1).map(() => '---:').join('|')}|`, ...rows(s, d).map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
