/**
 * The enrichment design's report section: the selection tree (how often the
 * trial went on in F and S, F only, S only, or stopped, and the chance of
 * rejecting H_F and H_S given each choice), with the plan in words.
 */
import type { SummaryView } from '../types.js';
import type { EnrichmentPlanSection } from './describe.js';
import { esc, num, pct } from '../../draw/escape.js';
import { COLOURS } from '../../draw/palette.js';
import { figure } from '../../draw/svg.js';

function plan(s: SummaryView): EnrichmentPlanSection | null {
  const p = s.enrichment as EnrichmentPlanSection | undefined;
  return p && Array.isArray(p.stages) ? p : null;
}

const mean = (s: SummaryView, id: string) => s.metrics.find((m) => m.id === id)?.mean ?? 0;

interface Branch { id: string; label: string; share: number; rejectF: number | null; rejectS: number | null }

function branches(s: SummaryView): Branch[] {
  const given = (h: string, x: string, share: number) => (share > 0 ? mean(s, `rejected-${h}:${x}`) / share : null);
  return [
    { id: 'both', label: 'F and S' }, { id: 'F', label: 'F only' }, { id: 'S', label: 'S only' }, { id: 'none', label: 'stop (futility)' },
  ].map((b) => {
    const share = mean(s, `selected:${b.id}`);
    return { ...b, share, rejectF: b.id === 'none' ? null : given('F', b.id, share), rejectS: b.id === 'none' ? null : given('S', b.id, share) };
  });
}

function tree(b: Branch[]): string {
  const W = 640, H = 60 + b.length * 52, x0 = 30, x1 = 220;
  const y0 = H / 2;
  const body = [
    `<text x="${x0}" y="${y0 - 12}" font-size="12">interim</text>`,
    `<text class="axis-title" x="${W / 2}" y="${H - 8}" text-anchor="middle" font-size="12" font-weight="600">Stage 1, interim choice, stage 2 (line width: share of trials)</text>`,
    `<circle class="mark" cx="${x0 + 20}" cy="${y0}" r="6" fill="${COLOURS.black}"><title>Stage 1: all patients</title></circle>`,
    ...b.map((br, j) => {
      const y = 40 + j * 52;
      const width = 2 + 10 * br.share;
      const text = br.id === 'none' ? `${pct(br.share)} of trials` : `${pct(br.share)} of trials; then H_F rejected ${br.rejectF === null ? '–' : pct(br.rejectF)}, H_S ${br.rejectS === null ? '–' : pct(br.rejectS)}`;
      return `<line class="mark" x1="${x0 + 26}" y1="${y0}" x2="${x1}" y2="${y}" stroke="${COLOURS.blue}" stroke-width="${width.toFixed(1)}"><title>${esc(`${br.label}: ${text}`)}</title></line>`
        + `<text x="${x1 + 8}" y="${y + 4}" font-size="12.5"><tspan font-weight="600">${esc(br.label)}</tspan>: ${esc(text)}</text>`;
    }),
  ].join('');
  return figure('enrichment-selection', 'Selection at the interim, and power given each selection', W, H, body,
    'Line width: how often the trial went on this way. Power given a selection: rejections after that choice over the trials that made it.');
}

function words(p: EnrichmentPlanSection): string {
  return `S: ${p.subpopulation} (prevalence ${p.prevalence === null ? 'as drawn' : num(p.prevalence)}, ${p.prevalenceMode === 'fixed' ? 'fixed quotas per stage' : 'random per patient'}). Stages of ${p.stages.join(' and ')} patients; inverse normal weights ${p.weights.map((w) => num(w)).join(', ')}; closed test with ${p.intersection} intersection tests at one-sided ${num(p.alpha)} (critical value ${num(p.critical)}). Selection: ${p.selection}${p.futility === null ? '' : `; futility stop when both stage-1 z < ${p.futility}`}. Analysis: ${p.analysis}. Truth: ${p.truth}. Estimates pooled over the stages are naive after selection.`;
}

/** The adaptive design's power beside the fixed designs of the same size run on the same patients, in words. */
function againstFixed(s: SummaryView): string {
  const h = (id: string) => s.hypotheses?.find((x) => x.id === id);
  const full = h('fixed-F'), enriched = h('fixed-S'), F = h('F'), S = h('S');
  if (!full || !enriched || !F || !S) return '';
  return ` Beside it, on the same stage-1 patients: a fixed full-population trial of the same size rejects H_F in ${pct(full.rate)} of trials (adaptive: ${pct(F.rate)}); a fixed trial enrolling only S rejects H_S in ${pct(enriched.rate)} (adaptive: ${pct(S.rate)}).`;
}

export function selectionSection(s: SummaryView): string | null {
  const p = plan(s);
  if (!p) return null;
  const b = branches(s);
  const rows = b.map((br) => `<tr><td>${esc(br.label)}</td><td>${pct(br.share)}</td><td>${br.rejectF === null ? '–' : pct(br.rejectF)}</td><td>${br.rejectS === null ? '–' : pct(br.rejectS)}</td></tr>`).join('');
  return `<p>${esc(words(p) + againstFixed(s))}</p>${tree(b)}<table><thead><tr><th>Went on in</th><th>Share of trials</th><th>H_F rejected, given this</th><th>H_S rejected, given this</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function selectionMarkdown(s: SummaryView): string | null {
  const p = plan(s);
  if (!p) return null;
  return [words(p) + againstFixed(s), '', '| Went on in | Share of trials | H_F rejected, given this | H_S rejected, given this |', '|---|---:|---:|---:|',
    ...branches(s).map((br) => `| ${br.label} | ${pct(br.share)} | ${br.rejectF === null ? '–' : pct(br.rejectF)} | ${br.rejectS === null ? '–' : pct(br.rejectS)} |`)].join('\n');
}
