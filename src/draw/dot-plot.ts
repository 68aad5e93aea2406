/**
 * A horizontal dot-and-interval plot, one labelled row per item and one or
 * more points per row (e.g. one per design): the shape of the power chart,
 * the forest plot and the comparison charts.
 */
import { esc } from './escape.js';
import { fitText, textWidth } from './text-width.js';
import type { Shape } from './palette.js';
import { figure, hInterval, legend, legendRows, linear, marker, niceDomain, xAxis } from './svg.js';

export interface DotPoint {
  value: number;
  lower?: number;
  upper?: number;
  colour: string;
  shape: Shape;
  open?: boolean;
  /** Thicker interval (e.g. the paired SE against the independent one). */
  weight?: number;
  tooltip: string;
}

export interface DotRow {
  label: string;
  points: DotPoint[];
}

export interface DotPlot {
  chart: string;
  title: string;
  rows: DotRow[];
  xTitle: string;
  xFormat?: (v: number) => string;
  /** Fixed domain (e.g. [0, 1] for rates); else fitted to the data. */
  domain?: [number, number];
  /** Dashed reference lines, e.g. the target power or no effect. */
  refs?: { value: number; label: string }[];
  legend?: { shape?: Shape; colour: string; text: string; open?: boolean; line?: boolean }[];
  caption?: string;
}

const ROW = 24;
/** Widest row label (px, at the row labels' 11.5 px) before it is shortened; the full label is its tooltip. */
const LABEL = 346;
const LABEL_FONT = 11.5;
const WIDTH = 760;

export function dotPlot(p: DotPlot): string {
  const labels = p.rows.map((r) => fitText(r.label, LABEL, LABEL_FONT));
  const left = Math.ceil(16 + Math.max(50, ...labels.map((l) => textWidth(l, LABEL_FONT))));
  const right = WIDTH - 24;
  const top = p.legend?.length ? 28 + 16 * legendRows(left, p.legend) : 14;
  const rowsPerPoint = (r: DotRow) => Math.max(1, r.points.length);
  const heights = p.rows.map((r) => ROW + (rowsPerPoint(r) - 1) * 9);
  const plotHeight = heights.reduce((a, b) => a + b, 0);
  const bottom = top + plotHeight;
  const height = bottom + 44;
  const values = p.rows.flatMap((r) => r.points.flatMap((q) => [q.value, q.lower ?? q.value, q.upper ?? q.value])).filter(Number.isFinite);
  const refs = p.refs ?? [];
  const domain = p.domain ?? niceDomain(Math.min(...values, ...refs.map((r) => r.value)), Math.max(...values, ...refs.map((r) => r.value)));
  const x = linear(domain, [left, right]);
  const parts: string[] = [xAxis(x, bottom, top, p.xTitle, p.xFormat)];
  for (const ref of refs) {
    // The label reads away from the nearer edge, so a line at the plot's right end keeps its label inside.
    const at = x(ref.value), leftward = at > (left + right) / 2;
    parts.push(`<line class="ref" data-value="${ref.value}" x1="${at}" x2="${at}" y1="${top - 4}" y2="${bottom}"/><text class="ref-text" x="${leftward ? at - 3 : at + 3}" y="${top - 6}"${leftward ? ' text-anchor="end"' : ''}>${esc(ref.label)}</text>`);
  }
  let y = top;
  p.rows.forEach((r, i) => {
    const h = heights[i];
    if (i % 2 === 1) parts.push(`<rect x="${left}" y="${y}" width="${right - left}" height="${h}" fill="#f7f7f7"/>`);
    parts.push(`<text class="row-label" x="${left - 8}" y="${y + h / 2 + 4}" text-anchor="end">${esc(labels[i])}<title>${esc(r.label)}</title></text>`);
    const n = r.points.length;
    r.points.forEach((q, j) => {
      const cy = y + h / 2 + (j - (n - 1) / 2) * 9;
      if (q.lower !== undefined && q.upper !== undefined && Number.isFinite(q.lower) && Number.isFinite(q.upper)) {
        parts.push(hInterval(x(q.lower), x(q.upper), cy, q.colour, q.weight ?? 1.6, n > 1 ? 3 : 4));
      }
      if (Number.isFinite(q.value)) parts.push(marker(q.shape, x(q.value), cy, q.colour, n > 1 ? 3.8 : 4.5, q.open, q.tooltip));
    });
    y += h;
  });
  if (p.legend?.length) parts.push(legend(left, 14, p.legend));
  return figure(p.chart, p.title, WIDTH, height, parts.join(''), p.caption);
}
