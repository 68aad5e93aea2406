/**
 * The page of a batch run (`trialsim run a.yaml b.yaml ...`): one row per
 * scenario with its primary hypotheses' rates and a link to its report.
 */
import type { Summary } from '../../summary/summarise.js';
import { htmlPage, htmlTable } from './page.js';
import { esc, pct } from '../../draw/escape.js';
import { isExactSummary } from '../computed.js';
import { headlineFamily } from '../../compare/quantities.js';

export interface IndexEntry {
  name: string;
  file: string;
  /** Path of the run folder relative to the index page. */
  link: string;
  summary: Summary;
}

export function indexHtml(entries: IndexEntry[]): string {
  const rows = entries.map((e) => {
    const family = headlineFamily(e.summary.hypotheses);
    const primary = e.summary.hypotheses.filter((h) => h.family === family);
    const shown = (primary.length ? primary : e.summary.hypotheses).slice(0, 4);
    return [
      `<a href="${esc(e.link)}/report.html">${esc(e.name)}</a>`, `<code>${esc(e.file)}</code>`, esc(e.summary.scenario.design),
      isExactSummary(e.summary) ? 'exact' : esc(e.summary.replicates), shown.map((h) => `${esc(h.id)}: ${esc(h.meaning)} ${pct(h.rate)} (${isExactSummary(e.summary) ? 'exact' : `±${pct(1.96 * h.mcse, 1)}`})`).join('<br>'),
    ];
  });
  return htmlPage('trialsim results', `${entries.length} scenario${entries.length === 1 ? '' : 's'}`, [{
    title: 'Scenarios',
    html: htmlTable(['Scenario', 'File', 'Design', 'Replicates', 'Headline hypotheses (± 95% MC error)'], rows, [0, 1, 2, 4]),
  }], 'Each link opens the run\'s own report; index.json lists the same runs for scripts.');
}
