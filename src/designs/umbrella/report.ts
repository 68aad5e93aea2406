/**
 * The umbrella screening funnel: patients screened, lost at each step
 * (biomarker test failures, no matching substudy) and enrolled, with the
 * enrolled split by substudy. Reads the summary key `screening` (numbers, or
 * { value | mean | expected }, in funnel order; a mapping of numbers such as
 * `enrolledBySubstudy` is the split; keys naming months, rates or shares are
 * left out). Without it, falls back on the metrics
 * whose ids start with `screened`, `screen-fail`, `not-matched` and `enrolled`.
 */
import type { SummaryView } from '../types.js';
import { esc, count, pct, clip, num, short } from '../../draw/escape.js';
import { normalUpper } from '../../stats/distributions.js';
import { COLOURS, seriesColour } from '../../draw/palette.js';
import { figure, linear, niceDomain, xAxis } from '../../draw/svg.js';
import { isObject, numberOf, words } from '../../draw/tolerant.js';

interface Bar { label: string; value: number; sd?: number; planned?: number }

/**
 * The simulated funnel: each step's mean (and sd) over the simulated trials,
 * from the metrics the section names, with the section's planned value
 * (fluid approximation) beside it, labelled as planned.
 */
function fromSimulation(s: SummaryView): { steps: Bar[]; split: Bar[] } {
  const steps: Bar[] = [], split: Bar[] = [];
  const section = s.screening;
  if (!isObject(section) || !isObject(section.metrics)) return { steps, split };
  const metric = (id: unknown) => (typeof id === 'string' ? s.metrics.find((m) => m.id === id) : undefined);
  for (const [key, id] of Object.entries(section.metrics)) {
    if (NOT_PATIENTS.test(key)) continue;
    const m = metric(id);
    if (m) steps.push({ label: words(key), value: m.mean, sd: m.sd, planned: numberOf(section[key]) });
    else if (isObject(id) && split.length === 0) {
      const planned = isObject(section[key]) ? section[key] as Record<string, unknown> : {};
      for (const [name, sub] of Object.entries(id)) {
        const x = metric(sub);
        if (x) split.push({ label: name, value: x.mean, sd: x.sd, planned: numberOf(planned[name]) });
      }
    }
  }
  return { steps, split };
}

const NOT_PATIENTS = /month|duration|week|time|rate|fraction|share|proportion|per[A-Z-]|^per/i;

function fromSection(section: unknown): { steps: Bar[]; split: Bar[] } {
  const steps: Bar[] = [], split: Bar[] = [];
  if (!isObject(section)) return { steps, split };
  for (const [k, v] of Object.entries(section)) {
    // Counts of patients only: not months, rates or shares that sit beside them.
    if (NOT_PATIENTS.test(k)) continue;
    const x = numberOf(v);
    if (x !== undefined) steps.push({ label: words(k), value: x });
    else if (isObject(v) && split.length === 0) {
      for (const [name, w] of Object.entries(v)) {
        const y = numberOf(w);
        if (y !== undefined) split.push({ label: name, value: y });
      }
    }
  }
  return { steps, split };
}

function fromMetrics(s: SummaryView): { steps: Bar[]; split: Bar[] } {
  const steps: Bar[] = [], split: Bar[] = [];
  for (const prefix of ['screened', 'screen-fail', 'not-matched', 'unmatched', 'enrolled']) {
    for (const m of s.metrics) {
      if (m.id.startsWith('enrolled:')) continue;
      if (m.id === prefix || m.id.startsWith(prefix)) steps.push({ label: m.label || words(m.id), value: m.mean });
    }
  }
  for (const m of s.metrics) if (m.id.startsWith('enrolled:')) split.push({ label: m.id.slice('enrolled:'.length), value: m.mean });
  if (split.length > 0 && !steps.some((b) => /enrol/.test(b.label))) steps.push({ label: 'enrolled', value: split.reduce((a, b) => a + b.value, 0) });
  return { steps, split };
}

function bars(chart: string, title: string, data: Bar[], reference: number, axis: string, colourOf: (k: number) => string): string {
  const W = 760, left = 190, right = W - 150, top = 12, row = 26;
  const bottom = top + row * data.length;
  const x = linear(niceDomain(0, Math.max(...data.map((b) => Math.max(b.value, b.planned ?? 0)), 1)), [left, right]);
  const parts = [xAxis(x, bottom, top, axis, (v) => count(v))];
  data.forEach((b, k) => {
    const y = top + k * row + 4;
    parts.push(`<text class="row-label" x="${left - 8}" y="${y + 13}" text-anchor="end">${esc(clip(b.label, 30))}</text>`);
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

export function screeningChart(s: SummaryView): string | null {
  let data = fromSimulation(s);
  let simulated = true;
  if (data.steps.length === 0 && data.split.length === 0) data = fromMetrics(s);
  if (data.steps.length === 0 && data.split.length === 0) { data = fromSection(s.screening); simulated = false; }
  if (data.steps.length === 0 && data.split.length === 0) return null;
  const first = data.steps[0]?.value ?? 0;
  const what = simulated ? 'simulated mean per trial' : 'planned per trial (fluid approximation)';
  const out: string[] = [];
  if (data.steps.length > 0) out.push(bars('screening', 'Screening funnel', data.steps, first, `Patients, ${what}`, (k) => (k === 0 ? COLOURS.grey : k === data.steps.length - 1 ? COLOURS.blue : COLOURS.orange)));
  if (data.split.length > 0) {
    const total = data.split.reduce((a, b) => a + b.value, 0);
    out.push(bars('screening-substudies', 'Enrolled patients by substudy', data.split, total, `Patients enrolled, ${what}`, seriesColour));
  }
  const planned = [...data.steps, ...data.split].some((b) => b.planned !== undefined);
  return out.join('\n') + `<p class="note">${simulated ? 'Bars: the mean over the simulated trials (± their standard deviation).' : ''}${planned ? ' Dashed ticks: the planned value from the fluid approximation (random variation and interim stops ignored), labelled planned.' : ''} Percentages: of patients screened (funnel) and of all enrolled (by substudy).</p>`;
}

interface TestingSection { informationFractions?: number[]; efficacyBoundaries?: number[]; cumulativeAlpha?: number[]; spending?: string; futility?: unknown }
interface SubstudySection { id: string; target: number }

/** The group-sequential looks of each substudy: planned fractions, boundaries, nominal p and cumulative alpha, and how often the simulated substudies stopped early. */
function looksData(s: SummaryView): { t: Required<Pick<TestingSection, 'informationFractions' | 'efficacyBoundaries'>> & TestingSection; subs: SubstudySection[] } | null {
  const t = s.testing as TestingSection | undefined;
  if (!t || !Array.isArray(t.efficacyBoundaries) || !Array.isArray(t.informationFractions) || t.efficacyBoundaries.length < 2) return null;
  const subs = Array.isArray(s.substudies) ? (s.substudies as SubstudySection[]) : [];
  return { t: t as Required<Pick<TestingSection, 'informationFractions' | 'efficacyBoundaries'>> & TestingSection, subs };
}

const nominalP = (b: number) => (Number.isFinite(b) ? normalUpper(b) : 0);

function lookRows(s: SummaryView): { looks: string[][]; stops: string[][] } | null {
  const d = looksData(s);
  if (!d) return null;
  const { t, subs } = d;
  const looks = t.informationFractions.map((f, j) => [String(j + 1), num(f), ...subs.map((x) => count(Math.round(f * x.target))), num(t.efficacyBoundaries[j]), short(nominalP(t.efficacyBoundaries[j])), t.cumulativeAlpha ? short(t.cumulativeAlpha[j]) : '']);
  const mean = (id: string) => s.metrics.find((m) => m.id === id)?.mean;
  const stops = subs.map((x) => [x.id, pct(mean(`efficacy-stop:${x.id}`) ?? NaN), pct(mean(`futility-stop:${x.id}`) ?? NaN), num(mean(`stage:${x.id}`) ?? NaN)]);
  return { looks, stops };
}

export function looksSection(s: SummaryView): string | null {
  const r = lookRows(s);
  if (!r) return null;
  const subs = looksData(s)!.subs;
  const head = ['Look', 'Information fraction', ...subs.map((x) => `Patients, ${x.id}`), 'Efficacy bound z', 'Nominal one-sided p', 'Cumulative alpha'];
  const table = (h: string[], rows: string[][]) => `<table><thead><tr>${h.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return [
    '<p>Planned looks of each substudy (the same fractions and boundaries for all), then how often the simulated substudies stopped early.</p>',
    table(head, r.looks),
    table(['Substudy', 'Stopped early for efficacy', 'Stopped for futility', 'Mean look at which it concluded'], r.stops),
  ].join('');
}

export function looksMarkdown(s: SummaryView): string | null {
  const r = lookRows(s);
  if (!r) return null;
  const subs = looksData(s)!.subs;
  const md = (h: string[], rows: string[][]) => [`| ${h.join(' | ')} |`, `|${h.map((_, j) => (j === 0 ? ':---' : '---:')).join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  return [
    md(['Look', 'Information fraction', ...subs.map((x) => `Patients, ${x.id}`), 'Efficacy bound z', 'Nominal one-sided p', 'Cumulative alpha'], r.looks),
    '',
    md(['Substudy', 'Stopped early for efficacy', 'Stopped for futility', 'Mean look at which it concluded'], r.stops),
  ].join('\n');
}
