/**
 * The non-compliance design's report section: the estimands' true values
 * side by side (ATE, ITT, LATE, the effect in the treated and in each
 * compliance type) and each estimator's mean with where 95% of trials'
 * estimates fall, drawn as a
 * dot chart on one scale, with a table of every estimator's bias against
 * every estimand: who benefits, and what each analysis answers.
 */
import type { DesignSummary } from '../types.js';
import type { noncomplianceSections, NoncomplianceSection } from './sections.js';
import { esc, num } from '../../draw/escape.js';
import { trialRange } from '../../draw/trial-range.js';
import { COLOURS } from '../../draw/palette.js';
import { figure, linear, niceDomain, xAxis, marker, hInterval } from '../../draw/svg.js';

type NoncomplianceSummary = DesignSummary<typeof noncomplianceSections>;

function section(s: NoncomplianceSummary): NoncomplianceSection | null {
  return s.noncompliance.estimands.length > 0 ? s.noncompliance : null;
}

interface Row { label: string; value: number; lower?: number; upper?: number; truth: boolean }

/** Short names for the chart's rows (the tables use the full labels). */
const SHORT: Record<string, string> = {
  'ate': 'ATE (everyone)', 'itt': 'ITT effect', 'late': 'LATE (compliers)', 'att': 'effect in the treated',
  'acr': 'ACR (dose-weighted)', 'effect:adherent': 'effect in adherers', 'effect:non-adherent': 'effect in non-adherers',
  'effect:never-taker': 'effect in never-takers', 'effect:always-taker': 'effect in always-takers', 'effect:defier': 'effect in defiers',
  'as-treated': 'as treated', 'per-protocol': 'per protocol', 'iv-wald': 'IV, Wald ratio', 'iv-2sls': 'IV, 2SLS with covariates',
  'rpsft': 'RPSFTM',
};

function rows(s: NoncomplianceSummary, n: NoncomplianceSection): Row[] {
  const truths = n.estimands.filter((e) => e.id in SHORT).map((e) => ({ label: `truth: ${SHORT[e.id]}`, value: e.value, truth: true }));
  const estimates = n.estimators.flatMap((e) => {
    const est = s.estimates.find((x) => x.id === e.id);
    return est?.mean == null ? [] : [{ label: `estimator: ${e.id === 'itt' ? 'ITT' : SHORT[e.id]}`, value: est.mean, ...trialRange(est), truth: false }];
  });
  return [...truths, ...estimates];
}

function chart(r: Row[], scale: string): string {
  const W = 680, left = 230, right = W - 20, top = 16, row = 24;
  const H = top + r.length * row + 48, bottom = top + r.length * row;
  const lo = Math.min(0, ...r.map((x) => x.lower ?? x.value)), hi = Math.max(0, ...r.map((x) => x.upper ?? x.value));
  const x = linear(niceDomain(lo, hi), [left, right]);
  const y = (j: number) => top + j * row + row / 2;
  const body = [
    xAxis(x, bottom, top, scale),
    `<line x1="${x(0)}" x2="${x(0)}" y1="${top}" y2="${bottom}" stroke="${COLOURS.grey}" stroke-dasharray="3 3"/>`,
    ...r.map((d, j) => `<text x="${left - 8}" y="${y(j) + 4}" text-anchor="end" font-size="11.5">${esc(d.label)}</text>`),
    ...r.map((d, j) => (d.lower !== undefined && d.upper !== undefined ? hInterval(x(d.lower), x(d.upper), y(j), COLOURS.blue) : '')),
    ...r.map((d, j) => marker(d.truth ? 'diamond' : 'circle', x(d.value), y(j), d.truth ? COLOURS.vermillion : COLOURS.blue, 5, false, `${d.label}: ${num(d.value)}`)),
  ].join('');
  return figure('noncompliance-estimands', 'True estimands (diamonds) and what each estimator gives (circles, with 95% of single trials\' estimates)', W, H, body,
    'Diamonds: true values from the potential outcomes. Circles: the estimators\' mean over the simulated trials; bars: where 95% of single trials\' estimates fall (their empirical 2.5% and 97.5% quantiles).');
}

function biasTable(s: NoncomplianceSummary, n: NoncomplianceSection): { head: string[]; body: string[][] } {
  const targets = n.estimands.filter((e) => ['ate', 'itt', 'late', 'acr', 'att'].includes(e.id));
  const head = ['Estimator (judged against)', 'Mean estimate', ...targets.map((t) => `Bias vs ${t.id.toUpperCase()} (${num(t.value)})`)];
  const body = n.estimators.map((e) => {
    const mean = s.estimates.find((x) => x.id === e.id)?.mean ?? null;
    return [`${e.label} (${e.target.toUpperCase()})`, num(mean), ...targets.map((t) => (mean === null ? '' : num(mean - t.value)))];
  });
  return { head, body };
}

function intro(n: NoncomplianceSection): string {
  const shares = Object.entries(n.shares).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${num(v, 2)}`).join(', ');
  const a = n.adherence;
  const who = a
    ? `Patients assigned the treatment take a fraction of the dose: on average ${num(a.mean, 2)} at every biomarker 0 and no benefit (Beta, concentration ${a.concentration}), dose-response ${a.doseResponse}; adherent means at least ${num(a.adherent, 2)} of the dose.`
    : `Compliance types at every biomarker 0 and no benefit: ${shares}.`;
  return `${who} Estimands on the ${n.scale} scale, ${n.exact ? `exact (by enumeration over biomarker patterns and ${a ? 'the fraction of the dose taken' : 'compliance types'})` : 'from a virtual population (± Monte Carlo error in summary.json)'}.${n.monotonicity ? '' : ' Defiers break monotonicity: the IV estimates do not estimate the LATE.'} Each estimator's power or type I error is judged against the estimand in brackets; the table gives its bias against each.`;
}

export function estimandsSection(s: NoncomplianceSummary): string | null {
  const n = section(s);
  if (!n) return null;
  const t = biasTable(s, n);
  return [`<p>${esc(intro(n))}</p>`, chart(rows(s, n), n.scale),
    `<table><thead><tr>${t.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${t.body.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`].join('');
}

export function estimandsMarkdown(s: NoncomplianceSummary): string | null {
  const n = section(s);
  if (!n) return null;
  const t = biasTable(s, n);
  return [intro(n), '', '| Estimand | True value |', '|---|---:|', ...n.estimands.map((e) => `| ${e.label} | ${num(e.value)} |`), '',
    `| ${t.head.join(' | ')} |`, `|---|${t.head.slice(1).map(() => '---:').join('|')}|`, ...t.body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
