/**
 * The umbrella screening funnel: patients screened, lost at each step
 * (biomarker test failures, no matching substudy, substudy full) and
 * enrolled, with the enrolled split by substudy: the simulated means (and
 * their spread) from the metrics the summary section `screening` names
 * (sections.ts), each beside its planned value (fluid approximation),
 * labelled as planned.
 */
import type { DesignSummary } from '../types.js';
import type { umbrellaSections } from './sections.js';
import { esc, count, pct, num, short, words } from '../../draw/escape.js';
import { fitText } from '../../draw/text-width.js';
import { normalUpper } from '../../stats/distributions.js';
import { COLOURS, seriesColour } from '../../draw/palette.js';
import { figure, linear, niceDomain, xAxis } from '../../draw/svg.js';

type UmbrellaSummary = DesignSummary<typeof umbrellaSections>;

interface Bar { label: string; value: number; sd?: number; planned?: number }

/** The funnel's steps in order (months and durations beside them are not patients). */
const STEPS = ['screened', 'screenFailures', 'notMatched', 'turnedAway', 'enrolled'] as const;

/** Each step's and each substudy's simulated mean and sd, with its planned value. */
function funnelBars(s: UmbrellaSummary): { steps: Bar[]; split: Bar[] } {
  const section = s.screening;
  const bar = (label: string, metricId: string, planned: number | null | undefined): Bar[] => {
    const m = s.metrics.find((x) => x.id === metricId);
    return m ? [{ label, value: m.mean, sd: m.sd, planned: planned ?? undefined }] : [];
  };
  return {
    steps: STEPS.flatMap((key) => bar(words(key), section.metrics[key], section[key])),
    split: Object.entries(section.metrics.enrolledBySubstudy).flatMap(([name, id]) => bar(name, id, section.enrolledBySubstudy[name])),
  };
}

function bars(chart: string, title: string, data: Bar[], reference: number, axis: string, colourOf: (k: number) => string): string {
  const W = 760, left = 190, right = W - 150, top = 12, row = 26;
  const bottom = top + row * data.length;
  const x = linear(niceDomain(0, Math.max(...data.map((b) => Math.max(b.value, b.planned ?? 0)), 1)), [left, right]);
  const parts = [xAxis(x, bottom, top, axis, (v) => count(v))];
  data.forEach((b, k) => {
    const y = top + k * row + 4;
    parts.push(`<text class="row-label" x="${left - 8}" y="${y + 13}" text-anchor="end">${esc(fitText(b.label, left - 16, 11.5))}</text>`);
    parts.push(`<rect class="mark bar" x="${left}" y="${y}" width="${Math.max(1, x(b.value) - left).toFixed(1)}" height="${row - 8}" fill="${colourOf(k)}"><title>${esc(`${b.label}: ${b.value.toFixed(1)}`)}</title></rect>`);
    if (b.planned !== undefined) {
      const px = x(b.planned).toFixed(1);
      parts.push(`<line class="planned" x1="${px}" x2="${px}" y1="${y - 2}" y2="${y + row - 6}" stroke="${COLOURS.black}" stroke-width="2" stroke-dasharray="3 2"><title>${esc(`${b.label}: planned ${b.planned.toFixed(1)} (fluid approximation)`)}</title></line>`);
    }
    const spread = b.sd !== undefined ? ` ± ${count(b.sd)}` : '';
    const labelX = Math.max(x(b.value), b.planned !== undefined ? x(b.planned) : 0) + 6;
    parts.push(`<text class="value-label" x="${labelX.toFixed(1)}" y="${y + 13}">${esc(count(b.value))}${esc(spread)}${reference > 0 ? ` (${esc(pct(b.value / reference, 0))})` : ''}</text>`);
  });
  return figure(chart, title, W, bottom + 42, parts.join(''));
}

export function screeningChart(s: UmbrellaSummary): string | null {
  const data = funnelBars(s);
  if (data.steps.length === 0 && data.split.length === 0) return null;
  const first = data.steps[0]?.value ?? 0;
  const what = 'simulated mean per trial';
  const out: string[] = [];
  if (data.steps.length > 0) out.push(bars('screening', 'Screening funnel', data.steps, first, `Patients, ${what}`, (k) => (k === 0 ? COLOURS.grey : k === data.steps.length - 1 ? COLOURS.blue : COLOURS.orange)));
  if (data.split.length > 0) {
    const total = data.split.reduce((a, b) => a + b.value, 0);
    out.push(bars('screening-substudies', 'Enrolled patients by substudy', data.split, total, `Patients enrolled, ${what}`, seriesColour));
  }
  const planned = [...data.steps, ...data.split].some((b) => b.planned !== undefined);
  return out.join('\n') + `<p class="note">Bars: the mean over the simulated trials (± their standard deviation).${planned ? ' Dashed ticks: the planned value from the fluid approximation (random variation and interim stops ignored), labelled planned.' : ''} Percentages: of patients screened (funnel) and of all enrolled (by substudy).</p>`;
}

/** The group-sequential looks of each substudy: planned fractions, boundaries, nominal p and cumulative alpha, and how often the simulated substudies stopped early. */
function lookRows(s: UmbrellaSummary): { looks: string[][]; stops: string[][] } | null {
  const t = s.testing, subs = s.substudies;
  const bounds = t.efficacyBoundaries;
  if (!bounds || bounds.length < 2) return null;
  const looks = t.informationFractions.map((f, j) => [String(j + 1), num(f), ...subs.map((x) => count(Math.round(f * x.target))), num(bounds[j]), short(nominalP(bounds[j])), t.cumulativeAlpha ? short(t.cumulativeAlpha[j] ?? NaN) : '']);
  const mean = (id: string) => s.metrics.find((m) => m.id === id)?.mean;
  const stops = subs.map((x) => [x.id, pct(mean(`efficacy-stop:${x.id}`) ?? NaN), pct(mean(`futility-stop:${x.id}`) ?? NaN), num(mean(`stage:${x.id}`) ?? NaN)]);
  return { looks, stops };
}

/** The nominal one-sided p-value of a bound (0 where there is no stop). */
const nominalP = (b: number | null) => (b !== null && Number.isFinite(b) ? normalUpper(b) : 0);

export function looksSection(s: UmbrellaSummary): string | null {
  const r = lookRows(s);
  if (!r) return null;
  const subs = s.substudies;
  const head = ['Look', 'Information fraction', ...subs.map((x) => `Patients, ${x.id}`), 'Efficacy bound z', 'Nominal one-sided p', 'Cumulative alpha'];
  const table = (h: string[], rows: string[][]) => `<table><thead><tr>${h.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return [
    '<p>Planned looks of each substudy (the same fractions and boundaries for all), then how often the simulated substudies stopped early.</p>',
    table(head, r.looks),
    table(['Substudy', 'Stopped early for efficacy', 'Stopped for futility', 'Mean look at which it concluded'], r.stops),
  ].join('');
}

export function looksMarkdown(s: UmbrellaSummary): string | null {
  const r = lookRows(s);
  if (!r) return null;
  const subs = s.substudies;
  const md = (h: string[], rows: string[][]) => [`| ${h.join(' | ')} |`, `|${h.map((_, j) => (j === 0 ? ':---' : '---:')).join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  return [
    md(['Look', 'Information fraction', ...subs.map((x) => `Patients, ${x.id}`), 'Efficacy bound z', 'Nominal one-sided p', 'Cumulative alpha'], r.looks),
    '',
    md(['Substudy', 'Stopped early for efficacy', 'Stopped for futility', 'Mean look at which it concluded'], r.stops),
  ].join('\n');
}
