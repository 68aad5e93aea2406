/**
 * The enrichment design's report section: the plan in words; the selection
 * tree (how often the trial went on in each set of populations at the
 * first interim, or stopped, and the chance of rejecting each population's
 * hypothesis given each choice); with more stages, early stops or
 * re-estimation, the trial's course stage by stage; and the adaptive
 * design's power beside the fixed designs run on the same patients.
 */
import type { DesignSummary } from '../types.js';
import type { enrichmentSections, EnrichmentPlanSection } from './sections.js';
import { esc, num, pct } from '../../draw/escape.js';
import { COLOURS } from '../../draw/palette.js';
import { figure } from '../../draw/svg.js';
import { selectionPhrase } from './layout.js';

type EnrichmentSummary = DesignSummary<typeof enrichmentSections>;

const metric = (s: EnrichmentSummary, id: string) => s.metrics.find((m) => m.id === id);
const mean = (s: EnrichmentSummary, id: string) => metric(s, id)?.mean ?? 0;

/** The populations, F first, read off the design's estimates (effect:F, effect:S, ...). */
function populationsOf(s: EnrichmentSummary): string[] {
  return s.estimates.filter((e) => e.id.startsWith('effect:')).map((e) => e.id.slice('effect:'.length));
}

interface Branch { id: string; label: string; share: number; rejected: (number | null)[] }

function branchLabel(id: string, twoPopulations: boolean): string {
  if (id === 'none') return 'stop (futility)';
  if (id === 'efficacy') return 'stop (efficacy)';
  if (twoPopulations) return id === 'both' ? 'F and S' : `${id} only`;
  return selectionPhrase(id);
}

/** The choices at the first interim (in the layout's order) with their shares and the rejections given each. */
function branches(s: EnrichmentSummary, populations: string[]): Branch[] {
  const ids = s.metrics.filter((m) => m.id.startsWith('selected:')).map((m) => m.id.slice('selected:'.length));
  return ids.map((id) => {
    const share = mean(s, `selected:${id}`);
    const stop = id === 'none' || id === 'efficacy';
    const rejected = populations.map((h) => (stop || !(share > 0) ? null : mean(s, `rejected-${h}:${id}`) / share));
    return { id, label: branchLabel(id, populations.length === 2), share, rejected };
  });
}

/** Branches worth drawing: all of them with two populations, else those taken in some trial. */
function shown(b: Branch[], populations: string[]): Branch[] {
  return populations.length === 2 ? b : b.filter((x) => x.share > 0);
}

function tree(b: Branch[], populations: string[]): string {
  const W = 680, H = 60 + b.length * 52, x0 = 30, x1 = 220;
  const y0 = H / 2;
  const rate = (r: number | null) => (r === null ? '–' : pct(r));
  const then = (br: Branch) => (populations.length === 2
    ? `then H_F rejected ${rate(br.rejected[0])}, H_S ${rate(br.rejected[1])}`
    : `then rejected: ${populations.map((h, g) => `H_${h} ${rate(br.rejected[g])}`).join(', ')}`);
  const text = (br: Branch) => (br.id === 'none' || br.id === 'efficacy' ? `${pct(br.share)} of trials` : `${pct(br.share)} of trials; ${then(br)}`);
  const body = [
    `<text x="${x0}" y="${y0 - 12}" font-size="12">interim</text>`,
    `<text class="axis-title" x="${W / 2}" y="${H - 8}" text-anchor="middle" font-size="12" font-weight="600">Stage 1, the first interim's choice, the stages after (line width: share of trials)</text>`,
    `<circle class="mark" cx="${x0 + 20}" cy="${y0}" r="6" fill="${COLOURS.black}"><title>Stage 1: all patients</title></circle>`,
    ...b.map((br, j) => {
      const y = 40 + j * 52;
      const width = 2 + 10 * br.share;
      return `<line class="mark" x1="${x0 + 26}" y1="${y0}" x2="${x1}" y2="${y}" stroke="${COLOURS.blue}" stroke-width="${width.toFixed(1)}"><title>${esc(`${br.label}: ${text(br)}`)}</title></line>`
        + `<text x="${x1 + 8}" y="${y + 4}" font-size="12.5"><tspan font-weight="600">${esc(br.label)}</tspan>: ${esc(text(br))}</text>`;
    }),
  ].join('');
  return figure('enrichment-selection', 'Selection at the first interim, and power given each selection', W, H, body,
    'Line width: how often the trial went on this way. Power given a selection: rejections after that choice over the trials that made it.');
}

/** 1, 2 and 3. */
const list = (x: readonly number[]): string => (x.length === 1 ? String(x[0]) : `${x.slice(0, -1).join(', ')} and ${x[x.length - 1]}`);

function words(p: EnrichmentPlanSection): string {
  const subs = p.subpopulations
    ? `Subpopulations: ${p.subpopulations.map((x) => `${x.id}: ${x.label} (prevalence ${x.prevalence === null ? 'as drawn' : num(x.prevalence)}${x.within ? `, within ${x.within}` : ''})`).join('; ')}; ${p.prevalenceMode === 'fixed' ? 'fixed quotas per stratum and stage' : 'biomarkers random per patient'}.`
    : `S: ${p.subpopulation} (prevalence ${p.prevalence === null ? 'as drawn' : num(p.prevalence)}, ${p.prevalenceMode === 'fixed' ? 'fixed quotas per stage' : 'random per patient'}).`;
  const stages = p.stages.length === 2 ? p.stages.join(' and ') : `${p.stages.slice(0, -1).join(', ')} and ${p.stages[p.stages.length - 1]}`;
  const critical = p.criticalValues ? `critical values ${p.criticalValues.map((c) => (c === null ? '–' : num(c))).join(', ')} by stage` : `critical value ${num(p.critical)}`;
  const futility = p.futility === null ? '' : `; futility stop when every population still in has z < ${p.futility}${p.stages.length > 2 ? ' (later: its own combined statistic)' : p.subpopulations ? '' : ' at stage 1'}`;
  const events = p.events ? ` (time-to-event: screened at ${+(p.accrualPerMonth ?? NaN).toPrecision(4)} per month, each stage's analysis when the events over the populations still in reach ${list(p.events)}, or ${+(p.followUp ?? NaN).toPrecision(4)} months after its last entry)` : '';
  return `${subs} Stages of ${stages} patients${events}; inverse normal weights ${p.weights.map((w) => num(w)).join(', ')}; closed test with ${p.intersection.split('; ')[0]} intersection tests, ${p.intersection.split('; ')[1] ?? 'stages combined by the inverse normal function'}, at one-sided ${num(p.alpha)} (${critical}). Selection: ${p.selection}${futility}.${p.reestimate ? ` Sample size: ${p.reestimate}.` : ''} Analysis: ${p.analysis}. Truth: ${p.truth}. Estimates pooled over the stages are naive after selection.`;
}

/** The adaptive design's power beside the fixed designs of the same size run on the same patients, in words. */
function againstFixed(s: EnrichmentSummary, populations: string[]): string {
  const h = (id: string) => s.hypotheses.find((x) => x.id === id);
  const full = h('fixed-F'), F = h('F');
  if (!full || !F) return '';
  const subs = populations.slice(1).map((id) => ({ id, fixed: h(`fixed-${id}`), adaptive: h(id) })).filter((x) => x.fixed && x.adaptive);
  return ` Beside it, on the same stage-1 patients: a fixed full-population trial of the same size rejects H_F in ${pct(full.rate)} of trials (adaptive: ${pct(F.rate)}); ${subs.map((x) => `a fixed trial enrolling only ${x.id} rejects H_${x.id} in ${pct(x.fixed!.rate)} (adaptive: ${pct(x.adaptive!.rate)})`).join('; ')}.`;
}

/** Rows of the stage-by-stage table: populations still in, stops, first rejections and patients per stage. */
function stageRows(s: EnrichmentSummary, populations: string[]): string[][] | null {
  const K = Math.max(0, ...s.metrics.map((m) => /^patients:stage(\d+)$/.exec(m.id)).filter(Boolean).map((m) => Number(m![1])));
  if (K === 0) return null;
  return Array.from({ length: K }, (_, j) => {
    const k = j + 1;
    const still = populations.map((h) => (k === 1 ? '100%' : pct(mean(s, `in:${h}:stage${k}`)))).join(' / ');
    const stops = k === K ? '–' : `${pct(mean(s, `stop-efficacy:stage${k}`))} / ${pct(mean(s, `stop-futility:stage${k}`))}`;
    const first = populations.map((h) => pct(mean(s, `rejected:${h}:stage${k}`))).join(' / ');
    const events = metric(s, `events:stage${k}`) ? [mean(s, `events:stage${k}`).toFixed(1)] : [];
    return [String(k), still, stops, first, mean(s, `patients:stage${k}`).toFixed(1), ...events];
  });
}

function stageHeader(s: EnrichmentSummary, populations: string[]): string[] {
  const list = populations.join(' / ');
  const events = metric(s, 'events:stage1') ? ['Mean new events counted at its analysis (0 when not reached)'] : [];
  return ['Stage', `Still in (${list})`, 'Stopped after it: efficacy / futility', `First rejected here (${list})`, 'Mean patients at the stage (0 when not reached)', ...events];
}

export function selectionSection(s: EnrichmentSummary): string | null {
  const p = s.enrichment;
  const populations = populationsOf(s);
  const b = shown(branches(s, populations), populations);
  const head = ['Went on in', 'Share of trials', ...populations.map((h) => `H_${h} rejected, given this`)];
  const rows = b.map((br) => `<tr><td>${esc(br.label)}</td><td>${pct(br.share)}</td>${br.rejected.map((r) => `<td>${r === null ? '–' : pct(r)}</td>`).join('')}</tr>`).join('');
  const stages = stageRows(s, populations);
  const course = stages ? `<h4>Stage by stage</h4><table><thead><tr>${stageHeader(s, populations).map((x) => `<th>${esc(x)}</th>`).join('')}</tr></thead><tbody>${stages.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>` : '';
  return `<p>${esc(words(p) + againstFixed(s, populations))}</p>${tree(b, populations)}<table><thead><tr>${head.map((x) => `<th>${esc(x)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>${course}`;
}

export function selectionMarkdown(s: EnrichmentSummary): string | null {
  const p = s.enrichment;
  const populations = populationsOf(s);
  const b = shown(branches(s, populations), populations);
  const head = ['Went on in', 'Share of trials', ...populations.map((h) => `H_${h} rejected, given this`)];
  const lines = [words(p) + againstFixed(s, populations), '', `| ${head.join(' | ')} |`, `|---|${head.slice(1).map(() => '---:').join('|')}|`,
    ...b.map((br) => `| ${br.label} | ${pct(br.share)} | ${br.rejected.map((r) => (r === null ? '–' : pct(r))).join(' | ')} |`)];
  const stages = stageRows(s, populations);
  if (stages) {
    const h = stageHeader(s, populations);
    lines.push('', 'Stage by stage:', '', `| ${h.join(' | ')} |`, `|---|${h.slice(1).map(() => '---:').join('|')}|`, ...stages.map((r) => `| ${r.join(' | ')} |`));
  }
  return lines.join('\n');
}
