/**
 * Markdown for pasting into a protocol or statistical analysis plan: the
 * scenario, the design, replicates and seed, operating characteristics with
 * their Monte Carlo SEs, trial-size quantities, and the cancellation
 * statements. GitHub-flavoured pipe tables; no HTML.
 */
import type { Summary } from '../summary/summarise.js';
import type { CompareResult } from '../compare/compare.js';
import { num, pct } from '../draw/escape.js';
import { familyRows, familyNote } from './family-rows.js';
import { designFor } from '../designs/registry.js';
import { truthError, harmful } from './html/tables.js';
import { decisionMarkdown } from './decision.js';
import { errorCell, exactFallback, exactOutcomes, isExactSummary, notesOf, metricMean } from './computed.js';
import type { ReportSummary } from '../run/summary-schema.js';
import type { SummaryView } from '../designs/types.js';

const cell = (x: unknown) => String(x ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const f = num;
const p = pct;

function table(head: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const line = (r: string[]) => `| ${r.map(cell).join(' | ')} |`;
  return [line(head), `|${align.map((a) => (a === 'r' ? '---:' : ':---')).join('|')}|`, ...rows.map(line)].join('\n');
}

const COLLAPSIBLE = ['risk difference', 'mean difference', 'log hazard ratio'];

/**
 * Several runs on one page (`trialsim run A.yaml B.yaml ...` writes it as
 * index.md): one row per hypothesis, one column per scenario, each cell the
 * rejection rate with its Monte Carlo SE, so a set of scenarios (the basket
 * set from global null to global alternative) reads across.
 */
export function crossScenarioMarkdown(runs: { name: string; summary: Summary }[]): string {
  const ids: string[] = [];
  const meaning = new Map<string, Set<string>>();
  for (const r of runs) for (const h of r.summary.hypotheses) {
    if (!meaning.has(h.id)) { ids.push(h.id); meaning.set(h.id, new Set()); }
    meaning.get(h.id)!.add(h.meaning);
  }
  const cell = (s: Summary, id: string) => {
    const h = s.hypotheses.find((x) => x.id === id);
    if (!h) return '';
    const what = h.meaning === 'power' ? 'power' : h.meaning === 'type I error' ? 'error' : 'rate';
    return `${p(h.rate)}${isExactSummary(s) ? '' : ` ± ${p(h.mcse, 1)}`} (${what})`;
  };
  return [
    '## Operating characteristics across scenarios', '',
    `Rejection rate of each hypothesis in each scenario (${runs.map((r) => (isExactSummary(r.summary) ? `${r.name}: exact` : `${r.name}: ${r.summary.replicates} simulated trials, seed ${r.summary.seed}`)).join('; ')}). ± one Monte Carlo SE; "power" where the hypothesis is false in that scenario, "error" where it is true.`, '',
    table(['Hypothesis', ...runs.map((r) => r.name)], ids.map((id) => [`\`${id}\``, ...runs.map((r) => cell(r.summary, id))]), ['l', ...runs.map(() => 'r' as const)]),
    '',
  ].join('\n');
}

/**
 * The scenario's assumptions as a table a statistical analysis plan can
 * quote: every setting of the checked scenario (defaults filled in) as a key
 * path and its value, with the run's replicates, seed and version. Long
 * lists are shortened; nothing is interpreted, so it holds for any design.
 */
export function assumptionsMarkdown(spec: unknown, s: Summary): string | null {
  if (!spec || typeof spec !== 'object') return null;
  const rows: string[][] = [];
  const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
  const walk = (path: string, v: unknown, depth: number) => {
    if (rows.length >= 60) return;
    if (v === undefined || v === null) return;
    if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) { rows.push([path, v.length ? v.map(show).join(', ') : 'none']); return; }
    if (typeof v === 'object' && depth < 6) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k, x, depth + 1);
      return;
    }
    const text = show(v);
    rows.push([path, text.length > 80 ? `${text.slice(0, 77)}...` : text]);
  };
  const { name: _n, description: _d, $schema: _s, seed: _seed, replicates: _r, ...model } = spec as Record<string, unknown>;
  walk('', model, 0);
  const how = isExactSummary(s) ? 'exact (every outcome enumerated)' : `${s.replicates} simulated trials, seed ${s.seed}`;
  rows.push(['computed as', how], ['trialsim', s.trialsim], ['scenario hash', `\`${s.scenario.hash.slice(0, 12)}\``]);
  return ['### Assumptions', '', table(['Setting', 'Value'], rows.map(([k, v]) => [`\`${k}\``, v]), ['l', 'l'])].join('\n');
}

export function summaryMarkdown(s: ReportSummary, spec?: unknown): string {
  const out: string[] = [];
  out.push(`## ${s.scenario.name}`, '');
  const assumptions = assumptionsMarkdown(spec, s);
  if (assumptions) out.push(assumptions, '');
  out.push(isExactSummary(s)
    ? `Exact operating characteristics of the ${s.scenario.design} design: every outcome enumerated with its probability (${exactOutcomes(s)} outcomes), trialsim ${s.trialsim} (scenario hash \`${s.scenario.hash.slice(0, 12)}\`). The figures have no Monte Carlo error.`
    : `Simulated operating characteristics of the ${s.scenario.design} design: ${s.replicates} simulated trials, seed ${s.seed}, trialsim ${s.trialsim} (scenario hash \`${s.scenario.hash.slice(0, 12)}\`). Monte Carlo standard errors (MCSE) and 95% Monte Carlo intervals (Wilson) describe simulation error only.${exactFallback(s) ? ` The scenario asked for an exact computation; ${exactFallback(s)}.` : ''}`, '');
  out.push('### Power and type I error', '');
  out.push(table(['Hypothesis', 'True effect (scale)', 'Meaning', 'Rate', 'MCSE', '95% MC interval'],
    s.hypotheses.map((h) => [`${h.label} (\`${h.id}\`)`, `${f(h.trueEffect)}${h.scale ? ` (${h.scale})` : ''}`, h.meaning, `${p(h.rate)}${harmful(h) ? ` (${p(h.wrongDirection!.rate)} for harm)` : ''}`, errorCell(s, p(h.mcse, 2)), errorCell(s, `${p(h.ci95[0])} – ${p(h.ci95[1])}`)]),
    ['l', 'r', 'l', 'r', 'r', 'r']));
  for (const section of designMarkdown(s)) out.push('', `### ${section.title}`, '', section.text);
  const decision = decisionMarkdown(s);
  if (decision) out.push('', '### Decision after the trial', '', decision);
  for (const fam of s.families ?? []) {
    const note = familyNote(fam);
    out.push('', `### Family \`${fam.id}\` (${fam.hypotheses.length} hypotheses)`, '', ...(note ? [note, ''] : []));
    out.push(table(['Quantity', 'Rate or mean', 'MCSE', '95% MC interval'], familyRows(fam).map((r) => r.kind === 'rate'
      ? [r.what, p(r.value.rate), errorCell(s, p(r.value.mcse, 2)), errorCell(s, `${p(r.value.ci95[0])} – ${p(r.value.ci95[1])}`)]
      : [r.what, f(r.value.mean), errorCell(s, f(r.value.mcse, 4)), '']), ['l', 'r', 'r', 'r']));
  }
  if (s.estimates.length) {
    out.push('', '### Estimates', '', 'True values marked exact have no Monte Carlo error; the others are averages over the scenario\'s virtual population (`truth.patients`), with their Monte Carlo error.', '');
    out.push(table(['Estimate', 'Truth (MCSE)', 'Mean', 'Bias (MCSE)', 'Empirical SE', 'Model SE', 'Coverage (MCSE)'],
      s.estimates.map((e) => [e.label, `${f(e.truth)} (${truthError(e.truthMcse)})`, f(e.mean), `${f(e.bias, 4)} (${errorCell(s, f(e.biasMcse, 4))})`, f(e.empiricalSe), f(e.modelSe), `${p(e.coverage)} (${errorCell(s, p(e.coverageMcse, 2))})`]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r']));
    for (const note of notesOf(s)) out.push('', `Note: ${note}`);
  }
  if (s.metrics.length) {
    out.push('', '### Trial size', '');
    out.push(table(['Quantity', 'Mean', 'SD', 'Min', 'Max'],
      s.metrics.map((m) => [`${m.label}${m.unit ? ` (${m.unit})` : ''}`, metricMean(m, f, p), f(m.sd, 1), f(m.min, 0), f(m.max, 0)]), ['l', 'r', 'r', 'r', 'r']));
  }
  const statements = (s.cancellation ?? []).filter((c) => COLLAPSIBLE.includes(c.scale));
  if (statements.length) out.push('', '### Cancellation of averaged effects', '', ...statements.map((c) => `- ${c.statement}`));
  const warned = s.warnings.filter((w) => w.replicates > 0);
  if (warned.length) out.push('', '### Warnings', '', ...warned.map((w) => `- ${w.replicates} of ${s.replicates} simulated trials: ${w.label}`));
  return `${out.join('\n')}\n`;
}

/** The design's own sections that have a Markdown form (none from a section that fails). */
function designMarkdown(s: ReportSummary): { title: string; text: string }[] {
  return (designFor(s.scenario.design).report ?? []).flatMap((r) => {
    try {
      const text = r.markdown?.(s satisfies SummaryView) ?? null;
      return text ? [{ title: r.title, text }] : [];
    } catch {
      return [];
    }
  });
}

export function compareMarkdown(c: CompareResult): string {
  const L = (k: number) => String.fromCharCode(65 + k);
  const out: string[] = ['## Comparison of designs', ''];
  out.push(`${c.replicates} simulated trials per design, seed ${c.seed}, ${c.commonRandomNumbers ? 'common random numbers (paired replicates)' : 'independent random streams'}; trialsim ${c.trialsim}. Differences are against design A, with the Monte Carlo SE of the paired differences and, for contrast, of independent runs.`, '');
  out.push(table(['', 'Scenario', 'Design', 'Same patients as A'], c.scenarios.map((s, k) => [L(k), s.name, s.design, k === 0 ? '–' : s.samePatients ? 'yes' : 'no']), ['l', 'l', 'l', 'l']));
  const head = ['Hypothesis', ...c.scenarios.map((_, k) => `${L(k)} rate (MCSE)`), ...c.scenarios.slice(1).map((_, k) => `${L(k + 1)} − A (paired SE; independent SE)`)];
  out.push('', table(head, c.hypotheses.map((h) => [
    `${h.label} (\`${h.id}\`)`,
    ...h.results.map((r) => (r ? `${p(r.rate)} (${p(r.mcse, 2)})` : '–')),
    ...h.differences.slice(1).map((d) => (d ? `${p(d.difference, 2)} (${p(d.pairedSe, 2)}; ${p(d.independentSe, 2)})` : '–')),
  ]), head.map((_, j) => (j === 0 ? 'l' : 'r'))));
  if (c.quantities.length) {
    const qHead = ['Quantity', ...c.scenarios.map((_, k) => L(k)), ...c.scenarios.slice(1).map((_, k) => `${L(k + 1)} − A (paired SE)`)];
    out.push('', table(qHead, c.quantities.map((q) => [
      `${q.label}${q.unit ? ` (${q.unit})` : ''}`,
      ...q.results.map((r) => (r ? f(r.mean, 1) : '–')),
      ...q.differences.slice(1).map((d) => (d ? `${f(d.difference, 2)} (${f(d.pairedSe, 2)})` : '–')),
    ]), qHead.map((_, j) => (j === 0 ? 'l' : 'r'))));
  }
  return `${out.join('\n')}\n`;
}
