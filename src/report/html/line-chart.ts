/**
 * Curves with Monte Carlo error bands: power against a swept key, one line
 * per series with its 95% interval as a shaded band and a marker at every
 * evaluated point. Also draws an optional fitted curve and vertical marks
 * (the sample-size search uses both).
 */
import { esc } from '../../draw/escape.js';
import type { Shape } from '../../draw/palette.js';
import { figure, legend, legendRows, linear, marker, niceDomain, vInterval, xAxis, yAxis } from '../../draw/svg.js';

export interface CurvePoint { x: number; y: number; lower?: number; upper?: number; tooltip?: string }

export interface Curve {
  label: string;
  colour: string;
  shape: Shape;
  points: CurvePoint[];
  /** Draw error bars instead of a band (points not on a common grid). */
  bars?: boolean;
  /** Join the points with a line (default true). */
  line?: boolean;
  /** Mark only the points with a tooltip (a dense curve such as a distribution function). */
  sparseMarkers?: boolean;
}

export interface LineChart {
  chart: string;
  title: string;
  xTitle: string;
  yTitle: string;
  curves: Curve[];
  yDomain?: [number, number];
  yFormat?: (v: number) => string;
  xFormat?: (v: number) => string;
  /** Categorical x: tick labels at 0, 1, 2, ... */
  xLabels?: string[];
  refs?: { y?: number; x?: number; label: string }[];
  /** A shaded vertical band, e.g. the interval of an answer. */
  span?: { from: number; to: number; label: string };
  fitted?: { points: [number, number][]; label: string; colour: string };
  caption?: string;
}

const W = 760, LEFT = 70, RIGHT = W - 20;

export function lineChart(c: LineChart): string {
  const entries = c.curves.map((s) => ({ shape: s.shape, colour: s.colour, text: s.label, line: false }));
  if (c.fitted) entries.push({ shape: 'circle', colour: c.fitted.colour, text: c.fitted.label, line: true });
  const TOP = 28 + 16 * legendRows(LEFT, entries), H = TOP + 290, BOTTOM = H - 50;
  const xs = c.curves.flatMap((s) => s.points.map((p) => p.x)).concat(c.span ? [c.span.from, c.span.to] : []);
  const ys = c.curves.flatMap((s) => s.points.flatMap((p) => [p.y, p.lower ?? p.y, p.upper ?? p.y]));
  const xDomain: [number, number] = c.xLabels ? [-0.5, c.xLabels.length - 0.5] : niceDomain(Math.min(...xs), Math.max(...xs), 6);
  const x = linear(xDomain, [LEFT, RIGHT]);
  const y = linear(c.yDomain ?? niceDomain(Math.min(...ys), Math.max(...ys)), [BOTTOM, TOP]);
  const parts: string[] = [];
  if (c.xLabels) {
    const labels = c.xLabels;
    parts.push(`<g class="axis x">${labels.map((l, k) => `<text class="tick" x="${x(k)}" y="${BOTTOM + 14}" text-anchor="middle">${esc(l)}</text>`).join('')}<line class="domain" x1="${LEFT}" x2="${RIGHT}" y1="${BOTTOM}" y2="${BOTTOM}"/><text class="axis-title" x="${(LEFT + RIGHT) / 2}" y="${BOTTOM + 32}" text-anchor="middle">${esc(c.xTitle)}</text></g>`);
  } else {
    parts.push(xAxis(x, BOTTOM, TOP, c.xTitle, c.xFormat));
  }
  parts.push(yAxis(y, LEFT, RIGHT, c.yTitle, c.yFormat));
  if (c.span) {
    parts.push(`<rect class="mark span" x="${x(c.span.from).toFixed(1)}" y="${TOP}" width="${Math.max(2, x(c.span.to) - x(c.span.from)).toFixed(1)}" height="${BOTTOM - TOP}" fill="#999" fill-opacity="0.18"><title>${esc(c.span.label)}</title></rect>`);
  }
  for (const r of c.refs ?? []) {
    if (r.y !== undefined) parts.push(`<line class="ref" x1="${LEFT}" x2="${RIGHT}" y1="${y(r.y)}" y2="${y(r.y)}"/><text class="ref-text" x="${RIGHT - 4}" y="${y(r.y) - 4}" text-anchor="end">${esc(r.label)}</text>`);
    if (r.x !== undefined) parts.push(`<line class="ref" x1="${x(r.x)}" x2="${x(r.x)}" y1="${TOP}" y2="${BOTTOM}"/><text class="ref-text" x="${x(r.x) + 4}" y="${TOP + 10}">${esc(r.label)}</text>`);
  }
  const inside = ([a, b]: [number, number]) => a >= x.domain[0] && a <= x.domain[1] && b >= Math.min(...y.domain) && b <= Math.max(...y.domain);
  const fittedPoints = c.fitted?.points.filter(inside) ?? [];
  if (c.fitted && fittedPoints.length > 1) {
    parts.push(`<path class="mark fitted" d="M${fittedPoints.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join('L')}" fill="none" stroke="${c.fitted.colour}" stroke-width="1.8" stroke-dasharray="6 3"/>`);
  }
  for (const s of c.curves) {
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    const banded = !s.bars && pts.length > 1 && pts.every((p) => p.lower !== undefined && p.upper !== undefined);
    if (banded) {
      const upper = pts.map((p) => `${x(p.x).toFixed(1)},${y(p.upper!).toFixed(1)}`);
      const lower = [...pts].reverse().map((p) => `${x(p.x).toFixed(1)},${y(p.lower!).toFixed(1)}`);
      parts.push(`<path class="mark band" d="M${upper.join('L')}L${lower.join('L')}Z" fill="${s.colour}" fill-opacity="0.16" stroke="none"/>`);
    }
    if (s.line !== false && pts.length > 1) {
      parts.push(`<path class="mark line" d="M${pts.map((p) => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join('L')}" fill="none" stroke="${s.colour}" stroke-width="2"/>`);
    }
    for (const p of pts) {
      if (!banded && p.lower !== undefined && p.upper !== undefined) parts.push(vInterval(x(p.x), y(p.lower), y(p.upper), s.colour));
      if (!s.sparseMarkers || p.tooltip) parts.push(marker(s.shape, x(p.x), y(p.y), s.colour, 3.8, false, p.tooltip ?? `${s.label}: ${p.y}`));
    }
  }
  parts.push(legend(LEFT, 16, entries));
  return figure(c.chart, c.title, W, H, parts.join(''), c.caption);
}
