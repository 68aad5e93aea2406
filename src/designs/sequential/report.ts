/**
 * Flow of patients through the levels of a sequential (STAR*D-style) design:
 * per level, the expected participants who enter, split into what happens
 * to them (remission, dropout, declining the next level, ending without
 * remission, moving on), with a band carrying those who move on to the next
 * level. Reads the summary section `flow` (sections.ts), whose outcomes
 * partition each level's entrants; an outcome that would overfill the bar
 * (rounding) is left out.
 */
import type { DesignSummary } from '../types.js';
import type { sequentialSections } from './sections.js';
import { esc, count, words } from '../../draw/escape.js';
import { fitText } from '../../draw/text-width.js';
import { seriesColour } from '../../draw/palette.js';
import { figure, legend, legendRows, linear, niceDomain, xAxis } from '../../draw/svg.js';

type SequentialSummary = DesignSummary<typeof sequentialSections>;

/** The outcomes that split a level's entrants, moving on last so its band leaves from the right end of the bar. */
const OUTCOMES = ['remitting', 'droppingOut', 'decliningNext', 'endingWithoutRemission', 'movingOn'] as const;
const MOVING_ON = 'movingOn';

interface Level { name: string; entered: number; parts: { key: string; value: number }[] }

export function flowLevels(s: SequentialSummary): Level[] {
  return s.flow.levels.flatMap((r) => {
    const candidates = OUTCOMES.flatMap((key) => { const value = r[key]; return value !== null ? [{ key, value }] : []; });
    const entered = r.entering ?? candidates.reduce((a, p) => a + p.value, 0);
    // Keep the outcomes that partition the entrants: a rounded outcome may overfill the bar.
    const parts: Level['parts'] = [];
    let used = 0;
    for (const c of candidates) {
      if (used + c.value <= entered * (1 + 1e-6) + 1e-9) { parts.push(c); used += c.value; }
    }
    return entered > 0 ? [{ name: r.level, entered, parts }] : [];
  });
}

export function flowChart(s: SequentialSummary): string | null {
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
    parts.push(`<text class="row-label" x="${left - 8}" y="${y + 12}" text-anchor="end">${esc(fitText(l.name, left - 16, 11.5))}</text>`);
    parts.push(`<text class="tick" x="${left - 8}" y="${y + 25}" text-anchor="end">${esc(count(l.entered))} enter</text>`);
    parts.push(`<rect x="${left}" y="${y}" width="${(x(l.entered) - left).toFixed(1)}" height="${bar}" fill="none" stroke="#999"/>`);
    let at = left;
    for (const p of l.parts) {
      const width = x(p.value) - x(0);
      const k = keys.indexOf(p.key);
      parts.push(`<rect class="mark bar" x="${at.toFixed(1)}" y="${y}" width="${Math.max(0.5, width).toFixed(1)}" height="${bar}" fill="${seriesColour(k)}" fill-opacity="0.9"><title>${esc(`${l.name}, ${words(p.key)}: ${p.value.toFixed(1)}`)}</title></rect>`);
      if (width > 34) parts.push(`<text class="value-label inside" x="${(at + width / 2).toFixed(1)}" y="${y + 17}" text-anchor="middle">${esc(count(p.value))}</text>`);
      const next = levels[i + 1];
      if (next && p.key === MOVING_ON) {
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
