/**
 * Flow of patients through the levels of a sequential (STAR*D-style) design:
 * per level, the patients who enter, split into what happens to them
 * (remission, dropout, moving on), with a band carrying those who move on to
 * the next level. Reads the summary key `flow`: rows (a list, or a mapping
 * keyed by level, or { levels: [...] }) with a name (`level` | `id` | `name`),
 * the number entering (`entered` | `entering` | `entrants` | `n`) and any
 * other numbers as the outcomes, in their order (times such as `startWeek`,
 * subtotals such as `notRemitting` and later events such as `relapsing` are
 * left out, as is any outcome that would overfill the bar); the outcome
 * whose name starts with moving on (`movingOn`, `movedOn`, `advanced`) feeds
 * the band to the next level. The sequential design's `flow.levels` rows
 * (`entering`, `remitting`, `droppingOut`, `intolerant`, `decliningNext`,
 * `endingWithoutRemission`, `movingOn`) partition each level exactly.
 */
import type { SummaryView } from '../types.js';
import { esc, count, clip } from '../../draw/escape.js';
import { seriesColour } from '../../draw/palette.js';
import { figure, legend, legendRows, linear, niceDomain, xAxis } from '../../draw/svg.js';
import { numberOf, pickName, pickNumber, rowsOf, words } from '../../draw/tolerant.js';

const NAME_KEYS = ['level', 'id', 'name', 'label'];
const TOTAL_KEYS = ['entered', 'entering', 'entrants', 'enter', 'n', 'patients'];
const MOVES_ON = /^(mov|advanc|progress|continu)/i;
/** Times, subtotals ("notRemitting") and later events ("relapsing") are not outcomes that split a level's entrants. */
const NOT_OUTCOMES = /week|month|time|day|^not[A-Z-]|total|relaps/i;

interface Level { name: string; entered: number; parts: { key: string; value: number }[] }

export function flowLevels(s: SummaryView): Level[] {
  return rowsOf(s.flow, 'level', ['levels', 'rows']).flatMap((r) => {
    const name = pickName(r, NAME_KEYS);
    const candidates = Object.entries(r)
      .filter(([k]) => !NAME_KEYS.includes(k) && !TOTAL_KEYS.includes(k) && !NOT_OUTCOMES.test(k))
      .flatMap(([key, v]) => { const value = numberOf(v); return value !== undefined ? [{ key, value }] : []; });
    // Moving on last, so its band leaves from the right end of the bar.
    candidates.sort((a, b) => Number(MOVES_ON.test(a.key)) - Number(MOVES_ON.test(b.key)));
    const entered = pickNumber(r, TOTAL_KEYS) ?? candidates.reduce((a, p) => a + p.value, 0);
    // Keep the outcomes that partition the entrants: a subtotal or a subset would overfill the bar.
    const parts: Level['parts'] = [];
    let used = 0;
    for (const c of candidates) {
      if (used + c.value <= entered * (1 + 1e-6) + 1e-9) { parts.push(c); used += c.value; }
    }
    return name !== undefined && entered > 0 ? [{ name, entered, parts }] : [];
  });
}

export function flowChart(s: SummaryView): string | null {
  const levels = flowLevels(s);
  if (levels.length === 0) return null;
  const keys = [...new Set(levels.flatMap((l) => l.parts.map((p) => p.key)))];
  const W = 760, left = 200, right = W - 70, bar = 26, gap = 38;
  const entries = keys.map((k, j) => ({ shape: 'square' as const, colour: seriesColour(j), text: words(k) }));
  const top = 22 + 16 * legendRows(left, entries);
  const bottom = top + levels.length * (bar + gap) - gap + 8;
  const x = linear(niceDomain(0, Math.max(...levels.map((l) => l.entered))), [left, right]);
  const parts = [xAxis(x, bottom, top, 'Patients per trial (expected)', (v) => count(v))];
  levels.forEach((l, i) => {
    const y = top + i * (bar + gap);
    parts.push(`<text class="row-label" x="${left - 8}" y="${y + 12}" text-anchor="end">${esc(clip(l.name, 30))}</text>`);
    parts.push(`<text class="tick" x="${left - 8}" y="${y + 25}" text-anchor="end">${esc(count(l.entered))} enter</text>`);
    parts.push(`<rect x="${left}" y="${y}" width="${(x(l.entered) - left).toFixed(1)}" height="${bar}" fill="none" stroke="#999"/>`);
    let at = left;
    for (const p of l.parts) {
      const width = x(p.value) - x(0);
      const k = keys.indexOf(p.key);
      parts.push(`<rect class="mark bar" x="${at.toFixed(1)}" y="${y}" width="${Math.max(0.5, width).toFixed(1)}" height="${bar}" fill="${seriesColour(k)}" fill-opacity="0.9"><title>${esc(`${l.name}, ${words(p.key)}: ${p.value.toFixed(1)}`)}</title></rect>`);
      if (width > 34) parts.push(`<text class="value-label inside" x="${(at + width / 2).toFixed(1)}" y="${y + 17}" text-anchor="middle">${esc(count(p.value))}</text>`);
      const next = levels[i + 1];
      if (next && MOVES_ON.test(p.key)) {
        const ny = y + bar + gap;
        parts.push(`<path class="mark band" d="M${at.toFixed(1)},${y + bar}L${(at + width).toFixed(1)},${y + bar}L${x(next.entered).toFixed(1)},${ny}L${left},${ny}Z" fill="${seriesColour(k)}" fill-opacity="0.18"/>`);
      }
      at += width;
    }
  });
  parts.push(legend(left, 14, entries));
  return figure('flow', 'Flow of patients through the levels', W, bottom + 44, parts.join(''),
    'Each bar is the patients entering a level, split by what happens to them; shaded bands carry those who move on to the next level.');
}
