/**
 * The run's numbers as tables, next to the charts: operating
 * characteristics with Monte Carlo SEs, estimates with bias and coverage,
 * trial-size metrics, and warnings.
 */
import type { Summary } from '../../summary/summarise.js';
import { htmlTable } from './page.js';
import { esc, num, pct } from '../../draw/escape.js';
import { familyRows, familyNote } from '../family-rows.js';
import { metricMean } from '../computed.js';
import { errorCell } from '../computed.js';

export function hypothesisTable(s: Summary): string {
  return htmlTable(
    ['Hypothesis', 'Family', 'True effect (scale)', 'Meaning', 'Rate', 'MCSE', '95% MC interval'],
    s.hypotheses.map((h) => [
      `${esc(h.label)}<br><small><code>${esc(h.id)}</code></small>`, esc(h.family), `${num(h.trueEffect)}${h.scale ? ` <small>(${esc(h.scale)})</small>` : ''}`, esc(h.meaning),
      `${pct(h.rate)}${harmful(h) ? `<br><small>${pct(h.wrongDirection!.rate)} for harm</small>` : ''}`, errorCell(s, pct(h.mcse, 2)), errorCell(s, `${pct(h.ci95[0])} – ${pct(h.ci95[1])}`),
    ]),
    [0, 1, 3],
  );
}

/** Whether some rejections of this hypothesis were for harm (a two-sided test with the estimate on the harmful side). */
export function harmful(h: Summary['hypotheses'][number]): boolean {
  return (h.wrongDirection?.rejections ?? 0) > 0;
}

export function estimateTable(s: Summary): string {
  return htmlTable(
    ['Estimate', 'Truth (MCSE)', 'Mean', 'Bias (MCSE)', 'Empirical SE', 'Model SE', 'Coverage (MCSE)'],
    s.estimates.map((e) => [
      esc(e.label), `${num(e.truth)} (${truthError(e.truthMcse)})`, num(e.mean), `${num(e.bias, 4)} (${errorCell(s, num(e.biasMcse, 4))})`,
      num(e.empiricalSe), num(e.modelSe), `${pct(e.coverage)} (${errorCell(s, pct(e.coverageMcse, 2))})`,
    ]),
  );
}

export function metricTable(s: Summary): string {
  return htmlTable(
    ['Quantity', 'Mean', 'SD', 'Min', 'Max'],
    s.metrics.map((m) => [`${esc(m.label)}${m.unit ? ` (${esc(m.unit)})` : ''}`, metricMean(m, num, (x) => pct(x)), num(m.sd, 1), num(m.min, 0), num(m.max, 0)]),
  );
}

export function warningList(s: Summary): string | null {
  const warned = s.warnings.filter((w) => w.replicates > 0);
  if (warned.length === 0) return null;
  return `<ul>${warned.map((w) => `<li>${esc(w.replicates)} of ${esc(s.replicates)} replicates (${pct(w.replicates / s.replicates)}): ${esc(w.label)}</li>`).join('')}</ul>`;
}

/** Per family of two or more hypotheses: family-wise error, disjunctive and conjunctive power, the truly best, selections. */
export function familyTables(s: Summary): string | null {
  const families = s.families ?? [];
  if (families.length === 0) return null;
  return families.map((f) => {
    const rows = familyRows(f).map((r) => r.kind === 'rate'
      ? [esc(r.what), pct(r.value.rate), errorCell(s, pct(r.value.mcse, 2)), errorCell(s, `${pct(r.value.ci95[0])} – ${pct(r.value.ci95[1])}`)]
      : [esc(r.what), num(r.value.mean), errorCell(s, num(r.value.mcse, 4)), '']);
    const note = familyNote(f);
    return `<h3>Family <code>${esc(f.id)}</code> (${esc(f.hypotheses.length)} hypotheses)</h3>${note ? `<p class="note">${esc(note)}</p>` : ''}${htmlTable(['Quantity', 'Rate or mean', 'MCSE', '95% MC interval'], rows, [0])}`;
  }).join('\n');
}

/**
 * How a true value was obtained: "exact" when it has no Monte Carlo error
 * (known analytically or from one patient when no biomarker moves the
 * means), else the Monte Carlo error of the virtual population it came from.
 */
export function truthError(mcse: number | null): string {
  if (mcse === null) return '–';
  return mcse === 0 ? 'exact' : `±${mcse.toPrecision(2)}`;
}
