/**
 * The HTML reports as text: self-contained (no network, no external
 * scripts, styles or fonts), every chart named by `data-chart`, text
 * escaped, and design-specific sections drawn when their summary keys are
 * present and skipped, never fatal, when they are missing or unreadable.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { simulate } from '../../src/run/simulate.js';
import { runReportHtml, runSections } from '../../src/report/html/run-report.js';
import { screeningChart } from '../../src/designs/umbrella/report.js';
import { flowLevels } from '../../src/designs/sequential/report.js';
import { basketRows } from '../../src/designs/basket/report.js';
import { niceTicks } from '../../src/draw/svg.js';
import type { Summary } from '../../src/summary/summarise.js';
import { cancellationScenario, withDesignSections } from './sample-reports.js';

let summary: Summary;
beforeAll(async () => {
  summary = (await simulate(cancellationScenario(200, 100), { workers: 0 })).summary;
});

const charts = (html: string) => [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);

describe('run report', () => {
  it('is one self-contained file: no external script, style, font, image or link target', () => {
    const html = runReportHtml(withDesignSections(summary));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]*src=|<link[^>]*href=|@import|url\(|<img|<iframe/i);
    // The only URL is the SVG namespace name, which is never fetched.
    expect([...html.matchAll(/https?:\/\/[^"'\s)]+/g)].map((m) => m[0]).filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
    expect(html).toMatch(/@media print/);
  });

  it("draws the standard charts, and the design's own sections (from the design) when their keys are present", () => {
    expect(new Set(charts(runReportHtml(summary)))).toEqual(new Set(['power', 'forest', 'cancellation']));
    // A two-arm run with other designs' keys draws none of their sections: each design draws its own.
    expect(new Set(charts(runReportHtml(withDesignSections(summary))))).toEqual(new Set(['power', 'forest', 'cancellation']));
    expect(new Set(charts(runReportHtml(withDesignSections(summary, 'umbrella'))))).toEqual(new Set(['power', 'forest', 'cancellation', 'screening', 'screening-substudies']));
    expect(new Set(charts(runReportHtml(withDesignSections(summary, 'basket'))))).toEqual(new Set(['power', 'forest', 'cancellation', 'baskets']));
    expect(new Set(charts(runReportHtml(withDesignSections(summary, 'sequential'))))).toEqual(new Set(['power', 'forest', 'cancellation', 'flow']));
    expect(runSections(withDesignSections(summary, 'umbrella')).map((x) => x.title).slice(0, 2)).toEqual(['Power and type I error', 'Screening']);
  });

  it('skips design sections it cannot read, without failing', () => {
    const odd = { ...summary, screening: 5, baskets: 'none', flow: [{}], cancellation: [{ nonsense: true }] };
    for (const design of ['umbrella', 'basket', 'sequential', 'no-such-design']) {
      const asDesign = { ...odd, scenario: { ...odd.scenario, design } };
      expect(new Set(charts(runReportHtml(asDesign)))).toEqual(new Set(['power', 'forest']));
      expect(runSections(asDesign).map((s) => s.title)).not.toContain('Screening');
    }
  });

  it('escapes text from the scenario', () => {
    const html = runReportHtml({ ...summary, scenario: { ...summary.scenario, name: '<script>alert(1)</script> & "x"' } });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
  });
});

describe('design-specific sections', () => {
  it('screening falls back on the screening metrics when the summary has no screening key', () => {
    const s: Summary = { ...summary, metrics: [
      { id: 'screened', label: 'patients screened', mean: 900, sd: 1, min: 1, max: 1 },
      { id: 'screen-failures', label: 'screen failures', mean: 90, sd: 1, min: 1, max: 1 },
      { id: 'enrolled:egfr', label: 'enrolled in egfr', mean: 100, sd: 1, min: 1, max: 1 },
      { id: 'enrolled:alk', label: 'enrolled in alk', mean: 50, sd: 1, min: 1, max: 1 },
    ] };
    const html = screeningChart(s)!;
    expect(charts(html)).toEqual(['screening', 'screening-substudies']);
    expect(html).toContain('patients screened');
    expect(html).toContain('150 (17%)');
  });

  it('screening shows the simulated means with their spread, and the planned figures labelled planned (issue 20, item 1)', () => {
    const metric = (id: string, mean: number, sd: number) => ({ id, label: id, mean, sd, min: 0, max: 0 });
    const html = screeningChart({ ...summary,
      metrics: [metric('screened', 1020, 80), metric('enrolled', 300, 12), metric('enrolled:a', 200, 10), metric('enrolled:b', 100, 9)],
      screening: { method: 'expected', screened: 1331, enrolled: 360, enrolledBySubstudy: { a: 240, b: 120 }, metrics: { screened: 'screened', enrolled: 'enrolled', enrolledBySubstudy: { a: 'enrolled:a', b: 'enrolled:b' } } },
    })!;
    expect(html).toContain('Patients, simulated mean per trial');
    expect(html).toContain('1,020 ± 80 (100%)');
    expect(html).toContain('planned 1331.0 (fluid approximation)');
    expect(html).toContain('200 ± 10 (67%)');
    expect(html).not.toMatch(/\(expected\)/);
  });

  it('screening leaves out months and shares that sit beside the counts', () => {
    const html = screeningChart({ ...summary, screening: { method: 'expected', screened: 1000, enrolled: 400, duration: 16, screeningMonths: 16, perScreenedPatient: { eligible: 0.4 }, enrolledBySubstudy: { a: 300, b: 100 } } })!;
    expect(html).not.toMatch(/duration|screening months/);
    expect(html).toContain('400 (40%)');
  });

  it('the flow keeps the outcomes that partition each level, moving on last', () => {
    const levels = flowLevels({ ...summary, flow: { sampleSize: 100, levels: [
      { level: 'L1', startWeek: 0, entering: 100, remitting: 30, droppingOut: 10, notRemitting: 60, decliningNext: 20, movingOn: 40, relapsing: 5, options: { A: 100 } },
    ] } });
    expect(levels).toEqual([{ name: 'L1', entered: 100, parts: [{ key: 'remitting', value: 30 }, { key: 'droppingOut', value: 10 }, { key: 'decliningNext', value: 20 }, { key: 'movingOn', value: 40 }] }]);
  });

  it('basket rows are read from a list or a mapping, with estimates as numbers or objects', () => {
    const fromList = basketRows({ ...summary, baskets: [{ id: 'lung', trueRate: 0.3, estimates: [{ method: 'pooled', estimate: 0.25 }] }] });
    const fromMap = basketRows({ ...summary, baskets: { lung: { truth: { value: 0.3 }, methods: { pooled: 0.25 } } } });
    expect(fromList).toEqual([{ basket: 'lung', truth: 0.3, estimates: [{ method: 'pooled', value: 0.25, lower: undefined, upper: undefined }] }]);
    expect(fromMap).toEqual(fromList);
  });
});

describe('axes', () => {
  it('tick at steps of 1, 2 or 5 times a power of ten, with an exact zero', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.015, 0.001, 4)).toEqual([-0.015, -0.01, -0.005, 0]);
    expect(niceTicks(83, 517, 5)).toEqual([100, 200, 300, 400, 500]);
  });
});

describe('ranges of single-trial estimates stay inside the parameter (issue 20, item 3)', async () => {
  const { parameterRange } = await import('../../src/report/html/forest.js');
  it('knows the limits of rates and risk differences, and no limits elsewhere', () => {
    expect(parameterRange('response rate')).toEqual([0, 1]);
    expect(parameterRange('risk difference')).toEqual([-1, 1]);
    expect(parameterRange('log odds ratio')).toEqual([-Infinity, Infinity]);
    expect(parameterRange('log rate ratio')).toEqual([-Infinity, Infinity]);
    expect(parameterRange('mean difference')).toEqual([-Infinity, Infinity]);
  });
});

describe('the cancellation panel of a null effect (issue 20, item 4)', async () => {
  const { cancellationCharts } = await import('../../src/report/html/cancellation-chart.js');
  it('is drawn on the meaningful range and says there is nothing to cancel', () => {
    const row = { comparison: 'drug-vs-control', subgrouping: 'mplus', scale: 'risk difference', average: 0.0002, subgroups: [{ level: '0', share: 0.5, effect: -0.0003 }, { level: '1', share: 0.5, effect: 0.0007 }], index: 0.4, oppositeSigns: true, statement: 'x' };
    const html = cancellationCharts({ ...summary, cancellation: [row] })!;
    expect(html).toContain('no subgroup effect: nothing to cancel');
    // The axis reaches at least 5 percentage points on each side, not the noise's 0.0007.
    expect(html).toMatch(/>-0\.05</);
  });
});

describe('summary.md states the assumptions (issue 20, item 10)', async () => {
  const { assumptionsMarkdown, summaryMarkdown } = await import('../../src/report/markdown.js');
  it('lists every setting of the scenario with the run\'s replicates, seed and version', () => {
    const spec = { name: 'x', seed: 3, replicates: 100, population: { biomarkers: [{ id: 'm', type: 'binary', prevalence: 0.4 }], correlations: [] }, design: { type: 'two-arm', sampleSize: 300, analysis: { primary: { alpha: 0.05 } } } };
    const md = assumptionsMarkdown(spec, summary)!;
    expect(md).toContain('| `population.biomarkers[0].prevalence` | 0.4 |');
    expect(md).toContain('| `population.correlations` | none |');
    expect(md).toContain('| `design.analysis.primary.alpha` | 0.05 |');
    expect(md).toMatch(/\| `computed as` \| \d+ simulated trials, seed \d+ \|/);
    expect(summaryMarkdown(summary, spec).split('\n')[2]).toBe('### Assumptions');
    expect(summaryMarkdown(summary)).not.toContain('### Assumptions');
  });
});
