/**
 * SVG building blocks for the report's charts: linear scales with "nice"
 * ticks (steps of 1, 2 or 5 times a power of ten), axes with labelled units,
 * markers, and the figure wrapper that carries each chart's `data-chart` name.
 * Charts are inline SVG strings, so a report is one self-contained file.
 */
import { esc } from './escape.js';
import type { Shape } from './palette.js';
import { textWidth } from './text-width.js';

export interface LinearScale {
  (v: number): number;
  domain: [number, number];
  range: [number, number];
}

export function linear(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain[0] === domain[1] ? [domain[0] - 1, domain[1] + 1] : domain;
  const f = ((v: number) => range[0] + ((v - d0) / (d1 - d0)) * (range[1] - range[0])) as LinearScale;
  f.domain = [d0, d1];
  f.range = range;
  return f;
}

/** Ticks at a 1-2-5 step covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  for (let k = first; k * step <= hi + step * 1e-9; k++) out.push(k === 0 ? 0 : Number.parseFloat((k * step).toPrecision(12)));
  return out;
}

/** A domain widened to nice tick boundaries, with a little padding. */
export function niceDomain(lo: number, hi: number, count = 5): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo === hi) { const pad = Math.abs(lo) * 0.1 || 1; return [lo - pad, hi + pad]; }
  const t = niceTicks(lo, hi, count);
  const step = t.length > 1 ? t[1] - t[0] : (hi - lo);
  return [Math.min(lo, Math.floor(lo / step + 1e-9) * step), Math.max(hi, Math.ceil(hi / step - 1e-9) * step)];
}

export function tickText(v: number): string {
  return String(Number.parseFloat(v.toPrecision(6)));
}

/** Horizontal axis at pixel height `y` with tick labels, grid lines up to `top`, and a title. */
export function xAxis(x: LinearScale, y: number, top: number, title: string, format: (v: number) => string = tickText, count = 6): string {
  const ticks = niceTicks(x.domain[0], x.domain[1], count);
  const grid = ticks.map((t) => `<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${top}" y2="${y}"/>`).join('');
  // data-value: the tick's value, so a test in the browser can map drawn positions back to values.
  const labels = ticks.map((t) => `<text class="tick" data-value="${t}" x="${x(t)}" y="${y + 14}" text-anchor="middle">${esc(format(t))}</text>`).join('');
  const mid = (x.range[0] + x.range[1]) / 2;
  return `<g class="axis x">${grid}<line class="domain" x1="${x.range[0]}" x2="${x.range[1]}" y1="${y}" y2="${y}"/>${labels}<text class="axis-title" x="${mid}" y="${y + 32}" text-anchor="middle">${esc(title)}</text></g>`;
}

/** Vertical axis at pixel `x0` with tick labels, grid lines across to `right`, and a rotated title. */
export function yAxis(y: LinearScale, x0: number, right: number, title: string, format: (v: number) => string = tickText, count = 5): string {
  const ticks = niceTicks(Math.min(...y.domain), Math.max(...y.domain), count);
  const grid = ticks.map((t) => `<line class="grid" x1="${x0}" x2="${right}" y1="${y(t)}" y2="${y(t)}"/>`).join('');
  const labels = ticks.map((t) => `<text class="tick" x="${x0 - 6}" y="${y(t) + 4}" text-anchor="end">${esc(format(t))}</text>`).join('');
  const mid = (y.range[0] + y.range[1]) / 2;
  return `<g class="axis y">${grid}<line class="domain" x1="${x0}" x2="${x0}" y1="${y.range[0]}" y2="${y.range[1]}"/>${labels}<text class="axis-title" transform="translate(${x0 - 44},${mid}) rotate(-90)" text-anchor="middle">${esc(title)}</text></g>`;
}

/** A marker of a given shape centred at (x, y); `open` draws the outline only. */
export function marker(shape: Shape, x: number, y: number, colour: string, size = 4.5, open = false, tooltip?: string): string {
  const paint = open ? `fill="#fff" stroke="${colour}" stroke-width="1.6"` : `fill="${colour}" stroke="#fff" stroke-width="0.8"`;
  const tip = tooltip ? `<title>${esc(tooltip)}</title>` : '';
  const r = size;
  const f = (v: number) => Number(v.toFixed(2));
  switch (shape) {
    case 'square': return `<rect class="mark" x="${f(x - r * 0.9)}" y="${f(y - r * 0.9)}" width="${f(1.8 * r)}" height="${f(1.8 * r)}" ${paint}>${tip}</rect>`;
    case 'triangle': return `<path class="mark" d="M${f(x)},${f(y - 1.15 * r)}L${f(x + 1.1 * r)},${f(y + 0.85 * r)}L${f(x - 1.1 * r)},${f(y + 0.85 * r)}Z" ${paint}>${tip}</path>`;
    case 'diamond': return `<path class="mark" d="M${f(x)},${f(y - 1.25 * r)}L${f(x + 1.25 * r)},${f(y)}L${f(x)},${f(y + 1.25 * r)}L${f(x - 1.25 * r)},${f(y)}Z" ${paint}>${tip}</path>`;
    default: return `<circle class="mark" cx="${f(x)}" cy="${f(y)}" r="${f(r)}" ${paint}>${tip}</circle>`;
  }
}

/** A horizontal interval bar with end caps. */
export function hInterval(x1: number, x2: number, y: number, colour: string, width = 1.6, cap = 4): string {
  return `<path class="mark interval" d="M${x1},${y - cap}V${y + cap}M${x1},${y}H${x2}M${x2},${y - cap}V${y + cap}" stroke="${colour}" stroke-width="${width}" fill="none"/>`;
}

/** A vertical interval bar with end caps. */
export function vInterval(x: number, y1: number, y2: number, colour: string, width = 1.4, cap = 3): string {
  return `<path class="mark interval" d="M${x - cap},${y1}H${x + cap}M${x},${y1}V${y2}M${x - cap},${y2}H${x + cap}" stroke="${colour}" stroke-width="${width}" fill="none"/>`;
}

type LegendEntry = { shape?: Shape; colour: string; text: string; open?: boolean; line?: boolean };

/** A legend entry's width: its symbol, the gap and its text measured at the legend's 11.5 px. */
const entryWidth = (e: LegendEntry) => 32 + textWidth(e.text, 11.5);

/** Rows a legend needs between x and maxX. */
export function legendRows(x: number, entries: LegendEntry[], maxX = 740): number {
  let at = x, rows = entries.length ? 1 : 0;
  for (const e of entries) {
    if (at > x && at + entryWidth(e) > maxX) { rows++; at = x; }
    at += entryWidth(e);
  }
  return rows;
}

/** A legend: [shape, colour, text] entries laid out left to right, wrapping at maxX, 16 px per row. */
export function legend(x: number, y: number, entries: LegendEntry[], maxX = 740): string {
  let at = x, row = y;
  return `<g class="legend">${entries.map((e) => {
    if (at > x && at + entryWidth(e) > maxX) { at = x; row += 16; }
    const sym = e.line
      ? `<line x1="${at}" x2="${at + 16}" y1="${row}" y2="${row}" stroke="${e.colour}" stroke-width="2.5" stroke-dasharray="6 3"/>`
      : marker(e.shape ?? 'circle', at + 6, row, e.colour, 4.5, e.open);
    const part = `${sym}<text class="legend-text" x="${at + 20}" y="${row + 4}">${esc(e.text)}</text>`;
    at += entryWidth(e);
    return part;
  }).join('')}</g>`;
}

/** The figure around one chart: the `data-chart` name the tests and readers find it by, a title and a caption (plain text, escaped here: captions carry names from scenarios and summaries). */
export function figure(chart: string, title: string, width: number, height: number, body: string, caption = ''): string {
  const id = `c-${chart}-${Math.abs(hash(title + body)).toString(36)}`;
  return `<figure class="chart" data-chart="${esc(chart)}"><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}" xmlns="http://www.w3.org/2000/svg"><title id="${id}">${esc(title)}</title>${body}</svg>${caption ? `<figcaption>${esc(caption)}</figcaption>` : ''}</figure>`;
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
