/**
 * The report page: one self-contained HTML file (inline CSS and SVG, no
 * network, no external fonts or scripts) that opens from disk and prints
 * cleanly: charts do not split across pages, backgrounds are white, and
 * links show their targets.
 */
import { esc } from '../../draw/escape.js';

const CSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --band: #f4f6f8; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 980px; padding: 24px 28px 48px; line-height: 1.45; background: #fff; }
h1 { font-size: 1.55rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.02rem; margin: 20px 0 6px; }
p.meta { color: var(--muted); margin: 0 0 16px; }
p.note { color: var(--muted); font-size: 0.9rem; margin: 4px 0 12px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.86rem; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 10px; border-bottom: 1px solid var(--rule); text-align: right; vertical-align: top; }
th { background: var(--band); font-weight: 600; }
th:first-child, td:first-child, td.text, th.text { text-align: left; }
figure.chart { margin: 12px 0 20px; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; display: block; font-family: inherit; }
figcaption { color: var(--muted); font-size: 0.86rem; margin-top: 4px; max-width: 860px; }
.small-multiples { display: flex; flex-wrap: wrap; gap: 8px 20px; }
.small-multiples figure.chart { flex: 0 1 440px; }
svg .grid { stroke: #ececec; stroke-width: 1; }
svg .domain { stroke: #888; stroke-width: 1; }
svg .tick { font-size: 11px; fill: #444; }
svg .axis-title { font-size: 12px; fill: #222; font-weight: 600; }
svg .row-label { font-size: 11.5px; fill: #222; }
svg .legend-text { font-size: 11.5px; fill: #222; }
svg .value-label { font-size: 11px; fill: #222; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg .value-label.inside { stroke: none; }
svg .panel-title { font-size: 12.5px; fill: #111; font-weight: 600; }
svg .ref { stroke: #444; stroke-width: 1; stroke-dasharray: 4 3; }
svg .ref-text { font-size: 10.5px; fill: #444; }
ul.statements li { margin-bottom: 4px; }
a { color: #0056a3; }
footer { margin-top: 40px; color: var(--muted); font-size: 0.8rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, figure.chart { break-inside: avoid; page-break-inside: avoid; }
  a[href^="http"]::after, a[href$=".html"]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: #555; }
  @page { margin: 14mm; }
}
`;

export interface Section {
  title: string;
  html: string;
}

/**
 * The reports run no script and load nothing: their policy says so, so that
 * markup slipping past the escaping of a name from a scenario or an edited
 * summary.json still runs nothing (styles are inline, charts inline SVG).
 */
const REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function htmlPage(title: string, meta: string, sections: Section[], footer = ''): string {
  const body = sections.map((s) => `<section><h2>${esc(s.title)}</h2>\n${s.html}\n</section>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="trialsim">
<meta http-equiv="Content-Security-Policy" content="${REPORT_POLICY}">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><p class="meta">${meta}</p></header>
<main>
${body}
</main>
<footer>${footer}</footer>
</body>
</html>
`;
}

/** An HTML table; cells are already-escaped HTML, columns after the first are numeric unless marked `text`. */
export function htmlTable(head: string[], rows: string[][], textColumns: number[] = [0]): string {
  const cls = (j: number) => (textColumns.includes(j) ? ' class="text"' : '');
  return `<table><thead><tr>${head.map((h, j) => `<th${cls(j)}>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c, j) => `<td${cls(j)}>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}
