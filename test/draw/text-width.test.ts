/**
 * Labels measured before layout (src/draw/text-width.ts): a fitted label is
 * never wider than its room, keeps as much of the text as fits, and
 * capitals and symbols count wider than lower-case letters (the browser
 * test checks the drawn charts themselves: test/report/browser.test.ts).
 */
import { describe, it, expect } from 'vitest';
import { fitText, textWidth } from '../../src/draw/text-width.js';

describe('label widths', () => {
  it('capitals and symbols are wider than lower case; a space is narrow', () => {
    expect(textWidth('CIT>SER', 10)).toBeGreaterThan(textWidth('cit-ser', 10));
    expect(textWidth(' ', 10)).toBeCloseTo(3.18, 10);
    expect(textWidth('ab', 10, true)).toBeCloseTo(1.1 * textWidth('ab', 10), 10);
  });

  it('a fitted label fits its room and keeps the longest prefix that does', () => {
    const label = 'difference in IPW value, CIT>SER>MRT>TCP vs CIT>BUP>MRT>TCP, profile=bupropion-responsive';
    for (const room of [40, 100, 233.5, 346, 600]) {
      const fitted = fitText(label, room, 11.5);
      expect(textWidth(fitted, 11.5)).toBeLessThanOrEqual(room);
      if (fitted !== label) {
        expect(fitted.endsWith('…')).toBe(true);
        const kept = fitted.slice(0, -1);
        expect(label.startsWith(kept)).toBe(true);
        // One more character would not have fitted.
        const longer = `${label.slice(0, kept.length + 1).trimEnd()}…`;
        if (longer.length > fitted.length) expect(textWidth(longer, 11.5)).toBeGreaterThan(room);
      }
    }
    expect(fitText('short', 346, 11.5)).toBe('short');
  });
});
