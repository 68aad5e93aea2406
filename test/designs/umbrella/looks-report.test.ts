/**
 * The umbrella report's group-sequential section (issue 20, item 5): the
 * planned looks (information fraction, patients per substudy, efficacy bound,
 * its nominal p-value and the cumulative alpha the boundary spends, checked
 * against the design's alpha) and how often the simulated substudies
 * stopped early, in HTML and Markdown.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { scenarioFile } from '../../helpers/scenarios.js';
import { looksSection, looksMarkdown } from '../../../src/designs/umbrella/report.js';
import { summaryMarkdown } from '../../../src/report/markdown.js';
import { readWrittenSummary } from '../../../src/run/summary-schema.js';
import { umbrellaSections } from '../../../src/designs/umbrella/sections.js';
import { designView } from '../../helpers/summary.js';

describe('group-sequential looks in the umbrella report', async () => {
  const simulated = (await simulate(scenarioFile('scenarios/umbrella/separate-controls.yaml', { replicates: 300 }), { workers: 0 })).summary;
  const read = readWrittenSummary(simulated);
  const s = designView(simulated, umbrellaSections);
  const testing = { cumulativeAlpha: s.testing.cumulativeAlpha ?? [] };

  it('spends the design\'s one-sided alpha by the last look (Bonferroni over two substudies: 0.025)', () => {
    expect(testing.cumulativeAlpha).toHaveLength(3);
    expect(Math.abs(testing.cumulativeAlpha[2]! - 0.05 / 2)).toBeLessThan(1e-6);
  });

  it('tabulates the looks and the simulated early stops', () => {
    const html = looksSection(s)!;
    expect(html).toContain('<th>Patients, her2</th>');
    expect(html).toContain('<td>40</td>');
    expect(html).toContain('Stopped early for efficacy');
    const md = looksMarkdown(s)!;
    expect(md.split('\n')[0]).toBe('| Look | Information fraction | Patients, her2 | Patients, pik3ca | Efficacy bound z | Nominal one-sided p | Cumulative alpha |');
    expect(summaryMarkdown(read)).toContain('### Group-sequential looks');
  });
});
