/**
 * The equity-constrained allocation section (decision type `equity`): a
 * sentence saying what efficiency, equal shares and the minimum share give
 * and where equity weighting changes the choice; the allocations with the
 * units and health gained by each group and in total; Atkinson and Kolm
 * EDEs and indices at each aversion; the trade-off and aversion charts;
 * and, when the benefits come from the design's estimates, how often a
 * trial's own estimates lead to the allocation the truth prefers and what
 * following them costs (with Monte Carlo errors).
 */
import type { MetricSummary } from '../summary/summarise.js';
import type { ReportSummary } from '../run/summary-schema.js';
import type { EquitySection } from '../run/equity.js';
import { esc, num, pct, count } from '../draw/escape.js';
import { tradeOffChart, aversionChart, ALLOCATION_WORDS } from './equity-charts.js';

export function equityOf(s: ReportSummary): EquitySection | null {
  return s.decision?.type === 'equity' ? s.decision : null;
}

const perPeople = (d: EquitySection, x: number, digits = 1) => num(x * d.per, digits);

const totalOf = (d: EquitySection, id: string) => perPeople(d, d.allocations.find((x) => x.id === id)!.totalGain);

function truthSentence(d: EquitySection): string {
  const [eff] = d.allocations;
  const first = eff.units.reduce((j, x, k) => (x > eff.units[j] ? k : j), 0);
  const flip = d.flip.epsilon === null
    ? `Equity weighting does not make equal shares overtake efficiency for Atkinson epsilon in [${d.flip.range.join(', ')}]`
    : `Equal shares overtake efficiency once Atkinson's inequality aversion epsilon exceeds ${num(d.flip.epsilon, 2)}`;
  return `With ${count(d.budget * d.per)} ${d.unit}s per ${count(d.per)} people, efficiency only gains ${totalOf(d, 'efficiency')} ${d.health} per ${count(d.per)} people (most ${d.unit}s to the ${d.groups[first].label}, who gain most per ${d.unit}); `
    + `equal shares ${totalOf(d, 'equal')}; minimum shares ${totalOf(d, 'constrained')}. ${flip}; at epsilon ${d.epsilon} the preferred allocation is ${ALLOCATION_WORDS[d.preferred]}.`;
}

interface TrialView { chosen: Record<string, number>; matches: MetricSummary; edeLost: MetricSummary; healthLost: MetricSummary; efficientLost: MetricSummary; replicates: number }

function trialView(s: ReportSummary): TrialView | null {
  const m = (id: string) => s.metrics.find((x) => x.id === id);
  const [matches, edeLost, healthLost, efficientLost] = ['matches', 'ede-lost', 'health-lost', 'efficient-health-lost'].map((k) => m(`equity:${k}`));
  if (!matches || !edeLost || !healthLost || !efficientLost) return null;
  const chosen = Object.fromEntries(Object.keys(ALLOCATION_WORDS).map((a) => [a, m(`equity:preferred:${a}`)?.mean ?? 0]));
  return { chosen, matches, edeLost, healthLost, efficientLost, replicates: s.replicates };
}

const mcse = (m: MetricSummary, R: number) => m.sd / Math.sqrt(R);

function trialSentence(d: EquitySection, v: TrialView): string {
  const R = v.replicates, ede = v.edeLost.mean;
  return `A trial of this design, choosing by its own estimates at epsilon ${d.epsilon}, gives every group what the truth's preferred allocation gives in ${pct(v.matches.mean)} of trials (MCSE ${pct(Math.sqrt((v.matches.mean * (1 - v.matches.mean)) / R), 2)}). `
    + `Following its estimates' efficient allocation loses on average ${num(v.efficientLost.mean, 2)} ${d.health} per ${count(d.per)} people (MCSE ${num(mcse(v.efficientLost, R), 2)}) against the truth's; `
    + `the true equity-weighted health (EDE at epsilon ${d.epsilon}) of its preferred allocation is on average ${num(Math.abs(ede), 2)} ${d.health} per ${count(d.per)} ${ede >= 0 ? 'below' : 'above'} that of the truth's (MCSE ${num(mcse(v.edeLost, R), 2)}).`;
}

function allocationTable(d: EquitySection): { head: string[]; rows: string[][] } {
  const eps = d.epsilon;
  const head = ['Allocation', ...d.groups.map((g) => `${d.unit}s per ${count(d.per)} to ${g.label}`), ...d.groups.map((g) => `gain per person, ${g.label}`), `total gain per ${count(d.per)}`, `Atkinson EDE (ε = ${eps})`, `Atkinson index (ε = ${eps})`];
  const row = (label: string, units: number[] | null, gain: number[] | null, total: number | null, at: { ede: number; index: number } | undefined) => [
    label, ...d.groups.map((_, k) => (units ? num(units[k] * d.per, 1) : '0')), ...d.groups.map((_, k) => (gain ? num(gain[k], 4) : '0')),
    total === null ? '0' : perPeople(d, total, 2), num(at?.ede, 3), num(at?.index, 5),
  ];
  return {
    head,
    rows: [
      row('before any unit', null, null, null, d.before.atkinson.find((a) => a.epsilon === eps)),
      ...d.allocations.map((a) => row(ALLOCATION_WORDS[a.id] + (a.id === d.preferred ? ' (preferred)' : ''), a.units, a.gain, a.totalGain, a.atkinson.find((x) => x.epsilon === eps))),
    ],
  };
}

function inequalityTable(d: EquitySection): { head: string[]; rows: string[][] } {
  const cols = [{ label: 'before any unit', at: d.before }, ...d.allocations.map((a) => ({ label: ALLOCATION_WORDS[a.id], at: a }))];
  return {
    head: ['Equally-distributed equivalent (index)', ...cols.map((c) => c.label)],
    rows: [
      ...d.before.atkinson.map((_, j) => [`Atkinson ε = ${d.before.atkinson[j].epsilon}`, ...cols.map((c) => `${num(c.at.atkinson[j].ede, 3)} (${num(c.at.atkinson[j].index, 5)})`)]),
      ...d.before.kolm.map((_, j) => [`Kolm α = ${d.before.kolm[j].alpha}`, ...cols.map((c) => `${num(c.at.kolm[j].ede, 3)} (${num(c.at.kolm[j].index, 3)})`)]),
    ],
  };
}

function trialTable(d: EquitySection, v: TrialView): { head: string[]; rows: string[][] } {
  const R = v.replicates;
  return {
    head: ['From the trial\'s estimates', 'Mean', 'MCSE'],
    rows: [
      ...Object.entries(v.chosen).map(([a, p]) => [`prefers ${ALLOCATION_WORDS[a]}`, pct(p), pct(Math.sqrt((p * (1 - p)) / R), 2)]),
      ['gives every group what the truth\'s preferred allocation gives', pct(v.matches.mean), pct(Math.sqrt((v.matches.mean * (1 - v.matches.mean)) / R), 2)],
      [`true EDE (ε = ${d.epsilon}) lost, ${d.health} per ${count(d.per)}`, num(v.edeLost.mean, 3), num(mcse(v.edeLost, R), 3)],
      [`true total gain lost, ${d.health} per ${count(d.per)}`, num(v.healthLost.mean, 3), num(mcse(v.healthLost, R), 3)],
      [`true total gain lost by the estimates' efficient allocation, ${d.health} per ${count(d.per)}`, num(v.efficientLost.mean, 3), num(mcse(v.efficientLost, R), 3)],
    ],
  };
}

const htmlTable = (t: { head: string[]; rows: string[][] }) => `<table><thead><tr>${t.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${t.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
const markdownTable = (t: { head: string[]; rows: string[][] }) => [`| ${t.head.join(' | ')} |`, `|---|${t.head.slice(1).map(() => '---:').join('|')}|`, ...t.rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export function equityHtml(s: ReportSummary): string | null {
  const d = equityOf(s);
  if (!d) return null;
  const v = d.fromEstimates ? trialView(s) : null;
  return [
    `<p>${esc(truthSentence(d))}</p>`, v ? `<p>${esc(trialSentence(d, v))}</p>` : '',
    htmlTable(allocationTable(d)), tradeOffChart(d), aversionChart(d) ?? '', htmlTable(inequalityTable(d)), v ? htmlTable(trialTable(d, v)) : '',
    `<p class="note">Health is the mean of each group (between-group inequality only, as in distributional cost-effectiveness analysis: Asaria, Griffin &amp; Cookson 2016); units and gains are per person of the population.</p>`,
  ].join('');
}

export function equityMarkdown(s: ReportSummary): string | null {
  const d = equityOf(s);
  if (!d) return null;
  const v = d.fromEstimates ? trialView(s) : null;
  return [truthSentence(d), ...(v ? ['', trialSentence(d, v)] : []), '', markdownTable(allocationTable(d)), '', markdownTable(inequalityTable(d)), ...(v ? ['', markdownTable(trialTable(d, v))] : [])].join('\n');
}
