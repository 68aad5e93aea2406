/**
 * The cancellation picture: each subgroup's true effect as a bar whose width
 * is the subgroup's share of the population, against the averaged effect (a
 * dashed line). On a collapsible scale (risk or mean difference) the average
 * is the share-weighted mean of the bars, so benefit in one subgroup and harm
 * in another visibly average to nothing. Reads the summary key
 * `cancellation` (rows from `stats/cancellation.ts`), as its schema reads it.
 */
import type { ReportSummary } from '../../run/summary-schema.js';
import { esc, num, pct } from '../../draw/escape.js';
import { fitText, textWidth } from '../../draw/text-width.js';
import { COLOURS } from '../../draw/palette.js';
import { figure, linear, niceDomain, yAxis } from '../../draw/svg.js';

/** A row that can be drawn: its average and every subgroup effect known. */
interface CancellationRow {
  comparison: string;
  subgrouping: string;
  scale: string;
  average: number;
  subgroups: { level: string; share: number; effect: number }[];
  index: number;
  statement: string;
}

/** The rows of the summary's `cancellation` section whose effects are all known (finite). */
function cancellationRows(s: Pick<ReportSummary, 'cancellation'>): CancellationRow[] {
  return (s.cancellation ?? []).flatMap((r) => {
    const { average } = r;
    const subgroups = r.subgroups.flatMap(({ level, share, effect }) => (effect === null ? [] : [{ level, share, effect }]));
    return average !== null && subgroups.length === r.subgroups.length ? [{ ...r, average, subgroups }] : [];
  });
}

const COLLAPSIBLE = ['risk difference', 'mean difference'];

/**
 * The smallest effect the panel's axis always shows on each side of 0: 5
 * percentage points of risk, 0.1 on a log odds, hazard or rate ratio (about
 * a 10% ratio), 0.1 of a mean difference's units.
 */
export function meaningfulEffect(scale: string): number {
  return scale === 'risk difference' ? 0.05 : 0.1;
}

function panel(r: CancellationRow): string {
  const W = 430, H = 250, left = 70, right = W - 14, top = 34, bottom = H - 52;
  const values = [0, r.average, ...r.subgroups.map((g) => g.effect)];
  // Room beyond the longest bar for its value label.
  const pad = 0.15 * (Math.max(...values) - Math.min(...values) || 1);
  // At least the scale's smallest meaningful effect on each side, so Monte Carlo noise around 0 is drawn as the nothing it is.
  const floor = meaningfulEffect(r.scale);
  const lo = Math.min(-floor, ...values), hi = Math.max(floor, ...values);
  const y = linear(niceDomain(lo < 0 ? lo - pad : lo, hi > 0 ? hi + pad : hi, 4), [bottom, top]);
  const parts = [yAxis(y, left, right, `Effect (${r.scale})`, undefined, 4)];
  const totalShare = r.subgroups.reduce((a, g) => a + g.share, 0) || 1;
  let at = left + 4;
  const span = right - left - 8;
  for (const g of r.subgroups) {
    const w = (span * g.share) / totalShare;
    const y0 = y(0), y1 = y(g.effect);
    const colour = g.effect >= 0 ? COLOURS.blue : COLOURS.vermillion;
    parts.push(`<rect class="mark bar" x="${(at + 1).toFixed(1)}" y="${Math.min(y0, y1).toFixed(1)}" width="${Math.max(1, w - 2).toFixed(1)}" height="${Math.max(1, Math.abs(y1 - y0)).toFixed(1)}" fill="${colour}" fill-opacity="0.85"><title>${esc(`${g.level}: effect ${num(g.effect)}, ${pct(g.share)} of patients`)}</title></rect>`);
    const labelY = g.effect >= 0 ? y1 - 4 : y1 + 12;
    // A label is centred under its bar but kept inside the plot (measured at the labels' 11 px), and a narrow bar's share loses its words.
    const centred = (text: string) => Math.min(right - textWidth(text, 11) / 2, Math.max(left + textWidth(text, 11) / 2, at + w / 2)).toFixed(1);
    const value = num(g.effect), level = fitText(g.level, Math.max(40, w - 4), 11), share = w >= 90 ? `${pct(g.share, 0)} of patients` : pct(g.share, 0);
    parts.push(`<text class="value-label" x="${centred(value)}" y="${labelY.toFixed(1)}" text-anchor="middle">${esc(value)}</text>`);
    parts.push(`<text class="tick" x="${centred(level)}" y="${bottom + 16}" text-anchor="middle">${esc(level)}</text>`);
    parts.push(`<text class="tick" x="${centred(share)}" y="${bottom + 29}" text-anchor="middle">${esc(share)}</text>`);
    at += w;
  }
  parts.push(`<line class="domain" x1="${left}" x2="${right}" y1="${y(0)}" y2="${y(0)}"/>`);
  parts.push(`<line class="mark average" x1="${left}" x2="${right}" y1="${y(r.average).toFixed(1)}" y2="${y(r.average).toFixed(1)}" stroke="${COLOURS.black}" stroke-width="2" stroke-dasharray="7 4"/>`);
  parts.push(`<text class="value-label" x="${right - 2}" y="${(y(r.average) - 5).toFixed(1)}" text-anchor="end">average ${esc(num(r.average))}</text>`);
  // The title takes what the cancellation index, right-aligned on the same line, leaves (the full title is its tooltip).
  const index = `cancellation index ${pct(Math.max(0, r.index), 0)}`;
  const title = `${r.comparison} across ${r.subgrouping}`;
  parts.push(`<text class="panel-title" x="${left}" y="16">${esc(fitText(title, right - left - textWidth(index, 10.5) - 12, 12.5, true))}<title>${esc(title)}</title></text>`);
  parts.push(`<text class="ref-text" x="${right}" y="16" text-anchor="end">${esc(index)}</text>`);
  parts.push(`<text class="tick" x="${(left + right) / 2}" y="${H - 8}" text-anchor="middle">Bar width = share of the population</text>`);
  if (Math.max(...values.map(Math.abs)) < floor / 5) {
    parts.push(`<text class="ref-text" x="${(left + right) / 2}" y="${(top + 14).toFixed(1)}" text-anchor="middle">no subgroup effect: nothing to cancel</text>`);
  }
  return figure('cancellation', `Subgroup effects and the average: ${r.comparison} across ${r.subgrouping} (${r.scale})`, W, H, parts.join(''), r.statement);
}

export function cancellationCharts(s: Pick<ReportSummary, 'cancellation'>): string | null {
  const rows = cancellationRows(s);
  if (rows.length === 0) return null;
  // Collapsible scales first: there the average is the weighted mean of the bars.
  const ordered = [...rows.filter((r) => COLLAPSIBLE.includes(r.scale)), ...rows.filter((r) => !COLLAPSIBLE.includes(r.scale))];
  return `<div class="small-multiples">${ordered.map(panel).join('\n')}</div>
<p class="note">On odds-ratio and hazard-ratio scales the average is the marginal effect, which is not a weighted mean of the subgroup effects (non-collapsibility), so read cancellation on the risk or mean difference.</p>`;
}
