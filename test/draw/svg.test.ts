/**
 * A chart's caption is text: names from a scenario (a decision's unit) or
 * from a summary.json read by `trialsim report` reach it, so it is escaped
 * where the figure is drawn, not by each caller.
 */
import { describe, it, expect } from 'vitest';
import { figure } from '../../src/draw/svg.js';

describe('figure', () => {
  it('escapes its caption: markup in a name is shown, never run', () => {
    const html = figure('c', 't', 10, 10, '', 'per <img src=x onerror=alert(1)> & "more"');
    expect(html).not.toContain('<img');
    expect(html).toContain('<figcaption>per &lt;img src=x onerror=alert(1)&gt; &amp; &quot;more&quot;</figcaption>');
  });

  it('draws no caption element without a caption', () => {
    expect(figure('c', 't', 10, 10, '')).not.toContain('figcaption');
  });
});
