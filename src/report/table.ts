/**
 * A run's summary as a plain-text table for the terminal.
 */
import type { ReportSummary } from '../run/summary-schema.js';
import { fixed } from '../draw/escape.js';
import { computedAs, errorCell, exactFallback, isExactSummary, notesOf } from './computed.js';

const f = (x: number | null, d = 3) => (x === null || !Number.isFinite(x) ? '-' : fixed(x, d));

/** A plain-text table: first column left-aligned, the rest right-aligned, a rule under the head. */
export function textTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatSummary(s: ReportSummary): string {
  const out: string[] = [];
  out.push(`${s.scenario.name}  (${s.scenario.design}, ${computedAs(s)}, seed ${s.seed})`, '');
  const fallback = exactFallback(s);
  if (fallback) out.push(`(${fallback})`, '');
  out.push(textTable(
    ['hypothesis', 'true effect', 'meaning', 'rate', 'MCSE', '95% interval'],
    s.hypotheses.map((h) => [h.id, f(h.trueEffect), h.meaning, f(h.rate), errorCell(s, f(h.mcse, 4)), errorCell(s, `${f(h.ci95[0])}-${f(h.ci95[1])}`)]),
  ));
  out.push('', textTable(
    ['estimate', 'truth', 'mean', 'bias', 'emp SE', 'model SE', 'coverage'],
    s.estimates.map((e) => [e.id, f(e.truth), f(e.mean), f(e.bias, 4), f(e.empiricalSe), f(e.modelSe), f(e.coverage)]),
  ));
  for (const note of notesOf(s)) out.push(`Note: ${note}`);
  out.push('', textTable(['quantity', 'mean', 'sd', 'min', 'max'], s.metrics.map((m) => [m.label, f(m.mean, 1), f(m.sd, 1), f(m.min, 0), f(m.max, 0)])));
  const statements = (s.cancellation ?? []).filter((c) => c.scale === 'risk difference' || c.scale === 'mean difference' || c.scale === 'log hazard ratio');
  if (statements.length) out.push('', 'Cancellation of averaged effects:', ...statements.map((c) => `  ${c.statement}`));
  const warned = s.warnings.filter((w) => w.replicates > 0);
  if (warned.length) out.push('', 'Warnings:', ...warned.map((w) => `  ${w.replicates} replicates: ${w.label}`));
  return out.join('\n');
}

const pmOf = (s: ReportSummary) => (r: { rate: number; mcse: number }) => (isExactSummary(s) ? `${f(r.rate)} (exact)` : `${f(r.rate)} ± ${f(r.mcse, 3)}`);

/**
 * One line a run of several scenarios prints per scenario: its name, design
 * and replicates, and the headline operating characteristics with their
 * Monte Carlo errors: the family-wise error and disjunctive power of the
 * first hypothesis's family when it has several members, else the first
 * hypothesis's rate. The full table is in the results folder (and printed
 * with --verbose).
 */
export function headlineOf(s: ReportSummary): string {
  const first = s.hypotheses[0];
  const pm = pmOf(s);
  const family = first ? s.families?.find((x) => x.id === first.family) : undefined;
  let headline = 'no hypotheses';
  if (family) {
    const parts = [
      ...(family.disjunctivePower ? [`power (any) ${pm(family.disjunctivePower)}`] : []),
      ...(family.familywiseError ? [`FWER ${pm(family.familywiseError)}`] : []),
    ];
    headline = `${family.id} family: ${parts.length > 0 ? parts.join('; ') : `any rejection ${pm(family.anyRejected)}`}`;
  } else if (first) {
    headline = `${first.meaning} ${pm(first)} (${first.id})`;
  }
  return `${s.scenario.name} (${s.scenario.design}, ${computedAs(s)}): ${headline}`;
}
